package io.github.neurodyn.spectral;

import io.github.neurodyn.api.SingularEquationException;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Measures of how far a square matrix {@code A} is from normal, which decide how much the
 * transient of {@code dx/dt = A x} can grow before it decays.
 *
 * <p>A matrix is normal ({@code A A^T = A^T A}) exactly when the Henrici departure is zero;
 * then the numerical abscissa equals the spectral abscissa and no transient grows.
 * Reference: Trefethen and Embree, "Spectra and Pseudospectra", Princeton University Press,
 * 2005.
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
            throw new SingularEquationException("symmetric eigenvalue iteration failed on a " + n + "x" + n + " matrix");
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
}
