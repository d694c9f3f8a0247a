package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

class SmoothedSpectralAbscissaTest {

    private static final double GRADIENT_TOLERANCE = 1e-5;
    private static final double VALUE_TOLERANCE = 1e-10;
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;

    /** Gaussian matrix with entries of variance 1/n plus a strictly upper nonnormal part. */
    static DMatrixRMaj randomNonnormal(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double entry = random.nextGaussian() / Math.sqrt(n);
                if (j > i) {
                    entry += 2.0 * random.nextGaussian() / Math.sqrt(n);
                }
                a.set(i, j, entry);
            }
        }
        return a;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        for (long seed = 1; seed <= 3; seed++) {
            DMatrixRMaj a = randomNonnormal(7, seed);
            double epsilon = 0.05;
            DMatrixRMaj gradient = SmoothedSpectralAbscissa.of(a, epsilon).gradient();
            DMatrixRMaj difference = new DMatrixRMaj(7, 7);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 7; j++) {
                    DMatrixRMaj plus = a.copy();
                    DMatrixRMaj minus = a.copy();
                    plus.add(i, j, FINITE_DIFFERENCE_STEP);
                    minus.add(i, j, -FINITE_DIFFERENCE_STEP);
                    double derivative = (SmoothedSpectralAbscissa.of(plus, epsilon).value()
                            - SmoothedSpectralAbscissa.of(minus, epsilon).value()) / (2 * FINITE_DIFFERENCE_STEP);
                    difference.set(i, j, derivative - gradient.get(i, j));
                }
            }
            double relativeError = NormOps_DDRM.normF(difference) / NormOps_DDRM.normF(gradient);
            assertTrue(relativeError < GRADIENT_TOLERANCE,
                    "seed " + seed + ": relative gradient error " + relativeError);
        }
    }

    @Test
    void valueBoundsAbscissaFromAbove() {
        DMatrixRMaj a = randomNonnormal(8, 11);
        double alpha = SpectralAbscissa.of(a);
        for (double epsilon : new double[] {1.0, 0.1, 0.01}) {
            SmoothedAbscissa result = SmoothedSpectralAbscissa.of(a, epsilon);
            assertTrue(result.value() > alpha, "epsilon " + epsilon + ": " + result.value() + " <= " + alpha);
            assertEquals(alpha, result.abscissa(), VALUE_TOLERANCE);
        }
    }

    @Test
    void valueTendsToAbscissaAsEpsilonShrinks() {
        DMatrixRMaj a = randomNonnormal(8, 12);
        double alpha = SpectralAbscissa.of(a);
        double previousGap = Double.POSITIVE_INFINITY;
        for (double epsilon : new double[] {1e-1, 1e-2, 1e-3, 1e-4, 1e-5}) {
            double gap = SmoothedSpectralAbscissa.of(a, epsilon).value() - alpha;
            assertTrue(gap < previousGap, "epsilon " + epsilon + ": gap " + gap + " did not shrink");
            previousGap = gap;
        }
        assertTrue(previousGap < 1e-3, "gap at epsilon 1e-5 is " + previousGap);
    }

    @Test
    void valueInvariantUnderOrthogonalSimilarity() {
        DMatrixRMaj a = randomNonnormal(9, 13);
        DMatrixRMaj orthogonal = randomOrthogonal(9, 14);
        DMatrixRMaj rotated = new DMatrixRMaj(9, 9);
        DMatrixRMaj work = new DMatrixRMaj(9, 9);
        CommonOps_DDRM.mult(orthogonal, a, work);
        CommonOps_DDRM.multTransB(work, orthogonal, rotated);
        double epsilon = 0.02;
        assertEquals(SmoothedSpectralAbscissa.of(a, epsilon).value(),
                SmoothedSpectralAbscissa.of(rotated, epsilon).value(), VALUE_TOLERANCE);
    }

    @Test
    void valueShiftsWithIdentity() {
        DMatrixRMaj a = randomNonnormal(6, 15);
        DMatrixRMaj shifted = a.copy();
        for (int i = 0; i < 6; i++) {
            shifted.add(i, i, -1.0);
        }
        double epsilon = 0.03;
        assertEquals(SmoothedSpectralAbscissa.of(a, epsilon).value() - 1.0,
                SmoothedSpectralAbscissa.of(shifted, epsilon).value(), VALUE_TOLERANCE);
    }

    @Test
    void jordanBlockMatchesClosedForm() {
        // A = [[a, b], [0, a]] and d = s - a give trace P = 1/d + b^2 / (4 d^3).
        double diagonal = -0.3;
        double coupling = 4.0;
        double gap = 0.7;
        double epsilon = 1.0 / (1.0 / gap + coupling * coupling / (4 * gap * gap * gap));
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{diagonal, coupling}, {0, diagonal}});
        SmoothedAbscissa result = SmoothedSpectralAbscissa.of(a, epsilon);
        assertEquals(diagonal + gap, result.value(), VALUE_TOLERANCE);
        assertTrue(result.relativeResidual() < VALUE_TOLERANCE, "residual " + result.relativeResidual());
    }

    @Test
    void warmStartFindsSameRoot() {
        DMatrixRMaj a = randomNonnormal(10, 19);
        double epsilon = 0.01;
        SmoothedAbscissa cold = SmoothedSpectralAbscissa.of(a, epsilon);
        for (double gap : new double[] {1e-6, 0.5 * (cold.value() - cold.abscissa()), 100.0}) {
            SmoothedAbscissa warm = SmoothedSpectralAbscissa.of(ShiftedGramians.of(a), a, epsilon, gap);
            assertEquals(cold.value(), warm.value(), VALUE_TOLERANCE, "initial gap " + gap);
        }
    }

    @Test
    void gradientColumnsMatchFullGradient() {
        DMatrixRMaj a = randomNonnormal(9, 20);
        ShiftedGramians gramians = ShiftedGramians.of(a);
        double shift = gramians.abscissa() + 0.3;
        DMatrixRMaj full = SmoothedSpectralAbscissa.gradient(gramians, shift);
        DMatrixRMaj columns = SmoothedSpectralAbscissa.gradientColumns(gramians, shift, 4);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                double expected = j >= 4 ? full.get(i, j) : 0.0;
                assertEquals(expected, columns.get(i, j), VALUE_TOLERANCE, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void gradientFiniteAtHugeShift() {
        // At s = 1e200 the Gramians are about 1e-201, so their plain product underflows to 0.
        DMatrixRMaj a = randomNonnormal(8, 21);
        ShiftedGramians gramians = ShiftedGramians.of(a);
        DMatrixRMaj gradient = SmoothedSpectralAbscissa.gradient(gramians, 1e200);
        for (int k = 0; k < gradient.data.length; k++) {
            assertTrue(Double.isFinite(gradient.data[k]), "entry " + k + " is " + gradient.data[k]);
        }
        assertEquals(1.0, CommonOps_DDRM.trace(gradient), VALUE_TOLERANCE);
    }

    @Test
    void gradientAtShiftHasUnitTrace() {
        DMatrixRMaj a = randomNonnormal(6, 16);
        double alpha = SpectralAbscissa.of(a);
        DMatrixRMaj gradient = SmoothedSpectralAbscissa.gradientAtShift(a, alpha + 0.2);
        assertEquals(1.0, CommonOps_DDRM.trace(gradient), VALUE_TOLERANCE);
    }

    @Test
    void gradientAtShiftRejectsShiftBelowAbscissa() {
        DMatrixRMaj a = randomNonnormal(5, 17);
        double alpha = SpectralAbscissa.of(a);
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.gradientAtShift(a, alpha - 0.1));
    }

    @Test
    void rejectsInvalidArguments() {
        DMatrixRMaj square = randomNonnormal(3, 18);
        DMatrixRMaj nonFinite = square.copy();
        nonFinite.set(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(null, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(new DMatrixRMaj(2, 3), 0.1));
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(new DMatrixRMaj(0, 0), 0.1));
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(nonFinite, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(square, 0.0));
        assertThrows(IllegalArgumentException.class, () -> SmoothedSpectralAbscissa.of(square, Double.NaN));
    }

    static DMatrixRMaj randomOrthogonal(int n, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int k = 0; k < n * n; k++) {
            m.data[k] = random.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(m);
        return qr.getQ(null, false);
    }
}
