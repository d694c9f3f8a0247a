package io.github.neurodyn.linalg;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Seeded generators of upper quasi-triangular matrices with standardised 2x2 blocks
 * {@code [[a, b], [c, a]]}, {@code b c < 0}, and of random orthogonal matrices, for testing
 * the triangular solvers without a Schur decomposition.
 */
final class QuasiTriangularMatrices {

    private QuasiTriangularMatrices() {
    }

    /**
     * Returns an n x n upper quasi-triangular matrix whose eigenvalues have real parts in
     * {@code [lowReal, highReal]}; about a third of the diagonal is covered by 2x2 blocks
     * with imaginary parts up to {@code maxImag}, and the strictly upper part has standard
     * normal entries times {@code offDiagonalScale}.
     */
    static DMatrixRMaj random(int n, Random rng, double lowReal, double highReal, double maxImag,
            double offDiagonalScale) {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                t.set(i, j, offDiagonalScale * rng.nextGaussian());
            }
        }
        int i = 0;
        while (i < n) {
            double a = lowReal + (highReal - lowReal) * rng.nextDouble();
            if (i + 1 < n && rng.nextDouble() < 0.35) {
                // b c = -imag^2 with b != -c, so the block is standardised but not normal.
                double imag = maxImag * (0.1 + 0.9 * rng.nextDouble());
                double ratio = 0.5 + rng.nextDouble();
                t.set(i, i, a);
                t.set(i + 1, i + 1, a);
                t.set(i, i + 1, imag * ratio);
                t.set(i + 1, i, -imag / ratio);
                i += 2;
            } else {
                t.set(i, i, a);
                i++;
            }
        }
        return t;
    }

    /** Returns a random n x n orthogonal matrix, the Q factor of a Gaussian matrix. */
    static DMatrixRMaj orthogonal(int n, Random rng) {
        DMatrixRMaj g = gaussian(n, n, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (n > 0 && !qr.decompose(g)) {
            throw new IllegalStateException("QR of a Gaussian matrix failed");
        }
        return n == 0 ? new DMatrixRMaj(0, 0) : qr.getQ(null, false);
    }

    static DMatrixRMaj gaussian(int rows, int cols, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.getNumElements(); k++) {
            m.data[k] = rng.nextGaussian();
        }
        return m;
    }

    /** Returns a random symmetric matrix {@code (G + G^T) / 2}. */
    static DMatrixRMaj symmetric(int n, Random rng) {
        DMatrixRMaj g = gaussian(n, n, rng);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(g, result);
        CommonOps_DDRM.addEquals(result, g);
        CommonOps_DDRM.scale(0.5, result);
        return result;
    }

    /** Returns {@code Z T Z^T}. */
    static DMatrixRMaj similar(DMatrixRMaj t, DMatrixRMaj z) {
        int n = t.numRows;
        DMatrixRMaj zt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(z, t, zt);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(zt, z, result);
        return result;
    }
}
