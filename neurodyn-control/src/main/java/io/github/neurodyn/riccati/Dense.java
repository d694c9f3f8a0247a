package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Allocating dense-matrix shorthands for the Riccati solvers, which run once per problem and
 * so trade buffer reuse for readable formulas.
 */
final class Dense {

    private Dense() {
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    /** Returns a^T b. */
    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, c);
        return c;
    }

    /** Returns a b^T. */
    static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
        CommonOps_DDRM.multTransB(a, b, c);
        return c;
    }

    static DMatrixRMaj add(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, b, c);
        return c;
    }

    static DMatrixRMaj subtract(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.subtract(a, b, c);
        return c;
    }

    static DMatrixRMaj scale(double alpha, DMatrixRMaj a) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.scale(alpha, a, c);
        return c;
    }

    static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    static DMatrixRMaj identity(int n) {
        return CommonOps_DDRM.identity(n);
    }

    /** Returns (a + a^T) / 2. */
    static DMatrixRMaj symmetrize(DMatrixRMaj a) {
        int n = a.numRows;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c.unsafe_set(i, j, 0.5 * (a.unsafe_get(i, j) + a.unsafe_get(j, i)));
            }
        }
        return c;
    }

    static double normF(DMatrixRMaj a) {
        return NormOps_DDRM.normF(a);
    }

    static boolean isFinite(DMatrixRMaj a) {
        for (int k = 0; k < a.getNumElements(); k++) {
            if (!Double.isFinite(a.data[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves a x = b by LU with partial pivoting.
     *
     * @return x, or null when a is exactly singular or the solution is not finite
     */
    static DMatrixRMaj solve(DMatrixRMaj a, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(a.numRows);
        if (!solver.setA(a.copy())) {
            return null;
        }
        DMatrixRMaj x = new DMatrixRMaj(a.numCols, b.numCols);
        solver.solve(b, x);
        return isFinite(x) ? x : null;
    }

    /** Returns the inverse of a, or null when a is exactly singular or the inverse is not finite. */
    static DMatrixRMaj invert(DMatrixRMaj a) {
        return solve(a, identity(a.numRows));
    }

    /** Returns the 1-norm condition number ||a||_1 ||inverse||_1 from an explicit inverse. */
    static double condition1(DMatrixRMaj a, DMatrixRMaj inverse) {
        return NormOps_DDRM.normP1(a) * NormOps_DDRM.normP1(inverse);
    }
}
