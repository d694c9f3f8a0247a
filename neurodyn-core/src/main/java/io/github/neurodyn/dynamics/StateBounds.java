package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.SimulationDivergedException;

/** The divergence check that every integrator runs after a step. */
final class StateBounds {

    private StateBounds() {
    }

    /**
     * Throws if some |x_i| exceeds the bound or x_i is not finite.
     *
     * @param bound positive, possibly infinite
     * @throws SimulationDivergedException naming the time, the first such neuron and its value
     */
    static void check(double timeSeconds, double[] x, int n, double bound) {
        if (!withinBound(x, n, bound)) {
            throwAtFirstViolation(timeSeconds, x, n, bound);
        }
    }

    /**
     * Returns whether |x_i| <= bound for every i in [0, n), which is false when some x_i is
     * NaN. The loop compares bit patterns as integers, without the branch per element
     * that would keep C2 from vectorising it. With the sign bit cleared, IEEE 754 doubles order as their bit patterns
     * read as signed longs do, and every NaN pattern lies above that of infinity. So
     * bound - |x_i| is negative exactly when |x_i| > bound or x_i is NaN, and OR-ing the
     * differences keeps the sign bit of any negative one. The difference cannot overflow,
     * because both operands lie in [0, 2^63).
     *
     * @param bound positive, possibly infinite
     */
    static boolean withinBound(double[] x, int n, double bound) {
        long boundBits = Double.doubleToRawLongBits(bound);
        long differences = 0;
        for (int i = 0; i < n; i++) {
            differences |= boundBits - (Double.doubleToRawLongBits(x[i]) & Long.MAX_VALUE);
        }
        return differences >= 0;
    }

    /** Throws for the first i with |x_i| > bound or x_i NaN, if there is one. */
    private static void throwAtFirstViolation(double timeSeconds, double[] x, int n, double bound) {
        for (int i = 0; i < n; i++) {
            // The negated comparison also catches NaN.
            if (!(Math.abs(x[i]) <= bound)) {
                throw new SimulationDivergedException(timeSeconds, i, x[i], bound);
            }
        }
    }
}
