package io.github.neurodyn.api;

/**
 * Code that a simulation runs after integration steps, for online plasticity, monitoring or
 * an early stop. A hook reads the time, the state and rates of one trial, and the live
 * weight columns. It may change the weights in place, and the next step uses them.
 *
 * <p>The hook runs on the simulation's thread and must not allocate if the step is to stay
 * allocation-free. It must not keep references to the arrays of the context beyond the call.
 */
@FunctionalInterface
public interface StepHook {

    /**
     * Runs after a step. For a batch it runs once per trial, in trial order, and all trials
     * share the same weight columns.
     *
     * @param context the view of the simulation after the step
     */
    void afterStep(StepContext context);

    /**
     * Mutable view of a running simulation that the simulator reuses for every call, so no
     * hook call allocates.
     */
    interface StepContext {

        /** @return the simulated time after the step, in seconds */
        double timeSeconds();

        /** @return the number of steps taken so far, counting this one */
        long stepCount();

        /** @return the index of the trial this call is about, from 0 */
        int trial();

        /** @return the number of neurons N */
        int neuronCount();

        /**
         * Returns the live state x of this trial after the step, length N; read it, do not
         * write it.
         *
         * @return the state
         */
        double[] state();

        /**
         * Returns the rates phi(x) of this trial at the state after the step, length N; read
         * it, do not write it.
         *
         * @return the rates
         */
        double[] rates();

        /**
         * Returns the live weights by column: {@code weightColumns()[j][i]} is W(i, j), the
         * weight from neuron j onto neuron i. Writes take effect from the next step. Some
         * integrators reject hooks because they precompute from W (see their documentation).
         *
         * @return N arrays of length N
         */
        double[][] weightColumns();

        /** Asks the simulation to stop after this step; the trajectory ends at this time. */
        void requestStop();
    }
}
