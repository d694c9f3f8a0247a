package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * One straight point-to-point reach on a uniform time grid: the hand path with its
 * minimum-jerk speed profile, the joint trajectory that follows it and the joint torques
 * that produce it. Every matrix has one row per grid time and two columns, (x, y) for the
 * hand or (shoulder, elbow) for the joints. Matrices and arrays are copied on construction
 * and on access.
 *
 * @param directionRadians reach direction, counter-clockwise from the +x axis, in rad
 * @param timeSeconds grid times {@code 0, dt, ..., duration}, in seconds (length T)
 * @param handPositions T x 2 hand positions, in m, shoulder at the origin
 * @param handVelocities T x 2 hand velocities, in m/s
 * @param angles T x 2 joint angles, in rad
 * @param velocities T x 2 joint velocities, in rad/s
 * @param accelerations T x 2 joint accelerations, in rad/s^2
 * @param torques T x 2 joint torques from inverse dynamics, in N m
 */
public record Reach(
        double directionRadians,
        double[] timeSeconds,
        DMatrixRMaj handPositions,
        DMatrixRMaj handVelocities,
        DMatrixRMaj angles,
        DMatrixRMaj velocities,
        DMatrixRMaj accelerations,
        DMatrixRMaj torques) {

    /**
     * Validates shapes and copies the arrays.
     *
     * @param directionRadians reach direction, counter-clockwise from the +x axis, in rad
     * @param timeSeconds grid times {@code 0, dt, ..., duration}, in seconds (length T)
     * @param handPositions T x 2 hand positions, in m, shoulder at the origin
     * @param handVelocities T x 2 hand velocities, in m/s
     * @param angles T x 2 joint angles, in rad
     * @param velocities T x 2 joint velocities, in rad/s
     * @param accelerations T x 2 joint accelerations, in rad/s^2
     * @param torques T x 2 joint torques from inverse dynamics, in N m
     *
     * @throws IllegalArgumentException when an argument is null, non-finite, or a matrix is
     *     not T x 2 with T the length of {@code timeSeconds}
     */
    public Reach {
        Arguments.requireFinite(directionRadians, "directionRadians");
        Arguments.requireFinite(timeSeconds, "timeSeconds");
        int rows = timeSeconds.length;
        timeSeconds = timeSeconds.clone();
        handPositions = Arguments.requireShape(handPositions, rows, 2, "handPositions (m)").copy();
        handVelocities = Arguments.requireShape(handVelocities, rows, 2, "handVelocities (m/s)").copy();
        angles = Arguments.requireShape(angles, rows, 2, "angles (rad)").copy();
        velocities = Arguments.requireShape(velocities, rows, 2, "velocities (rad/s)").copy();
        accelerations = Arguments.requireShape(accelerations, rows, 2, "accelerations (rad/s^2)").copy();
        torques = Arguments.requireShape(torques, rows, 2, "torques (N m)").copy();
    }

    /** @return a copy of the grid times, in seconds */
    @Override
    public double[] timeSeconds() {
        return timeSeconds.clone();
    }

    /** @return a copy of the T x 2 hand positions, in m */
    @Override
    public DMatrixRMaj handPositions() {
        return handPositions.copy();
    }

    /** @return a copy of the T x 2 hand velocities, in m/s */
    @Override
    public DMatrixRMaj handVelocities() {
        return handVelocities.copy();
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

    /** @return a copy of the T x 2 joint accelerations, in rad/s^2 */
    @Override
    public DMatrixRMaj accelerations() {
        return accelerations.copy();
    }

    /** @return a copy of the T x 2 joint torques, in N m */
    @Override
    public DMatrixRMaj torques() {
        return torques.copy();
    }

    /** @return the number of grid times T */
    public int samples() {
        return timeSeconds.length;
    }

    /**
     * Returns the torques as a profile for {@link TwoLinkArm#simulate}, so that the reach can
     * be replayed open loop.
     *
     * @param interpolation how torques between grid times are formed
     * @return the torque profile on this reach's grid
     */
    public TorqueProfile torqueProfile(TorqueProfile.Interpolation interpolation) {
        int rows = timeSeconds.length;
        double[] shoulder = new double[rows];
        double[] elbow = new double[rows];
        for (int k = 0; k < rows; k++) {
            shoulder[k] = torques.get(k, 0);
            elbow[k] = torques.get(k, 1);
        }
        double interval = rows > 1 ? timeSeconds[1] - timeSeconds[0] : 1.0;
        return new TorqueProfile(interval, shoulder, elbow, interpolation);
    }
}
