package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.MatrixExponential;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Measures of how far a square matrix {@code A} is from normal, which decide how much the
 * transient of {@code dx/dt = A x} can grow before it decays.
 *
 * <p>A matrix is normal ({@code A A^T = A^T A}) exactly when the Henrici departure is zero.
 * Then the numerical abscissa equals the spectral abscissa and no transient grows.
 */
public final class Nonnormality {

    private Nonnormality() {
    }

    /**
     * Computes the numerical abscissa {@code omega(A) = max lambda((A + A^T) / 2)}, the initial
     * growth rate {@code d/dt ||exp(At)||_2} at {@code t = 0}. It bounds the spectral abscissa
     * from above.
     *
     * <p>Cost: one symmetric eigenvalue decomposition, about {@code 4 n^3 / 3} flops.
     *
     * @param a square, finite matrix with at least one row
     * @return the largest eigenvalue of the symmetric part, in the units of {@code a}
     * @throws IllegalArgumentException if {@code a} is null, not square, empty or not finite
     */
    public static double numericalAbscissa(DMatrixRMaj a) {
        SpectralAbscissa.validate(a);
        int n = a.numRows;
        DMatrixRMaj symmetric = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(a, symmetric);
        CommonOps_DDRM.addEquals(symmetric, a);
        CommonOps_DDRM.scale(0.5, symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(symmetric)) {
            throw new NeurodynException("symmetric eigenvalue iteration (EJML) failed to converge on a "
                    + n + "x" + n + " matrix");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, eig.getEigenvalue(i).real);
        }
        return max;
    }

    /**
     * Computes Henrici's departure from normality
     * {@code sqrt(||A||_F^2 - sum_i |lambda_i|^2)}, which is zero exactly for normal matrices
     * and equals the Frobenius norm of the strictly upper part of a complex Schur form of
     * {@code A}. It is evaluated from the real Schur form without the cancellation of the
     * difference above.
     *
     * <p>Cost: one real Schur decomposition, about {@code 25 n^3} flops.
     *
     * @param a square, finite matrix with at least one row
     * @return the departure, in the units of {@code a}
     * @throws IllegalArgumentException if {@code a} is null, not square, empty or not finite
     */
    public static double henriciDeparture(DMatrixRMaj a) {
        SpectralAbscissa.validate(a);
        SchurForm schur = RealSchur.of(a);
        DMatrixRMaj t = schur.t();
        int n = t.numRows;

        // Strictly upper part outside the diagonal blocks, plus (|b| - |c|)^2 for each
        // standardised 2x2 block [[x, b], [c, x]], whose eigenvalue moduli take b^2 + c^2 - 2|bc|
        // of its Frobenius norm. This avoids subtracting sum |lambda_i|^2 from ||A||_F^2.
        double squared = 0;
        for (int i = 0; i < n; i++) {
            boolean blockStart = i + 1 < n && t.get(i + 1, i) != 0.0;
            int firstOutside = blockStart ? i + 2 : i + 1;
            for (int j = firstOutside; j < n; j++) {
                squared += t.get(i, j) * t.get(i, j);
            }
            if (blockStart) {
                double gap = Math.abs(t.get(i, i + 1)) - Math.abs(t.get(i + 1, i));
                squared += gap * gap;
                for (int j = i + 2; j < n; j++) {
                    squared += t.get(i + 1, j) * t.get(i + 1, j);
                }
                i++;
            }
        }
        return Math.sqrt(squared);
    }

    /**
     * Computes the transient amplification curve {@code ||exp(A t)||_2} on a time grid: the
     * largest growth of {@code ||x(t)||} over unit initial conditions {@code x(0)} of
     * {@code dx/dt = A x}. A normal stable {@code A} gives {@code exp(alpha t) <= 1}; a
     * nonnormal one can rise far above 1 before it decays.
     *
     * <p>Cost per time point: one matrix exponential (scaling and squaring with a Pade
     * approximant) and one singular value decomposition, each {@code O(n^3)}.
     *
     * @param a square, finite matrix in units of 1/time (for example {@code (W - I) / tau}
     *     in 1/s)
     * @param times time points in the inverse units of {@code a} (seconds for 1/s), finite
     *     and not negative, in any order
     * @return {@code ||exp(A t_k)||_2} for each time point, dimensionless
     * @throws IllegalArgumentException if {@code a} is not square and finite, or a time is
     *     negative or not finite
     * @throws NeurodynException if {@code exp(A t)} overflows or the singular value
     *     decomposition fails
     */
    public static double[] transientAmplification(DMatrixRMaj a, double[] times) {
        SpectralAbscissa.validate(a);
        Arguments.requireFinite(times, "times");
        for (int k = 0; k < times.length; k++) {
            Arguments.requireNonNegative(times[k], "times[" + k + "]");
        }
        double[] norms = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            DMatrixRMaj propagator = MatrixExponential.of(a, times[k]);
            SingularValueDecomposition_F64<DMatrixRMaj> svd =
                    DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
            if (!svd.decompose(propagator)) {
                throw new NeurodynException(String.format(
                        "singular value decomposition (EJML) failed on exp(A t) at t = %.6g", times[k]));
            }
            double max = 0;
            for (double value : svd.getSingularValues()) {
                max = Math.max(max, value);
            }
            norms[k] = max;
        }
        return norms;
    }
}
