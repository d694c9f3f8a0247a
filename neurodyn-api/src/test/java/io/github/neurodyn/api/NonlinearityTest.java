package io.github.neurodyn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Value, derivative and array forms of every built-in nonlinearity. */
class NonlinearityTest {

    /** Central differences with step 1e-6 are accurate to about 1e-9 on these smooth functions. */
    private static final double DERIVATIVE_TOLERANCE = 1e-7;
    private static final double[] POINTS = {-30.0, -2.5, -0.3, 0.2, 0.9, 3.0, 40.0};

    static Stream<Nonlinearity> builtIns() {
        return Stream.of(Nonlinearity.identity(), Nonlinearity.relu(), Nonlinearity.rectifiedPower(0.3, 2.0),
                Nonlinearity.rectifiedPower(1.5, 3.5), Nonlinearity.tanh(), Nonlinearity.softplus(),
                Nonlinearity.of(Math::sin, Math::cos, "sin"));
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void derivativeMatchesDifferenceQuotient(Nonlinearity phi) {
        double step = 1e-6;
        for (double x : POINTS) {
            double quotient = (phi.value(x + step) - phi.value(x - step)) / (2 * step);
            double scale = Math.max(1.0, Math.abs(phi.derivative(x)));
            assertEquals(quotient, phi.derivative(x), DERIVATIVE_TOLERANCE * scale, phi.name() + " at " + x);
        }
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void arrayFormsMatchScalarForms(Nonlinearity phi) {
        double[] values = new double[POINTS.length];
        double[] slopes = new double[POINTS.length];
        phi.values(POINTS, values, POINTS.length);
        phi.derivatives(POINTS, slopes, POINTS.length);
        for (int i = 0; i < POINTS.length; i++) {
            assertEquals(phi.value(POINTS[i]), values[i], 0.0, phi.name() + " value at " + POINTS[i]);
            assertEquals(phi.derivative(POINTS[i]), slopes[i], 0.0, phi.name() + " slope at " + POINTS[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void valuesAreFiniteFarOut(Nonlinearity phi) {
        for (double x : new double[] {-700, 700}) {
            assertEquals(true, Double.isFinite(phi.value(x)), phi.name() + " at " + x);
            assertEquals(true, Double.isFinite(phi.derivative(x)), phi.name() + " slope at " + x);
        }
    }

    @org.junit.jupiter.api.Test
    void reluAndPowerAtKnownPoints() {
        assertEquals(0.0, Nonlinearity.relu().value(-1.0), 0.0);
        assertEquals(2.0, Nonlinearity.relu().value(2.0), 0.0);
        assertEquals(0.3 * 4.0, Nonlinearity.rectifiedPower(0.3, 2).value(2.0), 1e-15);
        assertEquals(Math.log(2.0), Nonlinearity.softplus().value(0.0), 1e-15);
    }

    @org.junit.jupiter.api.Test
    void factoriesRejectBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.rectifiedPower(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.rectifiedPower(1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.rectifiedPower(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.of(null, Math::cos, "x"));
        assertThrows(IllegalArgumentException.class, () -> Nonlinearity.of(Math::sin, Math::cos, " "));
    }
}
