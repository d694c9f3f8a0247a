package io.github.neurodyn.spectral;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
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
     * and equals the Frobenius norm of the strictly upper part of any Schur form of {@code A}.
     *
     * @param a square, finite matrix with at least one row
     * @return the departure, in the units of {@code a}; rounding below zero is returned as 0
     * @throws IllegalArgumentException if {@code a} is null, not square, empty or not finite
     */
    public static double henriciDeparture(DMatrixRMaj a) {
        SpectralAbscissa.validate(a);
        ShiftedGramians gramians = ShiftedGramians.of(a);
        double[] re = gramians.eigenvaluesReal();
        double[] im = gramians.eigenvaluesImag();
        double frobenius = NormOps_DDRM.normF(a);
        double squared = frobenius * frobenius;
        for (int i = 0; i < re.length; i++) {
            squared -= re[i] * re[i] + im[i] * im[i];
        }
        return Math.sqrt(Math.max(0.0, squared));
    }
}
