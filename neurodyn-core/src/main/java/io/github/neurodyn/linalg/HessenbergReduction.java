package io.github.neurodyn.linalg;

/**
 * Householder reduction of a square matrix to upper Hessenberg form,
 * {@code A = Q H Q^T}, as LAPACK's {@code dgehd2} followed by {@code dorghr}.
 *
 * <p>Step {@code k} builds a reflector {@code P_k = I - tau_k v_k v_k^T} that zeroes
 * column {@code k} below its subdiagonal and applies it from both sides; {@code Q} is
 * accumulated backwards, {@code Q = P_0 P_1 ... P_{n-3}}. Cost: {@code 10/3 n^3} flops for
 * {@code H} and {@code 4/3 n^3} for {@code Q} (Golub and Van Loan, Matrix Computations,
 * 4th ed., algorithm 7.4.2).
 *
 * <p>NOTE: the reduction is unblocked, so half of its flops are row dot products that C2
 * does not vectorise. A blocked version (LAPACK's {@code dgehrd} with {@code dlahr2}) would
 * move most of the work into rank-{@code nb} updates.
 */
final class HessenbergReduction {

    private HessenbergReduction() {
    }

    /**
     * Reduces {@code a} in place to Hessenberg form and, when {@code zt} is not null, stores
     * {@code Q^T} in it.
     *
     * @param a rows of a matrix of order {@code n}, overwritten by {@code H} with exact zeros
     *     below the subdiagonal
     * @param n order of the matrix
     * @param zt rows of an {@code n x n} array that receives {@code Q^T}, or null
     */
    static void reduce(double[][] a, int n, double[][] zt) {
        int steps = Math.max(0, n - 2);
        double[][] reflectors = zt == null ? null : new double[steps][];
        double[] tau = new double[Math.max(1, steps)];
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < steps; k++) {
            int length = n - k - 1;
            int first = k + 1;

            // Build the reflector that maps column k below the diagonal onto e_1.
            for (int i = 0; i < length; i++) {
                v[i] = a[first + i][k];
            }
            tau[k] = SchurKernels.householder(v, 0, length);
            a[first][k] = v[0];
            for (int i = 1; i < length; i++) {
                a[first + i][k] = 0;
            }
            if (tau[k] == 0) {
                continue;
            }
            v[0] = 1;
            if (reflectors != null) {
                reflectors[k] = java.util.Arrays.copyOf(v, length);
            }

            // Apply it from the right to columns first..n-1 of every row.
            applyRight(a, n, first, length, v, tau[k]);

            // Apply it from the left to rows first..n-1, columns first..n-1.
            applyLeft(a, n, first, length, v, tau[k], w);
        }
        if (zt == null) {
            return;
        }

        // Accumulate Q = P_0 P_1 ... P_{n-3} backwards, each product touching a trailing block.
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        for (int k = steps - 1; k >= 0; k--) {
            if (tau[k] != 0) {
                applyLeft(q, n, k + 1, n - k - 1, reflectors[k], tau[k], w);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] row = q[i];
            for (int j = 0; j < n; j++) {
                zt[j][i] = row[j];
            }
        }
    }

    /**
     * Computes {@code M[first.., first..] = (I - tau v v^T) M[first.., first..]} over
     * {@code length} rows, as row operations that C2 vectorises.
     */
    private static void applyLeft(double[][] m, int n, int first, int length, double[] v, double tau,
            double[] w) {
        // w = M^T v over the affected columns.
        java.util.Arrays.fill(w, first, n, 0);
        for (int i = 0; i < length; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue;
            }
            double[] row = m[first + i];
            for (int j = first; j < n; j++) {
                w[j] += vi * row[j];
            }
        }

        // M -= tau v w^T.
        for (int i = 0; i < length; i++) {
            double scale = tau * v[i];
            if (scale == 0) {
                continue;
            }
            double[] row = m[first + i];
            for (int j = first; j < n; j++) {
                row[j] -= scale * w[j];
            }
        }
    }

    /** Computes {@code M[.., first..] = M[.., first..] (I - tau v v^T)} over all rows. */
    private static void applyRight(double[][] m, int n, int first, int length, double[] v, double tau) {
        for (int r = 0; r < n; r++) {
            double[] row = m[r];

            // Dot product with four partial sums, which breaks the dependency chain.
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < length; i += 4) {
                s0 += row[first + i] * v[i];
                s1 += row[first + i + 1] * v[i + 1];
                s2 += row[first + i + 2] * v[i + 2];
                s3 += row[first + i + 3] * v[i + 3];
            }
            for (; i < length; i++) {
                s0 += row[first + i] * v[i];
            }
            double scale = tau * ((s0 + s1) + (s2 + s3));
            if (scale == 0) {
                continue;
            }
            for (int j = 0; j < length; j++) {
                row[first + j] -= scale * v[j];
            }
        }
    }
}
