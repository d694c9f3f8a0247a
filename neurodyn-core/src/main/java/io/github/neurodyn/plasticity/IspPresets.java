package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.Networks;
import java.util.Arrays;

/**
 * The default inhibitory-plasticity experiment: an excitatory/inhibitory network whose
 * excitation is too strong for its initial inhibition, trained by {@link InhibitoryPlasticity}
 * until inhibition keeps it at the target rate.
 *
 * <p>Network: N neurons, 80% excitatory, every connection j &rarr; i (i != j) present with
 * probability p = 0.5, excitatory weights w_E and inhibitory weights -w_I chosen from mean
 * loop gains: N<sub>E</sub> p w_E = 2 (the mean excitatory input per unit excitatory rate)
 * and N<sub>I</sub> p w_I = 0.5 at the start. With phi = ReLU (gain 1 for active neurons) the
 * excitatory block has an outlier eigenvalue near 2 and the whole network one near 1.5, so
 * both are unstable. Input: a constant 2 to every neuron plus independent
 * Ornstein-Uhlenbeck noise (amplitude 0.3, time constant 0.05 s). Rule: rho0 = 1,
 * eta = 0.05 /s, plastic onto both populations, existing synapses only.
 *
 * <p>Mean-field reasoning behind the choice: with both populations at rho0 the fixed point
 * needs a mean inhibitory loop gain of 2 - 1 + 2/rho0 = 3 onto each population, which gives
 * the stable population matrix [[2, -3], [2, -3]] (eigenvalues 0 and -1) while the excitatory
 * loop gain 2 stays above 1: an inhibition-stabilised operating point.
 */
public final class IspPresets {

    /** Default number of neurons. */
    public static final int NEURONS = 200;
    /** Fraction of excitatory neurons. */
    public static final double EXCITATORY_FRACTION = 0.8;
    /** Connection probability of every pair i != j. */
    public static final double CONNECTION_PROBABILITY = 0.5;
    /** Mean excitatory loop gain N_E p w_E, above 1 so that the excitatory block is unstable. */
    public static final double EXCITATORY_GAIN = 2.0;
    /** Mean inhibitory loop gain N_I p w_I of the start network. */
    public static final double INITIAL_INHIBITORY_GAIN = 0.5;
    /** Target rate rho0, in the units of phi. */
    public static final double TARGET_RATE = 1.0;
    /** Constant input to every neuron during training, in state units. */
    public static final double INPUT = 2.0;
    /** Amplitude (standard deviation) of the input noise, in state units. */
    public static final double NOISE_AMPLITUDE = 0.3;
    /** Correlation time of the input noise, in seconds. */
    public static final double NOISE_TIME_CONSTANT_SECONDS = 0.05;
    /** Learning rate, in 1/s per squared rate unit. */
    public static final double LEARNING_RATE = 0.05;

    private IspPresets() {
    }

    /**
     * Builds the start network with {@link Networks#excitatoryInhibitory(int)}.
     *
     * @param neurons N, at least 5 so that both populations exist
     * @param seed seed of the random connectivity
     * @return the connectivity, excitatory neurons first
     * @throws IllegalArgumentException if N &lt; 5
     */
    public static Connectivity startNetwork(int neurons, long seed) {
        Arguments.requireAtLeast(neurons, 5, "neurons");
        int excitatory = (int) Math.round(EXCITATORY_FRACTION * neurons);
        int inhibitory = neurons - excitatory;
        double excitatoryWeight = EXCITATORY_GAIN / (excitatory * CONNECTION_PROBABILITY);
        double inhibitoryWeight = INITIAL_INHIBITORY_GAIN / (inhibitory * CONNECTION_PROBABILITY);
        return Networks.excitatoryInhibitory(neurons)
                .excitatoryFraction(EXCITATORY_FRACTION)
                .connectionProbability(CONNECTION_PROBABILITY)
                .weightScale(excitatoryWeight * Math.sqrt(neurons))
                .inhibitionDominance(inhibitoryWeight / excitatoryWeight)
                .spectrum(false)
                .seed(seed)
                .build();
    }

    /**
     * Returns the rate network of the start connectivity: phi = ReLU, tau = 0.15 s, h = 0
     * (the training input is given separately).
     *
     * @param start the connectivity
     * @return the network
     */
    public static RateNetwork network(Connectivity start) {
        return RateNetwork.builder()
                .weights(start.weights())
                .timeConstant(RateNetwork.DEFAULT_TIME_CONSTANT_SECONDS)
                .nonlinearity(Nonlinearity.relu())
                .build();
    }

    /**
     * Returns the rule builder with the preset's rho0 and eta.
     *
     * @param start the connectivity
     * @return a builder that callers may adjust further
     */
    public static InhibitoryPlasticity.Builder rule(Connectivity start) {
        return InhibitoryPlasticity.builder(start.weights(), start.excitatoryCount())
                .targetRate(TARGET_RATE)
                .learningRate(LEARNING_RATE);
    }

    /**
     * Returns the constant training input, {@link #INPUT} on every neuron.
     *
     * @param neurons N
     * @return a new array of length N
     */
    public static double[] input(int neurons) {
        double[] u = new double[neurons];
        Arrays.fill(u, INPUT);
        return u;
    }

    /** @return the training noise, independent per neuron */
    public static OrnsteinUhlenbeckNoise noise() {
        return OrnsteinUhlenbeckNoise.independent(NOISE_TIME_CONSTANT_SECONDS, NOISE_AMPLITUDE);
    }
}
