package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.testing.MatrixFamily;
import io.github.neurodyn.testing.PropertyCase;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Properties of the smoothed spectral abscissa s(A, epsilon) on random matrix families at
 * sizes 1 to 200 and scales 1e-8 to 1e8. Epsilon is {@code scale * defaultEpsilon(n)}, so
 * that s(c A, c epsilon) = c s(A, epsilon) relates the scaled cases to the unscaled one.
 *
 * <p>Checked on every case: the bounds {@code alpha + epsilon / 2 <= s <= omega + n epsilon / 2}
 * (alpha the spectral abscissa, omega the numerical abscissa, the largest eigenvalue of
 * (A + A^T)/2), the root-solve residual, {@code trace(gradient) = 1} (shifting A by cI
 * shifts s by c), the gradient against a central difference along a random direction, and
 * the scaling law.
 */
class SmoothedAbscissaPropertyTest {

    /** Bound on {@code |epsilon trace P(s) - 1|}. */
    private static final double ROOT_RESIDUAL = 1e-10;
    /** Slack of the bounds relative to the scale. */
    private static final double BOUND_SLACK = 1e-9;
    /** Bound on {@code |trace(gradient) - 1|}. */
    private static final double TRACE_TOLERANCE = 1e-8;
    /** Relative step of the central difference, times the scale. */
    private static final double DIFFERENCE_STEP = 1e-5;
    /** Agreement of the gradient with the central difference, relative to max(1, |derivative|). */
    private static final double DIFFERENCE_TOLERANCE = 1e-4;
    /** Agreement of s(c A, c epsilon) / c with s(A, epsilon), relative to max(1, |s|). */
    private static final double SCALING_TOLERANCE = 1e-8;

    private static final MatrixFamily[] FAMILIES = MatrixFamily.values();

    private static void checkProperties(PropertyCase c) {
        DMatrixRMaj a = c.family().draw(c.n(), c.seed(), c.scale(), false);
        double epsilon = c.scale() * SmoothedSpectralAbscissa.defaultEpsilon(c.n());
        SmoothedAbscissa ssa = SmoothedSpectralAbscissa.of(a, epsilon);
        double s = ssa.value();
        double alpha = ssa.abscissa();
        double omega = numericalAbscissa(a);
        double slack = BOUND_SLACK * c.scale();

        assertTrue(s >= alpha + epsilon / 2 - slack, () -> "s = " + s + " below alpha + epsilon/2 = "
                + (alpha + epsilon / 2));
        assertTrue(s <= omega + c.n() * epsilon / 2 + slack, () -> "s = " + s + " above omega + n epsilon/2 = "
                + (omega + c.n() * epsilon / 2));
        assertTrue(ssa.relativeResidual() <= ROOT_RESIDUAL, () -> "root residual " + ssa.relativeResidual());
        DMatrixRMaj gradient = ssa.gradient();
        assertEquals(1.0, CommonOps_DDRM.trace(gradient), TRACE_TOLERANCE, "trace of the gradient");

        // Directional derivative along a random unit direction against a central difference.
        DMatrixRMaj direction = MatrixFamily.gaussian(c.n(), c.n(), 1, new Random(c.seed() + 7));
        CommonOps_DDRM.divide(direction, NormOps_DDRM.normF(direction));
        double h = DIFFERENCE_STEP * c.scale();
        DMatrixRMaj plus = a.copy();
        CommonOps_DDRM.addEquals(plus, h, direction);
        DMatrixRMaj minus = a.copy();
        CommonOps_DDRM.addEquals(minus, -h, direction);
        double difference = (SmoothedSpectralAbscissa.of(plus, epsilon).value()
                - SmoothedSpectralAbscissa.of(minus, epsilon).value()) / (2 * h);
        double derivative = CommonOps_DDRM.elementSum(CommonOps_DDRM.elementMult(gradient, direction, null));
        assertEquals(derivative, difference, DIFFERENCE_TOLERANCE * Math.max(1, Math.abs(derivative)),
                "directional derivative against the central difference");

        // Scaling law against the unscaled matrix.
        if (c.scale() != 1.0) {
            DMatrixRMaj unscaled = c.family().draw(c.n(), c.seed(), 1.0, false);
            double reference = SmoothedSpectralAbscissa.of(unscaled, epsilon / c.scale()).value();
            assertEquals(reference, s / c.scale(), SCALING_TOLERANCE * Math.max(1, Math.abs(reference)),
                    "s(c A, c epsilon) / c against s(A, epsilon)");
        }
    }

    /** Returns the largest eigenvalue of (A + A^T) / 2. */
    static double numericalAbscissa(DMatrixRMaj a) {
        DMatrixRMaj symmetric = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.transpose(a, symmetric);
        CommonOps_DDRM.addEquals(symmetric, a);
        CommonOps_DDRM.scale(0.5, symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        assertTrue(eig.decompose(symmetric), "symmetric eigendecomposition");
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.numRows; i++) {
            max = Math.max(max, eig.getEigenvalue(i).real);
        }
        return max;
    }

    @Test
    void smallSample() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 5, 12}, new long[] {1},
                new double[] {1e-8, 1, 1e8}), SmoothedAbscissaPropertyTest::checkProperties);
    }

    /**
     * Regression: at scale 1e-8 the root-solve stopped on an absolute step tolerance of 1e-13,
     * about 1e-4 of the gap s - alpha, and returned a root residual of 1e-6.
     */
    @Test
    void tinyScaleReachesRootResidual() {
        checkProperties(new PropertyCase(MatrixFamily.STABLE, 2, 1, 1e-8));
    }

    @Tag("slow")
    @Test
    void wideSweep() {
        PropertyCase.checkAll(PropertyCase.grid(FAMILIES, new int[] {1, 2, 3, 4, 6, 9, 16, 30, 60, 100, 200},
                new long[] {1, 2, 3}, new double[] {1e-8, 1e-4, 1, 1e4, 1e8}),
                SmoothedAbscissaPropertyTest::checkProperties);
    }
}
