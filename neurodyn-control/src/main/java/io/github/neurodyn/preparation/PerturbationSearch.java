package io.github.neurodyn.preparation;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The search of {@link Preparation#perturbationDelay}: the first point of the delay grid
 * {@code d_j = min(cap, j resolution)} at which the perturbed trial's prospective cost at its
 * go cue {@code T + d_j} is at or below the reference. The costs of the windows that were run
 * are written into the caller's array, NaN elsewhere.
 */
final class PerturbationSearch {

    /** Grid points per stride of the delay scan for the optimal strategy, 20 ms. */
    static final int DELAY_SCAN_STRIDE = 4;

    private final Preparation preparation;
    private final PreparationStrategy strategy;
    private final double[] x0;
    private final double window;
    private final double cap;
    private final GainSchedule gains;
    private final double[] pulse;
    private final double pulseStart;
    private final double pulseEnd;

    /**
     * Stores the experiment. The arrays are used as given, not copied.
     *
     * @param window T, the unperturbed window in seconds
     * @param cap largest extra window in seconds
     * @param gains gains that cover T + cap
     */
    PerturbationSearch(Preparation preparation, PreparationStrategy strategy, double[] x0, double window, double cap,
            GainSchedule gains, double[] pulse, double pulseStart, double pulseEnd) {
        this.preparation = preparation;
        this.strategy = strategy;
        this.x0 = x0;
        this.window = window;
        this.cap = cap;
        this.gains = gains;
        this.pulse = pulse;
        this.pulseStart = pulseStart;
        this.pulseEnd = pulseEnd;
    }

    /**
     * Scans the grid on one perturbed run of length T + cap, for feedback that does not depend
     * on the window. Returns the first index at or below the threshold, or -1.
     */
    int firstCrossingInOneRun(double threshold, double[] costs) {
        PreparationRun run = preparation.simulate(strategy, x0, window + cap, gains, pulse, pulseStart, pulseEnd);
        double[] times = run.timesSeconds();
        double[] series = run.prospectiveCostSeries();
        for (int j = 0; j < costs.length; j++) {
            costs[j] = interpolate(times, series, window + Math.min(cap, j * Preparation.DELAY_RESOLUTION_SECONDS));
        }
        for (int j = 0; j < costs.length; j++) {
            if (costs[j] <= threshold) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Finds the first grid index at or below the threshold with one run per window T + d:
     * strides of {@link #DELAY_SCAN_STRIDE} points, then bisection inside the first stride
     * that ends at or below the threshold. Returns -1 when no point reaches it.
     */
    int firstCrossingByRuns(double threshold, double[] costs) {
        IntToDoubleFunction costAt = j -> {
            if (Double.isNaN(costs[j])) {
                double extra = Math.min(cap, j * Preparation.DELAY_RESOLUTION_SECONDS);
                costs[j] = preparation.simulate(strategy, x0, window + extra, gains, pulse, pulseStart, pulseEnd)
                        .prospectiveCost();
            }
            return costs[j];
        };
        int last = costs.length - 1;
        if (costAt.applyAsDouble(0) <= threshold) {
            return 0;
        }
        int low = 0;
        int high = -1;
        for (int j = Math.min(DELAY_SCAN_STRIDE, last); ; j = Math.min(j + DELAY_SCAN_STRIDE, last)) {
            if (costAt.applyAsDouble(j) <= threshold) {
                high = j;
                break;
            }
            low = j;
            if (j == last) {
                return -1;
            }
        }

        // Bisection inside the stride: above the threshold at low, at or below it at high
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (costAt.applyAsDouble(middle) <= threshold) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return high;
    }

    /** Returns the series linearly interpolated at t, exact at a sample time. */
    private static double interpolate(double[] times, double[] series, double t) {
        int k = Arrays.binarySearch(times, t);
        if (k >= 0) {
            return series[k];
        }
        int upper = Math.min(-k - 1, times.length - 1);
        int lower = Math.max(upper - 1, 0);
        if (Math.abs(times[upper] - t) <= 1e-12) {
            return series[upper];
        }
        if (Math.abs(times[lower] - t) <= 1e-12 || upper == lower) {
            return series[lower];
        }
        double weight = (t - times[lower]) / (times[upper] - times[lower]);
        return (1 - weight) * series[lower] + weight * series[upper];
    }
}
