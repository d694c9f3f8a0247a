package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.SingularEquationException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Analytic cases, entry-point agreement and residual properties of the public solvers. */
class LyapunovTest {

    private static final double EPS = Math.ulp(1.0);

    /** Relative residual bound per unit of n, in multiples of eps. */
    private static final double RESIDUAL_PER_SIZE = 20 * EPS;

    /** Agreement between two solution paths of a well-conditioned equation, per unit of n. */
    private static final double AGREEMENT_PER_SIZE = 1e3 * EPS;

    private static double residualBound(int n) {
        return RESIDUAL_PER_SIZE * Math.max(1, n);
    }

    @Test
    void scalarEquation() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-2.5}});
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{3.0}});

        LyapunovSolution solution = Lyapunov.solve(a, q);

        assertEquals(0.6, solution.x().get(0, 0), 4 * EPS);
        assertEquals(5.0, solution.separation(), 4 * EPS);
    }

    @Test
    void diagonalMatrixHasClosedForm() {
        double[] lambda = {-1.0, -0.5, -3.0, -7.25};
        int n = lambda.length;
        DMatrixRMaj a = CommonOps_DDRM.diag(lambda);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, new Random(11));

        DMatrixRMaj x = Lyapunov.solve(a, q).x();

        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = -q.get(i, j) / (lambda[i] + lambda[j]);
                assertEquals(expected, x.get(i, j), 8 * EPS * Math.abs(expected), "X(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void twoByTwoByHand() {
        // A = [[0, 1], [-2, -3]], Q = I: A X + X A^T + I = 0 with X = [[p, r], [r, s]] gives 2r + 1 = 0, s - 2p - 3r = 0,
        // -4r - 6s + 1 = 0, so r = -1/2, s = 1/2, p = 1.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 1}, {-2, -3}});

        DMatrixRMaj x = Lyapunov.solve(a, CommonOps_DDRM.identity(2)).x();

        assertEquals(1.0, x.get(0, 0), 8 * EPS);
        assertEquals(-0.5, x.get(0, 1), 8 * EPS);
        assertEquals(0.5, x.get(1, 1), 8 * EPS);
    }

    @Test
    void emptyProblem() {
        LyapunovSolution solution = Lyapunov.solve(new DMatrixRMaj(0, 0), new DMatrixRMaj(0, 0));

        assertEquals(0, solution.x().getNumElements());
        assertEquals(0.0, solution.relativeResidual());
    }

    @ParameterizedTest(name = "gap={0}")
    @ValueSource(doubles = {1e-6, 1e-9})
    void nearlySingularStillSolved(double gap) {
        // Eigenvalues 1 and -1 + gap: the operator eigenvalue lambda_1 + lambda_2 equals gap.
        int n = 30;
        DMatrixRMaj a = withEigenvaluePair(n, 1.0, -1.0 + gap, new Random(42));
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, new Random(43));

        LyapunovSolution solution = Lyapunov.solve(a, q);

        assertTrue(solution.relativeResidual() <= residualBound(n), "residual " + solution.relativeResidual());
        assertEquals(gap, solution.separation(), 1e-3 * gap + 1e3 * EPS);
    }

    @Test
    void nearlySingularBeyondLimitRaises() {
        int n = 30;
        DMatrixRMaj a = withEigenvaluePair(n, 1.0, -1.0 + 1e-15, new Random(42));

        assertThrows(SingularEquationException.class,
                () -> Lyapunov.solve(a, QuasiTriangularMatrices.symmetric(n, new Random(43))));
    }

    /** Returns {@code Z T Z^T} with T stable apart from two diagonal entries {@code first, second}. */
    private static DMatrixRMaj withEigenvaluePair(int n, double first, double second, Random rng) {
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -3.0, -2.0, 1.0, 0.5);
        for (int j = 0; j < n; j++) {
            t.set(1, j, j > 1 ? t.get(1, j) : 0.0);
            t.set(2, j, j > 2 ? t.get(2, j) : 0.0);
        }
        t.set(2, 1, 0.0);
        t.set(3, 2, 0.0);
        t.set(1, 0, 0.0);
        t.set(1, 1, first);
        t.set(2, 2, second);
        return QuasiTriangularMatrices.similar(t, QuasiTriangularMatrices.orthogonal(n, rng));
    }

    @Test
    void singularEquationNamesEigenvalues() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{2.0, 5.0}, {0.0, -2.0}});

        SingularEquationException error = assertThrows(SingularEquationException.class,
                () -> Lyapunov.solve(a, CommonOps_DDRM.identity(2)));
        assertTrue(error.getMessage().contains("(2.00000"), error.getMessage());
        assertTrue(error.getMessage().contains("-2.00000"), error.getMessage());
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 4, 37, 80})
    void transposedMatchesSolveOfTranspose(int n) {
        Random rng = new Random(100 + n);
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj transposed = Lyapunov.solveTransposed(a, q).x();
        DMatrixRMaj plain = Lyapunov.solve(CommonOps_DDRM.transpose(a, null), q).x();

        assertTrue(relativeDistance(transposed, plain) <= AGREEMENT_PER_SIZE * n,
                "distance " + relativeDistance(transposed, plain));
    }

    @ParameterizedTest(name = "n={0} shift={1}")
    @CsvSource({"1,0.3", "6,1.0", "50,0.7", "50,-0.2"})
    void shiftedMatchesSolveOfShiftedMatrix(int n, double shift) {
        Random rng = new Random(200 + n);
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);
        SchurForm schur = RealSchur.of(a);
        DMatrixRMaj shiftedA = a.copy();
        for (int i = 0; i < n; i++) {
            shiftedA.add(i, i, -shift);
        }

        for (boolean transposed : new boolean[] {false, true}) {
            LyapunovSolution shifted = Lyapunov.solveShifted(schur, shift, q, transposed);
            DMatrixRMaj plain = transposed ? Lyapunov.solveTransposed(shiftedA, q).x() : Lyapunov.solve(shiftedA, q).x();

            assertTrue(shifted.relativeResidual() <= residualBound(n), "residual " + shifted.relativeResidual());
            assertTrue(relativeDistance(shifted.x(), plain) <= AGREEMENT_PER_SIZE * n,
                    "transposed=" + transposed + " distance " + relativeDistance(shifted.x(), plain));
        }
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {3, 40})
    void schurBasisSolveMatchesOriginalBasis(int n) {
        Random rng = new Random(300 + n);
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);
        SchurForm schur = RealSchur.of(a);
        DMatrixRMaj z = schur.z();
        DMatrixRMaj qSchur = SchurTransforms.toSchurBasis(z, q, z);
        double shift = 0.4;

        LyapunovSolution inSchurBasis = Lyapunov.solveShiftedInSchurBasis(schur, shift, qSchur, true);
        LyapunovSolution original = Lyapunov.solveShifted(schur, shift, q, true);

        DMatrixRMaj back = SchurTransforms.fromSchurBasis(z, inSchurBasis.x(), z);
        assertTrue(relativeDistance(back, original.x()) <= AGREEMENT_PER_SIZE * n,
                "distance " + relativeDistance(back, original.x()));
        assertEquals(CommonOps_DDRM.trace(original.x()), CommonOps_DDRM.trace(inSchurBasis.x()),
                AGREEMENT_PER_SIZE * n * Math.abs(CommonOps_DDRM.trace(original.x())));
    }

    @ParameterizedTest(name = "n={0} transposed={1}")
    @CsvSource({"3,false", "3,true", "40,false", "40,true"})
    void solveWithoutResidualMatchesSolveWithResidual(int n, boolean transposed) {
        Random rng = new Random(350 + n);
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj qSchur = QuasiTriangularMatrices.symmetric(n, rng);
        SchurForm schur = RealSchur.of(a);
        double shift = 0.4;

        DMatrixRMaj withoutResidual =
                Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, shift, qSchur, transposed);
        LyapunovSolution withResidual = Lyapunov.solveShiftedInSchurBasis(schur, shift, qSchur, transposed);

        assertEquals(0.0, relativeDistance(withoutResidual, withResidual.x()), 0.0,
                "both methods run the same triangular solve, so the solutions must agree exactly");
        assertTrue(EquationResiduals.isSymmetric(withoutResidual), "X must be symmetric");
    }

    @ParameterizedTest(name = "n={0} family={1}")
    @CsvSource({"0,stable", "1,stable", "2,nonnormal", "17,stable", "64,nonnormal", "64,badlyScaled",
        "100,unstable", "120,stable"})
    void residualAndSymmetryOnFamilies(int n, String family) {
        Random rng = new Random(400 + n);
        DMatrixRMaj a = family(family, n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        LyapunovSolution solution = Lyapunov.solve(a, q);

        assertTrue(solution.relativeResidual() <= residualBound(n), "residual " + solution.relativeResidual());
        assertTrue(EquationResiduals.isSymmetric(solution.x()), "X must be symmetric");
    }

    @Tag("slow")
    @ParameterizedTest(name = "n={0} family={1}")
    @CsvSource({"200,stable", "250,nonnormal", "300,badlyScaled", "300,unstable"})
    void residualAndSymmetryOnLargeFamilies(int n, String family) {
        residualAndSymmetryOnFamilies(n, family);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 5, 30})
    void generalisedMatchesStandardForm(int n) {
        Random rng = new Random(500 + n);
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj e = QuasiTriangularMatrices.gaussian(n, n, rng);
        for (int i = 0; i < n; i++) {
            e.add(i, i, 3.0);
        }
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        LyapunovSolution solution = Lyapunov.solve(a, e, q);

        assertTrue(solution.relativeResidual() <= 10 * residualBound(n), "residual " + solution.relativeResidual());
        assertTrue(EquationResiduals.isSymmetric(solution.x()), "X must be symmetric");
    }

    @Test
    void generalisedSingularEquationRaises() {
        DMatrixRMaj a = CommonOps_DDRM.identity(2);
        DMatrixRMaj e = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}});

        assertThrows(SingularEquationException.class, () -> Lyapunov.solve(a, e, CommonOps_DDRM.identity(2)));
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 3, 40, 90})
    void discreteResidualAndSymmetry(int n) {
        Random rng = new Random(600 + n);
        DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
        CommonOps_DDRM.scale(0.6 / Math.sqrt(Math.max(1, n)), a);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        LyapunovSolution solution = DiscreteLyapunov.solve(a, q);

        assertTrue(solution.relativeResidual() <= residualBound(n), "residual " + solution.relativeResidual());
        assertTrue(EquationResiduals.isSymmetric(solution.x()), "X must be symmetric");
    }

    @Test
    void discreteScalarAndSingular() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0.5}});
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{3.0}});

        assertEquals(4.0, DiscreteLyapunov.solve(a, q).x().get(0, 0), 8 * EPS);
        DMatrixRMaj reciprocal = new DMatrixRMaj(new double[][] {{4.0, 1.0}, {0.0, 0.25}});
        assertThrows(SingularEquationException.class,
                () -> DiscreteLyapunov.solve(reciprocal, CommonOps_DDRM.identity(2)));
    }

    @Test
    void discreteGeneralisedMatchesStandardForm() {
        Random rng = new Random(700);
        int n = 12;
        DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
        CommonOps_DDRM.scale(0.2, a);
        DMatrixRMaj e = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(2.0, e);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj generalised = DiscreteLyapunov.solve(a, e, q).x();
        DMatrixRMaj scaledA = a.copy();
        CommonOps_DDRM.scale(0.5, scaledA);
        DMatrixRMaj scaledQ = q.copy();
        CommonOps_DDRM.scale(0.25, scaledQ);
        DMatrixRMaj standard = DiscreteLyapunov.solve(scaledA, scaledQ).x();

        assertTrue(relativeDistance(generalised, standard) <= AGREEMENT_PER_SIZE * n,
                "distance " + relativeDistance(generalised, standard));
    }

    @ParameterizedTest(name = "m={0} n={1}")
    @CsvSource({"0,2", "1,1", "3,7", "45,20", "60,60"})
    void sylvesterResidual(int m, int n) {
        Random rng = new Random(800 + 31L * m + n);
        DMatrixRMaj a = stableNonnormal(m, rng);
        DMatrixRMaj b = stableNonnormal(n, rng);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(m, n, rng);

        SylvesterSolution solution = Sylvester.solve(a, b, c);

        assertTrue(solution.relativeResidual() <= residualBound(Math.max(m, n)),
                "residual " + solution.relativeResidual());
    }

    @Test
    void sylvesterWithLyapunovShapeMatchesLyapunov() {
        Random rng = new Random(900);
        int n = 25;
        DMatrixRMaj a = stableNonnormal(n, rng);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);
        DMatrixRMaj minusQ = q.copy();
        CommonOps_DDRM.scale(-1.0, minusQ);

        DMatrixRMaj viaSylvester = Sylvester.solve(a, CommonOps_DDRM.transpose(a, null), minusQ).x();
        DMatrixRMaj viaLyapunov = Lyapunov.solve(a, q).x();

        assertTrue(relativeDistance(viaSylvester, viaLyapunov) <= AGREEMENT_PER_SIZE * n,
                "distance " + relativeDistance(viaSylvester, viaLyapunov));
    }

    @Test
    void sylvesterSingularRaises() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1.0, 2.0}, {0.0, 3.0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{-3.0}});

        assertThrows(SingularEquationException.class, () -> Sylvester.solve(a, b, new DMatrixRMaj(2, 1)));
    }

    /** Returns a stable matrix with strong nonnormality: -I-shifted Gaussian plus a strictly upper part. */
    static DMatrixRMaj stableNonnormal(int n, Random rng) {
        DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
        CommonOps_DDRM.scale(1.0 / Math.sqrt(Math.max(1, n)), a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, -2.0);
            for (int j = i + 1; j < n; j++) {
                a.add(i, j, 2.0 * rng.nextGaussian() / Math.sqrt(n));
            }
        }
        return a;
    }

    private static DMatrixRMaj family(String family, int n, Random rng) {
        switch (family) {
            case "stable":
                DMatrixRMaj a = QuasiTriangularMatrices.gaussian(n, n, rng);
                CommonOps_DDRM.scale(1.0 / Math.sqrt(Math.max(1, n)), a);
                for (int i = 0; i < n; i++) {
                    a.add(i, i, -2.0);
                }
                return a;
            case "nonnormal":
                return stableNonnormal(n, rng);
            case "badlyScaled":
                // D A D^-1 with D = diag(10^(-3..3)): same spectrum, entries over 12 decades.
                DMatrixRMaj scaled = stableNonnormal(n, rng);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double di = Math.pow(10, -3 + 6.0 * i / Math.max(1, n - 1));
                        double dj = Math.pow(10, -3 + 6.0 * j / Math.max(1, n - 1));
                        scaled.set(i, j, scaled.get(i, j) * di / dj);
                    }
                }
                return scaled;
            case "unstable":
                DMatrixRMaj unstable = QuasiTriangularMatrices.gaussian(n, n, rng);
                CommonOps_DDRM.scale(1.0 / Math.sqrt(Math.max(1, n)), unstable);
                for (int i = 0; i < n; i++) {
                    unstable.add(i, i, 3.0);
                }
                return unstable;
            default:
                throw new IllegalArgumentException("unknown family " + family);
        }
    }

    static double relativeDistance(DMatrixRMaj x, DMatrixRMaj y) {
        DMatrixRMaj difference = x.copy();
        CommonOps_DDRM.subtractEquals(difference, y);
        double scale = Math.max(NormOps_DDRM.normF(x), NormOps_DDRM.normF(y));
        return scale == 0 ? 0 : NormOps_DDRM.normF(difference) / scale;
    }
}
