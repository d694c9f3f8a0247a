package io.github.neurodyn.analysis.gpfa;

/** Observer of the sparse GPFA fit, called once per Adam iteration on the caller's thread. */
@FunctionalInterface
public interface SparseGpfaListener {

    /**
     * Receives the objective of one iteration.
     *
     * @param iteration the 1-based iteration
     * @param elbo the minibatch estimate of the ELBO plus the ARD log prior, in nats
     */
    void iteration(int iteration, double elbo);
}
