package io.github.neurodyn.preparation;

/**
 * Matrix-vector products on a square matrix stored by column, {@code columns[j][i] = M(i, j)},
 * as axpy sweeps {@code y += M(:, j) r_j} over four columns at a time. The inner loop indexes
 * separate column arrays at one offset, a form that HotSpot C2 vectorises, unlike the
 * dot-product form of a row-major product, whose floating-point reduction it keeps in order.
 */
final class ColumnProducts {

    private ColumnProducts() {
    }

    /** Returns the columns of a row-major n x n array. */
    static double[][] columns(double[] rowMajor, int n) {
        double[][] columns = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                columns[j][i] = rowMajor[i * n + j];
            }
        }
        return columns;
    }

    /** Computes {@code y += M r} for n x n M given by columns; costs 2 n^2 flops. */
    static void multiplyAdd(double[][] columns, double[] r, double[] y, int n) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double[] c0 = columns[j];
            double[] c1 = columns[j + 1];
            double[] c2 = columns[j + 2];
            double[] c3 = columns[j + 3];
            double r0 = r[j];
            double r1 = r[j + 1];
            double r2 = r[j + 2];
            double r3 = r[j + 3];
            for (int i = 0; i < n; i++) {
                y[i] += c0[i] * r0 + c1[i] * r1 + c2[i] * r2 + c3[i] * r3;
            }
        }
        for (; j < n; j++) {
            double[] c = columns[j];
            double rj = r[j];
            for (int i = 0; i < n; i++) {
                y[i] += c[i] * rj;
            }
        }
    }

    /**
     * Returns {@code e^T M e} for a symmetric M given by columns, using {@code work} (length
     * n) for M e; costs 2 n^2 flops.
     */
    static double quadraticForm(double[][] columns, double[] e, double[] work, int n) {
        java.util.Arrays.fill(work, 0, n, 0.0);
        multiplyAdd(columns, e, work, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += e[i] * work[i];
        }
        return sum;
    }
}
