package io.github.neurodyn.plant;

import java.util.Arrays;

/**
 * Classical fourth-order Runge-Kutta stepper for the arm state
 * {@code s = (theta1, theta2, theta1', theta2')} (rad, rad/s) under
 * {@code s' = (theta', theta''(theta, theta', torque(t)))}.
 *
 * <p>One step from {@code t} to {@code t + h} evaluates the torque at {@code t},
 * {@code t + h/2} (twice) and {@code t + h}, and combines the four slopes with weights
 * {@code (1, 2, 2, 1) / 6}. The local error is {@code O(h^5)} for smooth torques. A torque
 * jump inside a step, from a zero-order hold whose grid the steps do not align with, makes
 * that step's velocity error {@code O(h)}.
 * Reference: E. Hairer, S. P. Norsett and G. Wanner, Solving Ordinary Differential
 * Equations I, 2nd ed., Springer 1993, section II.1.
 *
 * <p>The stepper owns its work arrays, so {@link #step} allocates nothing, and it is
 * not thread-safe.
 */
public final class ArmIntegrator {

    private final TwoLinkArm arm;
    private final double[] torque = new double[2];
    private final double[] slope = new double[4];
    private final double[] stage = new double[4];
    private final double[] slopeSum = new double[4];

    ArmIntegrator(TwoLinkArm arm) {
        this.arm = arm;
    }

    /**
     * Advances {@code state} in place by one Runge-Kutta step. Only the state length is
     * checked, so that the call stays cheap inside a loop.
     *
     * @param timeSeconds time at the start of the step, in seconds
     * @param stepSeconds the step h, in seconds
     * @param profile torque time course
     * @param state (theta1, theta2, theta1', theta2') in rad and rad/s, overwritten with the
     *     state at {@code t + h}
     * @throws IllegalArgumentException when {@code state} does not have length 4
     */
    public void step(double timeSeconds, double stepSeconds, TorqueProfile profile, double[] state) {
        if (state.length != 4) {
            throw new IllegalArgumentException(String.format(
                    "state must have length 4 (theta1, theta2, theta1', theta2'), found %d", state.length));
        }
        double h = stepSeconds;

        // first stage, at t
        evaluateSlope(timeSeconds, profile, state);
        Arrays.fill(slopeSum, 0.0);
        accumulate(1.0);
        advance(state, 0.5 * h);

        // second stage, at t + h/2 from the first slope
        evaluateSlope(timeSeconds + 0.5 * h, profile, stage);
        accumulate(2.0);
        advance(state, 0.5 * h);

        // third stage, at t + h/2 from the second slope
        evaluateSlope(timeSeconds + 0.5 * h, profile, stage);
        accumulate(2.0);
        advance(state, h);

        // fourth stage, at t + h from the third slope
        evaluateSlope(timeSeconds + h, profile, stage);
        accumulate(1.0);

        // combine the slopes
        double w = h / 6.0;
        for (int i = 0; i < 4; i++) {
            state[i] += w * slopeSum[i];
        }
    }

    /**
     * Returns the arm this stepper integrates.
     *
     * @return the arm
     */
    public TwoLinkArm arm() {
        return arm;
    }

    /** Writes the slope at (t, s) into {@link #slope}: velocities from s, then accelerations. */
    private void evaluateSlope(double t, TorqueProfile profile, double[] s) {
        profile.torqueAt(t, torque);
        slope[0] = s[2];
        slope[1] = s[3];
        arm.accelerationUnchecked(s[1], s[2], s[3], torque[0], torque[1], slope, 2);
    }

    private void accumulate(double weight) {
        for (int i = 0; i < 4; i++) {
            slopeSum[i] += weight * slope[i];
        }
    }

    /** Writes stage = state + fraction * slope. */
    private void advance(double[] state, double fraction) {
        for (int i = 0; i < 4; i++) {
            stage[i] = state[i] + fraction * slope[i];
        }
    }
}
