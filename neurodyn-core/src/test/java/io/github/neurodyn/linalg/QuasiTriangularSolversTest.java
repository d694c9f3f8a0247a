package io.github.neurodyn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.SingularEquationException;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Residual checks of the quasi-triangular kernels on constructed Schur-form matrices. */
class QuasiTriangularSolversTest {

    /** Relative residual bound per unit of the larger dimension, in multiples of eps. */
    private static final double RESIDUAL_PER_SIZE = 20 * Math.ulp(1.0);

    private static double bound(int size) {
        return RESIDUAL_PER_SIZE * Math.max(1, size);
    }

    @ParameterizedTest(name = "m={0} n={1}")
    @CsvSource({"0,0", "1,1", "2,3", "5,1", "1,6", "33,40", "70,65", "100,100", "150,30", "31,140"})
    void sylvesterKernelResidual(int m, int n) {
        Random rng = new Random(1000 + 31L * m + n);
        DMatrixRMaj s = QuasiTriangularMatrices.random(m, rng, 0.5, 2.0, 1.5, 1.0);
        DMatrixRMaj r = QuasiTriangularMatrices.random(n, rng, 0.5, 2.0, 1.5, 1.0);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(m, n, rng);
        DMatrixRMaj y = c.copy();

        SmallBlockSystem report = QuasiTriangularSylvester.solve(s.data, m, r.data, n, y.data, 0.0);

        assertEquals(0, report.perturbedSolves, "no pivot may be perturbed");
        double residual = EquationResiduals.sylvester(s, r, y, c);
        assertTrue(residual <= bound(Math.max(m, n)), "relative residual " + residual);
    }

    @Test
    void sylvesterKernelShift() {
        Random rng = new Random(7);
        int n = 45;
        double shift = 3.0;
        DMatrixRMaj s = QuasiTriangularMatrices.random(n, rng, 3.5, 5.0, 1.0, 1.0);
        DMatrixRMaj r = QuasiTriangularMatrices.random(n, rng, 3.5, 5.0, 1.0, 1.0);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(n, n, rng);
        DMatrixRMaj y = c.copy();

        QuasiTriangularSylvester.solve(s.data, n, r.data, n, y.data, shift);

        DMatrixRMaj shiftedS = s.copy();
        DMatrixRMaj shiftedR = r.copy();
        for (int i = 0; i < n; i++) {
            shiftedS.add(i, i, -shift);
            shiftedR.add(i, i, -shift);
        }
        double residual = EquationResiduals.sylvester(shiftedS, shiftedR, y, c);
        assertTrue(residual <= bound(n), "relative residual " + residual);
    }

    @ParameterizedTest(name = "m={0} n={1}")
    @CsvSource({"0,0", "1,1", "2,3", "4,1", "20,20", "61,37"})
    void steinKernelResidual(int m, int n) {
        Random rng = new Random(2000 + 31L * m + n);
        DMatrixRMaj s = QuasiTriangularMatrices.random(m, rng, -0.6, 0.6, 0.5, 0.3);
        DMatrixRMaj r = QuasiTriangularMatrices.random(n, rng, -0.6, 0.6, 0.5, 0.3);
        DMatrixRMaj c = QuasiTriangularMatrices.gaussian(m, n, rng);
        DMatrixRMaj y = c.copy();

        SmallBlockSystem report = QuasiTriangularStein.solve(s.data, m, r.data, n, y.data);

        assertEquals(0, report.perturbedSolves, "no pivot may be perturbed");
        DMatrixRMaj residual = new DMatrixRMaj(m, n);
        DMatrixRMaj sy = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(s, y, sy);
        CommonOps_DDRM.mult(sy, r, residual);
        CommonOps_DDRM.subtractEquals(residual, y);
        CommonOps_DDRM.subtractEquals(residual, c);
        double scale = (NormOps_DDRM.normF(s) * NormOps_DDRM.normF(r) + 1) * NormOps_DDRM.normF(y)
                + NormOps_DDRM.normF(c);
        double relative = m * n == 0 ? 0 : NormOps_DDRM.normF(residual) / scale;
        assertTrue(relative <= bound(Math.max(m, n)), "relative residual " + relative);
    }

    @ParameterizedTest(name = "n={0} transposed={1}")
    @CsvSource({"1,false", "2,true", "17,false", "17,true", "90,false", "90,true"})
    void lyapunovInSchurBasis(int n, boolean transposed) {
        Random rng = new Random(3000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -3.0, -0.2, 2.0, 1.0);
        DMatrixRMaj c = QuasiTriangularMatrices.symmetric(n, rng);

        SchurBasisEquations.Result result = SchurBasisEquations.lyapunov(t, 0.0, c, transposed);

        double residual = EquationResiduals.continuous(t, null, result.y(), c, transposed);
        assertTrue(residual <= bound(n), "relative residual " + residual);
        assertTrue(asymmetry(result.y()) <= bound(n), "asymmetry " + asymmetry(result.y()));
    }

    @ParameterizedTest(name = "n={0} transposed={1}")
    @CsvSource({"1,false", "2,true", "25,false", "25,true"})
    void steinInSchurBasis(int n, boolean transposed) {
        Random rng = new Random(4000 + n);
        DMatrixRMaj t = QuasiTriangularMatrices.random(n, rng, -0.7, 0.7, 0.5, 0.3);
        DMatrixRMaj c = QuasiTriangularMatrices.symmetric(n, rng);

        SchurBasisEquations.Result result = SchurBasisEquations.stein(t, c, transposed);

        DMatrixRMaj op = transposed ? CommonOps_DDRM.transpose(t, null) : t;
        double residual = EquationResiduals.discrete(op, null, result.y(), c);
        assertTrue(residual <= bound(n), "relative residual " + residual);
    }

    @Test
    void lyapunovEigenvalueSumZeroRaises() {
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{1.0, 0.3}, {0.0, -1.0}});
        DMatrixRMaj c = CommonOps_DDRM.identity(2);

        SingularEquationException error = assertThrows(SingularEquationException.class,
                () -> SchurBasisEquations.lyapunov(t, 0.0, c, false));
        assertTrue(error.getMessage().contains("-1.00000"), error.getMessage());
    }

    @Test
    void lyapunovImaginaryPairRaises() {
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{0.0, 2.0}, {-0.5, 0.0}});

        assertThrows(SingularEquationException.class,
                () -> SchurBasisEquations.lyapunov(t, 0.0, CommonOps_DDRM.identity(2), true));
    }

    @Test
    void shiftedLyapunovAtEigenvalueRaises() {
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{-1.0, 1.0}, {0.0, -2.0}});

        assertThrows(SingularEquationException.class,
                () -> SchurBasisEquations.lyapunov(t, -1.0, CommonOps_DDRM.identity(2), false));
    }

    @Test
    void steinReciprocalPairRaises() {
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{2.0, 1.0}, {0.0, 0.5}});

        assertThrows(SingularEquationException.class,
                () -> SchurBasisEquations.stein(t, CommonOps_DDRM.identity(2), false));
    }

    static double asymmetry(DMatrixRMaj x) {
        DMatrixRMaj difference = CommonOps_DDRM.transpose(x, null);
        CommonOps_DDRM.subtractEquals(difference, x);
        double norm = NormOps_DDRM.normF(x);
        return norm == 0 ? 0 : NormOps_DDRM.normF(difference) / norm;
    }
}
