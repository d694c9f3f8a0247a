package io.github.neurodyn.analysis.gpfa;

import org.ejml.data.DMatrixRMaj;

/**
 * Marginal posterior means and variances of the latents on a time grid. The record copies its
 * arrays on construction and its accessors return copies.
 *
 * @param timesMs the grid in ms, length T
 * @param means {@code T x D}, in the latent unit
 * @param variances {@code T x D}, in the latent unit squared
 */
public record LatentMarginals(double[] timesMs, DMatrixRMaj means, DMatrixRMaj variances) {

    /**
     * Copies the arrays.
     *
     * @param timesMs the grid in ms, length T
     * @param means {@code T x D}, in the latent unit
     * @param variances {@code T x D}, in the latent unit squared
     */
    public LatentMarginals {
        timesMs = timesMs.clone();
        means = means.copy();
        variances = variances.copy();
    }

    /** @return a copy of the grid in ms */
    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    /** @return a copy of the means, {@code T x D} */
    @Override
    public DMatrixRMaj means() {
        return means.copy();
    }

    /** @return a copy of the variances, {@code T x D} */
    @Override
    public DMatrixRMaj variances() {
        return variances.copy();
    }
}
