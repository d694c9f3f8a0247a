package io.github.neurodyn.analysis.gpfa;

/**
 * Expected log likelihood under a Gaussian posterior over the loadings and its divergence from
 * the ARD prior (Jensen, Kao, Stone and Hennequin, NeurIPS 2021), with hand-derived gradients.
 *
 * <p>Each neuron n has {@code q(c_n) = N(mu_n, Sigma_n)}, {@code Sigma_n = L_n L_n^T} with
 * {@code L_n} lower triangular and a positive diagonal, so {@code Sigma_n} stays positive definite.
 * The prior is {@code c_nj ~ N(0, s_j^2)}. With the latent marginals {@code m_t} and {@code v_t}
 * of {@link InducingLatents}, the linear predictor {@code eta_tn = c_n . x_t + d_n} has
 * {@code E[eta_tn] = mu_n . m_t + d_n} and
 * {@code Var[eta_tn] = |L_n^T m_t|^2 + sum_j (Sigma_n,jj + mu_nj^2) v_tj}, and the noise model
 * ({@link PredictorLikelihood}) turns these moments into {@code E_q[log p(y_tn)]} with
 * sensitivities {@code a_tn = dE/dE[eta_tn]} and {@code b_tn = dE/dVar[eta_tn]}. The chain rule
 * then gives, with {@code w_t = L_n^T m_t}:
 * <ul>
 * <li>{@code dE/dd_n = sum_t a_tn};
 * <li>{@code dE/dmu_nj = sum_t (a_tn m_tj + 2 b_tn mu_nj v_tj)};
 * <li>{@code dE/dL_n = 2 P_n L_n} (lower part) with {@code P_n = sum_t b_tn (m_t m_t^T + diag(v_t))},
 *     that is {@code (P_n L_n)_ik = sum_t b_tn m_ti w_tk + (sum_t b_tn v_ti) L_ik};
 * <li>{@code dE/dm_tj = sum_n (a_tn mu_nj + 2 b_tn (L_n w_t)_j)} and
 *     {@code dE/dv_tj = sum_n b_tn (Sigma_n,jj + mu_nj^2)}, passed on to
 *     {@link InducingLatents#backward}.
 * </ul>
 *
 * <p>Each neuron's parameters are stored in one row: {@code mu_n} (D values), then the lower
 * triangle of {@code L_n} by rows with each diagonal entry stored as its logarithm
 * (D (D + 1) / 2 values), then {@code d_n}, then the noise model's own parameters. Gradients use
 * the same layout, so the diagonal entries are with respect to {@code log L_ii}.
 *
 * <p>Cost: {@code O(T D^2)} flops per neuron and segment. An instance owns work arrays for
 * segments of up to a given number of bins, so it is not thread-safe.
 */
final class BayesianLoadings {

    private final int latents;
    private final PredictorLikelihood likelihood;
    private final double[] mu;
    private final double[] lower;
    private final double[] w;
    private final double[] y;
    private final double[] mean;
    private final double[] variance;
    private final double[] meanGradient;
    private final double[] varianceGradient;
    private final double[] parameters;
    private final double[] parameterGradient;
    private final double[] diagonalSecondMoment;
    private final double[] weightedMean;
    private final double[] weightedVariance;
    private final double[] crossMoment;

    /**
     * Allocates the work arrays.
     *
     * @param latents D
     * @param maxBins the largest segment length T that will be passed
     * @param likelihood the noise model
     */
    BayesianLoadings(int latents, int maxBins, PredictorLikelihood likelihood) {
        this.latents = latents;
        this.likelihood = likelihood;
        mu = new double[latents];
        lower = new double[latents * latents];
        w = new double[maxBins * latents];
        y = new double[maxBins];
        mean = new double[maxBins];
        variance = new double[maxBins];
        meanGradient = new double[maxBins];
        varianceGradient = new double[maxBins];
        parameters = new double[likelihood.parametersPerNeuron()];
        parameterGradient = new double[likelihood.parametersPerNeuron()];
        diagonalSecondMoment = new double[latents];
        weightedMean = new double[latents];
        weightedVariance = new double[latents];
        crossMoment = new double[latents * latents];
    }

    /** @return the length of one neuron's parameter row for D latents and the noise model */
    static int rowLength(int latents, PredictorLikelihood likelihood) {
        return latents + latents * (latents + 1) / 2 + 1 + likelihood.parametersPerNeuron();
    }

    /** @return the position of {@code d_n} in a neuron's parameter row */
    static int offsetIndex(int latents) {
        return latents + latents * (latents + 1) / 2;
    }

    /**
     * Computes {@code sum_{t, n in neurons} E_q[log p(y_tn)]} for one segment and adds its
     * gradients to the outputs.
     *
     * @param marginals the latent marginals of the segment, T bins
     * @param activity the segment's activity, {@code T x N} row-major
     * @param neuronCount N, the row stride of {@code activity}
     * @param neurons the neurons to include
     * @param rows per neuron of the model, its parameter row
     * @param rowGradients per neuron, the gradient of its row, added to for the included neurons
     * @param g {@code dE/dm}, {@code T x D} row-major, added to
     * @param h {@code dE/dv}, {@code T x D} row-major, added to
     * @return the expected log likelihood, in nats
     */
    double expectedLogLikelihood(InducingLatents marginals, double[] activity, int neuronCount, int[] neurons,
            double[][] rows, double[][] rowGradients, double[] g, double[] h) {
        int bins = marginals.means().numRows;
        double[] m = marginals.means().data;
        double[] v = marginals.variances().data;
        int d = latents;
        int offset = offsetIndex(d);
        int own = parameters.length;
        double total = 0;
        for (int neuron : neurons) {
            double[] row = rows[neuron];
            double[] gradient = rowGradients[neuron];
            unpack(row);
            for (int j = 0; j < d; j++) {
                double sum = mu[j] * mu[j];
                for (int k = 0; k <= j; k++) {
                    sum += lower[j * d + k] * lower[j * d + k];
                }
                diagonalSecondMoment[j] = sum;
            }

            // moments of eta_tn, with w_t = L^T m_t
            double dn = row[offset];
            for (int t = 0; t < bins; t++) {
                int base = t * d;
                double etaMean = dn;
                double etaVariance = 0;
                for (int k = 0; k < d; k++) {
                    double wk = 0;
                    for (int i = k; i < d; i++) {
                        wk += lower[i * d + k] * m[base + i];
                    }
                    w[base + k] = wk;
                    etaVariance += wk * wk;
                    etaMean += mu[k] * m[base + k];
                    etaVariance += diagonalSecondMoment[k] * v[base + k];
                }
                mean[t] = etaMean;
                variance[t] = etaVariance;
                y[t] = activity[t * neuronCount + neuron];
            }
            System.arraycopy(row, offset + 1, parameters, 0, own);
            java.util.Arrays.fill(parameterGradient, 0);
            total += likelihood.neuron(y, mean, variance, bins, parameters, meanGradient, varianceGradient,
                    parameterGradient);
            for (int p = 0; p < own; p++) {
                gradient[offset + 1 + p] += parameterGradient[p];
            }

            // gradients of the row: d_n, mu_n and L_n
            java.util.Arrays.fill(weightedMean, 0);
            java.util.Arrays.fill(weightedVariance, 0);
            java.util.Arrays.fill(crossMoment, 0);
            double offsetGradient = 0;
            for (int t = 0; t < bins; t++) {
                int base = t * d;
                double a = meanGradient[t];
                double b = varianceGradient[t];
                offsetGradient += a;
                for (int i = 0; i < d; i++) {
                    weightedMean[i] += a * m[base + i];
                    weightedVariance[i] += b * v[base + i];
                    double bm = b * m[base + i];
                    for (int k = 0; k <= i; k++) {
                        crossMoment[i * d + k] += bm * w[base + k];
                    }
                }
            }
            gradient[offset] += offsetGradient;
            int packed = d;
            for (int i = 0; i < d; i++) {
                gradient[i] += weightedMean[i] + 2 * mu[i] * weightedVariance[i];
                for (int k = 0; k <= i; k++) {
                    double entry = 2 * (crossMoment[i * d + k] + weightedVariance[i] * lower[i * d + k]);
                    if (k == i) {
                        entry *= lower[i * d + i];
                    }
                    gradient[packed++] += entry;
                }
            }

            // sensitivities to the latent marginals: a mu_j + 2 b (L w_t)_j and b (Sigma_jj + mu_j^2)
            for (int t = 0; t < bins; t++) {
                int base = t * d;
                double a = meanGradient[t];
                double b = varianceGradient[t];
                for (int j = 0; j < d; j++) {
                    double lw = 0;
                    for (int k = 0; k <= j; k++) {
                        lw += lower[j * d + k] * w[base + k];
                    }
                    g[base + j] += a * mu[j] + 2 * b * lw;
                    h[base + j] += b * diagonalSecondMoment[j];
                }
            }
        }
        return total;
    }

    /**
     * Computes {@code KL(q(c_n) || p(c_n | s)) = 1/2 sum_j [(Sigma_n,jj + mu_nj^2) / s_j^2 - 1
     * + log s_j^2] - sum_j log L_n,jj} and subtracts its gradient from the output:
     * {@code dKL/dmu_nj = mu_nj / s_j^2} and {@code dKL/dL_n,ik = L_n,ik / s_i^2 - [i = k] / L_n,ii},
     * so {@code dKL/dlog L_n,ii = L_n,ii^2 / s_i^2 - 1}.
     *
     * @param row the neuron's parameter row
     * @param scales the ARD prior variances {@code s_j^2}
     * @param gradient the row's gradient, from which the divergence's gradient is subtracted
     * @return the divergence, in nats
     */
    double divergence(double[] row, double[] scales, double[] gradient) {
        int d = latents;
        unpack(row);
        double kl = 0;
        int packed = d;
        for (int i = 0; i < d; i++) {
            double inverse = 1 / scales[i];
            kl += 0.5 * (mu[i] * mu[i] * inverse - 1 + Math.log(scales[i]));
            gradient[i] -= mu[i] * inverse;
            for (int k = 0; k <= i; k++) {
                double entry = lower[i * d + k];
                kl += 0.5 * entry * entry * inverse;
                if (k == i) {
                    kl -= row[packed];
                    gradient[packed] -= entry * entry * inverse - 1;
                } else {
                    gradient[packed] -= entry * inverse;
                }
                packed++;
            }
        }
        return kl;
    }

    /**
     * Adds the second moments {@code Sigma_n,jj + mu_nj^2} of one neuron's loadings to
     * {@code sums}, for the ARD update {@code s_j^2 = sum_n E[c_nj^2] / N}.
     */
    void addSecondMoments(double[] row, double[] sums) {
        unpack(row);
        for (int j = 0; j < latents; j++) {
            double sum = mu[j] * mu[j];
            for (int k = 0; k <= j; k++) {
                sum += lower[j * latents + k] * lower[j * latents + k];
            }
            sums[j] += sum;
        }
    }

    /** Copies mu_n and the dense L_n out of a parameter row. */
    private void unpack(double[] row) {
        int d = latents;
        System.arraycopy(row, 0, mu, 0, d);
        int packed = d;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                if (k < i) {
                    lower[i * d + k] = row[packed++];
                } else if (k == i) {
                    lower[i * d + k] = Math.exp(row[packed++]);
                } else {
                    lower[i * d + k] = 0;
                }
            }
        }
    }

    /**
     * Writes {@code mu_n} and {@code Sigma_n = L_n L_n^T} of a parameter row.
     *
     * @param row the parameter row
     * @param meanOut length D
     * @param covarianceOut {@code D x D} row-major
     */
    void moments(double[] row, double[] meanOut, double[] covarianceOut) {
        int d = latents;
        unpack(row);
        System.arraycopy(mu, 0, meanOut, 0, d);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int p = 0; p <= Math.min(i, k); p++) {
                    sum += lower[i * d + p] * lower[k * d + p];
                }
                covarianceOut[i * d + k] = sum;
            }
        }
    }
}
