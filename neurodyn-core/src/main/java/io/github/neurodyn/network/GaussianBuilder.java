package io.github.neurodyn.network;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builder of a dense random network with i.i.d. Gaussian weights {@code W[i][j] ~ N(0, g^2/N)}
 * (Sompolinsky, Crisanti and Sommers, Phys. Rev. Lett. 61, 259, 1988). For large N the
 * eigenvalues fill the disc of radius g (circular law), and the network
 * {@code tau dx/dt = -x + W tanh(x)} is chaotic for g &gt; 1.
 *
 * <p>Defaults: g = 1, self-connections drawn like every other entry, no row balancing,
 * seed {@link Networks#DEFAULT_SEED}. The entries are drawn row by row from an
 * {@code L64X128MixRandom} generator, so the same seed gives a bit-identical W.
 * The neurons have no cell types: {@link Connectivity#excitatoryCount()} and
 * {@link Connectivity#inhibitoryCount()} are 0.
 *
 * <p>Setters only store their value; {@link #build()} validates all of them.
 */
public final class GaussianBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(GaussianBuilder.class);

    private final int size;
    private double gain = 1.0;
    private boolean selfConnections = true;
    private boolean balanceRows;
    private double rowSum;
    private long seed = Networks.DEFAULT_SEED;
    private boolean spectrum = true;

    GaussianBuilder(int size) {
        this.size = size;
    }

    /**
     * Sets the gain g, the standard deviation of the weights times sqrt(N).
     *
     * @param g the gain, finite and &gt;= 0 (default 1)
     * @return this builder
     */
    public GaussianBuilder gain(double g) {
        this.gain = g;
        return this;
    }

    /**
     * Sets whether the diagonal entries W[i][i] are drawn (default) or set to 0.
     *
     * @param allowed {@code true} to draw the diagonal
     * @return this builder
     */
    public GaussianBuilder selfConnections(boolean allowed) {
        this.selfConnections = allowed;
        return this;
    }

    /**
     * Makes every row sum to {@code rowSum} by adding the same amount to each nonzero entry of
     * the row: {@code W[i][j] += (rowSum - sum_k W[i][k]) / n_i} over the n_i nonzero entries.
     * With rowSum = 0 the uniform vector becomes an eigenvector with eigenvalue 0.
     *
     * @param rowSum the target sum of each row, finite
     * @return this builder
     */
    public GaussianBuilder balanceRows(double rowSum) {
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
    public GaussianBuilder spectrum(boolean compute) {
        this.spectrum = compute;
        return this;
    }

    /**
     * Sets the seed of the random generator.
     *
     * @param seed any value (default {@link Networks#DEFAULT_SEED})
     * @return this builder
     */
    public GaussianBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Validates the parameters, draws W and computes its diagnostics.
     *
     * <p>Cost: N<sup>2</sup> Gaussian draws plus, unless {@code spectrum(false)}, the eigenvalue
     * decomposition of {@link Connectivity#of(DMatrixRMaj, int, int)}.
     *
     * @return the network
     * @throws IllegalArgumentException if N lies outside [1, {@link Networks#MAX_NEURONS}], or g or
     *     rowSum is not finite, or g &lt; 0
     */
    public Connectivity build() {
        Networks.requireNeuronCount(size, "number of neurons N");
        Arguments.requireNonNegative(gain, "gain g");
        if (balanceRows) {
            Arguments.requireFinite(rowSum, "rowSum");
        }

        DMatrixRMaj w = new DMatrixRMaj(size, size);
        RandomWeights.addGaussian(w, gain, selfConnections, RandomWeights.generator(seed));
        if (balanceRows) {
            RandomWeights.shiftRows(w, rowSum);
        }
        LOG.debug("Gaussian network: N = {}, g = {}, self-connections = {}, seed = {}",
                size, gain, selfConnections, seed);
        return Connectivity.of(w, 0, 0, spectrum);
    }
}
