package io.github.neurodyn.network;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import java.util.Arrays;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Connectivity matrix of a rate network with its diagnostics.
 *
 * <p>{@code W[i][j]} is the weight from presynaptic neuron {@code j} onto postsynaptic neuron
 * {@code i}. In a network that follows Dale's law the neurons are ordered excitatory first:
 * columns {@code 0 .. excitatoryCount - 1} are non-negative and the remaining
 * {@code inhibitoryCount} columns are non-positive. A network without cell types (for example
 * a Gaussian network) has both counts 0.
 *
 * <p>The record is immutable: the constructor copies {@code weights} and {@code rowSums}, and
 * their accessors return copies. Use {@link #weight(int, int)} for single entries, because
 * {@link #weights()} copies N<sup>2</sup> values on each call. {@link #equals(Object)} compares
 * the matrix and the row sums entry by entry.
 *
 * @param weights the N x N matrix W (dimensionless when x is a rate in the units of phi)
 * @param excitatoryCount the number N<sub>E</sub> of excitatory neurons, the first columns
 * @param inhibitoryCount the number N<sub>I</sub> of inhibitory neurons, the last columns
 * @param density the fraction of the N(N - 1) off-diagonal entries that are nonzero (0 when
 *     N = 1); self-connections are left out so that the value estimates the connection
 *     probability whether or not the diagonal was drawn
 * @param rowSums the sums {@code sum_j W[i][j]}, the total input weight of each neuron
 * @param spectralRadius {@code max |lambda(W)|}, from all eigenvalues of W. It is NaN only when
 *     the builder skipped the spectrum because of {@code spectrum(false)}
 * @param spectralAbscissa {@code max Re lambda(W)}, NaN only after {@code spectrum(false)}. The
 *     linear network {@code tau dx/dt = -x + W x} is stable when it is below 1
 */
public record Connectivity(
        DMatrixRMaj weights,
        int excitatoryCount,
        int inhibitoryCount,
        double density,
        double[] rowSums,
        double spectralRadius,
        double spectralAbscissa) {

    /**
     * Checks the shapes and cell-type counts and copies the arrays. The diagnostics are taken
     * as given; {@link #of(DMatrixRMaj, int, int)} computes them from W.
     *
     * @param weights the N x N matrix W (dimensionless when x is a rate in the units of phi)
     * @param excitatoryCount the number N<sub>E</sub> of excitatory neurons, the first columns
     * @param inhibitoryCount the number N<sub>I</sub> of inhibitory neurons, the last columns
     * @param density the fraction of the N(N - 1) off-diagonal entries that are nonzero (0 when
     *     N = 1); self-connections are left out so that the value estimates the connection
     *     probability whether or not the diagonal was drawn
     * @param rowSums the sums {@code sum_j W[i][j]}, the total input weight of each neuron
     * @param spectralRadius {@code max |lambda(W)|}, from all eigenvalues of W. It is NaN only when
     *     the builder skipped the spectrum because of {@code spectrum(false)}
     * @param spectralAbscissa {@code max Re lambda(W)}, NaN only after {@code spectrum(false)}. The
     *     linear network {@code tau dx/dt = -x + W x} is stable when it is below 1
     *
     * @throws IllegalArgumentException if {@code weights} is not square and finite, if
     *     {@code rowSums} does not have length N, or if the counts are negative or do not add up
     *     to N (or are both 0)
     */
    public Connectivity {
        Arguments.requireSquare(weights, "weights");
        int n = weights.numRows;
        Arguments.requireLength(rowSums, n, "rowSums");
        requireCellTypes(n, excitatoryCount, inhibitoryCount);
        weights = weights.copy();
        rowSums = rowSums.clone();
    }

    /**
     * Computes the diagnostics of a connectivity matrix: density, row sums, spectral radius and
     * spectral abscissa. When the counts add up to N, it also checks Dale's law column by
     * column.
     *
     * <p>Cost: one dense eigenvalue decomposition of W without eigenvectors (Hessenberg
     * reduction and shifted QR in EJML), about 10 N<sup>3</sup> flops and one N x N work
     * matrix. N = 800 took 4 to 7 s on one core of a shared, loaded 2-core Xeon (JDK 17); the
     * builders' {@code spectrum(false)} skips this step for large N.
     *
     * @param weights the N x N matrix W, not modified
     * @param excitatoryCount the number of leading non-negative columns, or 0 without cell types
     * @param inhibitoryCount the number of trailing non-positive columns, or 0 without cell types
     * @return the connectivity with its diagnostics
     * @throws IllegalArgumentException if {@code weights} is not square and finite, if the counts
     *     are invalid, or if a column has the wrong sign for its cell type
     * @throws NeurodynException if the eigenvalue iteration does not converge
     */
    public static Connectivity of(DMatrixRMaj weights, int excitatoryCount, int inhibitoryCount) {
        return of(weights, excitatoryCount, inhibitoryCount, true);
    }

    /** Computes the diagnostics; without {@code spectrum} the spectral radius and abscissa are NaN. */
    static Connectivity of(DMatrixRMaj weights, int excitatoryCount, int inhibitoryCount, boolean spectrum) {
        Arguments.requireSquare(weights, "weights");
        int n = weights.numRows;
        requireCellTypes(n, excitatoryCount, inhibitoryCount);
        if (excitatoryCount + inhibitoryCount == n) {
            requireDaleSigns(weights, excitatoryCount);
        }
        double[] eigenvalueBounds = spectrum ? eigenvalueBounds(weights) : new double[] {Double.NaN, Double.NaN};
        return new Connectivity(weights, excitatoryCount, inhibitoryCount, offDiagonalDensity(weights),
                rowSums(weights), eigenvalueBounds[0], eigenvalueBounds[1]);
    }

    /**
     * Returns a copy of W.
     *
     * @return the N x N weight matrix, a new copy on each call
     */
    @Override
    public DMatrixRMaj weights() {
        return weights.copy();
    }

    /**
     * Returns a copy of the row sums.
     *
     * @return {@code sum_j W[i][j]} for each neuron i, a new array on each call
     */
    @Override
    public double[] rowSums() {
        return rowSums.clone();
    }

    /**
     * Returns one weight without copying the matrix.
     *
     * @param postsynaptic the receiving neuron i
     * @param presynaptic the sending neuron j
     * @return {@code W[i][j]}
     */
    public double weight(int postsynaptic, int presynaptic) {
        return weights.get(postsynaptic, presynaptic);
    }

    /**
     * Returns the number of neurons.
     *
     * @return N
     */
    public int size() {
        return weights.numRows;
    }

    /**
     * Returns whether the neurons have cell types, so that every column has one sign.
     *
     * @return {@code true} when {@code excitatoryCount + inhibitoryCount == N}
     */
    public boolean followsDale() {
        return excitatoryCount + inhibitoryCount == weights.numRows;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Connectivity that)) {
            return false;
        }
        return weights.numRows == that.weights.numRows
                && Arrays.equals(weights.data, 0, weights.getNumElements(),
                        that.weights.data, 0, that.weights.getNumElements())
                && excitatoryCount == that.excitatoryCount
                && inhibitoryCount == that.inhibitoryCount
                && Double.compare(density, that.density) == 0
                && Arrays.equals(rowSums, that.rowSums)
                && Double.compare(spectralRadius, that.spectralRadius) == 0
                && Double.compare(spectralAbscissa, that.spectralAbscissa) == 0;
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(Arrays.copyOf(weights.data, weights.getNumElements()));
        hash = 31 * hash + excitatoryCount;
        hash = 31 * hash + inhibitoryCount;
        return 31 * hash + Double.hashCode(spectralRadius);
    }

    /** Summarises the network without printing the matrix. */
    @Override
    public String toString() {
        return String.format("Connectivity[N=%d, excitatory=%d, inhibitory=%d, density=%.4g, "
                        + "spectralRadius=%.6g, spectralAbscissa=%.6g]",
                weights.numRows, excitatoryCount, inhibitoryCount, density, spectralRadius, spectralAbscissa);
    }

    private static void requireCellTypes(int n, int excitatoryCount, int inhibitoryCount) {
        Arguments.requireAtLeast(n, 1, "number of neurons N");
        Arguments.requireAtLeast(excitatoryCount, 0, "excitatoryCount");
        Arguments.requireAtLeast(inhibitoryCount, 0, "inhibitoryCount");
        int typed = excitatoryCount + inhibitoryCount;
        if (typed != 0 && typed != n) {
            throw new IllegalArgumentException(String.format(
                    "excitatoryCount + inhibitoryCount must be N = %d (or both 0 without cell types), found %d + %d",
                    n, excitatoryCount, inhibitoryCount));
        }
    }

    private static void requireDaleSigns(DMatrixRMaj w, int excitatoryCount) {
        int n = w.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double value = w.get(i, j);
                boolean excitatory = j < excitatoryCount;
                if (excitatory ? value < 0 : value > 0) {
                    throw new IllegalArgumentException(String.format(
                            "weights violates Dale's law: W(%d, %d) = %s but neuron %d is %s; expected %s",
                            i, j, value, j, excitatory ? "excitatory" : "inhibitory",
                            excitatory ? "W(i, j) >= 0" : "W(i, j) <= 0"));
                }
            }
        }
    }

    static double offDiagonalDensity(DMatrixRMaj w) {
        int n = w.numRows;
        if (n == 1) {
            return 0.0;
        }
        long nonzero = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && w.get(i, j) != 0.0) {
                    nonzero++;
                }
            }
        }
        return nonzero / ((double) n * (n - 1));
    }

    static double[] rowSums(DMatrixRMaj w) {
        int n = w.numRows;
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += w.get(i, j);
            }
            sums[i] = sum;
        }
        return sums;
    }

    /** Returns {max |lambda|, max Re lambda} over all eigenvalues of {@code w}. */
    private static double[] eigenvalueBounds(DMatrixRMaj w) {
        int n = w.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
        if (!eig.decompose(w.copy())) {
            throw new NeurodynException(String.format(
                    "the eigenvalue iteration for the %dx%d connectivity matrix did not converge", n, n));
        }
        double radius = 0;
        double abscissa = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < eig.getNumberOfEigenvalues(); k++) {
            Complex_F64 lambda = eig.getEigenvalue(k);
            // Complex_F64.getMagnitude squares the parts, which overflows for eigenvalues above about 1e154.
            radius = Math.max(radius, Math.hypot(lambda.real, lambda.imaginary));
            abscissa = Math.max(abscissa, lambda.real);
        }
        return new double[] {radius, abscissa};
    }
}
