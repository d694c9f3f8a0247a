package io.github.neurodyn.spectral;

import io.github.neurodyn.api.SingularEquationException;
import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.linalg.RealSchur;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Gramians of the shifted matrix {@code A - sI} for many shifts {@code s} of one matrix
 * {@code A}, with the identity as right-hand side:
 * <pre>
 *   (A - sI) P + P (A - sI)^T + I = 0      (controllability form)
 *   (A - sI)^T Q + Q (A - sI) + I = 0      (observability form)
 * </pre>
 * Both have a unique solution when {@code s > alpha(A)}.
 *
 * <p>The solutions are returned in a working basis {@code Z} (orthogonal), so that
 * {@code P = Z P_z Z^T}; traces and {@code trace(P Q)} are the same in either basis.
 *
 * <p>NOTE: this version works in the original basis ({@code Z = I}) and solves each equation
 * by the scaled matrix-sign-function iteration (Roberts 1980; Benner and Quintana-Orti 1999),
 * which costs about 10 to 15 matrix inversions per solve. It is correct but slow for
 * {@code n} in the hundreds; the Schur-based Bartels-Stewart path replaces it.
 */
final class ShiftedGramians {

    private static final int MAX_SIGN_ITERATIONS = 100;
    private static final double SIGN_TOLERANCE = 1e-12;

    private final DMatrixRMaj a;
    private final double[] eigenvaluesReal;
    private final double[] eigenvaluesImag;
    private final double abscissa;

    private ShiftedGramians(DMatrixRMaj a) {
        this.a = a.copy();
        Eigenvalues eigenvalues = RealSchur.eigenvalues(a, true);
        eigenvaluesReal = eigenvalues.real();
        eigenvaluesImag = eigenvalues.imag();
        abscissa = eigenvalues.maxReal();
    }

    /** Decomposes {@code a} once; the caller has validated it (square, finite, n >= 1). */
    static ShiftedGramians of(DMatrixRMaj a) {
        return new ShiftedGramians(a);
    }

    int size() {
        return a.numRows;
    }

    double abscissa() {
        return abscissa;
    }

    double[] eigenvaluesReal() {
        return eigenvaluesReal.clone();
    }

    double[] eigenvaluesImag() {
        return eigenvaluesImag.clone();
    }

    /** Returns {@code P_z(s)} in the working basis; requires {@code s > abscissa()}. */
    DMatrixRMaj controllability(double s) {
        return solveSign(s, false);
    }

    /** Returns {@code Q_z(s)} in the working basis; requires {@code s > abscissa()}. */
    DMatrixRMaj observability(double s) {
        return solveSign(s, true);
    }

    /** Transforms {@code X_z} from the working basis back: returns {@code Z X_z Z^T}. */
    DMatrixRMaj toOriginalBasis(DMatrixRMaj workingBasis) {
        return workingBasis.copy();
    }

    // Solves F X + X F^T + I = 0 with F = A - sI (or F = (A - sI)^T when transposed) by the
    // Newton iteration for the matrix sign function: F_{k+1} = (c F_k + F_k^{-1} / c) / 2,
    // X_{k+1} = (c X_k + F_k^{-1} X_k F_k^{-T} / c) / 2, with determinant scaling c; then
    // F_k -> -I and X_k -> 2 X.
    private DMatrixRMaj solveSign(double s, boolean transposed) {
        int n = a.numRows;
        DMatrixRMaj f = transposed ? CommonOps_DDRM.transpose(a, null) : a.copy();
        for (int i = 0; i < n; i++) {
            f.add(i, i, -s);
        }
        DMatrixRMaj x = CommonOps_DDRM.identity(n);
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        DMatrixRMaj work = new DMatrixRMaj(n, n);
        DMatrixRMaj product = new DMatrixRMaj(n, n);
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        for (int k = 0; k < MAX_SIGN_ITERATIONS; k++) {
            if (!lu.setA(f.copy())) {
                throw new SingularEquationException(String.format(
                        "shifted matrix A - sI is singular at s = %.6g, so the Lyapunov equation has no unique solution", s));
            }
            lu.invert(inverse);
            double det = Math.abs(CommonOps_DDRM.det(f));
            double c = (det > 0 && Double.isFinite(det)) ? Math.pow(det, -1.0 / n) : 1.0;
            CommonOps_DDRM.mult(inverse, x, work);
            CommonOps_DDRM.multTransB(work, inverse, product);
            for (int e = 0; e < n * n; e++) {
                x.data[e] = 0.5 * (c * x.data[e] + product.data[e] / c);
            }
            double change = 0;
            for (int e = 0; e < n * n; e++) {
                double next = 0.5 * (c * f.data[e] + inverse.data[e] / c);
                change = Math.max(change, Math.abs(next - f.data[e]));
                f.data[e] = next;
            }
            if (change <= SIGN_TOLERANCE * Math.max(1.0, NormOps_DDRM.normPInf(f))) {
                break;
            }
        }
        CommonOps_DDRM.scale(0.5, x);
        return x;
    }
}
