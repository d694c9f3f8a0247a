package io.github.neurodyn.linalg;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Seeded matrix families for the decomposition tests. */
final class Matrices {

    private Matrices() {
    }

    /** Standard normal entries. */
    static DMatrixRMaj gaussian(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            a.data[k] = random.nextGaussian();
        }
        return a;
    }

    /** randn(n, n) / sqrt(n) - 2 I, stable with eigenvalues near the disc of radius 1 at -2. */
    static DMatrixRMaj stable(int n, long seed) {
        DMatrixRMaj a = gaussian(n, seed);
        CommonOps_DDRM.scale(1 / Math.sqrt(Math.max(1, n)), a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2);
        }
        return a;
    }

    /** Upper triangular with a spread diagonal and strong coupling, mixed by a rotation. */
    static DMatrixRMaj nonnormal(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, -1 - random.nextDouble());
            for (int j = i + 1; j < n; j++) {
                t.set(i, j, 10 * random.nextGaussian());
            }
        }
        return conjugate(t, seed + 1);
    }

    /** Jordan blocks of order 3 for eigenvalue 1 and -0.5, perturbed by 1e-10 and mixed. */
    static DMatrixRMaj nearlyDefective(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, (i / 3) % 2 == 0 ? 1 : -0.5);
            if (i % 3 != 2 && i + 1 < n) {
                t.set(i, i + 1, 1);
            }
        }
        for (int k = 0; k < n * n; k++) {
            t.data[k] += 1e-10 * random.nextGaussian();
        }
        return conjugate(t, seed + 1);
    }

    /** Eigenvalues clustered within 1e-6 of 3 and of the pair 1 +- 2i. */
    static DMatrixRMaj clustered(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        int i = 0;
        while (i < n) {
            if (i % 4 == 0 && i + 1 < n) {
                double re = 1 + 1e-6 * random.nextDouble();
                t.set(i, i, re);
                t.set(i + 1, i + 1, re);
                t.set(i, i + 1, 2);
                t.set(i + 1, i, -2);
                i += 2;
            } else {
                t.set(i, i, 3 + 1e-6 * random.nextDouble());
                i++;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = r + 2; c < n; c++) {
                t.set(r, c, random.nextGaussian());
            }
        }
        return conjugate(t, seed + 1);
    }

    /** D^-1 G D for a Gaussian G and D = diag(10^u_i), u_i uniform in [-4, 4], so entries span 1e-8 to 1e8. */
    static DMatrixRMaj badlyScaled(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj a = gaussian(n, seed + 1);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.pow(10, -4 + 8 * random.nextDouble());
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, a.get(i, j) * s[i] / s[j]);
            }
        }
        return a;
    }

    /** Symmetric with Gaussian entries. */
    static DMatrixRMaj symmetric(int n, long seed) {
        DMatrixRMaj a = gaussian(n, seed);
        DMatrixRMaj sym = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(a, sym);
        CommonOps_DDRM.addEquals(sym, a);
        return sym;
    }

    /** Upper triangular with Gaussian entries. */
    static DMatrixRMaj triangular(int n, long seed) {
        DMatrixRMaj a = gaussian(n, seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a.set(i, j, 0);
            }
        }
        return a;
    }

    /** Diagonal with Gaussian entries. */
    static DMatrixRMaj diagonal(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            a.set(i, i, random.nextGaussian());
        }
        return a;
    }

    /** Returns Q t Q^T for a random orthogonal Q (QR of a Gaussian matrix). */
    static DMatrixRMaj conjugate(DMatrixRMaj t, long seed) {
        int n = t.numRows;
        DMatrixRMaj q = orthogonal(n, seed);
        DMatrixRMaj qt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, t, qt);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qt, q, result);
        return result;
    }

    /** Random orthogonal matrix by Gram-Schmidt on Gaussian columns, done twice. */
    static DMatrixRMaj orthogonal(int n, long seed) {
        DMatrixRMaj q = gaussian(n, seed);
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q.get(i, j) * q.get(i, k);
                    }
                    for (int i = 0; i < n; i++) {
                        q.add(i, j, -dot * q.get(i, k));
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += q.get(i, j) * q.get(i, j);
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    q.set(i, j, q.get(i, j) / norm);
                }
            }
        }
        return q;
    }
}
