package io.github.neurodyn.analysis.gpfa;

/**
 * Link function f of Poisson GPFA: the count of neuron n in time bin t is
 * {@code y_nt ~ Poisson(f(eta_nt))} with the linear predictor {@code eta_nt = C_n . x_t + d_n}.
 * The rate {@code f(eta)} is the expected count per bin (not per second), so the offsets d
 * absorb the bin width.
 */
public enum PoissonLink {

    /**
     * {@code f(eta) = exp(eta)}, the canonical link. The expected log likelihood under a Gaussian
     * predictor has a closed form, and d is the log of the count per bin.
     */
    EXP,

    /**
     * {@code f(eta) = log(1 + exp(eta))}, which grows linearly rather than exponentially for large
     * eta. The expected log likelihood needs quadrature (see {@link PoissonExpectedLogLikelihood}).
     */
    SOFTPLUS;

    /**
     * Returns the rate {@code f(eta)}, in counts per bin. The softplus form
     * {@code log1p(exp(-|eta|)) + max(eta, 0)} neither overflows nor loses digits for large |eta|.
     *
     * @param eta the linear predictor
     * @return the rate, non-negative; {@code +Infinity} for the exp link above about 709.78
     */
    public double rate(double eta) {
        return this == EXP ? Math.exp(eta) : softplus(eta);
    }

    /** Returns {@code log(1 + exp(x))} without overflow or cancellation. */
    static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }
}
