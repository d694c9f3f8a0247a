package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * Gaussian variational posterior over the loadings, independent across neurons:
 * {@code q(c_n) = N(mu_n, Sigma_n)} for row n of C. The record copies its arrays on construction
 * and its accessors return copies.
 *
 * @param means the posterior means, row n is {@code mu_n}, {@code N x D}, in the activity unit
 *     per latent unit
 * @param covariances per neuron, {@code Sigma_n}, {@code D x D}, symmetric positive definite
 */
public record LoadingPosterior(DMatrixRMaj means, DMatrixRMaj[] covariances) {

    /**
     * Validates and copies the posterior.
     *
     * @param means the posterior means, row n is {@code mu_n}, {@code N x D}, finite, in the
     *     activity unit per latent unit
     * @param covariances per neuron, {@code Sigma_n}, {@code D x D}, finite, one per row of
     *     {@code means}
     * @throws IllegalArgumentException when an argument is null, not finite or of a wrong shape
     */
    public LoadingPosterior {
        Arguments.requireNonNull(means, "means");
        Arguments.requireNonNull(covariances, "covariances");
        Arguments.requireFinite(means, "means");
        if (covariances.length != means.numRows) {
            throw new IllegalArgumentException(String.format(
                    "covariances has %d matrices but means has %d rows; expected one covariance per neuron",
                    covariances.length, means.numRows));
        }
        DMatrixRMaj[] copies = new DMatrixRMaj[covariances.length];
        for (int n = 0; n < covariances.length; n++) {
            Arguments.requireShape(covariances[n], means.numCols, means.numCols, "covariances[" + n + "]");
            Arguments.requireFinite(covariances[n], "covariances[" + n + "]");
            copies[n] = covariances[n].copy();
        }
        means = means.copy();
        covariances = copies;
    }

    /** @return a copy of the posterior means, {@code N x D} */
    @Override
    public DMatrixRMaj means() {
        return means.copy();
    }

    /** @return copies of the per-neuron covariances */
    @Override
    public DMatrixRMaj[] covariances() {
        DMatrixRMaj[] copies = new DMatrixRMaj[covariances.length];
        for (int n = 0; n < covariances.length; n++) {
            copies[n] = covariances[n].copy();
        }
        return copies;
    }

    /**
     * Returns the posterior second moments of each column of C divided by N,
     * {@code sum_n (Sigma_n,jj + mu_nj^2) / N}, which is the closed-form ARD scale {@code s_j^2}.
     *
     * @return length D, in the activity unit squared
     */
    public double[] columnSecondMoments() {
        int neurons = means.numRows;
        int latents = means.numCols;
        double[] sums = new double[latents];
        for (int n = 0; n < neurons; n++) {
            for (int j = 0; j < latents; j++) {
                sums[j] += (covariances[n].get(j, j) + means.get(n, j) * means.get(n, j)) / neurons;
            }
        }
        return sums;
    }
}
