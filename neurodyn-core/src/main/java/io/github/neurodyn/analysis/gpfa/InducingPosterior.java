package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Variational posterior {@code q(u_j) = N(m_j, S_j)} of the inducing values of one segment, the
 * same inducing times for every latent. The record copies its arrays on construction and its
 * accessors return copies.
 *
 * @param inducingTimesMs the inducing times in ms, length M
 * @param means column j is {@code m_j}, {@code M x D}
 * @param covariances per latent, {@code S_j}, {@code M x M}, positive definite
 */
public record InducingPosterior(double[] inducingTimesMs, DMatrixRMaj means, DMatrixRMaj[] covariances) {

    /**
     * Validates and copies the posterior.
     *
     * @param inducingTimesMs the inducing times in ms, length M
     * @param means column j is {@code m_j}, {@code M x D}, finite
     * @param covariances per latent, {@code S_j}, {@code M x M}, finite. The constructor checks
     *     only shape and finiteness, and {@link #marginals} rejects an {@code S_j} that is not
     *     positive definite
     * @throws IllegalArgumentException when an argument is null, not finite or of a wrong shape
     */
    public InducingPosterior {
        Arguments.requireNonNull(inducingTimesMs, "inducingTimesMs");
        Arguments.requireNonNull(means, "means");
        Arguments.requireNonNull(covariances, "covariances");
        int m = inducingTimesMs.length;
        Arguments.requireShape(means, m, covariances.length, "means");
        Arguments.requireFinite(means, "means");
        DMatrixRMaj[] copies = new DMatrixRMaj[covariances.length];
        for (int j = 0; j < covariances.length; j++) {
            Arguments.requireShape(covariances[j], m, m, "covariances[" + j + "]");
            Arguments.requireFinite(covariances[j], "covariances[" + j + "]");
            copies[j] = covariances[j].copy();
        }
        inducingTimesMs = inducingTimesMs.clone();
        means = means.copy();
        covariances = copies;
    }

    /** @return a copy of the inducing times in ms */
    @Override
    public double[] inducingTimesMs() {
        return inducingTimesMs.clone();
    }

    /** @return a copy of the means, {@code M x D} */
    @Override
    public DMatrixRMaj means() {
        return means.copy();
    }

    /** @return copies of the covariances */
    @Override
    public DMatrixRMaj[] covariances() {
        DMatrixRMaj[] copies = new DMatrixRMaj[covariances.length];
        for (int j = 0; j < covariances.length; j++) {
            copies[j] = covariances[j].copy();
        }
        return copies;
    }

    /**
     * Computes the marginal means and variances of {@code q(x_j(t))} on any grid:
     * with {@code a_t = K_zz^-1 k_z(t)}, {@code mean_j(t) = a_t^T m_j} and
     * {@code var_j(t) = k_j(t, t) + a_t^T (S_j - K_zz) a_t}. Cost: {@code O(D (M^3 + T M^2))} flops.
     *
     * @param parameters the fitted model, whose length scales and prior variances define K
     * @param timesMs the query grid in ms, any order, length T
     * @return the means and variances, each {@code T x D}, in {@link LatentMarginals}
     * @throws IllegalArgumentException when an argument is null, not finite or the latent
     *     counts differ
     * @throws io.github.neurodyn.api.SingularEquationException when {@code K_zz} or a
     *     covariance {@code S_j} is not numerically positive definite
     */
    public LatentMarginals marginals(GpfaParameters parameters, double[] timesMs) {
        Arguments.requireNonNull(parameters, "parameters");
        Arguments.requireFinite(Arguments.requireNonNull(timesMs, "timesMs"), "timesMs");
        int latents = covariances.length;
        Arguments.requireInRange(parameters.latentCount(), latents, latents, "parameters latent count");
        int m = inducingTimesMs.length;
        double[][] inducing = new double[latents][];
        DMatrixRMaj[] columns = new DMatrixRMaj[latents];
        for (int j = 0; j < latents; j++) {
            inducing[j] = inducingTimesMs;
            columns[j] = CommonOps_DDRM.extract(means, 0, m, j, j + 1);
        }
        InducingLatents latent = InducingLatents.ofCovariances(parameters, timesMs, inducing, columns, covariances);
        return new LatentMarginals(timesMs, latent.means(), latent.variances());
    }
}
