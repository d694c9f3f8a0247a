package io.github.neurodyn.linalg;

/**
 * Diagonal similarity scaling {@code A <- D^-1 A D} that makes the norms of each row and
 * the matching column nearly equal, as the scaling step of LAPACK's {@code dgebal} (Parlett
 * and Reinsch, Numer. Math. 13, 1969). The entries of {@code D} are powers of 2, so the
 * scaling adds no rounding error and the eigenvalues are unchanged; what improves is their
 * computed accuracy for badly scaled matrices.
 *
 * <p>Limitations: the permutation step of {@code dgebal}, which isolates eigenvalues
 * already exposed by zero patterns, is not done.
 */
final class Balancing {

    private static final double RADIX = 2;

    /** A scaling is kept only if it reduces the row plus column norm below this fraction. */
    private static final double IMPROVEMENT = 0.95;

    private Balancing() {
    }

    /**
     * Balances {@code a} in place.
     *
     * @param a rows of a matrix of order {@code n}
     * @param n order
     * @return the diagonal of {@code D}
     */
    static double[] balance(double[][] a, int n) {
        double[] scale = new double[n];
        java.util.Arrays.fill(scale, 1);
        double sfmin1 = SchurKernels.SAFE_MIN / SchurKernels.ULP;
        double sfmax1 = 1 / sfmin1;
        double sfmin2 = sfmin1 * RADIX;
        double sfmax2 = 1 / sfmin2;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                // Norms of column i and row i, and their largest entries.
                double c = 0;
                double r = 0;
                double ca = 0;
                double ra = 0;
                for (int k = 0; k < n; k++) {
                    double column = a[k][i];
                    double row = a[i][k];
                    c += column * column;
                    r += row * row;
                    ca = Math.max(ca, Math.abs(column));
                    ra = Math.max(ra, Math.abs(row));
                }
                c = Math.sqrt(c);
                r = Math.sqrt(r);
                if (c == 0 || r == 0 || !Double.isFinite(c + r)) {
                    continue;
                }

                // Find the power of 2 that brings the two norms closest.
                double g = r / RADIX;
                double f = 1;
                double s = c + r;
                while (c < g && Math.max(f, Math.max(c, ca)) < sfmax2 && Math.min(r, Math.min(g, ra)) > sfmin2) {
                    f *= RADIX;
                    c *= RADIX;
                    ca *= RADIX;
                    r /= RADIX;
                    g /= RADIX;
                    ra /= RADIX;
                }
                g = c / RADIX;
                while (g >= r && Math.max(r, ra) < sfmax2
                        && Math.min(Math.min(f, c), Math.min(g, ca)) > sfmin2) {
                    f /= RADIX;
                    c /= RADIX;
                    g /= RADIX;
                    ca /= RADIX;
                    r *= RADIX;
                    ra *= RADIX;
                }

                // Keep the scaling only if it helps and stays in range.
                if (c + r >= IMPROVEMENT * s) {
                    continue;
                }
                if (f < 1 && scale[i] < 1 && f * scale[i] <= sfmin1) {
                    continue;
                }
                if (f > 1 && scale[i] > 1 && scale[i] >= sfmax1 / f) {
                    continue;
                }
                scale[i] *= f;
                changed = true;
                double inverse = 1 / f;
                for (int k = 0; k < n; k++) {
                    a[i][k] *= inverse;
                }
                for (int k = 0; k < n; k++) {
                    a[k][i] *= f;
                }
            }
        }
        return scale;
    }
}
