package io.github.neurodyn.linalg;

/**
 * Solver for the linear systems of order 1 to 4 that a 1x1 or 2x2 diagonal block pair
 * produces in the Bartels-Stewart recursion, in the style of LAPACK {@code dlasy2}:
 * Gaussian elimination with complete pivoting, where a pivot smaller than
 * {@code smin = max(eps * max |K_ij|, SAFE_MINIMUM)} is replaced by {@code smin} and the
 * replacement is recorded as near-singularity.
 *
 * <p>One instance owns its work arrays, so solving allocates nothing; instances are not
 * thread-safe.
 */
final class SmallBlockSystem {

    /** Largest system order: a 2x2 block against a 2x2 block. */
    static final int MAX_ORDER = 4;

    private static final double EPS = Math.ulp(1.0);

    /** Smallest pivot magnitude used, well above the underflow threshold. */
    private static final double SAFE_MINIMUM = Double.MIN_NORMAL / EPS;

    /** System matrix, row-major, {@code MAX_ORDER x MAX_ORDER}; callers fill it. */
    final double[] k = new double[MAX_ORDER * MAX_ORDER];

    /** Right-hand side on entry, solution on return. */
    final double[] rhs = new double[MAX_ORDER];

    private final int[] columnOrder = new int[MAX_ORDER];
    private final double[] solution = new double[MAX_ORDER];

    /** Number of solves in which at least one pivot was replaced by {@code smin}. */
    int perturbedSolves;

    /** Smallest pivot magnitude met before perturbation, over all solves. */
    double smallestPivot = Double.POSITIVE_INFINITY;

    /** Clears the system matrix before a caller fills the entries of a new system. */
    void clear(int order) {
        for (int i = 0; i < order; i++) {
            for (int j = 0; j < order; j++) {
                k[i * MAX_ORDER + j] = 0.0;
            }
        }
    }

    /**
     * Solves {@code K x = rhs} in place for the leading {@code order x order} part of
     * {@link #k}; {@code K} is destroyed.
     */
    void solve(int order) {
        if (order == 1) {
            solveScalar();
            return;
        }

        // Pivot threshold relative to the largest entry.
        double largest = 0.0;
        for (int i = 0; i < order; i++) {
            for (int j = 0; j < order; j++) {
                largest = Math.max(largest, Math.abs(k[i * MAX_ORDER + j]));
            }
        }
        double smin = Math.max(EPS * largest, SAFE_MINIMUM);
        for (int j = 0; j < order; j++) {
            columnOrder[j] = j;
        }
        boolean perturbed = false;

        // Elimination with complete pivoting.
        for (int step = 0; step < order; step++) {
            int pivotRow = step;
            int pivotCol = step;
            double pivotSize = -1.0;
            for (int i = step; i < order; i++) {
                for (int j = step; j < order; j++) {
                    double size = Math.abs(k[i * MAX_ORDER + j]);
                    if (size > pivotSize) {
                        pivotSize = size;
                        pivotRow = i;
                        pivotCol = j;
                    }
                }
            }
            swapRows(step, pivotRow);
            swapColumns(step, pivotCol);
            smallestPivot = Math.min(smallestPivot, pivotSize);
            if (pivotSize < smin) {
                k[step * MAX_ORDER + step] = smin;
                perturbed = true;
            }
            double pivot = k[step * MAX_ORDER + step];
            for (int i = step + 1; i < order; i++) {
                double factor = k[i * MAX_ORDER + step] / pivot;
                if (factor == 0.0) {
                    continue;
                }
                for (int j = step + 1; j < order; j++) {
                    k[i * MAX_ORDER + j] -= factor * k[step * MAX_ORDER + j];
                }
                rhs[i] -= factor * rhs[step];
            }
        }

        // Back substitution, then undo the column permutation.
        for (int i = order - 1; i >= 0; i--) {
            double sum = rhs[i];
            for (int j = i + 1; j < order; j++) {
                sum -= k[i * MAX_ORDER + j] * solution[j];
            }
            solution[i] = sum / k[i * MAX_ORDER + i];
        }
        for (int j = 0; j < order; j++) {
            rhs[columnOrder[j]] = solution[j];
        }
        if (perturbed) {
            perturbedSolves++;
        }
    }

    /** Solves the 1x1 case, where the only pivot is the entry itself and only underflow perturbs it. */
    private void solveScalar() {
        double pivot = k[0];
        double size = Math.abs(pivot);
        smallestPivot = Math.min(smallestPivot, size);
        if (size < SAFE_MINIMUM) {
            pivot = SAFE_MINIMUM;
            perturbedSolves++;
        }
        rhs[0] /= pivot;
    }

    private void swapRows(int a, int b) {
        if (a == b) {
            return;
        }
        for (int j = 0; j < MAX_ORDER; j++) {
            double tmp = k[a * MAX_ORDER + j];
            k[a * MAX_ORDER + j] = k[b * MAX_ORDER + j];
            k[b * MAX_ORDER + j] = tmp;
        }
        double tmp = rhs[a];
        rhs[a] = rhs[b];
        rhs[b] = tmp;
    }

    private void swapColumns(int a, int b) {
        if (a == b) {
            return;
        }
        for (int i = 0; i < MAX_ORDER; i++) {
            double tmp = k[i * MAX_ORDER + a];
            k[i * MAX_ORDER + a] = k[i * MAX_ORDER + b];
            k[i * MAX_ORDER + b] = tmp;
        }
        int tmp = columnOrder[a];
        columnOrder[a] = columnOrder[b];
        columnOrder[b] = tmp;
    }
}
