package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Evidence lower bound of sparse variational GPFA with Poisson observations, for one segment
 * (Jensen, Kao, Stone and Hennequin, NeurIPS 2021), with point estimates of C and d.
 *
 * <p>Each latent j has inducing values {@code u_j = x_j(z_j)} with {@code q(u_j) = N(m_j, S_j)},
 * independent across latents, and {@code q(x_j(t))} has mean {@code mu_tj = a_t^T m_j} and variance
 * {@code v_tj = k_j(t, t) + a_t^T (S_j - K_zz) a_t} with {@code A_j = K_xz K_zz^-1}, as in
 * {@link SparseGaussianElbo}. The predictor {@code eta_tn = C_n . x_t + d_n} is then Gaussian with
 * mean {@code mean_tn = C_n . mu_t + d_n} and variance {@code var_tn = sum_j C_nj^2 v_tj}, and
 *
 * <pre>
 *     ELBO = sum_tn E(y_tn, mean_tn, var_tn) - sum_j KL( q(u_j) || p(u_j) )
 * </pre>
 *
 * with E the expected log likelihood of {@link PoissonExpectedLogLikelihood}.
 *
 * <p>Gradient: with {@code a_tn = dE/dmean_tn} and {@code b_tn = dE/dvar_tn},
 * {@code dELBO/dd_n = sum_t a_tn}, {@code dELBO/dC_nj = sum_t (a_tn mu_tj + 2 b_tn C_nj v_tj)}, and
 * the latent marginals receive {@code g_tj = sum_n a_tn C_nj} and {@code h_tj = sum_n b_tn C_nj^2}.
 * Then {@code dELBO/dm_j = A_j^T g_j - K_zz^-1 m_j} and {@code dELBO/dL_j = 2 G_j L_j} (lower part)
 * with {@code G_j = A_j^T diag(h_j) A_j - K_zz^-1 / 2 + S_j^-1 / 2}. The kernel hyperparameters
 * enter through {@code K_xz}, {@code K_zz} and {@code k(t, t)}, with the weights written in the
 * code. For Gaussian noise {@code h_tj = -w_j / 2} is the same for every t, which gives the
 * gradient of {@link SparseGaussianElbo}.
 *
 * <p>Cost: {@code O(sum_j (M_j^3 + T M_j^2) + T N D)} flops plus T N evaluations of E.
 */
final class SparsePoissonElbo {

    private SparsePoissonElbo() {
    }

    /**
     * Computes the ELBO of one segment, in nats.
     *
     * @param parameters the model; the noise variances are not used
     * @param likelihood the expected log likelihood, which carries the link
     * @param timesMs the segment's grid in ms, length T
     * @param y the segment's counts, {@code T x N}
     * @param inducingTimesMs per latent, the inducing times in ms, length {@code M_j}
     * @param means per latent, {@code m_j} as an {@code M_j x 1} matrix
     * @param covariances per latent, {@code S_j}, {@code M_j x M_j}, positive definite
     * @return the bound
     */
    static double value(GpfaParameters parameters, PoissonExpectedLogLikelihood likelihood, double[] timesMs,
            DMatrixRMaj y, double[][] inducingTimesMs, DMatrixRMaj[] means, DMatrixRMaj[] covariances) {
        return evaluate(parameters, likelihood, timesMs, y, inducingTimesMs, means, covariances, null).value();
    }

    /**
     * Computes the ELBO of one segment and its gradient with respect to C, d, the means
     * {@code m_j}, the lower-triangular factors {@code L_j} of {@code S_j = L_j L_j^T}, the log length
     * scales and the log prior variances. The gradient with respect to log R is zero.
     *
     * @param parameters the model; the noise variances are not used
     * @param likelihood the expected log likelihood, which carries the link
     * @param timesMs the segment's grid in ms, length T
     * @param y the segment's counts, {@code T x N}
     * @param inducingTimesMs per latent, the inducing times in ms
     * @param means per latent, {@code m_j}, {@code M_j x 1}
     * @param factors per latent, {@code L_j}, lower triangular with a positive diagonal
     * @return the value and the gradient
     */
    static ElboGradient gradient(GpfaParameters parameters, PoissonExpectedLogLikelihood likelihood,
            double[] timesMs, DMatrixRMaj y, double[][] inducingTimesMs, DMatrixRMaj[] means, DMatrixRMaj[] factors) {
        DMatrixRMaj[] covariances = new DMatrixRMaj[factors.length];
        for (int j = 0; j < factors.length; j++) {
            covariances[j] = new DMatrixRMaj(factors[j].numRows, factors[j].numRows);
            CommonOps_DDRM.multTransB(factors[j], factors[j], covariances[j]);
        }
        return evaluate(parameters, likelihood, timesMs, y, inducingTimesMs, means, covariances, factors);
    }

    /** Computes the bound, and its gradient when {@code factors} is not null. */
    private static ElboGradient evaluate(GpfaParameters parameters, PoissonExpectedLogLikelihood likelihood,
            double[] timesMs, DMatrixRMaj y, double[][] inducingTimesMs, DMatrixRMaj[] means,
            DMatrixRMaj[] covariances, DMatrixRMaj[] factors) {
        boolean withGradient = factors != null;
        int latents = parameters.latentCount();
        int neurons = parameters.neuronCount();
        int bins = timesMs.length;
        double[] seconds = ExactGpfa.toSeconds(timesMs);
        DMatrixRMaj marginalMeans = new DMatrixRMaj(bins, latents);
        DMatrixRMaj marginalVariances = new DMatrixRMaj(bins, latents);
        double divergence = 0;
        DMatrixRMaj[] gains = new DMatrixRMaj[latents];
        DMatrixRMaj[] spreadGains = new DMatrixRMaj[latents];
        DMatrixRMaj[] kernelInverses = new DMatrixRMaj[latents];
        DMatrixRMaj[] covarianceInverses = new DMatrixRMaj[latents];
        DMatrixRMaj[] inducingKernels = new DMatrixRMaj[latents];
        DMatrixRMaj[] crossKernels = new DMatrixRMaj[latents];

        // per latent: marginals of q(x_j) and KL(q(u_j) || p(u_j))
        // NOTE: this block repeats the one in SparseGaussianElbo, which is left unchanged while the
        // Gaussian bound is reworked for a posterior over C. Both should move into one helper.
        for (int j = 0; j < latents; j++) {
            double[] inducing = ExactGpfa.toSeconds(inducingTimesMs[j]);
            int m = inducing.length;
            double length = parameters.lengthScalesSeconds()[j];
            double variance = parameters.priorVariances()[j];
            DMatrixRMaj kzz = new DMatrixRMaj(m, m);
            SquaredExponentialKernel.covariance(inducing, length, variance, kzz);
            DMatrixRMaj kzzInverse = new DMatrixRMaj(m, m);
            double logDetKzz = SpdMatrices.invert(kzz, kzzInverse, "inducing kernel matrix of latent " + j);
            DMatrixRMaj kxz = new DMatrixRMaj(bins, m);
            SquaredExponentialKernel.crossCovariance(seconds, inducing, length, variance, kxz);
            DMatrixRMaj gain = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.mult(kxz, kzzInverse, gain);

            // v_j(t) = k(t, t) + a_t^T (S_j - K_zz) a_t, and A (S_j - K_zz) is kept for the gradient
            DMatrixRMaj spread = covariances[j].copy();
            CommonOps_DDRM.subtractEquals(spread, kzz);
            DMatrixRMaj spreadGain = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.multTransB(gain, spread, spreadGain);
            for (int t = 0; t < bins; t++) {
                double mean = 0;
                double extra = 0;
                for (int i = 0; i < m; i++) {
                    mean += gain.get(t, i) * means[j].get(i);
                    extra += spreadGain.get(t, i) * gain.get(t, i);
                }
                marginalMeans.set(t, j, mean);
                marginalVariances.set(t, j, variance + extra);
            }

            // KL = 1/2 [tr(K_zz^-1 S) + m^T K_zz^-1 m - M + log det K_zz - log det S]
            DMatrixRMaj covarianceInverse = new DMatrixRMaj(m, m);
            double logDetS = SpdMatrices.invert(covariances[j], covarianceInverse, "q(u) covariance of latent " + j);
            DMatrixRMaj solved = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.mult(kzzInverse, means[j], solved);
            double trace = SpdMatrices.traceOfProduct(kzzInverse, covariances[j]);
            divergence += 0.5 * (trace + CommonOps_DDRM.dot(means[j], solved) - m + logDetKzz - logDetS);
            gains[j] = gain;
            spreadGains[j] = spreadGain;
            kernelInverses[j] = kzzInverse;
            covarianceInverses[j] = covarianceInverse;
            inducingKernels[j] = kzz;
            crossKernels[j] = kxz;
        }

        // expected Poisson log likelihood, and its gradient with respect to C, d, mu and v
        DMatrixRMaj c = parameters.loadings();
        double[] d = parameters.offsets();
        double expected = 0;
        double[] moments = new double[2];
        DMatrixRMaj loadingsGradient = new DMatrixRMaj(neurons, latents);
        double[] offsetsGradient = new double[neurons];
        DMatrixRMaj meanSensitivity = new DMatrixRMaj(bins, latents);
        DMatrixRMaj varianceSensitivity = new DMatrixRMaj(bins, latents);
        for (int t = 0; t < bins; t++) {
            for (int n = 0; n < neurons; n++) {
                double mean = d[n];
                double spread = 0;
                for (int j = 0; j < latents; j++) {
                    double cnj = c.get(n, j);
                    mean += cnj * marginalMeans.get(t, j);
                    spread += cnj * cnj * marginalVariances.get(t, j);
                }
                expected += likelihood.expectation(y.get(t, n), mean, spread, moments);
                if (withGradient) {
                    double slope = moments[0];
                    double varianceSlope = moments[1];
                    offsetsGradient[n] += slope;
                    for (int j = 0; j < latents; j++) {
                        double cnj = c.get(n, j);
                        loadingsGradient.add(n, j, slope * marginalMeans.get(t, j)
                                + 2 * varianceSlope * cnj * marginalVariances.get(t, j));
                        meanSensitivity.add(t, j, slope * cnj);
                        varianceSensitivity.add(t, j, varianceSlope * cnj * cnj);
                    }
                }
            }
        }
        double value = expected - divergence;
        if (!withGradient) {
            return new ElboGradient(value, null, null, null, null, null, null, null);
        }

        DMatrixRMaj[] meansGradient = new DMatrixRMaj[latents];
        DMatrixRMaj[] factorsGradient = new DMatrixRMaj[latents];
        double[] logLengthScaleGradient = new double[latents];
        double[] logPriorVarianceGradient = new double[latents];
        for (int j = 0; j < latents; j++) {
            int m = means[j].numRows;
            DMatrixRMaj g = CommonOps_DDRM.extract(meanSensitivity, 0, bins, j, j + 1);
            DMatrixRMaj h = CommonOps_DDRM.extract(varianceSensitivity, 0, bins, j, j + 1);

            // dELBO/dm_j = A^T g_j - K_zz^-1 m_j
            meansGradient[j] = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.multTransA(gains[j], g, meansGradient[j]);
            CommonOps_DDRM.multAdd(-1, kernelInverses[j], means[j], meansGradient[j]);

            // dELBO/dL_j = 2 G L_j with G = A^T diag(h) A - K_zz^-1 / 2 + S^-1 / 2
            DMatrixRMaj weightedGain = gains[j].copy();
            for (int t = 0; t < bins; t++) {
                for (int i = 0; i < m; i++) {
                    weightedGain.times(t * m + i, h.get(t));
                }
            }
            DMatrixRMaj curvature = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(gains[j], weightedGain, curvature);
            DMatrixRMaj sGradient = curvature.copy();
            CommonOps_DDRM.addEquals(sGradient, -0.5, kernelInverses[j]);
            CommonOps_DDRM.addEquals(sGradient, 0.5, covarianceInverses[j]);
            factorsGradient[j] = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(2, sGradient, factors[j], factorsGradient[j]);
            for (int row = 0; row < m; row++) {
                for (int col = row + 1; col < m; col++) {
                    factorsGradient[j].set(row, col, 0);
                }
            }

            // kernel hyperparameters: dELBO = sum (B K_zz^-1) o dK_xz + sum H o dK_zz + sum_t h_t dk(t, t)
            // with B = g m^T + 2 diag(h) A (S - K_zz) and
            // H = -K_zz^-1 B^T A - A^T diag(h) A + 1/2 [K_zz^-1 (S + m m^T) K_zz^-1 - K_zz^-1]
            DMatrixRMaj b = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.multTransB(g, means[j], b);
            for (int t = 0; t < bins; t++) {
                for (int i = 0; i < m; i++) {
                    b.plus(t * m + i, 2 * h.get(t) * spreadGains[j].get(t, i));
                }
            }
            DMatrixRMaj crossWeight = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.mult(b, kernelInverses[j], crossWeight);
            DMatrixRMaj bTransA = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(b, gains[j], bTransA);
            DMatrixRMaj inducingWeight = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(-1, kernelInverses[j], bTransA, inducingWeight);
            CommonOps_DDRM.subtractEquals(inducingWeight, curvature);
            DMatrixRMaj secondMoment = covariances[j].copy();
            CommonOps_DDRM.multAddTransB(means[j], means[j], secondMoment);
            DMatrixRMaj left = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(kernelInverses[j], secondMoment, left);
            CommonOps_DDRM.multAdd(0.5, left, kernelInverses[j], inducingWeight);
            CommonOps_DDRM.addEquals(inducingWeight, -0.5, kernelInverses[j]);

            double[] inducing = ExactGpfa.toSeconds(inducingTimesMs[j]);
            double length = parameters.lengthScalesSeconds()[j];
            double variance = parameters.priorVariances()[j];
            DMatrixRMaj crossDerivative = new DMatrixRMaj(bins, m);
            SquaredExponentialKernel.logLengthScaleDerivative(seconds, inducing, length, variance, crossDerivative);
            DMatrixRMaj inducingDerivative = new DMatrixRMaj(m, m);
            SquaredExponentialKernel.logLengthScaleDerivative(inducing, inducing, length, variance, inducingDerivative);
            logLengthScaleGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossDerivative)
                    + SpdMatrices.traceOfProduct(inducingWeight, inducingDerivative);

            // d/dlog sigma^2 scales K_xz, K_zz and k(t, t) by themselves
            double hSum = CommonOps_DDRM.elementSum(h);
            logPriorVarianceGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossKernels[j])
                    + SpdMatrices.traceOfProduct(inducingWeight, inducingKernels[j]) + hSum * variance;
        }
        return new ElboGradient(value, loadingsGradient, offsetsGradient, new double[neurons], meansGradient,
                factorsGradient, logLengthScaleGradient, logPriorVarianceGradient);
    }
}
