package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;

/**
 * Learning rate eta(t) of a plasticity rule as a function of simulated time, in 1/s per
 * squared rate unit (see {@link InhibitoryPlasticity}). Implementations are called inside the
 * integration loop, so they must not allocate.
 */
@FunctionalInterface
public interface LearningSchedule {

    /**
     * Returns the learning rate at a time.
     *
     * @param timeSeconds simulated time, in seconds
     * @return eta(t), non-negative and finite
     */
    double learningRate(double timeSeconds);

    /**
     * Returns the constant schedule eta(t) = eta.
     *
     * @param learningRate eta, non-negative and finite
     * @return the schedule
     * @throws IllegalArgumentException if eta is negative or not finite
     */
    static LearningSchedule constant(double learningRate) {
        Arguments.requireNonNegative(learningRate, "learningRate");
        return t -> learningRate;
    }

    /**
     * Returns eta(t) = eta0 exp(-t / T), an annealed rate that freezes the weights
     * gradually.
     *
     * @param initialRate eta0, non-negative and finite
     * @param decaySeconds T, in seconds, positive
     * @return the schedule
     * @throws IllegalArgumentException if eta0 is negative or not finite, or T is not positive
     */
    static LearningSchedule exponentialDecay(double initialRate, double decaySeconds) {
        Arguments.requireNonNegative(initialRate, "initialRate");
        Arguments.requirePositive(decaySeconds, "decaySeconds");
        return t -> initialRate * Math.exp(-t / decaySeconds);
    }

    /**
     * Returns a piecewise-constant schedule: eta(t) = rates[k] for
     * startSeconds[k] &lt;= t &lt; startSeconds[k + 1], rates[0] before startSeconds[0] and
     * the last rate after the last start. A rate of 0 switches learning off.
     *
     * @param startSeconds the start times, in seconds, strictly increasing and finite
     * @param rates one rate per start time, non-negative and finite
     * @return the schedule, which stores copies of the arrays
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths,
     *     the times are not strictly increasing, or a rate is negative or not finite
     */
    static LearningSchedule piecewiseConstant(double[] startSeconds, double[] rates) {
        Arguments.requireFinite(startSeconds, "startSeconds");
        Arguments.requireLength(rates, startSeconds.length, "rates");
        if (startSeconds.length == 0) {
            throw new IllegalArgumentException("startSeconds must contain at least one time, found none");
        }
        for (int k = 0; k < rates.length; k++) {
            Arguments.requireNonNegative(rates[k], "rates[" + k + "]");
            if (k > 0 && !(startSeconds[k] > startSeconds[k - 1])) {
                throw new IllegalArgumentException(String.format(
                        "startSeconds must be strictly increasing, found %s at index %d after %s",
                        startSeconds[k], k, startSeconds[k - 1]));
            }
        }
        double[] times = startSeconds.clone();
        double[] values = rates.clone();
        return t -> {
            int k = 0;
            while (k + 1 < times.length && t >= times[k + 1]) {
                k++;
            }
            return values[k];
        };
    }
}
