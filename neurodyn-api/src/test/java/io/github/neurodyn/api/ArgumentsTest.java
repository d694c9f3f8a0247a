package io.github.neurodyn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void squareRejectsRectangular() {
        DMatrixRMaj a = new DMatrixRMaj(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireSquare(a, "A"));
        assertEquals("A must be square, found 3x4", e.getMessage());
    }

    @Test
    void finiteNamesEntryAndPosition() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        a.set(1, 0, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireFinite(a, "W"));
        assertTrue(e.getMessage().startsWith("W has the non-finite entry NaN at (1, 0)"), e.getMessage());
    }

    @Test
    void symmetricRejectsAsymmetricEntry() {
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1, 2}, {2.5, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireSymmetric(q, 1e-12, "Q"));
        assertTrue(e.getMessage().startsWith("Q must be symmetric"), e.getMessage());
    }

    @Test
    void symmetricAcceptsRoundOff() {
        DMatrixRMaj q = new DMatrixRMaj(new double[][] {{1, 2}, {2 + 1e-15, 1}});
        assertSame(q, Arguments.requireSymmetric(q, 1e-12, "Q"));
    }

    @Test
    void positiveRejectsZeroAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> Arguments.requirePositive(0.0, "dt (seconds)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requirePositive(Double.NaN, "tau (seconds)"));
        assertEquals("tau (seconds) must be positive and finite, found NaN", e.getMessage());
    }

    @Test
    void probabilityRejectsOutsideUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireProbability(1.5, "connectionProbability"));
        assertEquals("connectionProbability must lie in [0.0, 1.0], found 1.5", e.getMessage());
    }

    @Test
    void lengthRejectsWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.requireLength(new double[3], 4, "h"));
        assertEquals("h must have length 4, found 3", e.getMessage());
    }
}
