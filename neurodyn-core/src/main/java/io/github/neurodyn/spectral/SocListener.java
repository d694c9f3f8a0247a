package io.github.neurodyn.spectral;

import org.ejml.data.DMatrixRMaj;

/** Receives each step of the stability optimiser and may stop the run. */
@FunctionalInterface
public interface SocListener {

    /**
     * Called after each gradient step, on the optimiser's thread.
     *
     * @param iteration the step just taken
     * @param weights the current connectivity; read-only and valid only during the call
     * @return {@code true} to continue, {@code false} to stop with {@link SocStopReason#LISTENER}
     */
    boolean onIteration(SocIteration iteration, DMatrixRMaj weights);
}
