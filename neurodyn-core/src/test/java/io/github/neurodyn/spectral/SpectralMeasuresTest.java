package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class SpectralMeasuresTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void abscissaOfRotationBlock() {
        // Eigenvalues -0.5 +- 2i and 0.25.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-0.5, 2, 0}, {-2, -0.5, 0}, {0, 0, 0.25}});
        assertEquals(0.25, SpectralAbscissa.of(a), TOLERANCE);
        assertEquals(Math.hypot(0.5, 2), SpectralAbscissa.spectralRadius(a), TOLERANCE);
    }

    @Test
    void jordanBlockMeasures() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1, 4}, {0, -1}});
        // (A + A^T)/2 = [[-1, 2], [2, -1]] has eigenvalues -3 and 1.
        assertEquals(1.0, Nonnormality.numericalAbscissa(a), TOLERANCE);
        assertEquals(4.0, Nonnormality.henriciDeparture(a), TOLERANCE);
        assertEquals(-1.0, SpectralAbscissa.of(a), 1e-6);
    }

    @Test
    void complexBlockDeparture() {
        // Eigenvalues +-i sqrt(3): ||A||_F^2 = 10 and sum |lambda|^2 = 6, so the departure is 2.
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 3}, {-1, 0}});
        assertEquals(2.0, Nonnormality.henriciDeparture(a), TOLERANCE);
    }

    @Test
    void departureMatchesEigenvalueFormula() {
        DMatrixRMaj a = SmoothedSpectralAbscissaTest.randomNonnormal(12, 21);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(12, false, false);
        eig.decompose(a.copy());
        double squared = NormOps_DDRM.normF(a) * NormOps_DDRM.normF(a);
        for (int i = 0; i < 12; i++) {
            double modulus = eig.getEigenvalue(i).getMagnitude();
            squared -= modulus * modulus;
        }
        assertEquals(Math.sqrt(squared), Nonnormality.henriciDeparture(a), 1e-9);
    }

    @Test
    void normalMatrixHasNoDeparture() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {2, -3}});
        assertEquals(0.0, Nonnormality.henriciDeparture(a), TOLERANCE);
        assertEquals(SpectralAbscissa.of(a), Nonnormality.numericalAbscissa(a), TOLERANCE);
    }

    @Test
    void transientAmplificationOfJordanBlock() {
        // exp(At) = exp(-t) [[1, k t], [0, 1]], and [[1, c], [0, 1]] has 2-norm (c + sqrt(c^2 + 4)) / 2.
        double k = 5.0;
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1, k}, {0, -1}});
        double[] times = {0.0, 0.5, 1.0, 3.0};
        double[] norms = Nonnormality.transientAmplification(a, times);
        for (int i = 0; i < times.length; i++) {
            double c = k * times[i];
            double expected = Math.exp(-times[i]) * 0.5 * (c + Math.sqrt(c * c + 4));
            assertEquals(expected, norms[i], 1e-12, "t = " + times[i]);
        }
    }

    @Test
    void transientAmplificationOfNormalMatrixDecays() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1, 0}, {0, -2}});
        double[] norms = Nonnormality.transientAmplification(a, new double[] {0.0, 2.0});
        assertEquals(1.0, norms[0], TOLERANCE);
        assertEquals(Math.exp(-2.0), norms[1], TOLERANCE);
    }

    @Test
    void transientAmplificationRejectsNegativeTime() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{-1}});
        assertThrows(IllegalArgumentException.class, () -> Nonnormality.transientAmplification(a, new double[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> Nonnormality.transientAmplification(a, new double[] {Double.NaN}));
    }

    @Test
    void rejectsNonSquare() {
        assertThrows(IllegalArgumentException.class, () -> SpectralAbscissa.of(new DMatrixRMaj(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Nonnormality.numericalAbscissa(new DMatrixRMaj(3, 2)));
    }
}
