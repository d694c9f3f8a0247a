package io.github.neurodyn.analysis.gpfa;

/**
 * Result of the exact EM fit.
 *
 * @param parameters the fitted model (prior variances all 1)
 * @param logLikelihoods log marginal likelihood of the data, in nats, before each M-step.
 *     It is non-decreasing up to round-off because every step is an EM or generalised EM step
 * @param iterations EM iterations run
 * @param converged whether the relative tolerance was reached before the iteration limit
 */
public record ExactGpfaFit(GpfaParameters parameters, double[] logLikelihoods, int iterations, boolean converged) {

    /**
     * Copies the likelihood trace.
     *
     * @param parameters the fitted model (prior variances all 1)
     * @param logLikelihoods log marginal likelihood of the data, in nats, before each M-step.
     *     It is non-decreasing up to round-off because every step is an EM or generalised EM step
     * @param iterations EM iterations run
     * @param converged whether the relative tolerance was reached before the iteration limit
     */
    public ExactGpfaFit {
        logLikelihoods = logLikelihoods.clone();
    }

    /** @return a copy of the log marginal likelihood per iteration */
    @Override
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /** @return the last log marginal likelihood, in nats */
    public double finalLogLikelihood() {
        return logLikelihoods[logLikelihoods.length - 1];
    }
}
