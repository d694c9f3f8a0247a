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
     * @throws io.github.neurodyn.api.SingularEquationException when {@code K_zz} is not
     *     numerically positive definite
     */
    public LatentMarginals marginals(GpfaParameters parameters, double[] timesMs) {
        Arguments.requireNonNull(parameters, "parameters");
        Arguments.requireFinite(Arguments.requireNonNull(timesMs, "timesMs"), "timesMs");
        int latents = covariances.length;
        Arguments.requireInRange(parameters.latentCount(), latents, latents, "parameters latent count");
        int m = inducingTimesMs.length;
        int bins = timesMs.length;
        double[] seconds = ExactGpfa.toSeconds(timesMs);
        double[] inducing = ExactGpfa.toSeconds(inducingTimesMs);
        DMatrixRMaj meanOut = new DMatrixRMaj(bins, latents);
        DMatrixRMaj varianceOut = new DMatrixRMaj(bins, latents);

        // NOTE: the same marginals are computed inside SparseGaussianElbo, which also keeps the
        // intermediate matrices for its gradient
        for (int j = 0; j < latents; j++) {
            double length = parameters.lengthScalesSeconds()[j];
            double variance = parameters.priorVariances()[j];
            DMatrixRMaj kzz = new DMatrixRMaj(m, m);
            SquaredExponentialKernel.covariance(inducing, length, variance, kzz);
            DMatrixRMaj kzzInverse = new DMatrixRMaj(m, m);
            SpdMatrices.invert(kzz, kzzInverse, "inducing kernel matrix of latent " + j);
            DMatrixRMaj kxz = new DMatrixRMaj(bins, m);
            SquaredExponentialKernel.crossCovariance(seconds, inducing, length, variance, kxz);
            DMatrixRMaj gain = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.mult(kxz, kzzInverse, gain);

            // var_j(t) = k(t, t) + a_t^T (S_j - K_zz) a_t
            DMatrixRMaj spread = covariances[j].copy();
            CommonOps_DDRM.subtractEquals(spread, kzz);
            DMatrixRMaj spreadGain = new DMatrixRMaj(bins, m);
            CommonOps_DDRM.multTransB(gain, spread, spreadGain);
            for (int t = 0; t < bins; t++) {
                double mean = 0;
                double extra = 0;
                for (int i = 0; i < m; i++) {
                    mean += gain.get(t, i) * means.get(i, j);
                    extra += spreadGain.get(t, i) * gain.get(t, i);
                }
                meanOut.set(t, j, mean);
                varianceOut.set(t, j, variance + extra);
            }
        }
        return new LatentMarginals(timesMs, meanOut, varianceOut);
    }
}
