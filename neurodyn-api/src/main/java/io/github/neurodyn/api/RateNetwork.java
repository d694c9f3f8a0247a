package io.github.neurodyn.api;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Immutable specification of a rate network
 * <pre>
 *     tau_i dx_i/dt = -x_i + sum_j W_ij phi(x_j) + h_i + u_i(t)
 * </pre>
 * with state x in R^N (dimensionless), time t in seconds, {@code W_ij} the weight from
 * presynaptic neuron j onto postsynaptic neuron i, per-neuron time constants tau_i in
 * seconds, a constant input (bias) h and an elementwise nonlinearity phi. The external input
 * u(t) belongs to a simulation, not to the network.
 *
 * <p>Build one with {@link #builder()}. Every accessor returns a copy.
 */
public final class RateNetwork {

    /** Time constant used when the builder is given none, in seconds. */
    public static final double DEFAULT_TIME_CONSTANT_SECONDS = 0.15;

    private final DMatrixRMaj weights;
    private final double[] timeConstants;
    private final double[] bias;
    private final Nonlinearity nonlinearity;

    private RateNetwork(DMatrixRMaj weights, double[] timeConstants, double[] bias, Nonlinearity nonlinearity) {
        this.weights = weights;
        this.timeConstants = timeConstants;
        this.bias = bias;
        this.nonlinearity = nonlinearity;
    }

    /**
     * Starts a builder with tau = 0.15 s, h = 0 and phi = ReLU; the weights are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder preset with this network's values, to derive a modified network.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().weights(weights).timeConstants(timeConstants).bias(bias).nonlinearity(nonlinearity);
    }

    /** @return the number of neurons N */
    public int size() {
        return weights.numRows;
    }

    /** @return a copy of the N x N weight matrix W, W(i, j) from neuron j onto neuron i */
    public DMatrixRMaj weights() {
        return weights.copy();
    }

    /** @return a copy of the per-neuron time constants, in seconds */
    public double[] timeConstants() {
        return timeConstants.clone();
    }

    /** @return a copy of the constant input h */
    public double[] bias() {
        return bias.clone();
    }

    /** @return the nonlinearity phi */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /**
     * Returns the Jacobian of the drift at x*, A = D^-1 (-I + W diag(phi'(x*))) with
     * D = diag(tau), in 1/s, so that a small deviation obeys d(delta x)/dt = A delta x.
     * Costs N^2 operations.
     *
     * @param xStar the expansion point, length N and finite (usually a fixed point)
     * @return the new N x N matrix A
     * @throws IllegalArgumentException if {@code xStar} is null, not finite or of the wrong length
     */
    public DMatrixRMaj linearisation(double[] xStar) {
        int n = size();
        Arguments.requireLength(xStar, n, "xStar");
        double[] slope = new double[n];
        nonlinearity.derivatives(xStar, slope, n);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            double inverseTau = 1.0 / timeConstants[i];
            for (int j = 0; j < n; j++) {
                double entry = weights.data[i * n + j] * slope[j];
                if (i == j) {
                    entry -= 1.0;
                }
                a.data[i * n + j] = entry * inverseTau;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return String.format("RateNetwork[N=%d, phi=%s, tau=%s s]", size(), nonlinearity.name(),
                allEqual(timeConstants) ? Double.toString(timeConstants[0]) : "per neuron");
    }

    private static boolean allEqual(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }

    /**
     * Builder for {@link RateNetwork}; {@link #build()} validates everything at once.
     */
    public static final class Builder {
        private DMatrixRMaj weights;
        private double timeConstant = DEFAULT_TIME_CONSTANT_SECONDS;
        private double[] timeConstants;
        private double[] bias;
        private Nonlinearity nonlinearity = Nonlinearity.relu();

        private Builder() {
        }

        /**
         * Sets W, copied at {@link #build()}.
         *
         * @param weights N x N, W(i, j) the weight from neuron j onto neuron i
         * @return this builder
         */
        public Builder weights(DMatrixRMaj weights) {
            this.weights = weights;
            return this;
        }

        /**
         * Sets one time constant for every neuron, replacing any per-neuron values.
         *
         * @param seconds tau in seconds, positive
         * @return this builder
         */
        public Builder timeConstant(double seconds) {
            this.timeConstant = seconds;
            this.timeConstants = null;
            return this;
        }

        /**
         * Sets per-neuron time constants, copied at {@link #build()}.
         *
         * @param seconds tau_i in seconds, length N, each positive
         * @return this builder
         */
        public Builder timeConstants(double[] seconds) {
            this.timeConstants = seconds;
            return this;
        }

        /**
         * Sets the constant input h, copied at {@link #build()}; zero when not set.
         *
         * @param bias length N
         * @return this builder
         */
        public Builder bias(double[] bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets phi; ReLU when not set.
         *
         * @param nonlinearity the nonlinearity
         * @return this builder
         */
        public Builder nonlinearity(Nonlinearity nonlinearity) {
            this.nonlinearity = nonlinearity;
            return this;
        }

        /**
         * Validates the settings and builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if W is missing, not square, empty or not finite, a
         *     time constant is not positive and finite or so small that 1/tau overflows, h has
         *     the wrong length or is not finite, or phi is null
         */
        public RateNetwork build() {
            Arguments.requireSquare(weights, "weights");
            int n = weights.numRows;
            Arguments.requireAtLeast(n, 1, "weights.numRows");
            double[] tau;
            if (timeConstants == null) {
                requireInvertible(timeConstant, "timeConstant (s)");
                tau = new double[n];
                Arrays.fill(tau, timeConstant);
            } else {
                tau = Arguments.requireLength(timeConstants, n, "timeConstants").clone();
                for (int i = 0; i < n; i++) {
                    requireInvertible(tau[i], "timeConstants[" + i + "] (s)");
                }
            }
            double[] h = bias == null ? new double[n] : Arguments.requireLength(bias, n, "bias").clone();
            Arguments.requireNonNull(nonlinearity, "nonlinearity");
            return new RateNetwork(weights.copy(), tau, h, nonlinearity);
        }

        /** Checks that tau is positive and finite and that 1/tau, a factor of the drift, is finite. */
        private static void requireInvertible(double tau, String name) {
            Arguments.requirePositive(tau, name);
            if (Double.isInfinite(1.0 / tau)) {
                throw new IllegalArgumentException(String.format(
                        "%s = %s is too small because 1/tau overflows; expected at least %s",
                        name, tau, 1.0 / Double.MAX_VALUE));
            }
        }
    }
}
