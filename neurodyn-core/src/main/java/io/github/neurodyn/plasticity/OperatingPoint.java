package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Trajectory;
import org.ejml.data.DMatrixRMaj;

/**
 * Time-averaged state and rates of a network: the operating point x* at which
 * {@link InhibitionStabilisation} linearises, and the mean rates that the plasticity rule
 * drives towards its target.
 *
 * @param meanState x*, the mean of x(t) per neuron
 * @param meanRates the mean of phi(x(t)) per neuron, in the units of phi; with a nonlinear
 *     phi this differs from phi(x*)
 */
public record OperatingPoint(double[] meanState, double[] meanRates) {

    /**
     * Creates the record from copies of the arrays.
     *
     * @param meanState x*, the mean of x(t) per neuron
     * @param meanRates the mean of phi(x(t)) per neuron, in the units of phi; with a nonlinear
     *     phi this differs from phi(x*)
     *
     * @throws IllegalArgumentException if an array is null or their lengths differ
     */
    public OperatingPoint {
        Arguments.requireNonNull(meanState, "meanState");
        Arguments.requireLength(meanRates, meanState.length, "meanRates");
        meanState = meanState.clone();
        meanRates = meanRates.clone();
    }

    /** @return a copy of x* */
    @Override
    public double[] meanState() {
        return meanState.clone();
    }

    /** @return a copy of the mean rates */
    @Override
    public double[] meanRates() {
        return meanRates.clone();
    }

    /**
     * Averages the samples of one trial taken at or after a time, with equal weight per
     * sample (the simulation samples on an even grid).
     *
     * @param trajectory the run
     * @param trial the trial, from 0
     * @param fromSeconds the start of the averaging window, in seconds, finite
     * @return the operating point
     * @throws IllegalArgumentException if the trajectory is null, the trial does not exist,
     *     {@code fromSeconds} is not finite or no sample lies at or after it
     */
    public static OperatingPoint average(Trajectory trajectory, int trial, double fromSeconds) {
        Arguments.requireNonNull(trajectory, "trajectory");
        Arguments.requireFinite(fromSeconds, "fromSeconds");
        if (trial < 0 || trial >= trajectory.trials()) {
            throw new IllegalArgumentException(String.format(
                    "trial must lie in [0, %d], found %d", trajectory.trials() - 1, trial));
        }
        int n = trajectory.neuronCount();
        double[] times = trajectory.times();
        DMatrixRMaj states = trajectory.states(trial);
        DMatrixRMaj rates = trajectory.rates(trial);
        int samples = times.length;
        double[] stateSum = new double[n];
        double[] rateSum = new double[n];
        int count = 0;

        // Sum the samples inside the window, then divide.
        for (int k = 0; k < samples; k++) {
            if (times[k] < fromSeconds) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                stateSum[i] += states.data[i * samples + k];
                rateSum[i] += rates.data[i * samples + k];
            }
            count++;
        }

        if (count == 0) {
            throw new IllegalArgumentException(String.format(
                    "no sample at or after fromSeconds = %s s; the trajectory ends at %s s", fromSeconds,
                    times[times.length - 1]));
        }
        for (int i = 0; i < n; i++) {
            stateSum[i] /= count;
            rateSum[i] /= count;
        }
        return new OperatingPoint(stateSum, rateSum);
    }

    /**
     * Returns the mean rate over a range of neurons.
     *
     * @param from the first neuron, inclusive
     * @param to the last neuron, exclusive, greater than {@code from}
     * @return the population mean of the time-averaged rates
     * @throws IllegalArgumentException if the range is empty or outside [0, N]
     */
    public double populationRate(int from, int to) {
        if (from < 0 || to > meanRates.length || from >= to) {
            throw new IllegalArgumentException(String.format(
                    "neuron range [%d, %d) must be non-empty and inside [0, %d)", from, to, meanRates.length));
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += meanRates[i];
        }
        return sum / (to - from);
    }
}
