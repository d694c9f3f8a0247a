package io.github.neurodyn.linalg;

/**
 * Solves the Sylvester equation {@code T11 X - X T22 = scale T12} for blocks of order 1 or
 * 2, the job of LAPACK's {@code dlasy2} in the block swaps of {@link SchurSwap}.
 *
 * <p>The {@code p q} unknowns form a linear system of order at most 4, solved by Gaussian
 * elimination with complete pivoting. A pivot smaller than
 * {@code smin = max(ulp max|T11|, ulp max|T22|, safe minimum)} is replaced by {@code smin},
 * so nearly equal eigenvalues of {@code T11} and {@code T22} give a large but finite
 * {@code X}; the swap's stability test then decides whether to accept it.
 */
final class SmallSylvester {

    private SmallSylvester() {
    }

    /**
     * Solves the equation for the blocks of {@code d}.
     *
     * @param d row-major block with leading dimension 4: {@code T11} in rows and columns
     *     {@code 0..p-1}, {@code T12} in rows {@code 0..p-1} and columns {@code p..p+q-1},
     *     {@code T22} in rows and columns {@code p..p+q-1}
     * @param p order of {@code T11}, 1 or 2
     * @param q order of {@code T22}, 1 or 2
     * @param x receives {@code X} row-major with leading dimension 2
     * @return the scale factor in {@code (0, 1]} applied to the right-hand side to avoid
     *     overflow in {@code X}
     */
    static double solve(double[] d, int p, int q, double[] x) {
        int size = p * q;
        double[] k = new double[16];
        double[] rhs = new double[4];

        // Build K vec(X) = vec(T12) with unknown (r, c) at index r q + c.
        for (int r = 0; r < p; r++) {
            for (int c = 0; c < q; c++) {
                int row = r * q + c;
                rhs[row] = d[r * 4 + p + c];
                for (int s = 0; s < p; s++) {
                    k[row * 4 + s * q + c] += d[r * 4 + s];
                }
                for (int s = 0; s < q; s++) {
                    k[row * 4 + r * q + s] -= d[(p + s) * 4 + p + c];
                }
            }
        }
        double maxEntry = Math.max(maxAbs(d, 0, p), maxAbs(d, p, q));
        double smallNumber = SchurKernels.SAFE_MIN / SchurKernels.ULP;
        double smin = Math.max(SchurKernels.ULP * maxEntry, smallNumber);

        // Gaussian elimination with complete pivoting. The column swaps are recorded in perm.
        int[] perm = {0, 1, 2, 3};
        for (int step = 0; step < size; step++) {
            int pivotRow = step;
            int pivotCol = step;
            double pivot = -1;
            for (int r = step; r < size; r++) {
                for (int c = step; c < size; c++) {
                    double value = Math.abs(k[r * 4 + c]);
                    if (value > pivot) {
                        pivot = value;
                        pivotRow = r;
                        pivotCol = c;
                    }
                }
            }
            if (pivotRow != step) {
                for (int c = 0; c < size; c++) {
                    double swap = k[step * 4 + c];
                    k[step * 4 + c] = k[pivotRow * 4 + c];
                    k[pivotRow * 4 + c] = swap;
                }
                double swap = rhs[step];
                rhs[step] = rhs[pivotRow];
                rhs[pivotRow] = swap;
            }
            if (pivotCol != step) {
                for (int r = 0; r < size; r++) {
                    double swap = k[r * 4 + step];
                    k[r * 4 + step] = k[r * 4 + pivotCol];
                    k[r * 4 + pivotCol] = swap;
                }
                int swap = perm[step];
                perm[step] = perm[pivotCol];
                perm[pivotCol] = swap;
            }
            if (Math.abs(k[step * 4 + step]) < smin) {
                k[step * 4 + step] = smin;
            }
            for (int r = step + 1; r < size; r++) {
                double factor = k[r * 4 + step] / k[step * 4 + step];
                k[r * 4 + step] = 0;
                for (int c = step + 1; c < size; c++) {
                    k[r * 4 + c] -= factor * k[step * 4 + c];
                }
                rhs[r] -= factor * rhs[step];
            }
        }

        // Scale the right-hand side down if back substitution could overflow.
        double scale = 1;
        double maxRhs = 0;
        for (int r = 0; r < size; r++) {
            maxRhs = Math.max(maxRhs, Math.abs(rhs[r]));
        }
        double minPivot = Double.POSITIVE_INFINITY;
        for (int r = 0; r < size; r++) {
            minPivot = Math.min(minPivot, Math.abs(k[r * 4 + r]));
        }
        if (8 * smallNumber * maxRhs > minPivot) {
            scale = 0.125 / maxRhs;
            for (int r = 0; r < size; r++) {
                rhs[r] *= scale;
            }
        }

        // Back substitution, then undo the column permutation.
        double[] solution = new double[4];
        for (int r = size - 1; r >= 0; r--) {
            double sum = rhs[r];
            for (int c = r + 1; c < size; c++) {
                sum -= k[r * 4 + c] * solution[c];
            }
            solution[r] = sum / k[r * 4 + r];
        }
        for (int r = 0; r < size; r++) {
            int unknown = perm[r];
            x[(unknown / q) * 2 + unknown % q] = solution[r];
        }
        return scale;
    }

    /** Returns the largest absolute entry of the diagonal block of order {@code order} at {@code offset}. */
    private static double maxAbs(double[] d, int offset, int order) {
        double max = 0;
        for (int r = 0; r < order; r++) {
            for (int c = 0; c < order; c++) {
                max = Math.max(max, Math.abs(d[(offset + r) * 4 + offset + c]));
            }
        }
        return max;
    }
}
