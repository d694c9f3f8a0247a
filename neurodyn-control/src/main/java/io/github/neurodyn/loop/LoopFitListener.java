package io.github.neurodyn.loop;

/** Receives each accepted iteration of the loop fit and may stop it. */
@FunctionalInterface
public interface LoopFitListener {

    /**
     * Called after each accepted L-BFGS iteration, on the fitting thread.
     *
     * @param iteration the iteration just accepted, from 1
     * @param relativeCost current linear cost divided by the LQR cost (1 means LQR's cost)
     * @param gradientNorm Euclidean norm of the gradient of the relative cost
     * @return {@code true} to continue, {@code false} to stop (the fit then reports
     *     {@code converged() == false})
     */
    boolean onIteration(int iteration, double relativeCost, double gradientNorm);
}
