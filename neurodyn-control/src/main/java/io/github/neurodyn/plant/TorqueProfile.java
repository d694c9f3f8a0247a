package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;

/**
 * Joint torques sampled on a uniform time grid {@code t_k = k * sampleIntervalSeconds},
 * {@code k = 0 .. samples - 1}, and the rule that turns the samples into a continuous
 * signal for the integrator.
 *
 * <p>Before {@code t = 0} the first sample applies and after the last grid point the last
 * sample applies. The arrays are copied on construction and on access.
 *
 * @param sampleIntervalSeconds spacing of the grid, in seconds
 * @param shoulder shoulder torques, in N m
 * @param elbow elbow torques, in N m
 * @param interpolation how torques between grid points are formed
 */
public record TorqueProfile(
        double sampleIntervalSeconds, double[] shoulder, double[] elbow, Interpolation interpolation) {

    /** Relative distance below a grid point that still counts as on the grid. */
    private static final double GRID_SNAP = 1e-9;

    /** Rule for the torque between two grid points. */
    public enum Interpolation {
        /** The torque on {@code [t_k, t_(k+1))} is sample {@code k}. */
        ZERO_ORDER_HOLD,
        /** The torque varies linearly between samples {@code k} and {@code k + 1}. */
        LINEAR
    }

    /**
     * Validates and copies the samples.
     *
     * @param sampleIntervalSeconds spacing of the grid, in seconds
     * @param shoulder shoulder torques, in N m
     * @param elbow elbow torques, in N m
     * @param interpolation how torques between grid points are formed
     *
     * @throws IllegalArgumentException when the interval is not positive, an array is null,
     *     empty or non-finite, the arrays differ in length, or the interpolation is null
     */
    public TorqueProfile {
        Arguments.requirePositive(sampleIntervalSeconds, "sampleIntervalSeconds");
        Arguments.requireFinite(shoulder, "shoulder torque (N m)");
        Arguments.requireAtLeast(shoulder.length, 1, "shoulder torque sample count");
        Arguments.requireLength(elbow, shoulder.length, "elbow torque (N m)");
        Arguments.requireNonNull(interpolation, "interpolation");
        shoulder = shoulder.clone();
        elbow = elbow.clone();
    }

    /** @return a copy of the shoulder torques, in N m */
    @Override
    public double[] shoulder() {
        return shoulder.clone();
    }

    /** @return a copy of the elbow torques, in N m */
    @Override
    public double[] elbow() {
        return elbow.clone();
    }

    /** @return the number of grid points */
    public int samples() {
        return shoulder.length;
    }

    /** @return time of the last grid point, {@code (samples - 1) * sampleIntervalSeconds}, in seconds */
    public double durationSeconds() {
        return (shoulder.length - 1) * sampleIntervalSeconds;
    }

    /**
     * Writes the torque at time {@code t} into {@code out} without allocating.
     *
     * @param timeSeconds time, in seconds
     * @param out receives (shoulder, elbow) torque in N m, length at least 2
     */
    public void torqueAt(double timeSeconds, double[] out) {
        int last = shoulder.length - 1;
        double position = timeSeconds / sampleIntervalSeconds;
        if (!(position > 0)) {
            out[0] = shoulder[0];
            out[1] = elbow[0];
            return;
        }
        if (position >= last) {
            out[0] = shoulder[last];
            out[1] = elbow[last];
            return;
        }
        // A time within round-off below a grid point (3 * 0.1 / 0.1 = 2.9999999999999996)
        // belongs to that grid point, so the zero-order hold switches exactly on the grid.
        int k = (int) Math.floor(position + GRID_SNAP);
        if (k >= last) {
            out[0] = shoulder[last];
            out[1] = elbow[last];
            return;
        }
        if (interpolation == Interpolation.ZERO_ORDER_HOLD) {
            out[0] = shoulder[k];
            out[1] = elbow[k];
            return;
        }
        double weight = position - k;
        out[0] = shoulder[k] + weight * (shoulder[k + 1] - shoulder[k]);
        out[1] = elbow[k] + weight * (elbow[k + 1] - elbow[k]);
    }
}
