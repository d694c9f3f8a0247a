package io.github.neurodyn.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
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
        assertEquals(4.0, Nonnormality.henriciDeparture(a), 1e-6);
        assertEquals(-1.0, SpectralAbscissa.of(a), 1e-6);
    }

    @Test
    void normalMatrixHasNoDeparture() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {2, -3}});
        assertEquals(0.0, Nonnormality.henriciDeparture(a), 1e-7);
        assertEquals(SpectralAbscissa.of(a), Nonnormality.numericalAbscissa(a), TOLERANCE);
    }

    @Test
    void rejectsNonSquare() {
        assertThrows(IllegalArgumentException.class, () -> SpectralAbscissa.of(new DMatrixRMaj(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Nonnormality.numericalAbscissa(new DMatrixRMaj(3, 2)));
    }
}
