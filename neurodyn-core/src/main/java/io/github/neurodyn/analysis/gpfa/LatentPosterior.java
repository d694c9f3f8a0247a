package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;

/**
 * Gaussian posterior of the latents of one segment, {@code p(x | y)}, on that segment's grid.
 *
 * <p>The full covariance indexes the latents as {@code j T + t} (latent dimension j, time bin
 * t). The record copies its matrices on construction and its accessors return copies.
 *
 * @param timesMs the grid, length T, in ms
 * @param means posterior means, {@code T x D}, in the latent unit
 * @param variances posterior marginal variances, {@code T x D}
 * @param covariance full posterior covariance, {@code DT x DT}
 * @param logMarginalLikelihood {@code log p(y)} of the segment under the parameters, in nats
 */
public record LatentPosterior(double[] timesMs, DMatrixRMaj means, DMatrixRMaj variances,
        DMatrixRMaj covariance, double logMarginalLikelihood) {

    /**
     * Copies the arrays.
     *
     * @param timesMs the grid, length T, in ms
     * @param means posterior means, {@code T x D}, in the latent unit
     * @param variances posterior marginal variances, {@code T x D}
     * @param covariance full posterior covariance, {@code DT x DT}
     * @param logMarginalLikelihood {@code log p(y)} of the segment under the parameters, in nats
     */
    public LatentPosterior {
        timesMs = timesMs.clone();
        means = means.copy();
        variances = variances.copy();
        covariance = covariance.copy();
    }

    /** @return a copy of the grid in ms */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** @return a copy of the posterior means, {@code T x D} */
    @Override
    public DMatrixRMaj means() {
        return means.copy();
    }

    /** @return a copy of the posterior variances, {@code T x D} */
    @Override
    public DMatrixRMaj variances() {
        return variances.copy();
    }

    /** @return a copy of the full posterior covariance, {@code DT x DT} */
    @Override
    public DMatrixRMaj covariance() {
        return covariance.copy();
    }
}
