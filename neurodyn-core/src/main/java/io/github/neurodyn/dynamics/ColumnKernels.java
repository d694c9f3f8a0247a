package io.github.neurodyn.dynamics;

/**
 * Matrix-vector kernels on a matrix stored by column, {@code columns[j][i] = W(i, j)}.
 *
 * <p>Each kernel is an axpy sweep, y += W(:, j) r_j, unrolled over four columns so that
 * every load and store of y serves eight floating-point operations. The inner loops index
 * separate column arrays at the same offset, a form that HotSpot C2 vectorises; on JDK 17
 * one flat array indexed at several offsets ran about 2.5 times slower on an AMD EPYC.
 * The pair kernel reads each column once for two right-hand sides (register blocking).
 * The sum inside the parentheses has the same association in both kernels, so a trial gives
 * bit-identical results whether it runs alone or in a pair.
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
     * Computes ya += W ra and yb += W rb, reading W once. Costs 4 n^2 flops.
     */
    static void multiplyAddPair(double[][] columns, double[] ra, double[] ya, double[] rb, double[] yb, int n) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            double[] c0 = columns[j];
            double[] c1 = columns[j + 1];
            double[] c2 = columns[j + 2];
            double[] c3 = columns[j + 3];
            double a0 = ra[j];
            double a1 = ra[j + 1];
            double a2 = ra[j + 2];
            double a3 = ra[j + 3];
            double b0 = rb[j];
            double b1 = rb[j + 1];
            double b2 = rb[j + 2];
            double b3 = rb[j + 3];
            for (int i = 0; i < n; i++) {
                double w0 = c0[i];
                double w1 = c1[i];
                double w2 = c2[i];
                double w3 = c3[i];
                ya[i] += w0 * a0 + w1 * a1 + w2 * a2 + w3 * a3;
                yb[i] += w0 * b0 + w1 * b1 + w2 * b2 + w3 * b3;
            }
        }
        for (; j < n; j++) {
            double[] c = columns[j];
            double aj = ra[j];
            double bj = rb[j];
            for (int i = 0; i < n; i++) {
                ya[i] += c[i] * aj;
                yb[i] += c[i] * bj;
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
