package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Checks that a {@link SchurForm} is a valid real Schur decomposition of a given matrix:
 * backward error, orthogonality, quasi-triangular shape with exact zeros, standardised 2x2
 * blocks and eigenvalues that match the diagonal blocks.
 */
final class SchurFormChecker {

    /** Allowed multiple of n times the unit roundoff in the residual and orthogonality. */
    static final double RESIDUAL_FACTOR = 20;

    private static final double EPS = Math.ulp(1.0);

    private SchurFormChecker() {
    }

    /**
     * Asserts every property of a Schur form of {@code a}.
     *
     * @param label names the case in failure messages
     */
    static void check(String label, DMatrixRMaj a, SchurForm form) {
        int n = a.numRows;
        DMatrixRMaj t = form.t();
        DMatrixRMaj z = form.z();
        assertEquals(n, form.size(), label + ": size");
        assertEquals(n, t.numRows, label + ": rows of T");
        assertEquals(n, z.numRows, label + ": rows of Z");
        if (n == 0) {
            return;
        }
        double bound = RESIDUAL_FACTOR * Math.max(1, n) * EPS;

        // Backward error ||A - Z T Z^T||_F / ||A||_F.
        DMatrixRMaj zt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(z, t, zt);
        DMatrixRMaj rebuilt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(zt, z, rebuilt);
        double normA = NormOps_DDRM.normF(a);
        DMatrixRMaj gap = new DMatrixRMaj(n, n);
        CommonOps_DDRM.subtract(a, rebuilt, gap);
        double residual = normA == 0 ? NormOps_DDRM.normF(gap) : NormOps_DDRM.normF(gap) / normA;
        assertTrue(residual <= bound, label + ": relative residual " + residual + " exceeds " + bound);

        // Orthogonality ||Z^T Z - I||_F.
        DMatrixRMaj ztz = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(z, z, ztz);
        for (int i = 0; i < n; i++) {
            ztz.add(i, i, -1);
        }
        double orthogonality = NormOps_DDRM.normF(ztz);
        assertTrue(orthogonality <= bound, label + ": ||Z^T Z - I|| = " + orthogonality + " exceeds " + bound);

        // Exact zeros below the subdiagonal.
        for (int i = 2; i < n; i++) {
            for (int j = 0; j < i - 1; j++) {
                assertEquals(0.0, t.get(i, j), 0.0, label + ": T(" + i + ", " + j + ") below the subdiagonal");
            }
        }

        // Subdiagonal entries only inside standardised 2x2 blocks.
        double[] real = form.eigenvaluesReal();
        double[] imag = form.eigenvaluesImag();
        int i = 0;
        while (i < n) {
            assertTrue(form.isBlockStart(i), label + ": row " + i + " should start a block");
            if (i + 1 < n && t.get(i + 1, i) != 0) {
                assertTrue(i + 2 >= n || t.get(i + 2, i + 1) == 0,
                        label + ": consecutive nonzero subdiagonal entries at row " + (i + 1));
                assertEquals(t.get(i, i), t.get(i + 1, i + 1), 0.0, label + ": 2x2 block at " + i + " has unequal diagonal");
                // Compare signs, because the product b c underflows for tiny matrices.
                assertTrue(Math.signum(t.get(i, i + 1)) * Math.signum(t.get(i + 1, i)) < 0,
                        label + ": 2x2 block at " + i + " has b c >= 0");
                double omega = Math.sqrt(Math.abs(t.get(i, i + 1))) * Math.sqrt(Math.abs(t.get(i + 1, i)));
                assertEquals(t.get(i, i), real[i], 0.0, label + ": real part at " + i);
                assertEquals(omega, imag[i], 1e-15 * omega, label + ": imaginary part at " + i);
                assertEquals(-omega, imag[i + 1], 1e-15 * omega, label + ": imaginary part at " + (i + 1));
                assertTrue(!form.isBlockStart(i + 1), label + ": row " + (i + 1) + " is inside a block");
                i += 2;
            } else {
                assertEquals(t.get(i, i), real[i], 0.0, label + ": eigenvalue at " + i);
                assertEquals(0.0, imag[i], 0.0, label + ": imaginary part at " + i);
                i++;
            }
        }
    }
}
