package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * A ReLU rate network {@code tau dx/dt = -x + W [x]_+ + h} held at a spontaneous state
 * x_spont by the constant input {@code h = x_spont - W [x_spont]_+}, which makes x_spont a
 * fixed point. With every entry of x_spont positive the linearisation there is
 * {@code A = (W - I)/tau}, so the linear theory of optimal initial conditions applies to
 * small deviations.
 *
 * @param network the rate network with ReLU, the time constant and the input h
 * @param spontaneousState the fixed point x_spont, every entry positive
 * @param excitatoryCount the number N_E of excitatory neurons, which come first
 * @param clippedCount how many entries of the drawn x_spont were raised to {@link #MINIMUM_RATE}
 */
public record SpontaneousNetwork(
        RateNetwork network, double[] spontaneousState, int excitatoryCount, int clippedCount) {

    /** Mean of the default spontaneous state. */
    public static final double DEFAULT_MEAN = 1.0;
    /** Standard deviation of the default spontaneous state. */
    public static final double DEFAULT_SPREAD = 0.15;
    /**
     * Smallest entry of a drawn spontaneous state: draws below it are raised to it. With the
     * defaults this needs z below -6, which has probability about 1e-9 per neuron.
     */
    public static final double MINIMUM_RATE = 0.1;

    /**
     * Validates and copies.
     *
     * @param network the rate network with ReLU, the time constant and the input h
     * @param spontaneousState the fixed point x_spont, every entry positive
     * @param excitatoryCount the number N_E of excitatory neurons, which come first
     * @param clippedCount how many entries of the drawn x_spont were raised to {@link #MINIMUM_RATE}
     *
     * @throws IllegalArgumentException if an argument is null, the state has the wrong length,
     *     an entry is not positive, or the excitatory count is outside [1, N]
     */
    public SpontaneousNetwork {
        Arguments.requireNonNull(network, "network");
        int n = network.size();
        Arguments.requireLength(spontaneousState, n, "spontaneousState");
        for (int i = 0; i < n; i++) {
            Arguments.requirePositive(spontaneousState[i], "spontaneousState[" + i + "]");
        }
        Arguments.requireInRange(excitatoryCount, 1, n, "excitatoryCount");
        Arguments.requireInRange(clippedCount, 0, n, "clippedCount");
        spontaneousState = spontaneousState.clone();
    }

    /**
     * Builds the network around the default spontaneous state
     * {@code x_spont = 1 + 0.15 z}, z standard normal from {@code java.util.Random(seed)}, with
     * entries below {@link #MINIMUM_RATE} raised to it.
     *
     * @param weights W, N x N, W(i, j) from neuron j onto neuron i
     * @param excitatoryCount the number N_E of excitatory neurons, listed first
     * @param timeConstant tau in seconds, positive (0.15 s in the published models)
     * @param seed seed of the draw of z
     * @return the network at its spontaneous state
     * @throws IllegalArgumentException if W is null, not square or not finite, N_E is outside
     *     [1, N] or tau is not positive
     */
    public static SpontaneousNetwork around(DMatrixRMaj weights, int excitatoryCount, double timeConstant,
            long seed) {
        Arguments.requireSquare(weights, "weights");
        Random random = new Random(seed);
        double[] state = new double[weights.numRows];
        int clipped = 0;
        for (int i = 0; i < state.length; i++) {
            state[i] = DEFAULT_MEAN + DEFAULT_SPREAD * random.nextGaussian();
            if (state[i] < MINIMUM_RATE) {
                state[i] = MINIMUM_RATE;
                clipped++;
            }
        }
        SpontaneousNetwork built = at(weights, excitatoryCount, timeConstant, state);
        return new SpontaneousNetwork(built.network, built.spontaneousState, excitatoryCount, clipped);
    }

    /**
     * Builds the network around a given positive spontaneous state.
     *
     * @param weights W, N x N
     * @param excitatoryCount the number N_E of excitatory neurons, listed first
     * @param timeConstant tau in seconds, positive
     * @param spontaneousState x_spont, length N, every entry positive
     * @return the network at its spontaneous state
     * @throws IllegalArgumentException on a null, misshapen or non-finite argument, a
     *     non-positive entry of x_spont or tau, or N_E outside [1, N]
     */
    public static SpontaneousNetwork at(DMatrixRMaj weights, int excitatoryCount, double timeConstant,
            double[] spontaneousState) {
        Arguments.requireSquare(weights, "weights");
        Arguments.requireFinite(weights, "weights");
        int n = weights.numRows;
        Arguments.requireLength(spontaneousState, n, "spontaneousState");

        // h = x_spont - W [x_spont]_+, and [x_spont]_+ = x_spont because every entry is positive.
        double[] bias = new double[n];
        for (int i = 0; i < n; i++) {
            double recurrent = 0;
            for (int j = 0; j < n; j++) {
                recurrent += weights.data[i * n + j] * Math.max(spontaneousState[j], 0);
            }
            bias[i] = spontaneousState[i] - recurrent;
        }
        RateNetwork network = RateNetwork.builder().weights(weights).timeConstant(timeConstant)
                .bias(bias).nonlinearity(Nonlinearity.relu()).build();
        return new SpontaneousNetwork(network, spontaneousState, excitatoryCount, 0);
    }

    /** @return a copy of x_spont */
    @Override
    public double[] spontaneousState() {
        return spontaneousState.clone();
    }

    /** @return the number of neurons N */
    public int size() {
        return network.size();
    }

    /** @return the linearisation A = (W - I)/tau at x_spont, in 1/s */
    public DMatrixRMaj linearisation() {
        return network.linearisation(spontaneousState);
    }

    /** @return the time constant of neuron 0, in seconds */
    public double timeConstant() {
        return network.timeConstants()[0];
    }
}
