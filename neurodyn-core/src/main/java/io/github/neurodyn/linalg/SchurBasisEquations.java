package io.github.neurodyn.linalg;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;

/**
 * Lyapunov and Stein equations on an upper quasi-triangular {@code T} (a real Schur form),
 * reduced to the one quasi-triangular kernel shape {@code S Y + Y R} or {@code S Y R - Y}
 * with {@code S} and {@code R} both upper quasi-triangular.
 *
 * <p>The reduction uses the reversal permutation {@code P} (ones on the anti-diagonal):
 * {@code P T^T P} is again upper quasi-triangular, with the same 2x2 blocks in reverse
 * order. Hence {@code T Y + Y T^T = C} becomes {@code T (Y P) + (Y P)(P T^T P) = C P}, and
 * {@code T^T Y + Y T = C} becomes {@code (P T^T P)(P Y) + (P Y) T = P C}. Applying
 * {@code P} only reverses rows or columns, {@code O(n^2)} work.
 *
 * <p>Before solving, the eigenvalues on the diagonal of {@code T} are checked for
 * {@code lambda_i + lambda_j = 2 shift} (continuous) or {@code lambda_i lambda_j = 1}
 * (discrete) relative to the norm of the operator's matrix; a tiny pivot in a block solve
 * or a non-finite solution also raises {@link SingularEquationException}.
 */
final class SchurBasisEquations {

    private static final double EPS = Math.ulp(1.0);

    /**
     * Relative separation, in units of {@code n eps}, below which an equation counts as
     * numerically singular: the computed solution would have no correct digit left at
     * about {@code 1 / (n eps)} amplification of the rounding errors, so it is rejected
     * well before that.
     */
    private static final double SINGULARITY_FACTOR = 100.0;

    private SchurBasisEquations() {
    }

    /** Solution in the Schur basis with its diagnostics. */
    record Result(DMatrixRMaj y, double separation, double relativeSeparation) {
    }

    /**
     * Solves {@code (T - shift I) Y + Y (T - shift I)^T + C = 0}, or with {@code T} and
     * {@code T^T} exchanged when {@code transposed} is true. {@code c} is not modified.
     */
    static Result lyapunov(DMatrixRMaj t, double shift, DMatrixRMaj c, boolean transposed) {
        int n = t.numRows;
        SpectrumCheck check = SpectrumCheck.continuous(t, shift);
        check.raiseIfSingular("Lyapunov", SINGULARITY_FACTOR * Math.max(1, n) * EPS);
        double[] flipped = flipTranspose(t);
        double[] work = new double[n * n];
        SmallBlockSystem report;
        if (!transposed) {
            // T (Y P) + (Y P)(P T^T P) = -C P.
            reverseColumns(c.data, n, n, work, -1.0);
            report = QuasiTriangularSylvester.solve(t.data, n, flipped, n, work, shift);
            DMatrixRMaj y = new DMatrixRMaj(n, n);
            reverseColumns(work, n, n, y.data, 1.0);
            return finish(y, report, check, "Lyapunov");
        }
        // (P T^T P)(P Y) + (P Y) T = -P C.
        reverseRows(c.data, n, n, work, -1.0);
        report = QuasiTriangularSylvester.solve(flipped, n, t.data, n, work, shift);
        DMatrixRMaj y = new DMatrixRMaj(n, n);
        reverseRows(work, n, n, y.data, 1.0);
        return finish(y, report, check, "Lyapunov");
    }

    /**
     * Solves {@code T Y T^T - Y + C = 0}, or {@code T^T Y T - Y + C = 0} when
     * {@code transposed} is true. {@code c} is not modified.
     */
    static Result stein(DMatrixRMaj t, DMatrixRMaj c, boolean transposed) {
        int n = t.numRows;
        SpectrumCheck check = SpectrumCheck.discrete(t);
        check.raiseIfSingular("discrete Lyapunov", SINGULARITY_FACTOR * Math.max(1, n) * EPS);
        double[] flipped = flipTranspose(t);
        double[] work = new double[n * n];
        DMatrixRMaj y = new DMatrixRMaj(n, n);
        SmallBlockSystem report;
        if (!transposed) {
            // T (Y P)(P T^T P) - Y P = -C P.
            reverseColumns(c.data, n, n, work, -1.0);
            report = QuasiTriangularStein.solve(t.data, n, flipped, n, work);
            reverseColumns(work, n, n, y.data, 1.0);
        } else {
            // (P T^T P)(P Y) T - P Y = -P C.
            reverseRows(c.data, n, n, work, -1.0);
            report = QuasiTriangularStein.solve(flipped, n, t.data, n, work);
            reverseRows(work, n, n, y.data, 1.0);
        }
        return finish(y, report, check, "discrete Lyapunov");
    }

    /**
     * Solves {@code S Y + Y R = C} for upper quasi-triangular S (m x m) and R (n x n).
     */
    static Result sylvester(DMatrixRMaj s, DMatrixRMaj r, DMatrixRMaj c) {
        SpectrumCheck check = SpectrumCheck.sylvester(s, r);
        int size = Math.max(1, Math.max(s.numRows, r.numRows));
        check.raiseIfSingular("Sylvester", SINGULARITY_FACTOR * size * EPS);
        DMatrixRMaj y = c.copy();
        SmallBlockSystem report = QuasiTriangularSylvester.solve(s.data, s.numRows, r.data, r.numRows, y.data, 0.0);
        return finish(y, report, check, "Sylvester");
    }

    private static Result finish(DMatrixRMaj y, SmallBlockSystem report, SpectrumCheck check, String equation) {
        if (report.perturbedSolves > 0) {
            throw new SingularEquationException(String.format(
                    "%s equation is numerically singular: %d diagonal block systems had pivots below "
                            + "eps times their largest entry (smallest pivot %.3e); closest eigenvalue pair %s",
                    equation, report.perturbedSolves, report.smallestPivot, check.describeClosestPair()));
        }
        for (double v : y.data) {
            if (!Double.isFinite(v)) {
                throw new SingularEquationException(String.format(
                        "%s solution overflowed to %s; the equation is too close to singular, closest "
                                + "eigenvalue pair %s", equation, v, check.describeClosestPair()));
            }
        }
        return new Result(y, check.separation(), check.relativeSeparation());
    }

    /** Returns {@code P T^T P} as a row-major array: entry (i, j) is {@code T(n-1-j, n-1-i)}. */
    static double[] flipTranspose(DMatrixRMaj t) {
        int n = t.numRows;
        double[] result = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                result[i * n + j] = t.data[(n - 1 - j) * n + (n - 1 - i)];
            }
        }
        return result;
    }

    /** Writes {@code factor * M P} (columns reversed) into {@code out}. */
    static void reverseColumns(double[] m, int rows, int cols, double[] out, double factor) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                out[row + j] = factor * m[row + cols - 1 - j];
            }
        }
    }

    /** Writes {@code factor * P M} (rows reversed) into {@code out}. */
    static void reverseRows(double[] m, int rows, int cols, double[] out, double factor) {
        for (int i = 0; i < rows; i++) {
            int from = (rows - 1 - i) * cols;
            int to = i * cols;
            for (int j = 0; j < cols; j++) {
                out[to + j] = factor * m[from + j];
            }
        }
    }
}
