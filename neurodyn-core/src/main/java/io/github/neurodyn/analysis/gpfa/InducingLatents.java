package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Latent part of the sparse variational bound for one segment: the marginals of
 * {@code q(x_j(t))} implied by {@code q(u_j) = N(m_j, S_j)}, the divergence
 * {@code sum_j KL(q(u_j) || p(u_j))}, and the chain rule from any sensitivities of the expected
 * log likelihood with respect to those marginals back to {@code m_j}, {@code L_j} and the kernel
 * hyperparameters (Titsias, AISTATS 2009).
 *
 * <p>With {@code A_j = K_xz K_zz^-1} (row t is {@code a_t}) the marginals are
 * {@code mu_j = A_j m_j} and {@code v_j(t) = k(t, t) + a_t^T (S_j - K_zz) a_t}, and
 * {@code KL_j = 1/2 [tr(K_zz^-1 S_j) + m_j^T K_zz^-1 m_j - M_j + log det K_zz - log det S_j]}.
 *
 * <p>Cost: {@code O(sum_j (M_j^3 + T M_j^2))} flops for the marginals and as much again for
 * {@link #backward}.
 */
final class InducingLatents {

    private final int latents;
    private final int bins;
    private final double[] seconds;
    private final double[][] inducingSeconds;
    private final double[] lengthScales;
    private final double[] priorVariances;
    private final DMatrixRMaj[] means;
    private final DMatrixRMaj[] covariances;
    private final DMatrixRMaj[] factors;
    private final DMatrixRMaj[] kernelInverses;
    private final DMatrixRMaj[] covarianceInverses;
    private final DMatrixRMaj[] inducingKernels;
    private final DMatrixRMaj[] crossKernels;
    private final DMatrixRMaj[] gains;
    private final double[] logDetKernels;
    private final DMatrixRMaj marginalMeans;
    private final DMatrixRMaj marginalVariances;
    private double divergence;

    /**
     * Computes the marginals and the divergence.
     *
     * @param parameters supplies the length scales and prior variances; C, d and R are not read
     * @param timesMs the segment's grid in ms, length T
     * @param inducingTimesMs per latent, the inducing times in ms, length {@code M_j}
     * @param means per latent, {@code m_j}, {@code M_j x 1}
     * @param factors per latent, {@code L_j} with {@code S_j = L_j L_j^T}, lower triangular with a
     *     positive diagonal
     * @throws io.github.neurodyn.api.SingularEquationException when {@code K_zz} or {@code S_j}
     *     is not numerically positive definite
     */
    InducingLatents(GpfaParameters parameters, double[] timesMs, double[][] inducingTimesMs, DMatrixRMaj[] means,
            DMatrixRMaj[] factors) {
        this(parameters.lengthScalesSeconds(), parameters.priorVariances(), timesMs, inducingTimesMs, means,
                factors, covariancesOf(factors));
    }

    /**
     * Computes the marginals and the divergence from explicit covariances; {@link #backward} is
     * then unavailable because it needs the factors.
     */
    static InducingLatents ofCovariances(GpfaParameters parameters, double[] timesMs, double[][] inducingTimesMs,
            DMatrixRMaj[] means, DMatrixRMaj[] covariances) {
        return new InducingLatents(parameters.lengthScalesSeconds(), parameters.priorVariances(), timesMs,
                inducingTimesMs, means, null, covariances);
    }

    private InducingLatents(double[] lengthScales, double[] priorVariances, double[] timesMs,
            double[][] inducingTimesMs, DMatrixRMaj[] means, DMatrixRMaj[] factors, DMatrixRMaj[] covariances) {
        this.latents = lengthScales.length;
        this.bins = timesMs.length;
        this.seconds = ExactGpfa.toSeconds(timesMs);
        this.lengthScales = lengthScales;
        this.priorVariances = priorVariances;
        this.means = means;
        this.factors = factors;
        this.covariances = covariances;
        inducingSeconds = new double[latents][];
        kernelInverses = new DMatrixRMaj[latents];
        covarianceInverses = new DMatrixRMaj[latents];
        inducingKernels = new DMatrixRMaj[latents];
        crossKernels = new DMatrixRMaj[latents];
        gains = new DMatrixRMaj[latents];
        logDetKernels = new double[latents];
        marginalMeans = new DMatrixRMaj(bins, latents);
        marginalVariances = new DMatrixRMaj(bins, latents);
        for (int j = 0; j < latents; j++) {
            inducingSeconds[j] = ExactGpfa.toSeconds(inducingTimesMs[j]);
            kernels(j);
            marginals(j);
        }
    }

    /** Shares the kernel matrices of {@code other} and computes the marginals of another q(u). */
    private InducingLatents(InducingLatents other, DMatrixRMaj[] means, DMatrixRMaj[] factors) {
        this.latents = other.latents;
        this.bins = other.bins;
        this.seconds = other.seconds;
        this.lengthScales = other.lengthScales;
        this.priorVariances = other.priorVariances;
        this.means = means;
        this.factors = factors;
        this.covariances = covariancesOf(factors);
        inducingSeconds = other.inducingSeconds;
        kernelInverses = other.kernelInverses;
        inducingKernels = other.inducingKernels;
        crossKernels = other.crossKernels;
        gains = other.gains;
        logDetKernels = other.logDetKernels;
        covarianceInverses = new DMatrixRMaj[latents];
        marginalMeans = new DMatrixRMaj(bins, latents);
        marginalVariances = new DMatrixRMaj(bins, latents);
        for (int j = 0; j < latents; j++) {
            marginals(j);
        }
    }

    /**
     * Returns the marginals and divergence of another q(u) on the same grid and kernel, reusing
     * this object's kernel matrices.
     *
     * @param newMeans per latent, {@code m_j}
     * @param newFactors per latent, {@code L_j}
     * @return the marginals of the new q(u)
     */
    InducingLatents withPosterior(DMatrixRMaj[] newMeans, DMatrixRMaj[] newFactors) {
        return new InducingLatents(this, newMeans, newFactors);
    }

    private static DMatrixRMaj[] covariancesOf(DMatrixRMaj[] factors) {
        DMatrixRMaj[] covariances = new DMatrixRMaj[factors.length];
        for (int j = 0; j < factors.length; j++) {
            covariances[j] = new DMatrixRMaj(factors[j].numRows, factors[j].numRows);
            CommonOps_DDRM.multTransB(factors[j], factors[j], covariances[j]);
        }
        return covariances;
    }

    /** Fills {@code K_zz}, its inverse and log-determinant, {@code K_xz} and {@code A_j} of latent j. */
    private void kernels(int j) {
        double[] inducing = inducingSeconds[j];
        int m = inducing.length;
        double length = lengthScales[j];
        double variance = priorVariances[j];
        DMatrixRMaj kzz = new DMatrixRMaj(m, m);
        SquaredExponentialKernel.covariance(inducing, length, variance, kzz);
        DMatrixRMaj kzzInverse = new DMatrixRMaj(m, m);
        logDetKernels[j] = SpdMatrices.invert(kzz, kzzInverse, "inducing kernel matrix of latent " + j);
        DMatrixRMaj kxz = new DMatrixRMaj(bins, m);
        SquaredExponentialKernel.crossCovariance(seconds, inducing, length, variance, kxz);
        DMatrixRMaj gain = new DMatrixRMaj(bins, m);
        CommonOps_DDRM.mult(kxz, kzzInverse, gain);
        gains[j] = gain;
        kernelInverses[j] = kzzInverse;
        inducingKernels[j] = kzz;
        crossKernels[j] = kxz;
    }

    /** Fills column j of the marginals and adds {@code KL_j} to the divergence. */
    private void marginals(int j) {
        int m = inducingSeconds[j].length;
        double variance = priorVariances[j];
        DMatrixRMaj kzz = inducingKernels[j];
        DMatrixRMaj kzzInverse = kernelInverses[j];
        DMatrixRMaj gain = gains[j];
        double logDetKzz = logDetKernels[j];

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
        DMatrixRMaj solved = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.mult(kzzInverse, means[j], solved);
        double trace = SpdMatrices.traceOfProduct(kzzInverse, covariances[j]);
        divergence += 0.5 * (trace + CommonOps_DDRM.dot(means[j], solved) - m + logDetKzz - logDetS);
        covarianceInverses[j] = covarianceInverse;
    }

    /** @return the marginal means {@code mu_tj}, {@code T x D}, owned by this object */
    DMatrixRMaj means() {
        return marginalMeans;
    }

    /** @return the marginal variances {@code v_tj}, {@code T x D}, owned by this object */
    DMatrixRMaj variances() {
        return marginalVariances;
    }

    /** @return {@code A_j = K_xz K_zz^-1} of latent j, {@code T x M_j}, owned by this object */
    DMatrixRMaj gain(int j) {
        return gains[j];
    }

    /** @return {@code K_zz^-1} of latent j, owned by this object */
    DMatrixRMaj kernelInverse(int j) {
        return kernelInverses[j];
    }

    /** @return {@code sum_j KL(q(u_j) || p(u_j))}, in nats */
    double divergence() {
        return divergence;
    }

    /**
     * Returns the gradient of {@code E - scale * KL} with respect to the variational and kernel
     * parameters, where E is any expected log likelihood with sensitivities
     * {@code g_tj = dE/dmu_tj} and {@code h_tj = dE/dv_tj}. For each latent:
     * {@code d/dm_j = A_j^T g_j - scale K_zz^-1 m_j}, {@code d/dL_j = 2 G_j L_j} (lower part) with
     * {@code G_j = A_j^T diag(h_j) A_j + scale/2 (S_j^-1 - K_zz^-1)}, and for a kernel
     * hyperparameter theta, with {@code B = g_j m_j^T + 2 diag(h_j) A_j (S_j - K_zz)},
     * {@code dE/dtheta = sum (B K_zz^-1) o dK_xz + sum H o dK_zz + sum_t h_tj dk(t, t)} and
     * {@code H = -K_zz^-1 B^T A_j - A_j^T diag(h_j) A_j - scale/2 [K_zz^-1 - K_zz^-1 (S_j + m_j m_j^T) K_zz^-1]}.
     *
     * @param g {@code dE/dmu}, {@code T x D}
     * @param h {@code dE/dv}, {@code T x D}
     * @param scale weight of the divergence, 1 for the plain bound
     * @return the gradient; its C, d and R fields are null
     */
    ElboGradient backward(DMatrixRMaj g, DMatrixRMaj h, double scale) {
        DMatrixRMaj[] meansGradient = new DMatrixRMaj[latents];
        DMatrixRMaj[] factorsGradient = new DMatrixRMaj[latents];
        double[] logLengthScaleGradient = new double[latents];
        double[] logPriorVarianceGradient = new double[latents];
        for (int j = 0; j < latents; j++) {
            int m = means[j].numRows;
            DMatrixRMaj gain = gains[j];
            DMatrixRMaj kzzInverse = kernelInverses[j];
            DMatrixRMaj sensitivity = CommonOps_DDRM.extract(g, 0, bins, j, j + 1);
            meansGradient[j] = new DMatrixRMaj(m, 1);
            CommonOps_DDRM.multTransA(gain, sensitivity, meansGradient[j]);
            CommonOps_DDRM.multAdd(-scale, kzzInverse, means[j], meansGradient[j]);

            // A^T diag(h) A, the curvature of E in S_j
            DMatrixRMaj weightedGain = gain.copy();
            double hSum = 0;
            for (int t = 0; t < bins; t++) {
                double ht = h.get(t, j);
                hSum += ht;
                for (int i = 0; i < m; i++) {
                    weightedGain.data[t * m + i] *= ht;
                }
            }
            DMatrixRMaj curvature = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(gain, weightedGain, curvature);
            DMatrixRMaj gMatrix = curvature.copy();
            CommonOps_DDRM.addEquals(gMatrix, -0.5 * scale, kzzInverse);
            CommonOps_DDRM.addEquals(gMatrix, 0.5 * scale, covarianceInverses[j]);
            factorsGradient[j] = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(2, gMatrix, factors[j], factorsGradient[j]);
            for (int row = 0; row < m; row++) {
                for (int col = row + 1; col < m; col++) {
                    factorsGradient[j].set(row, col, 0);
                }
            }

            // B = g m^T + 2 diag(h) A (S - K_zz), the sensitivity of E to A
            DMatrixRMaj spread = covariances[j].copy();
            CommonOps_DDRM.subtractEquals(spread, inducingKernels[j]);
            DMatrixRMaj b = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.multTransB(sensitivity, means[j], b);
            CommonOps_DDRM.multAdd(2, weightedGain, spread, b);
            DMatrixRMaj crossWeight = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.mult(b, kzzInverse, crossWeight);

            // H, the sensitivity of the bound to K_zz through A, v and the divergence
            DMatrixRMaj bTransA = new DMatrixRMaj(m, m);
            CommonOps_DDRM.multTransA(b, gain, bTransA);
            DMatrixRMaj hMatrix = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(-1, kzzInverse, bTransA, hMatrix);
            CommonOps_DDRM.addEquals(hMatrix, -1, curvature);
            DMatrixRMaj secondMoment = covariances[j].copy();
            CommonOps_DDRM.multAddTransB(means[j], means[j], secondMoment);
            DMatrixRMaj left = new DMatrixRMaj(m, m);
            CommonOps_DDRM.mult(kzzInverse, secondMoment, left);
            CommonOps_DDRM.multAdd(0.5 * scale, left, kzzInverse, hMatrix);
            CommonOps_DDRM.addEquals(hMatrix, -0.5 * scale, kzzInverse);

            double[] inducing = inducingSeconds[j];
            double length = lengthScales[j];
            double variance = priorVariances[j];
            DMatrixRMaj crossDerivative = new DMatrixRMaj(bins, m);
            SquaredExponentialKernel.logLengthScaleDerivative(seconds, inducing, length, variance, crossDerivative);
            DMatrixRMaj inducingDerivative = new DMatrixRMaj(m, m);
            SquaredExponentialKernel.logLengthScaleDerivative(inducing, inducing, length, variance, inducingDerivative);
            logLengthScaleGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossDerivative)
                    + SpdMatrices.traceOfProduct(hMatrix, inducingDerivative);

            // d/dlog sigma^2 scales K_xz, K_zz and k(t, t) by themselves
            logPriorVarianceGradient[j] = SpdMatrices.traceOfProduct(crossWeight, crossKernels[j])
                    + SpdMatrices.traceOfProduct(hMatrix, inducingKernels[j]) + hSum * variance;
        }
        return new ElboGradient(0, null, null, null, meansGradient, factorsGradient, logLengthScaleGradient,
                logPriorVarianceGradient);
    }
}
