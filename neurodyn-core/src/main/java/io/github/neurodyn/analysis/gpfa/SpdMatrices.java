package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/** Inverse and log-determinant of symmetric positive definite matrices through Cholesky. */
final class SpdMatrices {

    private SpdMatrices() {
    }

    /**
     * Inverts {@code a = L L^T} as {@code L^-T L^-1} and returns {@code log det a}.
     * Cost: about n^3 flops.
     *
     * @param a the matrix, not modified
     * @param inverse output, reshaped to n x n
     * @param name name of the matrix in the error message
     * @return {@code log det a = 2 sum log L_ii}
     * @throws SingularEquationException when the Cholesky factorisation fails because a is
     *     not numerically positive definite
     */
    static double invert(DMatrixRMaj a, DMatrixRMaj inverse, String name) {
        int n = a.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(n, true);
        DMatrixRMaj lower = a.copy();
        if (!cholesky.inputModified()) {
            lower = a;
        }
        if (!cholesky.decompose(lower)) {
            throw new SingularEquationException(name + " (" + n + " x " + n
                    + ") is not numerically positive definite; its Cholesky factorisation failed");
        }
        DMatrixRMaj factor = cholesky.getT(null);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(factor.get(i, i));
        }
        TriangularSolver_DDRM.invertLower(factor.data, n);
        inverse.reshape(n, n);
        CommonOps_DDRM.multTransA(factor, factor, inverse);
        return logDet;
    }

    /**
     * Returns {@code sum_ij a_ij b_ij}, which is {@code tr(a b)} when b is symmetric.
     *
     * @param a first matrix
     * @param b second matrix, same shape
     * @return the sum of elementwise products
     */
    static double traceOfProduct(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += a.data[i] * b.data[i];
        }
        return sum;
    }
}
