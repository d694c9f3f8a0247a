package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InaccurateSolutionException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Matrix equations whose data lie near the ends of the double range. The solvers scale the
 * data by powers of two, so the solution must not depend on the scale. A solution beyond the
 * range must raise an exception instead of returning an overflowed or zero matrix.
 */
class MatrixEquationScalingTest {

    private static final double EPS = Math.ulp(1.0);

    /** Relative error of a scalar solution: a few roundings in the solve and the scaling. */
    private static final double SCALAR_TOLERANCE = 4 * EPS;

    /** Relative residual bound for the small random equations, in multiples of eps. */
    private static final double RESIDUAL_BOUND = 100 * EPS;

    /**
     * Relative Frobenius distance between the scaled and the unscaled solution. Scaling by a
     * power of two is exact, so only the different rounding of the Schur iteration remains.
     */
    private static final double SCALE_INVARIANCE_TOLERANCE = 1e-12;

    /** Order of the random equations. */
    private static final int N = 4;

    /** Decimal exponents of the scales, from 1e-300 to 1e300. */
    private static final int[] DECIMAL_EXPONENTS = {-300, -250, -200, -150, -100, -50, -10, 0, 10, 50, 100, 150, 200,
        250, 300};

    @Test
    void lyapunovOfHugeScalar() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1e308}});
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1e308}});

        LyapunovSolution solution = Lyapunov.solve(a, q);

        assertEquals(0.5, solution.x().get(0, 0), SCALAR_TOLERANCE * 0.5);
        assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, "residual " + solution.relativeResidual());
    }

    @Test
    void scalarLyapunovOverScalePairs() {
        for (int aExponent : DECIMAL_EXPONENTS) {
            for (int qExponent : DECIMAL_EXPONENTS) {
                double minusA = Math.pow(10, aExponent);
                double q = 3 * Math.pow(10, qExponent);
                DMatrixRMaj aMatrix = new DMatrixRMaj(new double[][] {{-minusA}});
                DMatrixRMaj qMatrix = new DMatrixRMaj(new double[][] {{q}});
                double expected = q / minusA / 2;
                String label = "A = -1e" + aExponent + ", Q = 3e" + qExponent;

                if (Double.isInfinite(expected)) {
                    assertThrows(InaccurateSolutionException.class, () -> Lyapunov.solve(aMatrix, qMatrix), label);
                    continue;
                }
                LyapunovSolution solution = Lyapunov.solve(aMatrix, qMatrix);
                LyapunovSolution transposed = Lyapunov.solveTransposed(aMatrix, qMatrix);

                assertEquals(expected, solution.x().get(0, 0), scalarTolerance(expected), label);
                assertEquals(expected, transposed.x().get(0, 0), scalarTolerance(expected), label + ", transposed");
                assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                        + solution.relativeResidual());
            }
        }
    }

    @Test
    void scalarSylvesterOverScalePairs() {
        for (int abExponent : DECIMAL_EXPONENTS) {
            for (int cExponent : DECIMAL_EXPONENTS) {
                double scale = Math.pow(10, abExponent);
                double c = 5 * Math.pow(10, cExponent);
                DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-2 * scale}});
                DMatrixRMaj b = new DMatrixRMaj(new double[][] {{-0.5 * scale}});
                DMatrixRMaj cMatrix = new DMatrixRMaj(new double[][] {{c}});
                // (a + b) x = c with a + b = -2.5 scale.
                double expected = -(c / scale) / 2.5;
                String label = "A + B = -2.5e" + abExponent + ", C = 5e" + cExponent;

                if (Double.isInfinite(expected)) {
                    assertThrows(InaccurateSolutionException.class, () -> Sylvester.solve(a, b, cMatrix), label);
                    continue;
                }
                SylvesterSolution solution = Sylvester.solve(a, b, cMatrix);

                assertEquals(expected, solution.x().get(0, 0), scalarTolerance(expected), label);
                assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                        + solution.relativeResidual());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-300, -200, -100, 0, 100, 200, 300})
    void scalarDiscreteLyapunovScalesWithQ(int qExponent) {
        // 0.25 x - x + q = 0 gives x = 4 q / 3.
        double q = 3 * Math.pow(10, qExponent);
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0.5}});

        LyapunovSolution solution = DiscreteLyapunov.solve(a, new DMatrixRMaj(new double[][] {{q}}));

        double expected = 4 * (q / 3);
        assertEquals(expected, solution.x().get(0, 0), scalarTolerance(expected));
        assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, "residual " + solution.relativeResidual());
    }

    @Test
    void lyapunovSolutionBeyondRangeRaises() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1e-300}});
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1e300}});

        InaccurateSolutionException e = assertThrows(InaccurateSolutionException.class, () -> Lyapunov.solve(a, q));

        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }

    @Test
    void randomLyapunovIsScaleInvariant() {
        DMatrixRMaj a0 = Matrices.stable(N, 41);
        DMatrixRMaj q0 = positiveSemidefinite(N, 42);
        DMatrixRMaj x0 = Lyapunov.solve(a0, q0).x();
        DMatrixRMaj x0Transposed = Lyapunov.solveTransposed(a0, q0).x();

        for (int exponent : DECIMAL_EXPONENTS) {
            double scale = Math.pow(10, exponent);
            DMatrixRMaj a = scaled(a0, scale);
            DMatrixRMaj q = scaled(q0, scale);
            String label = "scale 1e" + exponent;

            LyapunovSolution solution = Lyapunov.solve(a, q);
            LyapunovSolution transposed = Lyapunov.solveTransposed(a, q);

            assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                    + solution.relativeResidual());
            assertTrue(transposed.relativeResidual() <= RESIDUAL_BOUND, label + ": transposed residual "
                    + transposed.relativeResidual());
            assertTrue(relativeDistance(x0, solution.x()) <= SCALE_INVARIANCE_TOLERANCE, label);
            assertTrue(relativeDistance(x0Transposed, transposed.x()) <= SCALE_INVARIANCE_TOLERANCE,
                    label + ", transposed");
        }
    }

    @Test
    void randomShiftedLyapunovIsScaleInvariant() {
        DMatrixRMaj a0 = Matrices.stable(N, 43);
        DMatrixRMaj q0 = positiveSemidefinite(N, 44);
        double shift0 = 0.5;
        DMatrixRMaj x0 = Lyapunov.solveShifted(RealSchur.of(a0), shift0, q0, false).x();

        for (int exponent : DECIMAL_EXPONENTS) {
            double scale = Math.pow(10, exponent);
            String label = "scale 1e" + exponent;

            LyapunovSolution solution = Lyapunov.solveShifted(RealSchur.of(scaled(a0, scale)), shift0 * scale,
                    scaled(q0, scale), false);

            assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                    + solution.relativeResidual());
            assertTrue(relativeDistance(x0, solution.x()) <= SCALE_INVARIANCE_TOLERANCE, label);
        }
    }

    @Test
    void randomGeneralisedLyapunovIsScaleInvariant() {
        DMatrixRMaj a0 = Matrices.stable(N, 45);
        DMatrixRMaj e0 = Matrices.gaussian(N, 46);
        for (int i = 0; i < N; i++) {
            e0.add(i, i, 3.0);
        }
        DMatrixRMaj q0 = positiveSemidefinite(N, 47);
        DMatrixRMaj x0 = Lyapunov.solve(a0, e0, q0).x();

        for (int exponent : DECIMAL_EXPONENTS) {
            double scale = Math.pow(10, exponent);
            String label = "scale 1e" + exponent;

            // A E^T and Q keep their scale, so X does too.
            LyapunovSolution solution = Lyapunov.solve(scaled(a0, scale), scaled(e0, 1 / scale), q0);

            assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                    + solution.relativeResidual());
            assertTrue(relativeDistance(x0, solution.x()) <= SCALE_INVARIANCE_TOLERANCE, label);
        }
    }

    @Test
    void randomSylvesterIsScaleInvariant() {
        DMatrixRMaj a0 = Matrices.stable(N, 48);
        DMatrixRMaj b0 = Matrices.stable(N - 1, 49);
        DMatrixRMaj c0 = QuasiTriangularMatrices.gaussian(N, N - 1, new Random(50));
        DMatrixRMaj x0 = Sylvester.solve(a0, b0, c0).x();

        for (int exponent : DECIMAL_EXPONENTS) {
            double scale = Math.pow(10, exponent);
            String label = "scale 1e" + exponent;

            SylvesterSolution solution = Sylvester.solve(scaled(a0, scale), scaled(b0, scale), scaled(c0, scale));

            assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                    + solution.relativeResidual());
            assertTrue(relativeDistance(x0, solution.x()) <= SCALE_INVARIANCE_TOLERANCE, label);
        }
    }

    @Test
    void randomDiscreteLyapunovScalesWithQ() {
        DMatrixRMaj a = Matrices.gaussian(N, 51);
        CommonOps_DDRM.scale(0.2, a);
        DMatrixRMaj q0 = positiveSemidefinite(N, 52);
        DMatrixRMaj x0 = DiscreteLyapunov.solve(a, q0).x();

        for (int exponent : DECIMAL_EXPONENTS) {
            double scale = Math.pow(10, exponent);
            String label = "scale 1e" + exponent;

            LyapunovSolution solution = DiscreteLyapunov.solve(a, scaled(q0, scale));

            assertTrue(solution.relativeResidual() <= RESIDUAL_BOUND, label + ": residual "
                    + solution.relativeResidual());
            assertTrue(relativeDistance(scaled(x0, scale), solution.x()) <= SCALE_INVARIANCE_TOLERANCE, label);
        }
    }

    @Test
    void gramiansAreScaleInvariant() {
        DMatrixRMaj a0 = Matrices.stable(N, 53);
        DMatrixRMaj b0 = QuasiTriangularMatrices.gaussian(N, 2, new Random(54));
        DMatrixRMaj c0 = QuasiTriangularMatrices.gaussian(2, N, new Random(55));
        DMatrixRMaj p0 = Gramians.controllability(a0, b0);
        DMatrixRMaj q0 = Gramians.observability(a0, c0);

        for (int exponent : DECIMAL_EXPONENTS) {
            // A scaled by s and B, C by sqrt(s) leave both Gramians unchanged.
            double scale = Math.pow(10, exponent);
            double root = Math.sqrt(scale);
            String label = "scale 1e" + exponent;

            DMatrixRMaj p = Gramians.controllability(scaled(a0, scale), scaled(b0, root));
            DMatrixRMaj q = Gramians.observability(scaled(a0, scale), scaled(c0, root));

            assertTrue(relativeDistance(p0, p) <= SCALE_INVARIANCE_TOLERANCE, label + ": controllability");
            assertTrue(relativeDistance(q0, q) <= SCALE_INVARIANCE_TOLERANCE, label + ": observability");
        }
    }

    private static double scalarTolerance(double expected) {
        return SCALAR_TOLERANCE * Math.abs(expected) + 2 * Double.MIN_VALUE;
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj result = m.copy();
        CommonOps_DDRM.scale(factor, result);
        return result;
    }

    /** Returns {@code G G^T} for a seeded Gaussian G, symmetric positive semidefinite. */
    private static DMatrixRMaj positiveSemidefinite(int n, long seed) {
        DMatrixRMaj g = Matrices.gaussian(n, seed);
        DMatrixRMaj result = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(g, g, result);
        return SchurTransforms.symmetrise(result);
    }

    private static double relativeDistance(DMatrixRMaj expected, DMatrixRMaj actual) {
        DMatrixRMaj difference = actual.copy();
        CommonOps_DDRM.subtractEquals(difference, expected);
        return NormOps_DDRM.normF(difference) / NormOps_DDRM.normF(expected);
    }
}
