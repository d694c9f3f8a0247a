package io.github.neurodyn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Values of the input signals at and between their breakpoints. */
class InputSignalTest {

    private static double[] at(InputSignal signal, double t) {
        double[] out = new double[signal.dimension()];
        signal.valueAt(t, out);
        return out;
    }

    @Test
    void stepSwitchesAtOnset() {
        InputSignal step = InputSignal.step(0.2, new double[] {1, 2}, new double[] {3, 4});
        assertArrayEquals(new double[] {1, 2}, at(step, 0.1999), 0.0);
        assertArrayEquals(new double[] {3, 4}, at(step, 0.2), 0.0);
        assertArrayEquals(new double[] {3, 4}, at(step, 5.0), 0.0);
    }

    @Test
    void scheduleSelectsSegment() {
        InputSignal schedule = InputSignal.piecewiseConstant(new double[] {0.1, 0.3},
                new double[][] {{0}, {1}, {2}});
        assertEquals(0.0, at(schedule, -1)[0], 0.0);
        assertEquals(1.0, at(schedule, 0.1)[0], 0.0);
        assertEquals(1.0, at(schedule, 0.25)[0], 0.0);
        assertEquals(2.0, at(schedule, 0.3)[0], 0.0);
    }

    @Test
    void sampledInterpolates() {
        DMatrixRMaj samples = new DMatrixRMaj(new double[][] {{0, 10, 20}, {1, 1, -1}});
        InputSignal linear = InputSignal.sampled(1.0, 0.5, samples, InputSignal.Interpolation.LINEAR);
        InputSignal held = InputSignal.sampled(1.0, 0.5, samples, InputSignal.Interpolation.ZERO_ORDER_HOLD);
        assertArrayEquals(new double[] {0, 1}, at(linear, 0.0), 0.0);
        assertArrayEquals(new double[] {5, 1}, at(linear, 1.25), 1e-12);
        assertArrayEquals(new double[] {15, 0}, at(linear, 1.75), 1e-12);
        assertArrayEquals(new double[] {20, -1}, at(linear, 9.0), 0.0);
        assertArrayEquals(new double[] {10, 1}, at(held, 1.75), 0.0);
        assertArrayEquals(new double[] {0, 1}, at(held, 1.49), 0.0);
    }

    @Test
    void functionIsCalled() {
        InputSignal sine = InputSignal.of(1, (t, out) -> out[0] = Math.sin(t));
        assertEquals(Math.sin(0.7), at(sine, 0.7)[0], 0.0);
    }

    @Test
    void constantIsCopied() {
        double[] value = {1.0};
        InputSignal constant = InputSignal.constant(value);
        value[0] = 2.0;
        assertEquals(1.0, at(constant, 0)[0], 0.0);
    }

    @Test
    void malformedSignalsRaise() {
        assertThrows(IllegalArgumentException.class, () -> InputSignal.constant(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> InputSignal.constant(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> InputSignal.step(0, new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> InputSignal.piecewiseConstant(new double[] {0.2, 0.1}, new double[][] {{0}, {1}, {2}}));
        assertThrows(IllegalArgumentException.class,
                () -> InputSignal.piecewiseConstant(new double[] {0.1}, new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class,
                () -> InputSignal.sampled(0, 0, new DMatrixRMaj(1, 1), InputSignal.Interpolation.LINEAR));
        assertThrows(IllegalArgumentException.class, () -> InputSignal.of(0, (t, out) -> { }));
    }
}
