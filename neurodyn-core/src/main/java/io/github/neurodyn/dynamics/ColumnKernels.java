package io.github.neurodyn.dynamics;

/**
 * Matrix-vector kernels on a matrix stored by column, {@code columns[j][i] = W(i, j)}.
 *
 * <p>Each kernel is an axpy sweep, y += W(:, j) r_j, unrolled over four columns so that
 * every load and store of y serves eight floating-point operations. The inner loops index
 * separate column arrays at the same offset, a form that HotSpot C2 vectorises. On JDK 17
 * and a 2-core AMD EPYC, one flat array indexed at several offsets ran about 2.5 times slower.
 *
 * <p>A batch runs {@link #multiplyAddBatch}, which reuses each block of four columns for
 * every trial. A register-blocked variant that updated two or four trials in one inner loop
 * ran about twice as slowly per trial on JDK 17 (N = 200, B = 64, Xeon with AVX-512), which
 * suggests that C2 did not vectorise a loop with several output arrays. Blocks of eight
 * columns were slower too.
 */
final class ColumnKernels {

    private ColumnKernels() {
    }

    /**
     * Computes y += W r for an n x n matrix W given by columns. Costs 2 n^2 flops.
     */
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
     * Computes y_b += W r_b for trials b in [0, trials). The loop over trials sits inside the
     * loop over blocks of four columns, so each block stays in the L1 cache while every trial
     * uses it. Each y_b receives the same operations in the same order as from
     * {@link #multiplyAdd}, so the results are bit-identical. Costs 2 n^2 trials flops.
     */
    static void multiplyAddBatch(double[][] columns, double[][] r, double[][] y, int n, int trials) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double[] c0 = columns[j];
            double[] c1 = columns[j + 1];
            double[] c2 = columns[j + 2];
            double[] c3 = columns[j + 3];
            for (int b = 0; b < trials; b++) {
                double[] rb = r[b];
                double[] yb = y[b];
                double r0 = rb[j];
                double r1 = rb[j + 1];
                double r2 = rb[j + 2];
                double r3 = rb[j + 3];
                for (int i = 0; i < n; i++) {
                    yb[i] += c0[i] * r0 + c1[i] * r1 + c2[i] * r2 + c3[i] * r3;
                }
            }
        }
        for (; j < n; j++) {
            double[] c = columns[j];
            for (int b = 0; b < trials; b++) {
                double[] yb = y[b];
                double rj = r[b][j];
                for (int i = 0; i < n; i++) {
                    yb[i] += c[i] * rj;
                }
            }
        }
    }

    /**
     * Computes y += M e for an n x m matrix M given by its m columns of length n.
     */
    static void multiplyAddRectangular(double[][] columns, double[] e, double[] y, int n) {
        for (int j = 0; j < columns.length; j++) {
            double[] c = columns[j];
            double ej = e[j];
            for (int i = 0; i < n; i++) {
                y[i] += c[i] * ej;
            }
        }
    }

    /**
     * Returns the columns of a row-major rows x cols array as cols arrays of length rows.
     */
    static double[][] toColumns(double[] rowMajor, int rows, int cols) {
        double[][] columns = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                columns[j][i] = rowMajor[i * cols + j];
            }
        }
        return columns;
    }
}
