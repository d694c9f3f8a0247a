package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Full Lyapunov, discrete Lyapunov and Sylvester problems {@code A = Z T Z^T} built from a
 * known quasi-triangular T and a random orthogonal Z, solved through the Schur-basis paths.
 */
class SchurBasedSolversTest {

    /** Relative residual bound per unit of n, in multiples of eps. */
    private static final double RESIDUAL_PER_SIZE = 20 * Math.ulp(1.0);

    private static double bound(int n) {
        return RESIDUAL_PER_SIZE * Math.max(1, n);
    }

    @ParameterizedTest(name = "n={0} offDiagonal={1}")
    @CsvSource({"0,1", "1,1", "2,1", "7,1", "40,1", "40,10", "120,1", "300,0.3"})
    void lyapunovResidualAndSymmetry(int n, double offDiagonal) {
        Random rng = new Random(5000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -2.0, -0.1, 2.0, offDiagonal);
        DMatrixRMaj z = QuasiTriangularMatrices.orthogonal(n, rng);
        DMatrixRMaj a = QuasiTriangularMatrices.similar(t, z);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj x = Lyapunov.solveWithSchur(t, z, 0.0, q, false).y();

        double residual = EquationResiduals.continuous(a, null, x, q, false);
        assertTrue(residual <= bound(n), "relative residual " + residual);
        assertTrue(EquationResiduals.isSymmetric(x), "X must be exactly symmetric");
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"3", "30", "65"})
    void transposedMatchesPlainOnTranspose(int n) {
        Random rng = new Random(6000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -2.0, -0.1, 2.0, 1.0);
        DMatrixRMaj z = QuasiTriangularMatrices.orthogonal(n, rng);
        DMatrixRMaj a = QuasiTriangularMatrices.similar(t, z);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj transposed = Lyapunov.solveWithSchur(t, z, 0.0, q, true).y();

        double residual = EquationResiduals.continuous(a, null, transposed, q, true);
        assertTrue(residual <= bound(n), "relative residual " + residual);
    }

    @ParameterizedTest(name = "n={0} shift={1}")
    @CsvSource({"5,0.5", "48,1.5", "48,-0.05"})
    void shiftedMatchesShiftedMatrix(int n, double shift) {
        Random rng = new Random(7000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -2.0, -0.1, 2.0, 1.0);
        DMatrixRMaj z = QuasiTriangularMatrices.orthogonal(n, rng);
        DMatrixRMaj shiftedA = QuasiTriangularMatrices.similar(t, z);
        for (int i = 0; i < n; i++) {
            shiftedA.add(i, i, -shift);
        }
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj x = Lyapunov.solveWithSchur(t, z, shift, q, false).y();

        double residual = EquationResiduals.continuous(shiftedA, null, x, q, false);
        assertTrue(residual <= bound(n), "relative residual " + residual);
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"0", "1", "2", "9", "50", "130"})
    void discreteResidualAndSymmetry(int n) {
        Random rng = new Random(8000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -0.8, 0.8, 0.5, 0.3);
        DMatrixRMaj z = QuasiTriangularMatrices.orthogonal(n, rng);
        DMatrixRMaj a = QuasiTriangularMatrices.similar(t, z);
        DMatrixRMaj q = QuasiTriangularMatrices.symmetric(n, rng);

        DMatrixRMaj x = DiscreteLyapunov.solveWithSchur(t, z, q).y();

        double residual = EquationResiduals.discrete(a, null, x, q);
        assertTrue(residual <= bound(n), "relative residual " + residual);
        assertTrue(EquationResiduals.isSymmetric(x), "X must be exactly symmetric");
    }

    @ParameterizedTest(name = "m={0} n={1}")
    @CsvSource({"0,3", "1,1", "4,9", "60,25", "90,90"})
    void sylvesterResidual(int m, int n) {
        Random rng = new Random(9000 + 31L * m + n);
        DMatrixRMaj s = QuasiTriangularMatrices.random(m, rng, 0.2, 2.0, 2.0, 1.0);
        DMatrixRMaj u = QuasiTriangularMatrices.orthogonal(m, rng);
        DMatrixRMaj r = QuasiTriangularMatrices.random(n, rng, -1.0, 2.0, 2.0, 1.0);
        DMatrixRMaj v = QuasiTriangularMatrices.orthogonal(n, rng);
        DMatrixRMaj a = QuasiTriangularMatrices.similar(s, u);
        DMatrixRMaj b = QuasiTriangularMatrices.similar(r, v);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(m, n, rng);

        DMatrixRMaj x = Sylvester.solveWithSchur(s, u, r, v, c).y();

        double residual = EquationResiduals.sylvester(a, b, x, c);
        assertTrue(residual <= bound(Math.max(m, n)), "relative residual " + residual);
        assertTrue(CommonOps_DDRM.elementMaxAbs(x) < Double.POSITIVE_INFINITY, "X must be finite");
    }
}
