package io.github.neurodyn.spectral;

import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Gramians of the shifted matrix {@code A - sI} for many shifts {@code s} of one matrix
 * {@code A}, with the identity as right-hand side:
 * <pre>
 *   (A - sI) P + P (A - sI)^T + I = 0      (controllability form)
 *   (A - sI)^T Q + Q (A - sI) + I = 0      (observability form)
 * </pre>
 * Both have a unique solution when {@code s > alpha(A)}.
 *
 * <p>One real Schur decomposition {@code A = Z T Z^T} serves every shift: {@code A - sI}
 * has the Schur factor {@code T - sI} with the same {@code Z}, and the right-hand side
 * {@code I} stays {@code I} in the Schur basis. The solutions are therefore returned in the
 * Schur basis, {@code P = Z P_z Z^T}; traces and {@code trace(P Q)} are the same in either
 * basis, and {@link #toOriginalBasis} transforms a result once.
 *
 * <p>Cost: about {@code 25 n^3} flops for the decomposition, then {@code 2 n^3} per
 * triangular solve (no residual is computed) and {@code 4 n^3} per change of basis.
 */
final class ShiftedGramians {

    private final SchurForm schur;
    private final DMatrixRMaj z;
    private final DMatrixRMaj identity;
    private final double abscissa;

    private ShiftedGramians(DMatrixRMaj a) {
        schur = RealSchur.of(a);
        z = schur.z();
        identity = CommonOps_DDRM.identity(a.numRows);
        double max = Double.NEGATIVE_INFINITY;
        for (double re : schur.eigenvaluesReal()) {
            max = Math.max(max, re);
        }
        abscissa = max;
    }

    /** Decomposes {@code a} once; the caller has validated it (square, finite, n >= 1). */
    static ShiftedGramians of(DMatrixRMaj a) {
        return new ShiftedGramians(a);
    }

    int size() {
        return z.numRows;
    }

    double abscissa() {
        return abscissa;
    }

    /** Returns {@code P_z(s)} in the Schur basis; requires {@code s > abscissa()}. */
    DMatrixRMaj controllability(double s) {
        return Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, s, identity, false);
    }

    /** Returns {@code Q_z(s)} in the Schur basis; requires {@code s > abscissa()}. */
    DMatrixRMaj observability(double s) {
        return Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, s, identity, true);
    }

    /**
     * Transforms only the columns {@code j >= firstColumn} of {@code Z M Z^T}, as
     * {@code Z (M Z_c^T)} with {@code Z_c} the rows {@code firstColumn..n-1} of {@code Z};
     * the other columns of the returned {@code n x n} matrix are zero. Costs
     * {@code 4 n^2 (n - firstColumn)} flops instead of {@code 4 n^3}.
     */
    DMatrixRMaj toOriginalBasisColumns(DMatrixRMaj schurBasis, int firstColumn) {
        int n = z.numRows;
        int width = n - firstColumn;
        DMatrixRMaj zRows = CommonOps_DDRM.extract(z, firstColumn, n, 0, n);
        DMatrixRMaj work = new DMatrixRMaj(n, width);
        DMatrixRMaj columns = new DMatrixRMaj(n, width);
        CommonOps_DDRM.multTransB(schurBasis, zRows, work);
        CommonOps_DDRM.mult(z, work, columns);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.insert(columns, result, 0, firstColumn);
        return result;
    }

    /** Transforms {@code X_z} from the Schur basis back: returns {@code Z X_z Z^T}. */
    DMatrixRMaj toOriginalBasis(DMatrixRMaj schurBasis) {
        int n = z.numRows;
        DMatrixRMaj work = new DMatrixRMaj(n, n);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(z, schurBasis, work);
        CommonOps_DDRM.multTransB(work, z, result);
        return result;
    }
}
