package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * Sampled motion of the arm from {@link TwoLinkArm#simulate}: one row per time point,
 * the initial state first. Matrices are copied on construction and on access.
 *
 * @param timeSeconds sample times, in seconds (length T)
 * @param angles T x 2 joint angles (theta1, theta2), in rad
 * @param velocities T x 2 joint velocities, in rad/s
 * @param handPositions T x 2 hand positions (x, y), in m, shoulder at the origin
 */
public record ArmTrajectory(
        double[] timeSeconds, DMatrixRMaj angles, DMatrixRMaj velocities, DMatrixRMaj handPositions) {

    /**
     * Validates shapes and copies the arrays.
     *
     * @param timeSeconds sample times, in seconds (length T)
     * @param angles T x 2 joint angles (theta1, theta2), in rad
     * @param velocities T x 2 joint velocities, in rad/s
     * @param handPositions T x 2 hand positions (x, y), in m, shoulder at the origin
     *
     * @throws IllegalArgumentException when an argument is null or non-finite, or a matrix is
     *     not T x 2 with T the length of {@code timeSeconds}
     */
    public ArmTrajectory {
        Arguments.requireFinite(timeSeconds, "timeSeconds");
        int rows = timeSeconds.length;
        timeSeconds = timeSeconds.clone();
        angles = Arguments.requireShape(angles, rows, 2, "angles (rad)").copy();
        velocities = Arguments.requireShape(velocities, rows, 2, "velocities (rad/s)").copy();
        handPositions = Arguments.requireShape(handPositions, rows, 2, "handPositions (m)").copy();
    }

    ArmTrajectory(TwoLinkArm arm, double[] timeSeconds, DMatrixRMaj angles, DMatrixRMaj velocities) {
        this(timeSeconds, angles, velocities, handPositionsOf(arm, angles));
    }

    private static DMatrixRMaj handPositionsOf(TwoLinkArm arm, DMatrixRMaj angles) {
        DMatrixRMaj hand = new DMatrixRMaj(angles.numRows, 2);
        double[] angle = new double[2];
        double[] position = new double[2];
        for (int k = 0; k < angles.numRows; k++) {
            angle[0] = angles.get(k, 0);
            angle[1] = angles.get(k, 1);
            arm.handPosition(angle, position);
            hand.set(k, 0, position[0]);
            hand.set(k, 1, position[1]);
        }
        return hand;
    }

    /** @return a copy of the sample times, in seconds */
    @Override
    public double[] timeSeconds() {
        return timeSeconds.clone();
    }

    /** @return a copy of the T x 2 joint angles, in rad */
    @Override
    public DMatrixRMaj angles() {
        return angles.copy();
    }

    /** @return a copy of the T x 2 joint velocities, in rad/s */
    @Override
    public DMatrixRMaj velocities() {
        return velocities.copy();
    }

    /** @return a copy of the T x 2 hand positions, in m */
    @Override
    public DMatrixRMaj handPositions() {
        return handPositions.copy();
    }

    /** @return the number of samples T */
    public int samples() {
        return timeSeconds.length;
    }

    /**
     * Returns the hand position at the last sample.
     *
     * @return (x, y), in m
     */
    public double[] finalHandPosition() {
        int last = handPositions.numRows - 1;
        return new double[] {handPositions.get(last, 0), handPositions.get(last, 1)};
    }
}
