package io.github.neurodyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.SimulationDivergedException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free bound check against the comparison |x_i| <= bound, value by value. */
class StateBoundsTest {

    private static final double BOUND = 1e6;

    /** Values at and around the bound, zeros, subnormals, infinities and NaNs of both signs. */
    private static final double[] SPECIAL_VALUES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -1.0,
        BOUND, -BOUND, Math.nextUp(BOUND), -Math.nextUp(BOUND), Math.nextDown(BOUND), -Math.nextDown(BOUND),
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0xfff8000000000001L), Double.longBitsToDouble(0x7ff0000000000001L),
    };

    private static final double[] BOUNDS = {BOUND, Double.MIN_VALUE, 1.0, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY};

    private static boolean reference(double[] x, int n, double bound) {
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(x[i]) <= bound)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void singleValuesMatchComparison() {
        for (double bound : BOUNDS) {
            for (double value : SPECIAL_VALUES) {
                double[] x = {value};
                assertEquals(reference(x, 1, bound), StateBounds.withinBound(x, 1, bound),
                        "value " + value + ", bound " + bound);
            }
        }
    }

    @Test
    void randomStatesMatchComparison() {
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(40);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian() * BOUND * 0.3;
            }
            if (random.nextBoolean()) {
                x[random.nextInt(n)] = SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)];
            }
            assertEquals(reference(x, n, BOUND), StateBounds.withinBound(x, n, BOUND), "trial " + trial);
        }
    }

    @Test
    void entriesPastLengthIgnored() {
        double[] x = {1.0, 2.0, Double.NaN};

        assertTrue(StateBounds.withinBound(x, 2, BOUND));
    }

    @Test
    void checkNamesFirstViolation() {
        double[] x = {1.0, -2 * BOUND, Double.NaN};

        SimulationDivergedException error = assertThrows(SimulationDivergedException.class,
                () -> StateBounds.check(0.5, x, 3, BOUND));

        assertEquals(1, error.neuron());
        assertEquals(-2 * BOUND, error.value());
        assertEquals(0.5, error.timeSeconds());
    }
}
