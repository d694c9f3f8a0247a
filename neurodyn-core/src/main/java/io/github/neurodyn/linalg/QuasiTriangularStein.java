package io.github.neurodyn.linalg;

/**
 * Solver of the quasi-triangular Stein (discrete Sylvester) equation {@code S Y R - Y = C},
 * where {@code S} (m x m) and {@code R} (n x n) are upper quasi-triangular with 1x1 and 2x2
 * diagonal blocks. {@code Y} overwrites {@code C}.
 *
 * <p>Algorithm: the column recursion of Barraud (IEEE TAC 22(5), 883-885, 1977) on the
 * Schur form. For each column block {@code j} of Y,
 * left to right, the finished columns enter through {@code G = Y(:, <j) R(<j, j)} and
 * {@code H = S G}; the rows of the block are then solved bottom up from
 * {@code S_ii Y_ij R_jj - Y_ij = C_ij - H_i - S(i, >i) Y(>i, j) R_jj}, each block pair by
 * {@link SmallBlockSystem}. About {@code m n (m + n)} flops in matrix-vector form, plus
 * three m x 2 and two n-long work arrays.
 *
 * <p>A block pair with {@code lambda mu ~ 1} yields a tiny pivot that is replaced and
 * counted in {@link SmallBlockSystem#perturbedSolves}.
 */
final class QuasiTriangularStein {

    private QuasiTriangularStein() {
    }

    /**
     * Solves {@code S Y R - Y = C} for row-major arrays and overwrites {@code c} with Y.
     *
     * @param s upper quasi-triangular S, m x m
     * @param m order of S
     * @param r upper quasi-triangular R, n x n
     * @param n order of R
     * @param c right-hand side, m x n; overwritten by Y
     * @return the block solver's record of tiny pivots
     */
    static SmallBlockSystem solve(double[] s, int m, double[] r, int n, double[] c) {
        SmallBlockSystem system = new SmallBlockSystem();
        // Work arrays, each m x 2 and row-major: g is G = Y(:, <j) R(<j, j), h is S G, v is Y(:, j) R_jj.
        double[] g = new double[2 * m];
        double[] h = new double[2 * m];
        double[] v = new double[2 * m];
        double[] rColumn0 = new double[n];
        double[] rColumn1 = new double[n];
        int j = 0;
        while (j < n) {
            int q = (j + 1 < n && r[(j + 1) * n + j] != 0.0) ? 2 : 1;

            // Contribution of the finished columns, with R(<j, j) copied to contiguous arrays.
            for (int l = 0; l < j; l++) {
                rColumn0[l] = r[l * n + j];
                rColumn1[l] = q == 2 ? r[l * n + j + 1] : 0.0;
            }
            for (int i = 0; i < m; i++) {
                double g0 = 0.0;
                double g1 = 0.0;
                int row = i * n;
                for (int l = 0; l < j; l++) {
                    double y = c[row + l];
                    g0 += y * rColumn0[l];
                    g1 += y * rColumn1[l];
                }
                g[2 * i] = g0;
                g[2 * i + 1] = g1;
            }
            for (int i = 0; i < m; i++) {
                double h0 = 0.0;
                double h1 = 0.0;
                for (int t = Math.max(0, i - 1); t < m; t++) {
                    double st = s[i * m + t];
                    h0 += st * g[2 * t];
                    h1 += st * g[2 * t + 1];
                }
                h[2 * i] = h0;
                h[2 * i + 1] = h1;
            }

            // Rows of the column block, bottom up.
            int iEnd = m;
            while (iEnd > 0) {
                int p = (iEnd >= 2 && s[(iEnd - 1) * m + iEnd - 2] != 0.0) ? 2 : 1;
                int i = iEnd - p;
                double[] rhs = system.rhs;
                for (int b = 0; b < q; b++) {
                    for (int a = 0; a < p; a++) {
                        int row = i + a;
                        double sum = c[row * n + j + b] - h[2 * row + b];
                        for (int t = iEnd; t < m; t++) {
                            sum -= s[row * m + t] * v[2 * t + b];
                        }
                        rhs[a + p * b] = sum;
                    }
                }

                // Kronecker system (R_jj^T kron S_ii - I) vec(Y_ij) = vec(rhs).
                int order = p * q;
                double[] k = system.k;
                system.clear(order);
                for (int b = 0; b < q; b++) {
                    for (int a = 0; a < p; a++) {
                        int kRow = (a + p * b) * SmallBlockSystem.MAX_ORDER;
                        for (int y = 0; y < q; y++) {
                            for (int x = 0; x < p; x++) {
                                k[kRow + x + p * y] += s[(i + a) * m + i + x] * r[(j + y) * n + j + b];
                            }
                        }
                        k[kRow + a + p * b] -= 1.0;
                    }
                }
                system.solve(order);

                // Store Y_ij and V_i = Y_ij R_jj.
                for (int b = 0; b < q; b++) {
                    for (int a = 0; a < p; a++) {
                        c[(i + a) * n + j + b] = rhs[a + p * b];
                    }
                }
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < q; b++) {
                        double sum = 0.0;
                        for (int y = 0; y < q; y++) {
                            sum += c[(i + a) * n + j + y] * r[(j + y) * n + j + b];
                        }
                        v[2 * (i + a) + b] = sum;
                    }
                }
                iEnd = i;
            }
            j += q;
        }
        return system;
    }
}
