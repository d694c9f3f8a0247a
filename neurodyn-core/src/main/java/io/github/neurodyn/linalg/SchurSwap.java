package io.github.neurodyn.linalg;

import io.github.neurodyn.api.ReorderingFailedException;

/**
 * Swaps adjacent diagonal blocks of a real Schur form by an orthogonal similarity, as
 * LAPACK's {@code dlaexc} and {@code dtrexc} (Bai and Demmel, "On swapping diagonal blocks in
 * real Schur form", Linear Algebra Appl. 186, 1993, 73-95).
 *
 * <p>For blocks {@code T11} (order {@code p}) and {@code T22} (order {@code q}) with
 * coupling {@code T12}, the Sylvester equation {@code T11 X - X T22 = T12} gives
 * {@code [[T11, T12], [0, T22]] [[-X], [I]] = [[-X], [I]] T22}, so the orthogonal factor of
 * a QR decomposition of {@code [-X; I]} moves {@code T22} to the top. The swap is first done
 * on a copy of the {@code (p+q)}-square block and rejected when the entries that should
 * vanish, or the difference between the back-transformed block and the original, exceed
 * small multiples of the unit roundoff times the block's norm.
 *
 * <p>Matrices are arrays of rows of order {@code n}, and {@code zt} contains {@code Z^T}.
 */
final class SchurSwap {

    /** Weak test: entries that should vanish may reach this multiple of ulp times max |D|. */
    private static final double WEAK_FACTOR = 10;

    /** Strong test: the back-transformed block may differ by this multiple of ulp times ||D||_F. */
    private static final double STRONG_FACTOR = 20;

    private final double[][] t;
    private final double[][] zt;
    private final int n;
    private final double[] d = new double[16];
    private final double[] original = new double[16];
    private final double[] x = new double[4];
    private final double[] u1 = new double[3];
    private final double[] u2 = new double[3];
    private final double[] block = new double[SchurKernels.STANDARDIZE_SIZE];

    /**
     * Binds the swapper to a Schur form that it updates in place.
     *
     * @param t rows of the quasi-triangular factor of order {@code n}
     * @param zt rows of the transposed orthogonal factor, or null
     * @param n order
     */
    SchurSwap(double[][] t, double[][] zt, int n) {
        this.t = t;
        this.zt = zt;
        this.n = n;
    }

    /** Returns the order (1 or 2) of the block that starts at row {@code j}. */
    int blockOrder(int j) {
        return j + 1 < n && t[j + 1][j] != 0 ? 2 : 1;
    }

    /**
     * Moves the block that starts at row {@code from} up to start at row {@code to}, swapping
     * it past each block in between, as the upward branch of {@code dtrexc}.
     *
     * @return the row where the moved block now starts (equal to {@code to})
     * @throws ReorderingFailedException if a swap is rejected; {@code t} and {@code zt} then
     *     hold a valid Schur form in which the block has moved only part of the way
     */
    int moveUp(int from, int to) {
        int order = blockOrder(from);
        int position = from;
        boolean split = false;
        while (position > to) {
            int above = position >= 2 && t[position - 1][position - 2] != 0 ? 2 : 1;
            if (!split) {
                // The moving block is one 1x1 or 2x2 block.
                swap(position - above, above, order);
                position -= above;
                if (order == 2 && t[position + 1][position] == 0) {
                    split = true;
                }
            } else {
                // The moving 2x2 block split into two 1x1 blocks, which are swapped one by one.
                swap(position - above, above, 1);
                if (above == 1) {
                    swap(position, 1, 1);
                    position -= 1;
                } else {
                    if (t[position][position - 1] == 0) {
                        // The block above split while it was swapped.
                        swap(position, 1, 1);
                        swap(position - 1, 1, 1);
                    } else {
                        swap(position - 1, 2, 1);
                    }
                    position -= 2;
                }
            }
        }
        return position;
    }

    /**
     * Swaps the block of order {@code p} at row {@code j1} with the block of order
     * {@code q} below it, as {@code dlaexc}.
     *
     * @throws ReorderingFailedException if the tentative swap is too inaccurate; then
     *     {@code t} and {@code zt} are unchanged
     */
    void swap(int j1, int p, int q) {
        if (j1 + p >= n) {
            return;
        }
        if (p == 1 && q == 1) {
            swapScalars(j1);
            return;
        }
        int j2 = j1 + 1;
        int j3 = j1 + 2;
        int size = p + q;

        // Copy the (p+q)-square diagonal block into d (leading dimension 4) and measure it.
        double maxNorm = 0;
        double sumSquares = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double value = t[j1 + r][j1 + c];
                d[r * 4 + c] = value;
                original[r * 4 + c] = value;
                maxNorm = Math.max(maxNorm, Math.abs(value));
                sumSquares += value * value;
            }
        }
        double eps = SchurKernels.ULP;
        double smallNumber = SchurKernels.SAFE_MIN / eps;
        double weakThreshold = Math.max(WEAK_FACTOR * eps * maxNorm, smallNumber);
        double strongThreshold = Math.max(STRONG_FACTOR * eps * Math.sqrt(sumSquares), smallNumber);

        // Solve T11 X - X T22 = scale T12 for the p x q matrix X.
        double scale = SmallSylvester.solve(d, p, q, x);

        if (p == 1) {
            // q = 2: a reflector H with (scale, x11, x12) H = (0, 0, *).
            u1[0] = x[1];
            u1[1] = scale;
            u1[2] = x[0];
            double tau = SchurKernels.householder(u1, 0, 3);
            double a0 = u1[1];
            double a1 = u1[2];
            double t11 = t[j1][j1];
            transformBlock(a0, a1, 1, tau, 0, 3);
            double weak = Math.max(Math.max(Math.abs(d[8]), Math.abs(d[9])), Math.abs(d[10] - t11));
            d[8] = 0;
            d[9] = 0;
            d[10] = t11;
            check(j1, p, q, weak, weakThreshold, strongThreshold, a0, a1, 1, tau, 0, 0, 0, 0);

            SchurKernels.reflectRows3(t, j1, j1, n, a0, a1, 1, tau);
            SchurKernels.reflectColumns3(t, j1, 0, j2 + 1, a0, a1, 1, tau);
            t[j3][j1] = 0;
            t[j3][j2] = 0;
            t[j3][j3] = t11;
            if (zt != null) {
                SchurKernels.reflectRows3(zt, j1, 0, n, a0, a1, 1, tau);
            }
        } else if (q == 1) {
            // p = 2: a reflector H with H (-x11, -x21, scale) = (*, 0, 0).
            u1[0] = -x[0];
            u1[1] = -x[2];
            u1[2] = scale;
            double tau = SchurKernels.householder(u1, 0, 3);
            double a1 = u1[1];
            double a2 = u1[2];
            double t33 = t[j3][j3];
            transformBlock(1, a1, a2, tau, 0, 3);
            double weak = Math.max(Math.max(Math.abs(d[4]), Math.abs(d[8])), Math.abs(d[0] - t33));
            d[0] = t33;
            d[4] = 0;
            d[8] = 0;
            check(j1, p, q, weak, weakThreshold, strongThreshold, 1, a1, a2, tau, 0, 0, 0, 0);

            SchurKernels.reflectColumns3(t, j1, 0, j3 + 1, 1, a1, a2, tau);
            SchurKernels.reflectRows3(t, j1, j2, n, 1, a1, a2, tau);
            t[j1][j1] = t33;
            t[j2][j1] = 0;
            t[j3][j1] = 0;
            if (zt != null) {
                SchurKernels.reflectRows3(zt, j1, 0, n, 1, a1, a2, tau);
            }
        } else {
            // p = q = 2: reflectors H1, H2 with H2 H1 [-X; scale I] upper triangular.
            u1[0] = -x[0];
            u1[1] = -x[2];
            u1[2] = scale;
            double tau1 = SchurKernels.householder(u1, 0, 3);
            double b1 = u1[1];
            double b2 = u1[2];
            double temp = -tau1 * (x[1] + b1 * x[3]);
            u2[0] = -temp * b1 - x[3];
            u2[1] = -temp * b2;
            u2[2] = scale;
            double tau2 = SchurKernels.householder(u2, 0, 3);
            double c1 = u2[1];
            double c2 = u2[2];
            transformBlock(1, b1, b2, tau1, 0, 4);
            transformBlock(1, c1, c2, tau2, 1, 4);
            double weak = Math.max(Math.max(Math.abs(d[8]), Math.abs(d[9])),
                    Math.max(Math.abs(d[12]), Math.abs(d[13])));
            d[8] = 0;
            d[9] = 0;
            d[12] = 0;
            d[13] = 0;
            check(j1, p, q, weak, weakThreshold, strongThreshold, 1, b1, b2, tau1, c1, c2, tau2, 1);

            SchurKernels.reflectRows3(t, j1, j1, n, 1, b1, b2, tau1);
            SchurKernels.reflectColumns3(t, j1, 0, j1 + 4, 1, b1, b2, tau1);
            SchurKernels.reflectRows3(t, j2, j1, n, 1, c1, c2, tau2);
            SchurKernels.reflectColumns3(t, j2, 0, j1 + 4, 1, c1, c2, tau2);
            int j4 = j1 + 3;
            t[j3][j1] = 0;
            t[j3][j2] = 0;
            t[j4][j1] = 0;
            t[j4][j2] = 0;
            if (zt != null) {
                SchurKernels.reflectRows3(zt, j1, 0, n, 1, b1, b2, tau1);
                SchurKernels.reflectRows3(zt, j2, 0, n, 1, c1, c2, tau2);
            }
        }

        // Standardise the 2x2 blocks in their new places.
        if (q == 2) {
            standardizeAt(j1);
        }
        if (p == 2) {
            standardizeAt(j1 + q);
        }
    }

    /** Swaps two 1x1 blocks at rows j1 and j1 + 1 with one plane rotation. */
    private void swapScalars(int j1) {
        int j2 = j1 + 1;
        double t11 = t[j1][j1];
        double t22 = t[j2][j2];
        double f = t[j1][j2];
        double g = t22 - t11;
        double r = SchurKernels.hypot(f, g);
        if (r == 0) {
            return;
        }
        double cs = f / r;
        double sn = g / r;
        if (j1 + 2 < n) {
            SchurKernels.rotateRows(t, j1, j2, j1 + 2, n, cs, sn);
        }
        SchurKernels.rotateColumns(t, j1, j2, 0, j1, cs, sn);
        t[j1][j1] = t22;
        t[j2][j2] = t11;
        if (zt != null) {
            SchurKernels.rotateRows(zt, j1, j2, 0, n, cs, sn);
        }
    }

    /**
     * Applies {@code H = I - tau u u^T}, {@code u} acting on rows and columns
     * {@code offset .. offset + 2} of the local block {@code d} of order {@code size}, as
     * {@code d = H d H}.
     */
    private void transformBlock(double a0, double a1, double a2, double tau, int offset, int size) {
        for (int c = 0; c < size; c++) {
            int i0 = offset * 4 + c;
            double sum = a0 * d[i0] + a1 * d[i0 + 4] + a2 * d[i0 + 8];
            d[i0] -= tau * a0 * sum;
            d[i0 + 4] -= tau * a1 * sum;
            d[i0 + 8] -= tau * a2 * sum;
        }
        for (int r = 0; r < size; r++) {
            int i0 = r * 4 + offset;
            double sum = a0 * d[i0] + a1 * d[i0 + 1] + a2 * d[i0 + 2];
            d[i0] -= tau * a0 * sum;
            d[i0 + 1] -= tau * a1 * sum;
            d[i0 + 2] -= tau * a2 * sum;
        }
    }

    /**
     * Rejects the tentative swap held in {@code d} unless the weak test passed and the
     * back-transformed block {@code H1 H2 d H2 H1} equals the original block to within the
     * strong threshold. The second reflector is skipped when {@code second == 0}.
     */
    private void check(int j1, int p, int q, double weak, double weakThreshold, double strongThreshold,
            double a0, double a1, double a2, double tau1, double c1, double c2, double tau2, int second) {
        int size = p + q;
        if (weak > weakThreshold) {
            throw new ReorderingFailedException(j1, p, q, weak, weakThreshold);
        }
        if (second != 0) {
            transformBlock(1, c1, c2, tau2, 1, size);
        }
        transformBlock(a0, a1, a2, tau1, 0, size);
        double sumSquares = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double gap = d[r * 4 + c] - original[r * 4 + c];
                sumSquares += gap * gap;
            }
        }
        double strong = Math.sqrt(sumSquares);
        if (strong > strongThreshold) {
            throw new ReorderingFailedException(j1, p, q, strong, strongThreshold);
        }
    }

    /** Standardises the 2x2 block at row j and applies its rotation to the rest of T and Z. */
    private void standardizeAt(int j) {
        int k = j + 1;
        SchurKernels.standardize(t[j][j], t[j][k], t[k][j], t[k][k], block);
        t[j][j] = block[SchurKernels.A];
        t[j][k] = block[SchurKernels.B];
        t[k][j] = block[SchurKernels.C];
        t[k][k] = block[SchurKernels.D];
        double cs = block[SchurKernels.CS];
        double sn = block[SchurKernels.SN];
        if (j + 2 < n) {
            SchurKernels.rotateRows(t, j, k, j + 2, n, cs, sn);
        }
        SchurKernels.rotateColumns(t, j, k, 0, j, cs, sn);
        if (zt != null) {
            SchurKernels.rotateRows(zt, j, k, 0, n, cs, sn);
        }
    }
}
