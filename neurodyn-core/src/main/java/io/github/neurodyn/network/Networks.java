package io.github.neurodyn.network;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * Entry point for building connectivity matrices. Random networks come from fluent builders
 * that validate in {@code build()}; the small deterministic test networks are built directly.
 *
 * <pre>{@code
 * Connectivity c = Networks.excitatoryInhibitory(200)
 *         .excitatoryFraction(0.5)
 *         .connectionProbability(0.1)
 *         .inhibitionDominance(3)
 *         .bulkRadius(10)
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p>Every result follows the convention {@code W[i][j]} = weight from presynaptic j onto
 * postsynaptic i, with excitatory neurons first.
 */
public final class Networks {

    /** Seed used by the random builders when none is set, so that unseeded builds repeat. */
    public static final long DEFAULT_SEED = 1L;

    /**
     * Largest number of neurons N accepted by every builder here: the N x N weight matrix is one
     * Java array, so N * N must not exceed {@code Integer.MAX_VALUE - 8}, the largest array
     * length that HotSpot allocates.
     */
    public static final int MAX_NEURONS = 46_340;

    private Networks() {
    }

    /**
     * Checks that N lies in [1, {@link #MAX_NEURONS}].
     *
     * @param neurons N
     * @param name the argument name for the message
     * @throws IllegalArgumentException naming the argument, its value and the allowed range
     */
    public static void requireNeuronCount(int neurons, String name) {
        Arguments.requireAtLeast(neurons, 1, name);
        if (neurons > MAX_NEURONS) {
            throw new IllegalArgumentException(String.format(
                    "%s must be at most %d, so that the N x N weight matrix fits one Java array "
                    + "(N * N <= Integer.MAX_VALUE - 8), found %d", name, MAX_NEURONS, neurons));
        }
    }

    /**
     * Starts a dense Gaussian network, W[i][j] ~ N(0, g^2/N).
     *
     * @param neurons N, checked (1 &lt;= N &lt;= {@link #MAX_NEURONS}) in {@code build()}
     * @return a builder with the defaults of {@link GaussianBuilder}
     */
    public static GaussianBuilder gaussian(int neurons) {
        return new GaussianBuilder(neurons);
    }

    /**
     * Starts a sparse excitatory/inhibitory network that follows Dale's law.
     *
     * @param neurons N, checked (1 &lt;= N &lt;= {@link #MAX_NEURONS}) in {@code build()}
     * @return a builder with the defaults of {@link ExcitatoryInhibitoryBuilder}
     */
    public static ExcitatoryInhibitoryBuilder excitatoryInhibitory(int neurons) {
        return new ExcitatoryInhibitoryBuilder(neurons);
    }

    /**
     * Starts a low-rank plus random network, W = M N^T / N + chi.
     *
     * @param neurons N, checked (1 &lt;= N &lt;= {@link #MAX_NEURONS}) in {@code build()}
     * @return a builder with the defaults of {@link LowRankBuilder}
     */
    public static LowRankBuilder lowRank(int neurons) {
        return new LowRankBuilder(neurons);
    }

    /**
     * Builds a feedforward chain: {@code W[i + 1][i] = weight} for i = 0 .. N - 2, all other
     * entries 0. W is nilpotent, so all eigenvalues are 0, yet a pulse into neuron 0 is
     * amplified along the chain when |weight| &gt; 1: the simplest nonnormal network.
     *
     * <p>Every neuron is excitatory when weight &gt;= 0 and inhibitory otherwise.
     *
     * @param neurons N, 1 &lt;= N &lt;= {@link #MAX_NEURONS}
     * @param weight the weight of each link, finite
     * @return the chain
     * @throws IllegalArgumentException if N lies outside [1, {@link #MAX_NEURONS}] or the weight is not finite
     */
    public static Connectivity feedforwardChain(int neurons, double weight) {
        requireNeuronCount(neurons, "number of neurons N");
        Arguments.requireFinite(weight, "weight");
        DMatrixRMaj w = new DMatrixRMaj(neurons, neurons);
        for (int i = 0; i + 1 < neurons; i++) {
            w.set(i + 1, i, weight);
        }
        return weight >= 0 ? Connectivity.of(w, neurons, 0) : Connectivity.of(w, 0, neurons);
    }

    /**
     * Builds the two-population balanced-amplification network of Murphy and Miller
     * (Neuron 61, 635, 2009), one excitatory and one inhibitory unit:
     * <pre>
     *   W = [[w, -k w],
     *        [w, -k w]]
     * </pre>
     * Its eigenvalues are 0 and w (1 - k). For k near 1 both are small, yet a difference between
     * the E and I rates drives their sum with the feedforward weight w (1 + k): balanced
     * amplification.
     *
     * @param weight w, finite and &gt;= 0
     * @param inhibitionRatio k, finite and &gt;= 0
     * @return the 2 x 2 network (neuron 0 excitatory, neuron 1 inhibitory)
     * @throws IllegalArgumentException if w or k is negative or not finite
     */
    public static Connectivity balancedAmplification(double weight, double inhibitionRatio) {
        return balancedAmplification(1, weight, inhibitionRatio);
    }

    /**
     * Builds the balanced-amplification network with m neurons per population and the
     * population weights spread evenly over the neurons:
     * <pre>
     *   W = [[ (w/m) 1,  -(k w/m) 1],
     *        [ (w/m) 1,  -(k w/m) 1]],   1 the m x m matrix of ones.
     * </pre>
     * The population means then follow the 2 x 2 network, and the eigenvalues are w (1 - k)
     * and 0 (2m - 1 times).
     *
     * @param neuronsPerPopulation m, 1 &lt;= m &lt;= {@link #MAX_NEURONS} / 2
     * @param weight w, finite and &gt;= 0
     * @param inhibitionRatio k, finite and &gt;= 0
     * @return the 2m x 2m network, the first m neurons excitatory
     * @throws IllegalArgumentException if m lies outside [1, {@link #MAX_NEURONS} / 2], or w or k is negative or not finite
     */
    public static Connectivity balancedAmplification(int neuronsPerPopulation, double weight, double inhibitionRatio) {
        Arguments.requireAtLeast(neuronsPerPopulation, 1, "neuronsPerPopulation m");
        if (neuronsPerPopulation > MAX_NEURONS / 2) {
            throw new IllegalArgumentException(String.format(
                    "neuronsPerPopulation m must be at most %d, so that the 2m x 2m weight matrix fits one "
                    + "Java array, found %d", MAX_NEURONS / 2, neuronsPerPopulation));
        }
        Arguments.requireNonNegative(weight, "weight w");
        Arguments.requireNonNegative(inhibitionRatio, "inhibitionRatio k");
        int m = neuronsPerPopulation;
        double excitatoryWeight = weight / m;
        double inhibitoryWeight = -inhibitionRatio * weight / m;
        DMatrixRMaj w = new DMatrixRMaj(2 * m, 2 * m);
        for (int i = 0; i < 2 * m; i++) {
            for (int j = 0; j < 2 * m; j++) {
                w.set(i, j, j < m ? excitatoryWeight : inhibitoryWeight);
            }
        }
        return Connectivity.of(w, m, m);
    }
}
