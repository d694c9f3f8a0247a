package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.Networks;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Published stability-optimisation set-ups: start networks and optimiser settings.
 *
 * <p>Both order neurons excitatory first and draw from seeded generators, so a seed gives
 * the same network on every platform.
 */
public final class SocPresets {

    /** Fraction of excitatory neurons in the Hennequin et al. (2014) network. */
    public static final double HENNEQUIN_EXCITATORY_FRACTION = 0.5;
    /** Connection probability of the Hennequin et al. (2014) network. */
    public static final double HENNEQUIN_PROBABILITY = 0.1;
    /** Ratio of inhibitory to excitatory weight magnitude in the Hennequin et al. (2014) network. */
    public static final double HENNEQUIN_GAMMA = 3.0;
    /** Radius of the bulk of the start spectrum in the Hennequin et al. (2014) network. */
    public static final double HENNEQUIN_RADIUS = 10.0;
    /** Target spectral abscissa of the Hennequin et al. (2014) preset. */
    public static final double HENNEQUIN_TARGET = 0.15;
    /** Learning rate of the Hennequin et al. (2014) preset. */
    public static final double HENNEQUIN_LEARNING_RATE = 10.0;

    /** Fraction of excitatory neurons in the Kao et al. (2021) network. */
    public static final double KAO_EXCITATORY_FRACTION = 0.8;
    /** Excitatory connection probability of the Kao et al. (2021) network. */
    public static final double KAO_PROBABILITY = 0.2;
    /** Row sum that keeps the uniform vector near this eigenvalue in the Kao et al. (2021) preset. */
    public static final double KAO_UNIFORM_EIGENVALUE = -10.0;
    /** Target spectral abscissa of the Kao et al. (2021) preset. */
    public static final double KAO_TARGET = 0.81;

    private SocPresets() {
    }

    /**
     * Builds the start network of Hennequin, Vogels and Gerstner (Neuron 82, 2014) with its
     * published parameters: half the neurons excitatory, {@code p = 0.1}, {@code gamma = 3},
     * {@code R = 10}; see {@link #hennequinNetwork(int, double, double, double, double, long)}.
     *
     * @param neurons {@code N}, at least 2
     * @param seed random seed
     * @return the {@code N x N} connectivity
     */
    public static DMatrixRMaj hennequinNetwork(int neurons, long seed) {
        Arguments.requireAtLeast(neurons, 2, "neurons");
        return hennequinNetwork(neurons, HENNEQUIN_EXCITATORY_FRACTION, HENNEQUIN_PROBABILITY, HENNEQUIN_GAMMA,
                HENNEQUIN_RADIUS, seed).weights();
    }

    /**
     * Builds a sparse excitatory/inhibitory start network in the form of Hennequin et al.
     * (2014) with {@link Networks#excitatoryInhibitory(int)}: no self-connections, each other
     * entry present with probability {@code p}, excitatory weights {@code w0 / sqrt(N)} and
     * inhibitory weights {@code -gamma w0 / sqrt(N)}, with
     * {@code w0 = R / sqrt(p (1 - p) (f + (1 - f) gamma^2))} and {@code f} the excitatory
     * fraction, so that the bulk of the spectrum has radius {@code R}. The mean weights add
     * an outlier eigenvalue, so the realised spectral radius can be larger.
     *
     * @param neurons {@code N}, at least 2
     * @param excitatoryFraction {@code f}; {@code round(f N)} neurons are excitatory and come
     *     first, and at least one of each type is required
     * @param probability connection probability {@code p}, in {@code (0, 1)}
     * @param gamma ratio of inhibitory to excitatory weight magnitude, positive
     * @param radius bulk spectral radius {@code R}, positive
     * @param seed random seed
     * @return the connectivity with its cell-type counts
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static Connectivity hennequinNetwork(
            int neurons, double excitatoryFraction, double probability, double gamma, double radius, long seed) {
        Arguments.requireAtLeast(neurons, 2, "neurons");
        Arguments.requirePositive(gamma, "gamma");
        Connectivity network = Networks.excitatoryInhibitory(neurons)
                .excitatoryFraction(excitatoryFraction)
                .connectionProbability(probability)
                .inhibitionDominance(gamma)
                .bulkRadius(radius)
                .spectrum(false)
                .seed(seed)
                .build();
        if (network.excitatoryCount() == 0 || network.inhibitoryCount() == 0) {
            throw new IllegalArgumentException(String.format(
                    "excitatoryFraction must leave at least one excitatory and one inhibitory neuron, "
                            + "found %d excitatory of %d", network.excitatoryCount(), neurons));
        }
        return network;
    }

    /**
     * Returns the optimiser set-up of Hennequin et al. (2014) on
     * {@link #hennequinNetwork(int, long)}: shift heuristic
     * {@code s = max(1.5 alpha, alpha + 0.2)}, learning rate 10, Dale projection, no
     * rebalancing, stop at {@code alpha(W) <= 0.15}.
     *
     * @param neurons {@code N}, at least 2
     * @param seed random seed of the start network
     * @return a builder that callers may adjust further
     */
    public static StabilityOptimizer.Builder hennequin2014(int neurons, long seed) {
        Connectivity network = hennequinNetwork(neurons, HENNEQUIN_EXCITATORY_FRACTION, HENNEQUIN_PROBABILITY,
                HENNEQUIN_GAMMA, HENNEQUIN_RADIUS, seed);
        return StabilityOptimizer.builder(network.weights(), network.excitatoryCount())
                .gradient(GradientRule.hennequinShift())
                .learningRate(HENNEQUIN_LEARNING_RATE)
                .targetAbscissa(HENNEQUIN_TARGET);
    }

    /**
     * Builds the start network of Kao, Sadabadi and Hennequin (Neuron 109, 2021): 80% of
     * the neurons excitatory; each neuron receives {@code round(p N_E)} excitatory inputs,
     * {@code p = 0.2}, from distinct random excitatory neurons other than itself, with
     * log-normal weights {@code exp(ln w0 + 0.5 z)}, {@code z} standard normal and
     * {@code w0 = 1.2 / sqrt(N p (1 - p))}; every inhibitory entry off the diagonal starts at
     * {@code -U(0, 1)}.
     *
     * @param neurons {@code N}, from 5 to {@link Networks#MAX_NEURONS}
     * @param seed random seed
     * @return the {@code N x N} connectivity
     */
    public static DMatrixRMaj kaoNetwork(int neurons, long seed) {
        Arguments.requireAtLeast(neurons, 5, "neurons");
        Networks.requireNeuronCount(neurons, "neurons");
        int excitatory = kaoExcitatoryCount(neurons);
        double p = KAO_PROBABILITY;
        double logW0 = Math.log(1.2 / Math.sqrt(neurons * p * (1 - p)));
        int inputs = (int) Math.round(p * excitatory);
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(neurons, neurons);
        int[] candidates = new int[excitatory];
        for (int i = 0; i < neurons; i++) {
            // Partial Fisher-Yates shuffle over the excitatory neurons other than i.
            int available = 0;
            for (int j = 0; j < excitatory; j++) {
                if (j != i) {
                    candidates[available++] = j;
                }
            }
            for (int k = 0; k < Math.min(inputs, available); k++) {
                int pick = k + random.nextInt(available - k);
                int j = candidates[pick];
                candidates[pick] = candidates[k];
                candidates[k] = j;
                w.set(i, j, Math.exp(logW0 + 0.5 * random.nextGaussian()));
            }
            for (int j = excitatory; j < neurons; j++) {
                if (j != i) {
                    w.set(i, j, -random.nextDouble());
                }
            }
        }
        return w;
    }

    /**
     * Returns the optimiser set-up of Kao et al. (2021) on {@link #kaoNetwork(int, long)}:
     * shift {@code s = max(1, 1.2 alpha)}, learning rate 1 on the unit-trace gradient,
     * diagonal excluded, Dale projection, rows of {@code W} kept at sum -10, stop at
     * {@code alpha(W) <= 0.81}.
     *
     * @param neurons {@code N}, at least 5
     * @param seed random seed of the start network
     * @return a builder that callers may adjust further
     */
    public static StabilityOptimizer.Builder kao2021(int neurons, long seed) {
        return StabilityOptimizer.builder(kaoNetwork(neurons, seed), kaoExcitatoryCount(neurons))
                .gradient(GradientRule.kaoShift())
                .learningRate(1.0)
                .excludeDiagonal(true)
                .uniformModeEigenvalue(KAO_UNIFORM_EIGENVALUE)
                .targetAbscissa(KAO_TARGET);
    }

    /**
     * Returns the number of excitatory neurons of the Kao et al. (2021) network.
     *
     * @param neurons {@code N}
     * @return {@code round(0.8 N)}
     */
    public static int kaoExcitatoryCount(int neurons) {
        return (int) Math.round(KAO_EXCITATORY_FRACTION * neurons);
    }
}
