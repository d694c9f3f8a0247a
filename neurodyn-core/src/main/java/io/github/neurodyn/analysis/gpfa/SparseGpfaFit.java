package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;
import java.util.List;

/**
 * Result of {@link SparseGpfa#fit}. The loadings in {@link #parameters()} are the posterior
 * means of {@link #loadingPosterior()}, and the prior variances there stay at 1 because the ARD
 * scales carry the scale of each latent.
 *
 * @param parameters the posterior-mean loadings, offsets, noise variances and length scales in
 *     seconds
 * @param loadingPosterior the Gaussian posterior {@code q(C)} over the loadings
 * @param ardScales per latent, the variance {@code s_j^2} of the Gaussian prior on column j of
 *     C, in the activity unit squared
 * @param elboHistory per iteration, the minibatch estimate of the ELBO, in nats
 * @param converged whether the relative tolerance was met before the last iteration
 * @param retainedLatents the number of latents whose ARD scale is above the retention threshold
 *     times the largest ARD scale
 * @param segmentPosteriors per segment of the data, the fitted {@code q(u)}
 */
public record SparseGpfaFit(GpfaParameters parameters, LoadingPosterior loadingPosterior, double[] ardScales,
        double[] elboHistory, boolean converged, int retainedLatents, List<InducingPosterior> segmentPosteriors) {

    /**
     * Copies the arrays and the list.
     *
     * @param parameters the posterior-mean loadings, offsets, noise variances and length scales
     *     in seconds
     * @param loadingPosterior the Gaussian posterior {@code q(C)} over the loadings
     * @param ardScales per latent, the variance {@code s_j^2} of the Gaussian prior on column j
     *     of C, in the activity unit squared, length D
     * @param elboHistory per iteration, the minibatch estimate of the ELBO, in nats, at least one
     *     entry for {@link #finalElbo}
     * @param converged whether the relative tolerance was met before the last iteration
     * @param retainedLatents the number of latents whose ARD scale is above the retention
     *     threshold times the largest ARD scale
     * @param segmentPosteriors per segment of the data, in segment order, the fitted {@code q(u)}
     */
    public SparseGpfaFit {
        ardScales = ardScales.clone();
        elboHistory = elboHistory.clone();
        segmentPosteriors = List.copyOf(segmentPosteriors);
    }

    /**
     * Computes the posterior means and variances of the latents of one segment on any grid,
     * for example a finer one or one past the segment's ends (see
     * {@link InducingPosterior#marginals}).
     *
     * @param segment the 0-based segment index of the fitted data
     * @param timesMs the query grid in ms
     * @return the marginals, {@code T x D}
     * @throws IllegalArgumentException when the segment index is out of range or the grid is
     *     null or not finite
     */
    public LatentMarginals latents(int segment, double[] timesMs) {
        Arguments.requireInRange(segment, 0, segmentPosteriors.size() - 1, "segment");
        return segmentPosteriors.get(segment).marginals(parameters, timesMs);
    }

    /**
     * Returns the indices of the retained latents, those whose ARD scale is above
     * {@code threshold} times the largest, ordered by decreasing ARD scale.
     *
     * @param threshold share of the largest ARD scale, in (0, 1)
     * @return the latent indices, from 0
     * @throws IllegalArgumentException when the threshold is outside (0, 1)
     */
    public int[] retainedIndices(double threshold) {
        Arguments.requireInRange(threshold, 0, 1, "threshold");
        Arguments.requirePositive(threshold, "threshold");
        double largest = java.util.Arrays.stream(ardScales).max().orElse(0);
        return java.util.stream.IntStream.range(0, ardScales.length)
                .filter(j -> ardScales[j] > threshold * largest)
                .boxed()
                .sorted((a, b) -> Double.compare(ardScales[b], ardScales[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** @return a copy of the ARD scales */
    @Override
    public double[] ardScales() {
        return ardScales.clone();
    }

    /** @return a copy of the objective per iteration */
    @Override
    public double[] elboHistory() {
        return elboHistory.clone();
    }

    /** @return the objective of the last iteration, in nats */
    public double finalElbo() {
        return elboHistory[elboHistory.length - 1];
    }
}
