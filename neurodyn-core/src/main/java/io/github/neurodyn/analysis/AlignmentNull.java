package io.github.neurodyn.analysis;

import java.util.Arrays;

/**
 * Null distribution of the alignment index from random subspaces, from
 * {@link AlignmentIndex#randomNull}. Accessors return copies, so the record is immutable.
 *
 * @param samples alignment index of each random subspace, sorted in increasing order
 */
public record AlignmentNull(double[] samples) {

    /**
     * Copies and sorts the samples.
     *
     * @param samples alignment index of each random subspace, sorted in increasing order
     */
    public AlignmentNull {
        samples = samples.clone();
        Arrays.sort(samples);
    }

    /**
     * Returns a copy of the {@code samples} component.
     *
     * @return alignment index of each random subspace, sorted in increasing order
     */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** @return the number of random subspaces drawn */
    public int draws() {
        return samples.length;
    }

    /** @return the mean of the samples */
    public double mean() {
        double sum = 0;
        for (double v : samples) {
            sum += v;
        }
        return sum / samples.length;
    }

    /**
     * Returns the fraction of random subspaces whose index is at least {@code value}, the
     * one-sided p-value of an observed alignment index under this null.
     *
     * @param value an alignment index
     * @return the fraction, in [0, 1]
     */
    public double fractionAtLeast(double value) {
        int index = Arrays.binarySearch(samples, value);
        if (index < 0) {
            index = -index - 1;
        } else {
            while (index > 0 && samples[index - 1] >= value) {
                index--;
            }
        }
        return (samples.length - index) / (double) samples.length;
    }

    /**
     * Returns the empirical quantile, the sample at rank {@code floor(p (n - 1))}.
     *
     * @param p probability in [0, 1]
     * @return the quantile
     */
    public double quantile(double p) {
        io.github.neurodyn.api.Arguments.requireProbability(p, "p");
        return samples[(int) Math.floor(p * (samples.length - 1))];
    }
}
