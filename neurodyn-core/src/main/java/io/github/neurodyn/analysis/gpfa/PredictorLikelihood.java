package io.github.neurodyn.analysis.gpfa;

/**
 * Expected log likelihood of one neuron's activity as a function of the moments of its linear
 * predictor {@code eta_tn = c_n . x_t + d_n} under {@code q(C) q(x)}: the mean
 * {@code E[eta_tn] = mu_n . m_t + d_n} and the variance
 * {@code Var[eta_tn] = m_t^T Sigma_n m_t + sum_j (Sigma_n,jj + mu_nj^2) v_tj}, where
 * {@code q(c_n) = N(mu_n, Sigma_n)} and {@code q(x_t)} has means {@code m_t} and variances
 * {@code v_t}. {@link BayesianLoadings} carries the gradients from these moments to q(C), d, q(u)
 * and the kernel.
 *
 * <p>A noise model may own per-neuron parameters (the Gaussian model owns {@code log R_n}); they
 * are stored after the offset in each neuron's parameter row.
 */
interface PredictorLikelihood {

    /** @return the number of per-neuron parameters owned by the noise model */
    int parametersPerNeuron();

    /**
     * Computes {@code sum_t E_q[log p(y_tn | eta_tn)]} for one neuron and adds its gradients to
     * the outputs.
     *
     * @param y the neuron's activity, length at least {@code bins}
     * @param mean {@code E[eta_tn]} per bin
     * @param variance {@code Var[eta_tn]} per bin, non-negative
     * @param bins T, the number of bins to read
     * @param parameters the neuron's own noise parameters, {@link #parametersPerNeuron()} of them
     * @param meanGradient output, {@code dE/dE[eta_tn]} per bin, overwritten
     * @param varianceGradient output, {@code dE/dVar[eta_tn]} per bin, overwritten
     * @param parameterGradient output, {@code dE/dparameters}, added to
     * @return the expected log likelihood, in nats
     */
    double neuron(double[] y, double[] mean, double[] variance, int bins, double[] parameters,
            double[] meanGradient, double[] varianceGradient, double[] parameterGradient);
}
