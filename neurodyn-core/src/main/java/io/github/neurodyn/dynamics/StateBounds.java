package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.SimulationDivergedException;

/** The divergence check that every integrator runs after a step. */
final class StateBounds {

    private StateBounds() {
    }

    /**
     * Throws if some |x_i| exceeds the bound or x_i is not finite.
     *
     * @throws SimulationDivergedException naming the time, the first such neuron and its value
     */
    static void check(double timeSeconds, double[] x, int n, double bound) {
        // Fast path: a max reduction that C2 can vectorise. Math.max returns NaN if any
        // entry is NaN, so the comparison below fails for NaN too.
        double largest = 0.0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(x[i]));
        }
        if (largest <= bound) {
            return;
        }

        // Slow path: find the first offending neuron.
        for (int i = 0; i < n; i++) {
            // The negated comparison also catches NaN.
            if (!(Math.abs(x[i]) <= bound)) {
                throw new SimulationDivergedException(timeSeconds, i, x[i], bound);
            }
        }
    }
}
