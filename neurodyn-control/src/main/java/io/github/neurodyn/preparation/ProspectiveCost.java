package io.github.neurodyn.preparation;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.Gramians;
import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Prospective motor cost: the cost {@code d^T Q_C d} of a state error d at movement onset,
 * where Q_C is the observability Gramian of the movement-epoch dynamics through the readout C,
 *
 * <pre>
 *     A^T Q + Q A + C^T C = 0,      Q_C = N Q / trace(Q),
 * </pre>
 *
 * normalised so that {@code trace(Q_C) = N}. For a readout y = C x and free dynamics
 * {@code dx/dt = A x} after the go cue, {@code d^T Q d} is the integral of {@code ||C e^(A t) d||^2}
 * over the movement, the output error the state error causes. The eigenvectors of Q_C with the
 * largest eigenvalues span the prospectively potent subspace and the rest the null subspace
 * (Kao, Sadabadi and Hennequin, "Optimal anticipatory control as a theory of motor preparation:
 * a thalamo-cortical circuit model", Neuron 109, 2021).
 *
 * <p>Cost: one real Schur form and one Lyapunov solve of size N (about 25 N^3 flops) and one
 * symmetric eigendecomposition (about 9 N^3 flops).
 *
 * @param matrix Q_C (N x N, symmetric positive semidefinite, trace N)
 * @param eigenvalues eigenvalues of Q_C in decreasing order (length N)
 * @param eigenvectors orthonormal eigenvectors of Q_C as columns, in the order of
 *     {@code eigenvalues} (N x N)
 * @param unnormalisedTrace trace of the Gramian before normalisation, in seconds when C is
 *     dimensionless
 */
public record ProspectiveCost(DMatrixRMaj matrix, double[] eigenvalues, DMatrixRMaj eigenvectors,
        double unnormalisedTrace) {

    /** Relative size of the most negative eigenvalue accepted as rounding in a semidefinite matrix. */
    private static final double SEMIDEFINITE_TOLERANCE = 1e-10;

    /**
     * Copies the arrays and matrices so that the record cannot be changed through them.
     *
     * @param matrix Q_C (N x N, symmetric positive semidefinite, trace N)
     * @param eigenvalues eigenvalues of Q_C in decreasing order (length N)
     * @param eigenvectors orthonormal eigenvectors of Q_C as columns (N x N)
     * @param unnormalisedTrace trace of the Gramian before normalisation, in seconds when C is
     *     dimensionless
     */
    public ProspectiveCost {
        matrix = matrix.copy();
        eigenvalues = eigenvalues.clone();
        eigenvectors = eigenvectors.copy();
    }

    /**
     * Computes Q_C for the movement-epoch dynamics {@code dx/dt = A x} observed through C.
     * Usually A is the network linearised at the prepared state x*
     * ({@link io.github.neurodyn.api.RateNetwork#linearisation(double[])}).
     *
     * @param a movement-epoch state matrix A (N x N, 1/s), with every eigenvalue in the open
     *     left half-plane
     * @param readout readout C (p x N)
     * @return Q_C with its eigendecomposition
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a
     *     non-finite entry, A is not stable, or C is zero
     * @throws io.github.neurodyn.api.SingularEquationException if the Lyapunov equation is
     *     numerically singular
     */
    public static ProspectiveCost of(DMatrixRMaj a, DMatrixRMaj readout) {
        requireReadout(a, readout);
        DMatrixRMaj gramian = Gramians.observability(a, readout);
        return normalised(gramian);
    }

    /**
     * Computes Q_C from the observability Gramian over a finite movement of length T,
     * {@code Q(T) = int_0^T e^(A^T t) C^T C e^(A t) dt}; A need not be stable.
     *
     * @param a movement-epoch state matrix A (N x N, 1/s)
     * @param readout readout C (p x N)
     * @param movementSeconds movement duration T in seconds, positive
     * @return Q_C with its eigendecomposition
     * @throws IllegalArgumentException if an argument is null, has the wrong shape or a
     *     non-finite entry, T is not positive, or the Gramian is zero
     */
    public static ProspectiveCost of(DMatrixRMaj a, DMatrixRMaj readout, double movementSeconds) {
        Arguments.requirePositive(movementSeconds, "movementSeconds");
        requireReadout(a, readout);
        DMatrixRMaj gramian = Gramians.observability(a, readout, movementSeconds);
        return normalised(gramian);
    }

    /**
     * Wraps a given symmetric positive semidefinite state cost, normalised to trace N. With the
     * identity this gives the cost {@code ||d||^2} of the "identity cost" controller.
     *
     * @param stateCost symmetric positive semidefinite matrix (N x N) with positive trace
     * @return the normalised cost with its eigendecomposition
     * @throws IllegalArgumentException if the matrix is null, not square, not finite, not
     *     symmetric, not positive semidefinite or has a trace that is not positive
     */
    public static ProspectiveCost ofMatrix(DMatrixRMaj stateCost) {
        Arguments.requireFinite(Arguments.requireSquare(stateCost, "stateCost"), "stateCost");
        Arguments.requireSymmetric(stateCost, 1e-10, "stateCost");
        ProspectiveCost cost = normalised(stateCost.copy());
        double smallest = cost.eigenvalues[cost.size() - 1];
        if (smallest < -SEMIDEFINITE_TOLERANCE * cost.eigenvalues[0]) {
            throw new IllegalArgumentException("stateCost has the eigenvalue " + smallest
                    + " after normalisation to trace N, expected a positive semidefinite matrix");
        }
        return cost;
    }

    private static ProspectiveCost normalised(DMatrixRMaj gramian) {
        int n = gramian.numRows;
        double trace = CommonOps_DDRM.trace(gramian);
        if (!(trace > 0)) {
            throw new IllegalArgumentException("the cost matrix has trace " + trace
                    + ", expected a positive trace: check that the readout C is not zero");
        }
        DMatrixRMaj q = gramian.copy();
        CommonOps_DDRM.scale(n / trace, q);
        symmetrise(q);

        // Eigendecomposition, sorted by decreasing eigenvalue
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(q.copy())) {
            throw new NeurodynException("the symmetric eigendecomposition of Q_C failed (N = " + n + ")");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).real));
        double[] values = new double[n];
        DMatrixRMaj vectors = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double norm = Math.sqrt(CommonOps_DDRM.dot(v, v));
            for (int i = 0; i < n; i++) {
                vectors.set(i, k, v.get(i) / norm);
            }
        }
        return new ProspectiveCost(q, values, vectors, trace);
    }

    static void symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, mean);
                m.set(j, i, mean);
            }
        }
    }

    /**
     * Returns the network size N.
     *
     * @return N, the row count of Q_C
     */
    public int size() {
        return matrix.numRows;
    }

    /**
     * Returns a copy of Q_C.
     *
     * @return a copy of Q_C (N x N)
     */
    @Override
    public DMatrixRMaj matrix() {
        return matrix.copy();
    }

    /**
     * Returns a copy of the eigenvalues, largest first.
     *
     * @return a copy of the eigenvalues of Q_C (length N), largest first
     */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * Returns a copy of the eigenvector matrix.
     *
     * @return a copy of the eigenvectors of Q_C as columns (N x N)
     */
    @Override
    public DMatrixRMaj eigenvectors() {
        return eigenvectors.copy();
    }

    /**
     * Returns an orthonormal basis of the prospectively potent subspace: the eigenvectors of
     * the k largest eigenvalues.
     *
     * @param k dimension, from 0 to N
     * @return N x k matrix with orthonormal columns
     * @throws IllegalArgumentException if k is outside [0, N]
     */
    public DMatrixRMaj potentBasis(int k) {
        requireDimension(k);
        return columns(0, k);
    }

    /**
     * Returns an orthonormal basis of the null subspace: the eigenvectors of the N - k
     * smallest eigenvalues, the orthogonal complement of {@link #potentBasis(int)}.
     *
     * @param k dimension of the potent subspace, from 0 to N
     * @return N x (N - k) matrix with orthonormal columns
     * @throws IllegalArgumentException if k is outside [0, N]
     */
    public DMatrixRMaj nullBasis(int k) {
        requireDimension(k);
        return columns(k, size());
    }

    /** Returns eigenvector columns {@code from} to {@code to - 1}, an N x 0 matrix when they are equal. */
    private DMatrixRMaj columns(int from, int to) {
        if (from == to) {
            return new DMatrixRMaj(size(), 0);
        }
        return CommonOps_DDRM.extract(eigenvectors, 0, size(), from, to);
    }

    /** Checks the readout against A, so that messages name it rather than the Gramian's argument. */
    private static void requireReadout(DMatrixRMaj a, DMatrixRMaj readout) {
        Arguments.requireSquare(a, "a");
        Arguments.requireNonNull(readout, "readout");
        if (readout.numCols != a.numCols) {
            throw new IllegalArgumentException(String.format(
                    "readout has %d columns, expected %d (one per state of a)", readout.numCols, a.numCols));
        }
        Arguments.requireFinite(readout, "readout");
    }

    /**
     * Evaluates the prospective cost {@code d^T Q_C d} of a state error at movement onset.
     * Costs N^2 flops.
     *
     * @param error state error d = x - x* (length N)
     * @return the cost, non-negative up to rounding
     * @throws IllegalArgumentException if {@code error} is null, not finite or of the wrong length
     */
    public double cost(double[] error) {
        Arguments.requireFinite(Arguments.requireLength(error, size(), "error"), "error");
        return quadraticForm(matrix, error);
    }

    /** Returns {@code d^T M d} without checks. */
    static double quadraticForm(DMatrixRMaj m, double[] d) {
        int n = d.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            int offset = i * n;
            for (int j = 0; j < n; j++) {
                row += m.data[offset + j] * d[j];
            }
            sum += d[i] * row;
        }
        return sum;
    }

    private void requireDimension(int k) {
        if (k < 0 || k > size()) {
            throw new IllegalArgumentException("k is " + k + ", expected a subspace dimension in [0, " + size() + "]");
        }
    }
}
