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
        InducingLatents marginals = withGradient
                ? new InducingLatents(parameters, timesMs, inducingTimesMs, means, factors)
                : InducingLatents.ofCovariances(parameters, timesMs, inducingTimesMs, means, covariances);

        // a point estimate of C is q(C) with zero covariance, so every log L_ii is -infinity
        int length = BayesianLoadings.rowLength(latents, GaussianPredictorLikelihood.INSTANCE);
        int offset = BayesianLoadings.offsetIndex(latents);
        DMatrixRMaj c = parameters.loadings();
        double[][] rows = new double[neurons][length];
        double[][] rowGradients = new double[neurons][length];
        int[] all = new int[neurons];
        for (int n = 0; n < neurons; n++) {
            all[n] = n;
            for (int j = 0; j < latents; j++) {
                rows[n][j] = c.get(n, j);
                rows[n][latents + j * (j + 1) / 2 + j] = Double.NEGATIVE_INFINITY;
            }
            rows[n][offset] = parameters.offsets()[n];
            rows[n][offset + 1] = Math.log(parameters.noiseVariances()[n]);
        }
        DMatrixRMaj g = new DMatrixRMaj(bins, latents);
        DMatrixRMaj h = new DMatrixRMaj(bins, latents);
        double expected = new BayesianLoadings(latents, bins, GaussianPredictorLikelihood.INSTANCE)
                .expectedLogLikelihood(marginals, y.data, neurons, all, rows, rowGradients, g.data, h.data);
        double value = expected - marginals.divergence();
        if (!withGradient) {
            return new ElboGradient(value, null, null, null, null, null, null, null);
        }

        DMatrixRMaj loadingsGradient = new DMatrixRMaj(neurons, latents);
        double[] offsetsGradient = new double[neurons];
        double[] logNoiseGradient = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            for (int j = 0; j < latents; j++) {
                loadingsGradient.set(n, j, rowGradients[n][j]);
            }
            offsetsGradient[n] = rowGradients[n][offset];
            logNoiseGradient[n] = rowGradients[n][offset + 1];
        }
        ElboGradient latent = marginals.backward(g, h, 1);
        return new ElboGradient(value, loadingsGradient, offsetsGradient, logNoiseGradient, latent.means(),
                latent.factors(), latent.logLengthScales(), latent.logPriorVariances());
    }
}
