package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Evidence lower bound of sparse variational GPFA with Gaussian observations, for one
 * segment (Titsias, AISTATS 2009; applied to GPFA by Jensen, Kao, Stone and Hennequin,
 * NeurIPS 2021).
 *
 * <p>Each latent j has inducing values {@code u_j = x_j(z_j)} at its own inducing times and a
 * Gaussian {@code q(u_j) = N(m_j, S_j)}, independent across latents, and
 * {@code q(x_j) = integral p(x_j | u_j) q(u_j) du_j}. With {@code A_j = K_xz K_zz^-1} the
 * marginals of {@code q(x_j(t))} have mean {@code mu_j = A_j m_j} and variance
 * {@code v_j(t) = k(t, t) - a_t^T K_zz a_t + a_t^T S_j a_t}, and
 * {@code ELBO = sum_tn E_q[log N(y_tn; C_n . x_t + d_n, R_n)] - sum_j KL(q(u_j) || p(u_j))}
 * with {@code E_q[(y_tn - C_n . x_t - d_n)^2] = (y_tn - C_n . mu_t - d_n)^2 + sum_j C_nj^2 v_j(t)}.
 * When every latent has its inducing points at the data bins, D = 1 and q is the exact
 * posterior, the bound equals {@link ExactGpfa}'s log marginal likelihood.
 *
 * <p>Cost: {@code O(sum_j (M_j^3 + T M_j^2) + T N D)} flops.
 *
 * <p>Without a prior on C, {@code sigma_j^2} and the scale of column j of C are redundant, so
 * {@link SparseGpfa} keeps {@code sigma_j^2 = 1} and adds an ARD prior on the columns of C.
 */
final class SparseGaussianElbo {

    private SparseGaussianElbo() {
    }

    /**
     * Computes the ELBO of one segment, in nats.
     *
     * @param parameters the model
     * @param timesMs the segment's grid in ms, length T
     * @param y the segment's activity, {@code T x N}
     * @param inducingTimesMs per latent, the inducing times in ms, length {@code M_j}
     * @param means per latent, {@code m_j} as an {@code M_j x 1} matrix
     * @param covariances per latent, {@code S_j}, {@code M_j x M_j}, positive definite
     * @return the bound
     */
    static double value(GpfaParameters parameters, double[] timesMs, DMatrixRMaj y, double[][] inducingTimesMs,
            DMatrixRMaj[] means, DMatrixRMaj[] covariances) {
        return evaluate(parameters, timesMs, y, inducingTimesMs, means, covariances, null).value();
    }

    /**
     * Computes the ELBO of one segment and its gradient with respect to C, d, log R, the
     * means {@code m_j}, the lower-triangular factors {@code L_j} of {@code S_j = L_j L_j^T}, the log
     * length scales and the log prior variances:
     * with {@code e_tn = y_tn - d_n - C_n . mu_t} and {@code w_j = sum_n C_nj^2 / R_n},
     * {@code dE/dd_n = sum_t e_tn / R_n}, {@code dE/dC_nj = sum_t (e_tn mu_tj - C_nj v_tj) / R_n},
     * {@code dE/dlog R_n = sum_t [(e_tn^2 + sum_j C_nj^2 v_tj) / R_n - 1] / 2},
     * {@code dE/dm_j = A_j^T g_j - K_zz^-1 m_j} with {@code g_j(t) = sum_n C_nj e_tn / R_n}, and
     * {@code dE/dL_j = 2 G_j L_j} (lower part) with
     * {@code G_j = -1/2 w_j A_j^T A_j - 1/2 K_zz^-1 + 1/2 S_j^-1}.
     *
     * The gradients with respect to {@code log l_j} and {@code log sigma_j^2} go through
     * {@code K_xz}, {@code K_zz} and {@code k(t, t)}, as written in the code.
     *
     * @param parameters the model
     * @param timesMs the segment's grid in ms, length T
     * @param y the segment's activity, {@code T x N}
     * @param inducingTimesMs per latent, the inducing times in ms
     * @param means per latent, {@code m_j}, {@code M_j x 1}
     * @param factors per latent, {@code L_j}, lower triangular with a positive diagonal
     * @return the value and the gradient
     */
    static ElboGradient gradient(GpfaParameters parameters, double[] timesMs, DMatrixRMaj y,
            double[][] inducingTimesMs, DMatrixRMaj[] means, DMatrixRMaj[] factors) {
        DMatrixRMaj[] covariances = new DMatrixRMaj[factors.length];
        for (int j = 0; j < factors.length; j++) {
            covariances[j] = new DMatrixRMaj(factors[j].numRows, factors[j].numRows);
            CommonOps_DDRM.multTransB(factors[j], factors[j], covariances[j]);
        }
        return evaluate(parameters, timesMs, y, inducingTimesMs, means, covariances, factors);
    }

    /** Computes the bound, and its gradient when {@code factors} is not null. */
    private static ElboGradient evaluate(GpfaParameters parameters, double[] timesMs, DMatrixRMaj y,
            double[][] inducingTimesMs, DMatrixRMaj[] means, DMatrixRMaj[] covariances, DMatrixRMaj[] factors) {
        boolean withGradient = factors != null;
        int latents = parameters.latentCount();
        int neurons = parameters.neuronCount();
        int bins = timesMs.length;
        double[] seconds = ExactGpfa.toSeconds(timesMs);
        DMatrixRMaj marginalMeans = new DMatrixRMaj(bins, latents);
        DMatrixRMaj marginalVariances = new DMatrixRMaj(bins, latents);
        double divergence = 0;
        DMatrixRMaj[] gains = new DMatrixRMaj[latents];
        DMatrixRMaj[] kernelInverses = new DMatrixRMaj[latents];
        DMatrixRMaj[] covarianceInverses = new DMatrixRMaj[latents];
        DMatrixRMaj[] inducingKernels = new DMatrixRMaj[latents];
        DMatrixRMaj[] crossKernels = new DMatrixRMaj[latents];

        // per latent: marginals of q(x_j) and KL(q(u_j) || p(u_j))
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

            // v_j(t) = k(t, t) - a_t^T K_zz a_t + a_t^T S_j a_t = k(t, t) + a_t^T (S_j - K_zz) a_t
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
            gains[j] = gain;
            kernelInverses[j] = kzzInverse;
            covarianceInverses[j] = covarianceInverse;
            inducingKernels[j] = kzz;
            crossKernels[j] = kxz;
            DMatrixRMaj solved = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.mult(kzzInverse, means[j], solved);
            double trace = SpdMatrices.traceOfProduct(kzzInverse, covariances[j]);
            divergence += 0.5 * (trace + CommonOps_DDRM.dot(means[j], solved) - m + logDetKzz - logDetS);
        }

        // expected Gaussian log likelihood, and its gradient with respect to C, d, log R and mu
        DMatrixRMaj c = parameters.loadings();
        double[] d = parameters.offsets();
        double[] r = parameters.noiseVariances();
        double expected = 0;
        DMatrixRMaj loadingsGradient = new DMatrixRMaj(neurons, latents);
        double[] offsetsGradient = new double[neurons];
        double[] logNoiseGradient = new double[neurons];
        DMatrixRMaj meanSensitivity = new DMatrixRMaj(bins, latents);
        for (int t = 0; t < bins; t++) {
            for (int n = 0; n < neurons; n++) {
                double residual = y.get(t, n) - d[n];
                double spread = 0;
                for (int j = 0; j < latents; j++) {
                    residual -= c.get(n, j) * marginalMeans.get(t, j);
                    spread += c.get(n, j) * c.get(n, j) * marginalVariances.get(t, j);
                }
                expected -= 0.5 * (Math.log(2 * Math.PI * r[n]) + (residual * residual + spread) / r[n]);
                if (withGradient) {
                    offsetsGradient[n] += residual / r[n];
                    logNoiseGradient[n] += 0.5 * ((residual * residual + spread) / r[n] - 1);
                    for (int j = 0; j < latents; j++) {
                        loadingsGradient.add(n, j, (residual * marginalMeans.get(t, j)
                                - c.get(n, j) * marginalVariances.get(t, j)) / r[n]);
                        meanSensitivity.add(t, j, c.get(n, j) * residual / r[n]);
                    }
                }
            }
        }
        double value = expected - divergence;
        if (!withGradient) {
            return new ElboGradient(value, null, null, null, null, null, null, null);
        }

        // variational parameters: dE/dm_j = A^T g_j - K_zz^-1 m_j and dE/dL_j = 2 G_j L_j
        DMatrixRMaj[] meansGradient = new DMatrixRMaj[latents];
        DMatrixRMaj[] factorsGradient = new DMatrixRMaj[latents];
        double[] logLengthScaleGradient = new double[latents];
        double[] logPriorVarianceGradient = new double[latents];
        for (int j = 0; j < latents; j++) {
            int m = means[j].numRows;
            DMatrixRMaj sensitivity = CommonOps_DDRM.extract(meanSensitivity, 0, bins, j, j + 1);
            meansGradient[j] = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.multTransA(gains[j], sensitivity, meansGradient[j]);
            CommonOps_DDRM.multAdd(-1, kernelInverses[j], means[j], meansGradient[j]);

            double weight = 0;
            for (int n = 0; n < neurons; n++) {
                weight += c.get(n, j) * c.get(n, j) / r[n];
            }
            DMatrixRMaj weightedGain = gains[j].copy();
            CommonOps_DDRM.scale(weight, weightedGain);
            DMatrixRMaj g = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(-0.5, gains[j], weightedGain, g);
            CommonOps_DDRM.addEquals(g, -0.5, kernelInverses[j]);
            CommonOps_DDRM.addEquals(g, 0.5, covarianceInverses[j]);
            factorsGradient[j] = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(2, g, factors[j], factorsGradient[j]);
            for (int row = 0; row < m; row++) {
                for (int col = row + 1; col < m; col++) {
                    factorsGradient[j].set(row, col, 0);
                }
            }

            // kernel hyperparameters: dELBO = sum (B K_zz^-1) o dK_xz + sum H o dK_zz - 1/2 w sum_t dk(t, t)
            // with B = g m^T - w A (S - K_zz) and
            // H = -K_zz^-1 B^T A + 1/2 w A^T A - 1/2 [K_zz^-1 - K_zz^-1 (S + m m^T) K_zz^-1]
            DMatrixRMaj spread = covariances[j].copy();
            CommonOps_DDRM.subtractEquals(spread, inducingKernels[j]);
            DMatrixRMaj b = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.multTransB(sensitivity, means[j], b);
            CommonOps_DDRM.multAdd(-weight, gains[j], spread, b);
            DMatrixRMaj crossWeight = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.mult(b, kernelInverses[j], crossWeight);
            DMatrixRMaj h = new DMatrixRMaj(m, m);
            DMatrixRMaj bTransA = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(b, gains[j], bTransA);
            CommonOps_DDRM.mult(-1, kernelInverses[j], bTransA, h);
            CommonOps_DDRM.multAddTransA(0.5 * weight, gains[j], gains[j], h);
            DMatrixRMaj secondMoment = covariances[j].copy();
            CommonOps_DDRM.multAddTransB(means[j], means[j], secondMoment);
            DMatrixRMaj left = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(kernelInverses[j], secondMoment, left);
            CommonOps_DDRM.multAdd(0.5, left, kernelInverses[j], h);
            CommonOps_DDRM.addEquals(h, -0.5, kernelInverses[j]);

            double[] inducing = ExactGpfa.toSeconds(inducingTimesMs[j]);
            double length = parameters.lengthScalesSeconds()[j];
            double variance = parameters.priorVariances()[j];
            DMatrixRMaj crossDerivative = new DMatrixRMaj(bins, m);
            SquaredExponentialKernel.logLengthScaleDerivative(seconds, inducing, length, variance, crossDerivative);
            DMatrixRMaj inducingDerivative = new DMatrixRMaj(m, m);
            SquaredExponentialKernel.logLengthScaleDerivative(inducing, inducing, length, variance, inducingDerivative);
            logLengthScaleGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossDerivative)
                    + SpdMatrices.traceOfProduct(h, inducingDerivative);

            // d/dlog sigma^2 scales K_xz, K_zz and k(t, t) by themselves
            logPriorVarianceGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossKernels[j])
                    + SpdMatrices.traceOfProduct(h, inducingKernels[j]) - 0.5 * weight * bins * variance;
        }
        return new ElboGradient(value, loadingsGradient, offsetsGradient, logNoiseGradient, meansGradient,
                factorsGradient, logLengthScaleGradient, logPriorVarianceGradient);
    }
}
