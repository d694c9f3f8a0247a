package io.github.neurodyn.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Changes of basis between a matrix equation and the real Schur basis {@code Z} of its
 * coefficient matrix, and the symmetrisation applied to Lyapunov solutions.
 *
 * <p>Each general transform is two dense products, {@code 4 n^3} flops, through
 * {@link BlockProducts}; the symmetric variants multiply out only the upper half of the
 * second product, {@code 3 n^3} flops.
 */
final class SchurTransforms {

    private SchurTransforms() {
    }

    /** Returns {@code U^T M V}, for example {@code Z^T Q Z}. */
    static DMatrixRMaj toSchurBasis(DMatrixRMaj u, DMatrixRMaj m, DMatrixRMaj v) {
        DMatrixRMaj mv = BlockProducts.multiply(m, v);
        return BlockProducts.multiply(CommonOps_DDRM.transpose(u, null), mv);
    }

    /** Returns {@code U Y V^T}, for example {@code Z Y Z^T}. */
    static DMatrixRMaj fromSchurBasis(DMatrixRMaj u, DMatrixRMaj y, DMatrixRMaj v) {
        DMatrixRMaj uy = BlockProducts.multiply(u, y);
        return BlockProducts.multiply(uy, CommonOps_DDRM.transpose(v, null));
    }

    /**
     * Returns {@code Z^T M Z} for symmetric M, exactly symmetric, using that the result is
     * symmetric to halve the second product. The identity maps to the identity exactly.
     */
    static DMatrixRMaj toSchurBasisSymmetric(DMatrixRMaj z, DMatrixRMaj m) {
        if (isIdentity(m)) {
            return m.copy();
        }
        DMatrixRMaj symmetric = EquationResiduals.isSymmetric(m) ? m : symmetrise(m.copy());
        DMatrixRMaj mz = BlockProducts.multiply(symmetric, z);
        return BlockProducts.multiplySymmetric(CommonOps_DDRM.transpose(z, null), mz);
    }

    /** Returns {@code Z Y Z^T} for symmetric Y, exactly symmetric. */
    static DMatrixRMaj fromSchurBasisSymmetric(DMatrixRMaj z, DMatrixRMaj y) {
        DMatrixRMaj yzt = BlockProducts.multiply(y, CommonOps_DDRM.transpose(z, null));
        return BlockProducts.multiplySymmetric(z, yzt);
    }

    static boolean isIdentity(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (m.data[i * n + j] != (i == j ? 1.0 : 0.0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Replaces {@code M} by {@code (M + M^T) / 2} in place and returns it. */
    static DMatrixRMaj symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (m.data[i * n + j] + m.data[j * n + i]);
                m.data[i * n + j] = mean;
                m.data[j * n + i] = mean;
            }
        }
        return m;
    }
}
