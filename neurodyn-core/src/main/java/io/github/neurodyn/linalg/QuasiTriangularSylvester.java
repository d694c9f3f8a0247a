package io.github.neurodyn.linalg;

/**
 * Recursive solver of the quasi-triangular Sylvester equation
 * {@code (S - shift I) Y + Y (R - shift I) = C}, where {@code S} (m x m) and {@code R}
 * (n x n) are upper quasi-triangular with 1x1 and 2x2 diagonal blocks, as in a real Schur
 * form. {@code Y} overwrites {@code C}.
 *
 * <p>Algorithm: the recursive blocking of Jonsson and Kagstrom (RECSY, ACM TOMS 28(4),
 * 2002). The larger of the two matrices is split near its middle, never inside a 2x2
 * block; the two half problems are solved in turn and coupled by one product update
 * {@code C -= S12 Y2} or {@code C -= Y1 R12}. Problems with both sides of at most
 * {@link #LEAF_SIZE} run the Bartels-Stewart substitution (CACM 15(9), 1972) block by
 * block, each block pair solved by {@link SmallBlockSystem}. About {@code m n (m + n)}
 * flops, almost all of them in {@link BlockProducts} for large problems.
 *
 * <p>A diagonal block pair whose eigenvalues nearly cancel ({@code lambda + mu ~ 2 shift})
 * yields a tiny pivot; it is replaced as in LAPACK {@code dlasy2} and counted in
 * {@link SmallBlockSystem#perturbedSolves}, so callers can raise an error.
 *
 * <p>Limitations: no scaling against overflow as in LAPACK {@code dtrsyl}; a solution
 * whose entries exceed about 1e308 overflows to infinity, which callers detect.
 */
final class QuasiTriangularSylvester {

    /** Largest side solved by plain substitution. */
    static final int LEAF_SIZE = 32;

    private final double[] s;
    private final int sStride;
    private final double[] r;
    private final int rStride;
    private final double[] c;
    private final int cStride;
    private final double shift;
    private final SmallBlockSystem system = new SmallBlockSystem();

    /** Transposed copy of the current leaf of C, {@code LEAF_SIZE x LEAF_SIZE}. */
    private final double[] leaf = new double[LEAF_SIZE * LEAF_SIZE];

    private QuasiTriangularSylvester(double[] s, int sStride, double[] r, int rStride, double[] c, int cStride,
            double shift) {
        this.s = s;
        this.sStride = sStride;
        this.r = r;
        this.rStride = rStride;
        this.c = c;
        this.cStride = cStride;
        this.shift = shift;
    }

    /**
     * Solves {@code (S - shift I) Y + Y (R - shift I) = C} for square row-major arrays and
     * overwrites {@code c} with {@code Y}.
     *
     * @param s upper quasi-triangular S, m x m, row-major
     * @param m order of S
     * @param r upper quasi-triangular R, n x n, row-major
     * @param n order of R
     * @param c right-hand side C, m x n, row-major; overwritten by Y
     * @param shift the shift subtracted from both diagonals
     * @return the block solver's record of tiny pivots
     */
    static SmallBlockSystem solve(double[] s, int m, double[] r, int n, double[] c, double shift) {
        QuasiTriangularSylvester solver = new QuasiTriangularSylvester(s, m, r, n, c, n, shift);
        if (m > 0 && n > 0) {
            solver.solveBlock(0, m, 0, n);
        }
        return solver.system;
    }

    /**
     * Solves the sub-problem on {@code S[s0:s0+m, s0:s0+m]}, {@code R[r0:r0+n, r0:r0+n]}
     * and {@code C[s0:s0+m, r0:r0+n]}.
     */
    private void solveBlock(int s0, int m, int r0, int n) {
        if (m <= LEAF_SIZE && n <= LEAF_SIZE) {
            substitute(s0, m, r0, n);
            return;
        }
        if (m >= n) {
            // Split S: bottom rows of Y first, because S is upper triangular.
            int k = splitPoint(s, sStride, s0, m);
            solveBlock(s0 + k, m - k, r0, n);
            BlockProducts.multiplySubtract(s, s0 * sStride + s0 + k, sStride,
                    c, (s0 + k) * cStride + r0, cStride,
                    c, s0 * cStride + r0, cStride, k, m - k, n);
            solveBlock(s0, k, r0, n);
        } else {
            // Split R: left columns of Y first, because R is upper triangular.
            int k = splitPoint(r, rStride, r0, n);
            solveBlock(s0, m, r0, k);
            BlockProducts.multiplySubtract(c, s0 * cStride + r0, cStride,
                    r, r0 * rStride + r0 + k, rStride,
                    c, s0 * cStride + r0 + k, cStride, m, k, n - k);
            solveBlock(s0, m, r0 + k, n - k);
        }
    }

    /** Returns a split index near {@code size / 2} that does not cut a 2x2 block. */
    static int splitPoint(double[] t, int stride, int t0, int size) {
        int k = size / 2;
        int row = t0 + k;
        if (t[row * stride + row - 1] != 0.0) {
            k = k + 1 < size ? k + 1 : k - 1;
        }
        return k;
    }

    /**
     * Bartels-Stewart substitution on a leaf: columns of Y left to right, rows bottom up.
     * The leaf of C is copied transposed into {@link #leaf}, so that both the dot products
     * with rows of S and the updates of later columns run over contiguous memory.
     */
    private void substitute(int s0, int m, int r0, int n) {
        // Copy the leaf transposed: leaf[col * m + row] = C(s0 + row, r0 + col).
        double[] w = leaf;
        for (int row = 0; row < m; row++) {
            int cRow = (s0 + row) * cStride + r0;
            for (int col = 0; col < n; col++) {
                w[col * m + row] = c[cRow + col];
            }
        }

        int j = 0;
        while (j < n) {
            int q = (j + 1 < n && r[(r0 + j + 1) * rStride + r0 + j] != 0.0) ? 2 : 1;

            // Rows of the column block, bottom up.
            int iEnd = m;
            while (iEnd > 0) {
                int p = (iEnd >= 2 && s[(s0 + iEnd - 1) * sStride + s0 + iEnd - 2] != 0.0) ? 2 : 1;
                int i = iEnd - p;
                solveBlockPair(s0, i, p, iEnd, m, r0, j, q);
                iEnd = i;
            }

            // Later columns lose Y(:, j) R(j, later), an axpy over each column of the leaf.
            for (int b = 0; b < q; b++) {
                int solved = (j + b) * m;
                int rRow = (r0 + j + b) * rStride + r0;
                for (int col = j + q; col < n; col++) {
                    double coefficient = r[rRow + col];
                    if (coefficient == 0.0) {
                        continue;
                    }
                    int target = col * m;
                    for (int row = 0; row < m; row++) {
                        w[target + row] -= coefficient * w[solved + row];
                    }
                }
            }
            j += q;
        }

        // Copy the solution back.
        for (int row = 0; row < m; row++) {
            int cRow = (s0 + row) * cStride + r0;
            for (int col = 0; col < n; col++) {
                c[cRow + col] = w[col * m + row];
            }
        }
    }

    /** Solves for the p x q block of Y at leaf rows i.., columns j.., held transposed in {@link #leaf}. */
    private void solveBlockPair(int s0, int i, int p, int iEnd, int m, int r0, int j, int q) {
        // Right-hand side: C_ij - S(i, below) Y(below, j); the columns left of j are already applied.
        double[] w = leaf;
        double[] rhs = system.rhs;
        for (int b = 0; b < q; b++) {
            int column = (j + b) * m;
            for (int a = 0; a < p; a++) {
                int sRow = (s0 + i + a) * sStride + s0;
                double sum = w[column + i + a];
                for (int t = iEnd; t < m; t++) {
                    sum -= s[sRow + t] * w[column + t];
                }
                rhs[a + p * b] = sum;
            }
        }

        // Kronecker system (I_q kron S_ii + R_jj^T kron I_p - 2 shift I) vec(Y_ij) = vec(rhs).
        int order = p * q;
        if (order == 1) {
            int diagonal = s0 + i;
            int col = r0 + j;
            system.k[0] = s[diagonal * sStride + diagonal] + r[col * rStride + col] - 2.0 * shift;
            system.solve(1);
            w[j * m + i] = rhs[0];
            return;
        }
        double[] k = system.k;
        system.clear(order);
        for (int b = 0; b < q; b++) {
            for (int a = 0; a < p; a++) {
                int row = (a + p * b) * SmallBlockSystem.MAX_ORDER;
                for (int x = 0; x < p; x++) {
                    k[row + x + p * b] += s[(s0 + i + a) * sStride + s0 + i + x];
                }
                for (int y = 0; y < q; y++) {
                    k[row + a + p * y] += r[(r0 + j + y) * rStride + r0 + j + b];
                }
                k[row + a + p * b] -= 2.0 * shift;
            }
        }
        system.solve(order);
        for (int b = 0; b < q; b++) {
            for (int a = 0; a < p; a++) {
                w[(j + b) * m + i + a] = rhs[a + p * b];
            }
        }
    }
}
