package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;

/**
 * Expected Poisson log likelihood of one segment under Gaussian latent marginals, and its
 * gradient. Arrays are owned by the record and not copied.
 *
 * @param value {@code sum_tn E_q[log p(y_tn | x_t)]}, in nats
 * @param loadings dE/dC, {@code N x D}
 * @param offsets dE/dd, length N
 * @param means dE/dmu, {@code T x D}
 * @param variances dE/dv, {@code T x D}
 */
record PoissonExpectation(double value, DMatrixRMaj loadings, double[] offsets, DMatrixRMaj means,
        DMatrixRMaj variances) {

    /**
     * Computes the expectation in closed form for the exp link. With
     * {@code eta_tn = C_n . mu_t + d_n} and {@code lambda_tn = exp(eta_tn + 1/2 sum_j C_nj^2 v_tj)},
     * {@code E_q[log p(y_tn)] = y_tn eta_tn - lambda_tn - log(y_tn!)}, because
     * {@code E[exp(C_n . x_t)]} is the log-normal mean. The gradients are
     * {@code dE/dd_n = sum_t (y_tn - lambda_tn)},
     * {@code dE/dC_nj = sum_t [y_tn mu_tj - lambda_tn (mu_tj + C_nj v_tj)]},
     * {@code dE/dmu_tj = sum_n C_nj (y_tn - lambda_tn)} and
     * {@code dE/dv_tj = -1/2 sum_n C_nj^2 lambda_tn}. Cost: {@code O(T N D)} flops.
     *
     * @param c the loadings C, {@code N x D}
     * @param d the offsets, length N, in log counts per bin
     * @param y the counts, {@code T x N}, non-negative integers
     * @param mu the marginal means of the latents, {@code T x D}
     * @param v the marginal variances of the latents, {@code T x D}, non-negative
     * @return the value and gradients
     */
    static PoissonExpectation of(DMatrixRMaj c, double[] d, DMatrixRMaj y, DMatrixRMaj mu, DMatrixRMaj v) {
        int bins = y.numRows;
        int neurons = y.numCols;
        int latents = c.numCols;
        DMatrixRMaj loadingsGradient = new DMatrixRMaj(neurons, latents);
        double[] offsetsGradient = new double[neurons];
        DMatrixRMaj meansGradient = new DMatrixRMaj(bins, latents);
        DMatrixRMaj variancesGradient = new DMatrixRMaj(bins, latents);
        double value = 0;
        for (int t = 0; t < bins; t++) {
            for (int n = 0; n < neurons; n++) {
                double eta = d[n];
                double spread = 0;
                for (int j = 0; j < latents; j++) {
                    eta += c.get(n, j) * mu.get(t, j);
                    spread += c.get(n, j) * c.get(n, j) * v.get(t, j);
                }
                double count = y.get(t, n);
                double rate = Math.exp(eta + 0.5 * spread);
                value += count * eta - rate - logFactorial(count);

                offsetsGradient[n] += count - rate;
                for (int j = 0; j < latents; j++) {
                    loadingsGradient.add(n, j, count * mu.get(t, j) - rate * (mu.get(t, j) + c.get(n, j) * v.get(t, j)));
                    meansGradient.add(t, j, c.get(n, j) * (count - rate));
                    variancesGradient.add(t, j, -0.5 * c.get(n, j) * c.get(n, j) * rate);
                }
            }
        }
        return new PoissonExpectation(value, loadingsGradient, offsetsGradient, meansGradient, variancesGradient);
    }

    /** Returns log(k!) of a non-negative integer count by summing logarithms. */
    static double logFactorial(double count) {
        double sum = 0;
        for (int i = 2; i <= count; i++) {
            sum += Math.log(i);
        }
        return sum;
    }
}
