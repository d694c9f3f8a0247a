package io.github.neurodyn.network;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builder of a low-rank plus random network
 * <pre>
 *   W = M N^T / N + chi,    chi[i][j] ~ N(0, g^2 / N) i.i.d.,
 * </pre>
 * where the columns of the N x r matrices M and N are the left and right connectivity vectors
 * (Mastrogiuseppe and Ostojic, Neuron 99, 609, 2018). For rank one, {@code W = m n^T / N + chi}
 * and for large N the structured part adds an eigenvalue near {@code n^T m / N} outside the
 * random bulk of radius g.
 *
 * <p>Defaults: g = 1, self-connections in chi drawn like every other entry, seed
 * {@link Networks#DEFAULT_SEED}. The structure has no default and must be set. chi is drawn row
 * by row from an {@code L64X128MixRandom} generator, so the same seed gives a bit-identical W.
 * The neurons have no cell types.
 *
 * <p>Setters only store their value; {@link #build()} validates all of them.
 */
public final class LowRankBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(LowRankBuilder.class);

    private final int size;
    private DMatrixRMaj left;
    private DMatrixRMaj right;
    private double gain = 1.0;
    private boolean selfConnections = true;
    private long seed = Networks.DEFAULT_SEED;
    private boolean spectrum = true;

    LowRankBuilder(int size) {
        this.size = size;
    }

    /**
     * Sets a rank-one structure {@code m n^T / N}. The vectors are copied.
     *
     * @param m the left vector, length N, finite
     * @param n the right vector, length N, finite
     * @return this builder
     */
    public LowRankBuilder structure(double[] m, double[] n) {
        this.left = m == null ? null : DMatrixRMaj.wrap(m.length, 1, m.clone());
        this.right = n == null ? null : DMatrixRMaj.wrap(n.length, 1, n.clone());
        return this;
    }

    /**
     * Sets a rank-r structure {@code M N^T / N}. The matrices are copied.
     *
     * @param m the N x r matrix of left vectors, finite
     * @param n the N x r matrix of right vectors, finite
     * @return this builder
     */
    public LowRankBuilder structure(DMatrixRMaj m, DMatrixRMaj n) {
        this.left = m == null ? null : m.copy();
        this.right = n == null ? null : n.copy();
        return this;
    }

    /**
     * Sets the gain g of the random part chi.
     *
     * @param g finite and &gt;= 0 (default 1; 0 gives a purely low-rank W)
     * @return this builder
     */
    public LowRankBuilder gain(double g) {
        this.gain = g;
        return this;
    }

    /**
     * Sets whether the diagonal of chi is drawn (default) or set to 0. The structured part
     * keeps its diagonal either way.
     *
     * @param allowed {@code true} to draw the diagonal of chi
     * @return this builder
     */
    public LowRankBuilder selfConnections(boolean allowed) {
        this.selfConnections = allowed;
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
    public LowRankBuilder spectrum(boolean compute) {
        this.spectrum = compute;
        return this;
    }

    /**
     * Sets the seed of the random generator.
     *
     * @param seed any value (default {@link Networks#DEFAULT_SEED})
     * @return this builder
     */
    public LowRankBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Validates the parameters, forms W and computes its diagnostics.
     *
     * <p>Cost: 2 r N<sup>2</sup> flops for the structure, N<sup>2</sup> Gaussian draws, plus
     * unless {@code spectrum(false)}, the eigenvalue decomposition of
     * {@link Connectivity#of(DMatrixRMaj, int, int)}.
     *
     * @return the network
     * @throws IllegalArgumentException if N lies outside [1, {@link Networks#MAX_NEURONS}], the
     *     structure is missing, not finite or not
     *     N x r with the same r &gt;= 1 for both, or g is negative or not finite
     */
    public Connectivity build() {
        Networks.requireNeuronCount(size, "number of neurons N");
        Arguments.requireNonNull(left, "structure m (left vectors)");
        Arguments.requireNonNull(right, "structure n (right vectors)");
        Arguments.requireAtLeast(left.numCols, 1, "rank of structure m");
        Arguments.requireShape(left, size, left.numCols, "structure m (left vectors)");
        Arguments.requireShape(right, size, left.numCols, "structure n (right vectors)");
        Arguments.requireNonNegative(gain, "gain g");

        DMatrixRMaj w = new DMatrixRMaj(size, size);
        CommonOps_DDRM.multTransB(1.0 / size, left, right, w);
        RandomWeights.addGaussian(w, gain, selfConnections, RandomWeights.generator(seed));
        LOG.debug("low-rank network: N = {}, rank = {}, g = {}, seed = {}", size, left.numCols, gain, seed);
        return Connectivity.of(w, 0, 0, spectrum);
    }
}
