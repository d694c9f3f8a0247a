package io.github.neurodyn.network;

import io.github.neurodyn.api.Arguments;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builder of a sparse excitatory/inhibitory network that follows Dale's law.
 *
 * <p>The first N<sub>E</sub> = round(f N) neurons are excitatory, the other N<sub>I</sub> are
 * inhibitory. Each possible connection j &rarr; i exists independently with probability p.
 * Without self-connections (the default) p applies to the N(N - 1) pairs with i != j and the
 * diagonal is 0; with self-connections it applies to all N<sup>2</sup> entries. An existing
 * connection has the weight
 * <pre>
 *   W[i][j] =  w0 / sqrt(N)            (j excitatory)
 *   W[i][j] = -gamma w0 / sqrt(N)      (j inhibitory)
 * </pre>
 * The weight scale w0 is either set directly or derived from the bulk spectral radius R, the
 * radius of the disc that contains all but the outlying eigenvalues for large N (Rajan and Abbott,
 * Phys. Rev. Lett. 97, 188104, 2006):
 * <pre>
 *   R = w0 sqrt(p (1 - p) (f + (1 - f) gamma^2)),   so   w0 = R / sqrt(p (1 - p) (f + (1 - f) gamma^2)),
 * </pre>
 * with f the realised fraction N<sub>E</sub>/N. The mean weights add an outlying eigenvalue near
 * {@code p sqrt(N) w0 (f - (1 - f) gamma)}, so the spectral radius of W can exceed R.
 *
 * <p>Log-normal excitatory weights: with {@code logNormalExcitatory(sigma)}, each excitatory
 * weight is {@code (w0 / sqrt(N)) exp(sigma z - sigma^2 / 2)} with z ~ N(0, 1), so its mean stays
 * w0/sqrt(N) and its coefficient of variation is {@code sqrt(exp(sigma^2) - 1)}. R then includes
 * the extra variance: {@code R^2 = w0^2 p (f (exp(sigma^2) - p) + (1 - f) gamma^2 (1 - p))}.
 *
 * <p>Balanced rows: {@code balanceRows(s)} multiplies the inhibitory weights of each row i by
 * {@code (s - E_i) / I_i}, where E_i &gt;= 0 and I_i &lt;= 0 are the row's excitatory and
 * inhibitory sums, so that the row sums to s while signs and sparsity stay as drawn. This
 * changes the effective gamma of each row, so the bulk radius no longer follows the formula
 * above.
 *
 * <p>Defaults: f = 0.5, p = 0.1, gamma = 3, R = 1, sigma = 0 (fixed weights), no
 * self-connections, no row balancing, seed {@link Networks#DEFAULT_SEED}. Draws come row by row
 * from an {@code L64X128MixRandom} generator: one uniform number per possible connection, then
 * one Gaussian for each excitatory connection when sigma &gt; 0. The same seed gives a
 * bit-identical W.
 *
 * <p>Setters only store their value; {@link #build()} validates all of them.
 */
public final class ExcitatoryInhibitoryBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ExcitatoryInhibitoryBuilder.class);

    /**
     * Largest log-normal sigma that {@link #build()} accepts, about 26.64: above it exp(sigma^2),
     * the factor in the excitatory weight variance, overflows a double.
     */
    public static final double MAX_LOG_NORMAL_SIGMA = Math.sqrt(Math.log(Double.MAX_VALUE));

    private final int size;
    private double excitatoryFraction = 0.5;
    private double connectionProbability = 0.1;
    private double inhibitionDominance = 3.0;
    private double bulkRadius = 1.0;
    private double weightScale = Double.NaN;
    private boolean scaleFromRadius = true;
    private double logNormalSigma;
    private boolean selfConnections;
    private boolean balanceRows;
    private double rowSum;
    private long seed = Networks.DEFAULT_SEED;
    private boolean spectrum = true;

    ExcitatoryInhibitoryBuilder(int size) {
        this.size = size;
    }

    /**
     * Sets the fraction f of excitatory neurons; N<sub>E</sub> = round(f N).
     *
     * @param f a probability in [0, 1] (default 0.5)
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder excitatoryFraction(double f) {
        this.excitatoryFraction = f;
        return this;
    }

    /**
     * Sets the connection probability p.
     *
     * @param p a probability in [0, 1] (default 0.1)
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder connectionProbability(double p) {
        this.connectionProbability = p;
        return this;
    }

    /**
     * Sets the inhibition dominance gamma, the ratio of inhibitory to excitatory weight
     * magnitudes.
     *
     * @param gamma finite and &gt;= 0 (default 3)
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder inhibitionDominance(double gamma) {
        this.inhibitionDominance = gamma;
        return this;
    }

    /**
     * Derives w0 from the bulk spectral radius R (the default mode). Replaces an earlier
     * {@link #weightScale(double)}.
     *
     * @param radius R, finite and &gt; 0 (default 1)
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder bulkRadius(double radius) {
        this.bulkRadius = radius;
        this.scaleFromRadius = true;
        return this;
    }

    /**
     * Sets the weight scale w0 directly. Replaces an earlier {@link #bulkRadius(double)}.
     *
     * @param w0 finite and &gt; 0
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder weightScale(double w0) {
        this.weightScale = w0;
        this.scaleFromRadius = false;
        return this;
    }

    /**
     * Draws the excitatory weights from a log-normal distribution with the same mean; see the
     * class documentation for the parameterisation.
     *
     * @param sigma the standard deviation of the underlying normal, &gt;= 0 and at most about
     *     26.64, where exp(sigma^2) overflows (default 0: fixed weights)
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder logNormalExcitatory(double sigma) {
        this.logNormalSigma = sigma;
        return this;
    }

    /**
     * Sets whether connections onto the sending neuron itself may exist (default no).
     *
     * @param allowed {@code true} to apply p to the diagonal too
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder selfConnections(boolean allowed) {
        this.selfConnections = allowed;
        return this;
    }

    /**
     * Makes every row sum to {@code rowSum} by scaling its inhibitory weights; see the class
     * documentation.
     *
     * @param rowSum the target sum of each row, finite
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder balanceRows(double rowSum) {
        this.balanceRows = true;
        this.rowSum = rowSum;
        return this;
    }

    /**
     * Sets whether {@code build()} computes the spectral radius and abscissa (default yes).
     * Skipping them saves the O(N<sup>3</sup>) eigenvalue decomposition for large N; both are
     * then NaN in the result.
     *
     * @param compute {@code false} to skip the eigenvalues
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder spectrum(boolean compute) {
        this.spectrum = compute;
        return this;
    }

    /**
     * Sets the seed of the random generator.
     *
     * @param seed any value (default {@link Networks#DEFAULT_SEED})
     * @return this builder
     */
    public ExcitatoryInhibitoryBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Validates the parameters, draws W and computes its diagnostics.
     *
     * <p>Cost: N<sup>2</sup> uniform draws plus, unless {@code spectrum(false)}, the eigenvalue
     * decomposition of {@link Connectivity#of(DMatrixRMaj, int, int)}.
     *
     * @return the network, with {@link Connectivity#excitatoryCount()} = N<sub>E</sub>
     * @throws IllegalArgumentException if N lies outside [1, {@link Networks#MAX_NEURONS}]; f or p lies
     *     outside [0, 1]; gamma or sigma
     *     is negative or not finite; sigma exceeds {@link #MAX_LOG_NORMAL_SIGMA}; R or w0 is not
     *     positive and finite; R cannot be reached because the weights have no variance (for
     *     example p = 0, or p = 1 with sigma = 0); or a row cannot be balanced to rowSum (no
     *     inhibitory input, or rowSum above the row's excitatory sum)
     */
    public Connectivity build() {
        Networks.requireNeuronCount(size, "number of neurons N");
        Arguments.requireProbability(excitatoryFraction, "excitatoryFraction f");
        Arguments.requireProbability(connectionProbability, "connectionProbability p");
        Arguments.requireNonNegative(inhibitionDominance, "inhibitionDominance gamma");
        Arguments.requireNonNegative(logNormalSigma, "logNormalExcitatory sigma");
        requireFiniteVarianceFactor(logNormalSigma);
        if (balanceRows) {
            Arguments.requireFinite(rowSum, "rowSum");
        }
        int excitatory = (int) Math.round(excitatoryFraction * size);
        double w0 = scaleFromRadius ? weightScaleFor(excitatory) : Arguments.requirePositive(weightScale, "weightScale w0");

        // Draw the connections, one uniform number per possible entry
        RandomGenerator random = RandomWeights.generator(seed);
        double excitatoryWeight = w0 / Math.sqrt(size);
        double inhibitoryWeight = -inhibitionDominance * w0 / Math.sqrt(size);
        double p = connectionProbability;
        double sigma = logNormalSigma;
        DMatrixRMaj w = new DMatrixRMaj(size, size);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if ((i == j && !selfConnections) || !(random.nextDouble() < p)) {
                    continue;
                }
                if (j >= excitatory) {
                    w.set(i, j, inhibitoryWeight);
                } else if (sigma > 0) {
                    w.set(i, j, excitatoryWeight * Math.exp(sigma * random.nextGaussian() - 0.5 * sigma * sigma));
                } else {
                    w.set(i, j, excitatoryWeight);
                }
            }
        }

        if (balanceRows) {
            scaleInhibitoryRows(w, excitatory, rowSum);
        }
        LOG.debug("E/I network: N = {}, N_E = {}, p = {}, gamma = {}, w0 = {}, sigma = {}, seed = {}",
                size, excitatory, p, inhibitionDominance, w0, sigma, seed);
        return Connectivity.of(w, excitatory, size - excitatory, spectrum);
    }

    /**
     * Rejects a sigma whose exp(sigma^2) overflows. The weight variance would be infinite, so w0
     * from R would become 0 and the network would silently have no connections.
     */
    private static void requireFiniteVarianceFactor(double sigma) {
        if (sigma > MAX_LOG_NORMAL_SIGMA) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "logNormalExcitatory sigma = %s is too large: exp(sigma^2) overflows, so the weight "
                            + "variance is infinite; expected sigma <= %.2f",
                    sigma, MAX_LOG_NORMAL_SIGMA));
        }
    }

    /** Returns w0 for the requested bulk radius, using the realised excitatory fraction. */
    private double weightScaleFor(int excitatory) {
        Arguments.requirePositive(bulkRadius, "bulkRadius R");
        double f = excitatory / (double) size;
        double p = connectionProbability;
        double gamma = inhibitionDominance;
        double varianceFactor = p * (f * (Math.exp(logNormalSigma * logNormalSigma) - p)
                + (1 - f) * gamma * gamma * (1 - p));
        if (!(varianceFactor > 0)) {
            throw new IllegalArgumentException(String.format(
                    "bulkRadius R = %s cannot be reached because the weights have no variance "
                            + "(p = %s, f = %s, gamma = %s, sigma = %s); expected 0 < p < 1 and a cell type "
                            + "with nonzero weights, or set weightScale w0 instead",
                    bulkRadius, p, f, gamma, logNormalSigma));
        }
        return bulkRadius / Math.sqrt(varianceFactor);
    }

    private static void scaleInhibitoryRows(DMatrixRMaj w, int excitatory, double rowSum) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            double excitatorySum = 0;
            double inhibitorySum = 0;
            for (int j = 0; j < n; j++) {
                if (j < excitatory) {
                    excitatorySum += w.get(i, j);
                } else {
                    inhibitorySum += w.get(i, j);
                }
            }
            if (inhibitorySum == 0.0 && excitatorySum == rowSum) {
                continue;
            }
            double factor = (rowSum - excitatorySum) / inhibitorySum;
            if (inhibitorySum == 0.0 || !(factor >= 0)) {
                throw new IllegalArgumentException(String.format(
                        "rowSum = %s cannot be reached in row %d by scaling its inhibitory weights: "
                                + "their sum is %s and the excitatory sum is %s; expected rowSum <= the "
                                + "excitatory sum and at least one inhibitory input (raise p or N, or change the seed)",
                        rowSum, i, inhibitorySum, excitatorySum));
            }
            for (int j = excitatory; j < n; j++) {
                w.set(i, j, factor * w.get(i, j));
            }
        }
    }
}
