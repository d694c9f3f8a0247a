package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.api.SingularEquationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property sweep of the Schur form and the matrix-equation solvers over matrix
 * families (stable, unstable, nonnormal, nearly defective, clustered, badly scaled), overall
 * scales from 1e-8 to 1e8 and sizes from 0 up. Every call either returns a finite solution
 * whose residual, recomputed here, meets the bound and matches the reported residual, or
 * raises {@link SingularEquationException}. The matrix exponential is finite or raises
 * NeurodynException on overflow. Inputs must come back unmodified.
 */
class MatrixEquationPropertyTest {

    private static final double EPS = Math.ulp(1.0);

    /** Relative residual bound per unit of n, in multiples of eps. */
    private static final double RESIDUAL_PER_SIZE = 100 * EPS;

    /** Allowed gap between the reported and the recomputed relative residual, per unit of n. */
    private static final double DIAGNOSTIC_GAP_PER_SIZE = 8 * EPS;

    /** Frobenius norm of A below which the cubic term of exp(A) is under the rounding of I. */
    private static final double SMALL_NORM = 1e-5;

    private static final int[] DEFAULT_SIZES = {0, 1, 2, 5, 13, 24};
    private static final int[] SLOW_SIZES = {61, 120, 200};
    private static final double[] SCALES = {1e-8, 1e-3, 1.0, 1e3, 1e8};

    private record Family(String name, BiFunction<Integer, Long, DMatrixRMaj> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("stable", Matrices::stable),
            new Family("unstable", MatrixEquationPropertyTest::unstable),
            new Family("nonnormal", Matrices::nonnormal),
            new Family("nearly defective", Matrices::nearlyDefective),
            new Family("clustered", Matrices::clustered),
            new Family("badly scaled", Matrices::badlyScaled));

    static Stream<Arguments> defaultCases() {
        return cases(DEFAULT_SIZES, SCALES);
    }

    static Stream<Arguments> slowCases() {
        return cases(SLOW_SIZES, new double[] {1e-8, 1.0, 1e8});
    }

    private static Stream<Arguments> cases(int[] sizes, double[] scales) {
        List<Arguments> cases = new ArrayList<>();
        for (Family family : FAMILIES) {
            for (int n : sizes) {
                for (double scale : scales) {
                    cases.add(Arguments.of(family, n, scale));
                }
            }
        }
        return cases.stream();
    }

    /** randn(n, n) / sqrt(n) + 2 I: every eigenvalue near the disc of radius 1 at +2. */
    private static DMatrixRMaj unstable(int n, long seed) {
        DMatrixRMaj a = Matrices.stable(n, seed);
        for (int i = 0; i < n; i++) {
            a.add(i, i, 4);
        }
        return a;
    }

    private static DMatrixRMaj build(Family family, int n, double scale, long seed) {
        DMatrixRMaj a = family.build().apply(n, seed);
        CommonOps_DDRM.scale(scale, a);
        return a;
    }

    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("defaultCases")
    void schurOfScaledFamilies(Family family, int n, double scale) {
        checkSchur(family, n, scale);
    }

    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("defaultCases")
    void lyapunovOfScaledFamilies(Family family, int n, double scale) {
        checkLyapunov(family, n, scale);
    }

    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("defaultCases")
    void discreteLyapunovOfScaledFamilies(Family family, int n, double scale) {
        checkDiscreteLyapunov(family, n, scale);
    }

    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("defaultCases")
    void sylvesterOfScaledFamilies(Family family, int n, double scale) {
        checkSylvester(family, n, scale);
        checkExponential(family, n, scale);
    }

    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("defaultCases")
    void exponentialOfScaledFamilies(Family family, int n, double scale) {
        checkExponential(family, n, scale);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0} n={1} scale={2}")
    @MethodSource("slowCases")
    void allSolversOnLargeFamilies(Family family, int n, double scale) {
        checkSchur(family, n, scale);
        checkLyapunov(family, n, scale);
        checkDiscreteLyapunov(family, n, scale);
        checkSylvester(family, n, scale);
    }

    private static void checkSchur(Family family, int n, double scale) {
        DMatrixRMaj a = build(family, n, scale, 2000L + n);
        DMatrixRMaj before = a.copy();
        String label = family + " n=" + n + " scale=" + scale;

        SchurForm form = RealSchur.of(a);

        assertArrayEquals(before.data, a.data, 0.0, label + ": input was modified");
        SchurFormChecker.check(label, a, form);
    }

    /** Solves one Lyapunov equation for A and Q. */
    private interface LyapunovSolver {
        LyapunovSolution solve(DMatrixRMaj a, DMatrixRMaj q);
    }

    /** Recomputes the relative residual of X independently of the solver. */
    private interface Residual {
        double of(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj q);
    }

    private static void checkLyapunov(Family family, int n, double scale) {
        DMatrixRMaj q = Matrices.symmetric(n, 3500L + n);
        CommonOps_DDRM.scale(scale, q);
        checkSymmetricEquation(build(family, n, scale, 3000L + n), q, Lyapunov::solve,
                MatrixEquationPropertyTest::continuousResidual, family + " n=" + n + " scale=" + scale);
    }

    private static void checkDiscreteLyapunov(Family family, int n, double scale) {
        checkSymmetricEquation(build(family, n, scale, 4000L + n), Matrices.symmetric(n, 4500L + n),
                DiscreteLyapunov::solve, MatrixEquationPropertyTest::discreteResidual,
                family + " n=" + n + " scale=" + scale);
    }

    private static void checkSymmetricEquation(DMatrixRMaj a, DMatrixRMaj q, LyapunovSolver solver,
            Residual residual, String label) {
        int n = a.numRows;
        DMatrixRMaj aBefore = a.copy();
        DMatrixRMaj qBefore = q.copy();

        LyapunovSolution solution;
        try {
            solution = solver.solve(a, q);
        } catch (SingularEquationException singular) {
            assertInputsKept(label, aBefore, a, qBefore, q);
            return;
        }

        assertInputsKept(label, aBefore, a, qBefore, q);
        DMatrixRMaj x = solution.x();
        assertFinite(label, x);
        assertTrue(MatrixFeatures_DDRM.isSymmetric(x, 0.0), label + ": X is not exactly symmetric");
        double recomputed = residual.of(a, x, q);
        assertTrue(recomputed <= bound(n), label + ": relative residual " + recomputed + " exceeds " + bound(n));
        assertEquals(recomputed, solution.relativeResidual(), DIAGNOSTIC_GAP_PER_SIZE * Math.max(1, n),
                label + ": reported residual differs from the recomputed one");
    }

    private static void checkSylvester(Family family, int n, double scale) {
        int m = n / 2 + 1;
        DMatrixRMaj a = build(family, n, scale, 5000L + n);
        DMatrixRMaj b = Matrices.stable(m, 5200L + m);
        CommonOps_DDRM.scale(scale, b);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(n, m, new Random(5400L + n));
        DMatrixRMaj aBefore = a.copy();
        DMatrixRMaj bBefore = b.copy();
        DMatrixRMaj cBefore = c.copy();
        String label = family + " n=" + n + " m=" + m + " scale=" + scale;

        SylvesterSolution solution;
        try {
            solution = Sylvester.solve(a, b, c);
        } catch (SingularEquationException singular) {
            assertInputsKept(label, aBefore, a, cBefore, c);
            assertArrayEquals(bBefore.data, b.data, 0.0, label + ": B was modified");
            return;
        }

        assertInputsKept(label, aBefore, a, cBefore, c);
        assertArrayEquals(bBefore.data, b.data, 0.0, label + ": B was modified");
        DMatrixRMaj x = solution.x();
        assertFinite(label, x);
        double recomputed = sylvesterResidual(a, b, x, c);
        int size = Math.max(n, m);
        assertTrue(recomputed <= bound(size), label + ": relative residual " + recomputed + " exceeds " + bound(size));
        assertEquals(recomputed, solution.relativeResidual(), DIAGNOSTIC_GAP_PER_SIZE * size,
                label + ": reported residual differs from the recomputed one");
    }

    /**
     * Checks that exp(A) is finite or raises NeurodynException on overflow, and that
     * exp(A) = I + A + A^2/2 to rounding when ||A|| is below 1e-5.
     */
    private static void checkExponential(Family family, int n, double scale) {
        DMatrixRMaj a = build(family, n, scale, 6000L + n);
        DMatrixRMaj before = a.copy();
        String label = family + " n=" + n + " scale=" + scale;

        DMatrixRMaj e;
        try {
            e = MatrixExponential.of(a);
        } catch (NeurodynException overflow) {
            assertArrayEquals(before.data, a.data, 0.0, label + ": A was modified");
            return;
        }

        assertArrayEquals(before.data, a.data, 0.0, label + ": A was modified");
        assertFinite(label, e);
        double norm = NormOps_DDRM.normF(a);
        if (n > 0 && norm < SMALL_NORM) {
            DMatrixRMaj series = CommonOps_DDRM.identity(n);
            CommonOps_DDRM.addEquals(series, a);
            DMatrixRMaj square = new DMatrixRMaj(n, n);
            CommonOps_DDRM.mult(a, a, square);
            CommonOps_DDRM.addEquals(series, 0.5, square);
            DMatrixRMaj gap = new DMatrixRMaj(n, n);
            CommonOps_DDRM.subtract(e, series, gap);
            double tolerance = RESIDUAL_PER_SIZE * n;
            assertTrue(NormOps_DDRM.normF(gap) <= tolerance, label + ": exp(A) differs from its series by "
                    + NormOps_DDRM.normF(gap));
        }
    }

    private static double bound(int n) {
        return RESIDUAL_PER_SIZE * Math.max(1, n);
    }

    private static void assertInputsKept(String label, DMatrixRMaj aBefore, DMatrixRMaj a, DMatrixRMaj otherBefore,
            DMatrixRMaj other) {
        assertArrayEquals(aBefore.data, a.data, 0.0, label + ": A was modified");
        assertArrayEquals(otherBefore.data, other.data, 0.0, label + ": right-hand side was modified");
    }

    private static void assertFinite(String label, DMatrixRMaj x) {
        for (int k = 0; k < x.getNumElements(); k++) {
            assertTrue(Double.isFinite(x.data[k]), label + ": X(" + k + ") = " + x.data[k]);
        }
    }

    /** ||A X + X A^T + Q|| / (2 ||A|| sqrt(n) ||X|| + ||Q||), Frobenius norms, with plain EJML products. */
    private static double continuousResidual(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj q) {
        int n = a.numRows;
        if (n == 0) {
            return 0.0;
        }
        DMatrixRMaj ax = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, x, ax);
        DMatrixRMaj xat = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(x, a, xat);
        DMatrixRMaj residual = ax.copy();
        CommonOps_DDRM.addEquals(residual, xat);
        CommonOps_DDRM.addEquals(residual, q);
        double denominator = 2 * NormOps_DDRM.normF(a) * Math.sqrt(n) * NormOps_DDRM.normF(x) + NormOps_DDRM.normF(q);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    /** ||A X A^T - X + Q|| / (||A||^2 ||X|| + n ||X|| + ||Q||), Frobenius norms. */
    private static double discreteResidual(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj q) {
        int n = a.numRows;
        if (n == 0) {
            return 0.0;
        }
        DMatrixRMaj ax = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(a, x, ax);
        DMatrixRMaj residual = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(ax, a, residual);
        CommonOps_DDRM.subtractEquals(residual, x);
        CommonOps_DDRM.addEquals(residual, q);
        double normA = NormOps_DDRM.normF(a);
        double normX = NormOps_DDRM.normF(x);
        double denominator = normA * normA * normX + n * normX + NormOps_DDRM.normF(q);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    /** ||A X + X B - C|| / ((||A|| + ||B||) ||X|| + ||C||), Frobenius norms. */
    private static double sylvesterResidual(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj x, DMatrixRMaj c) {
        if (x.getNumElements() == 0) {
            return 0.0;
        }
        DMatrixRMaj residual = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(a, x, residual);
        DMatrixRMaj xb = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.mult(x, b, xb);
        CommonOps_DDRM.addEquals(residual, xb);
        CommonOps_DDRM.subtractEquals(residual, c);
        double denominator = (NormOps_DDRM.normF(a) + NormOps_DDRM.normF(b)) * NormOps_DDRM.normF(x)
                + NormOps_DDRM.normF(c);
        return ratio(NormOps_DDRM.normF(residual), denominator);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? numerator : numerator / denominator;
    }
}
