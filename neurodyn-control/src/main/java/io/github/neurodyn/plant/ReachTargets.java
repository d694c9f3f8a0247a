package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A centre-out reaching task: straight reaches of equal length and duration from the hand
 * position of the start posture to targets spread evenly over the circle.
 *
 * <p>Reach {@code i} points in direction {@code phi_i = firstDirection + 2 pi i / directionCount}.
 * Its hand path is {@code p(t) = p0 + distance (cos phi_i, sin phi_i) s(t / duration)} with
 * the minimum-jerk profile {@code s(u) = 10 u^3 - 15 u^4 + 6 u^5}, so the hand moves along
 * a straight line with a bell-shaped speed that peaks at mid-reach, {@code 1.875 distance /
 * duration}, and starts and ends at rest (T. Flash and N. Hogan, J. Neurosci. 5(7), 1985).
 * The start posture has the given shoulder angle and the hand on the y axis
 * ({@link TwoLinkArm#startPosture}).
 *
 * <p>Joint trajectories come from inverse kinematics on the flexed-elbow branch,
 * {@code theta' = J^-1 p'} and {@code theta'' = J^-1 (p'' - J' theta')}, all analytic, and the
 * torques from inverse dynamics ({@link TwoLinkArm#torques}), on the grid
 * {@code t_k = k dt}, {@code k = 0 .. duration / dt}.
 *
 * <p>The defaults follow the centre-out task of Kao, Sadabadi and Hennequin (Neuron 109, 2021):
 * 8 directions from 0 rad, 0.6 s, a 1 ms grid and a 10 degree start shoulder angle, with a
 * reach length of 0.12 m. A 0.2 m reach in direction {@code 3 pi / 2} would end 0.9 mm from
 * the shoulder, inside the disc of radius {@code |l1 - l2| = 0.03} m that the default arm
 * cannot reach, so no joint path exists for it. At 0.12 m the closest approach to a
 * straight or folded elbow is {@code |sin theta2| = 0.23} and the peak torque is about 1 N m.
 *
 * @param directionCount number of reach directions, at least 1
 * @param firstDirectionRadians direction of the first reach, counter-clockwise from +x, in rad
 * @param distanceMeters reach length, in m
 * @param durationSeconds reach duration, in seconds, a whole number of time steps
 * @param timeStepSeconds grid spacing dt, in seconds
 * @param startShoulderAngleRadians shoulder angle of the start posture, in rad
 */
public record ReachTargets(
        int directionCount,
        double firstDirectionRadians,
        double distanceMeters,
        double durationSeconds,
        double timeStepSeconds,
        double startShoulderAngleRadians) {

    /** 8 directions from 0 rad, 0.12 m, 0.6 s, dt = 1 ms, start shoulder angle 10 degrees. */
    public static final ReachTargets DEFAULT =
            new ReachTargets(8, 0.0, 0.12, 0.6, 0.001, TwoLinkArm.DEFAULT_START_SHOULDER_ANGLE);

    /**
     * Smallest allowed {@code |sin theta2|} along a path. Below it the Jacobian is nearly
     * singular (straight or folded elbow) and the joint velocities are not trustworthy.
     */
    public static final double MIN_ELBOW_SINE = 1e-3;

    /**
     * Validates the task.
     *
     * @param directionCount number of reach directions, at least 1
     * @param firstDirectionRadians direction of the first reach, counter-clockwise from +x, in rad
     * @param distanceMeters reach length, in m
     * @param durationSeconds reach duration, in seconds, a whole number of time steps
     * @param timeStepSeconds grid spacing dt, in seconds
     * @param startShoulderAngleRadians shoulder angle of the start posture, in rad
     *
     * @throws IllegalArgumentException when a count, length or time is not positive, an angle is
     *     not finite, or the duration is not a whole number of time steps
     */
    public ReachTargets {
        Arguments.requireAtLeast(directionCount, 1, "directionCount");
        Arguments.requireFinite(firstDirectionRadians, "firstDirectionRadians");
        Arguments.requirePositive(distanceMeters, "distanceMeters");
        Arguments.requirePositive(timeStepSeconds, "timeStepSeconds");
        Arguments.requireFinite(startShoulderAngleRadians, "startShoulderAngleRadians");
        TwoLinkArm.wholeSteps(durationSeconds, timeStepSeconds, "durationSeconds");
    }

    /**
     * Returns a copy with another number of directions.
     *
     * @param count number of directions, at least 1
     * @return the new task
     */
    public ReachTargets withDirectionCount(int count) {
        return new ReachTargets(count, firstDirectionRadians, distanceMeters, durationSeconds,
                timeStepSeconds, startShoulderAngleRadians);
    }

    /**
     * Returns a copy with another first direction.
     *
     * @param radians direction of the first reach, in rad
     * @return the new task
     */
    public ReachTargets withFirstDirection(double radians) {
        return new ReachTargets(directionCount, radians, distanceMeters, durationSeconds,
                timeStepSeconds, startShoulderAngleRadians);
    }

    /**
     * Returns a copy with another reach length.
     *
     * @param meters reach length, in m
     * @return the new task
     */
    public ReachTargets withDistance(double meters) {
        return new ReachTargets(directionCount, firstDirectionRadians, meters, durationSeconds,
                timeStepSeconds, startShoulderAngleRadians);
    }

    /**
     * Returns a copy with another duration and grid spacing.
     *
     * @param duration reach duration, in seconds
     * @param timeStep grid spacing, in seconds, which must divide {@code duration} into whole steps
     * @return the new task
     */
    public ReachTargets withTiming(double duration, double timeStep) {
        return new ReachTargets(directionCount, firstDirectionRadians, distanceMeters, duration,
                timeStep, startShoulderAngleRadians);
    }

    /**
     * Returns a copy with another start posture.
     *
     * @param radians shoulder angle of the start posture, in rad
     * @return the new task
     */
    public ReachTargets withStartShoulderAngle(double radians) {
        return new ReachTargets(directionCount, firstDirectionRadians, distanceMeters, durationSeconds,
                timeStepSeconds, radians);
    }

    /** @return the number of grid times per reach, {@code duration / dt + 1} */
    public int samples() {
        return TwoLinkArm.wholeSteps(durationSeconds, timeStepSeconds, "durationSeconds") + 1;
    }

    /**
     * Computes every reach of the task, in direction order.
     * Cost: O(directionCount * samples) trigonometric evaluations.
     *
     * @param arm the arm that performs the reaches
     * @return one reach per direction
     * @throws IllegalArgumentException when {@code arm} is null, the start posture does not
     *     exist, or a path leaves the reachable annulus or passes within
     *     {@link #MIN_ELBOW_SINE} of a straight or folded elbow
     */
    public List<Reach> reaches(TwoLinkArm arm) {
        Arguments.requireNonNull(arm, "arm");
        List<Reach> result = new ArrayList<>(directionCount);
        for (int i = 0; i < directionCount; i++) {
            result.add(reach(arm, firstDirectionRadians + 2 * Math.PI * i / directionCount));
        }
        return result;
    }

    /**
     * Computes one reach of this task's length and timing in the given direction.
     *
     * @param arm the arm that performs the reach
     * @param directionRadians reach direction, counter-clockwise from +x, in rad
     * @return the reach
     * @throws IllegalArgumentException as for {@link #reaches}
     */
    public Reach reach(TwoLinkArm arm, double directionRadians) {
        Arguments.requireNonNull(arm, "arm");
        Arguments.requireFinite(directionRadians, "directionRadians");
        double l1 = arm.parameters().upperArmLength();
        double l2 = arm.parameters().forearmLength();
        double[] start = arm.handPosition(arm.startPosture(startShoulderAngleRadians), null);
        double previousShoulder = startShoulderAngleRadians;
        int rows = samples();
        double ex = Math.cos(directionRadians);
        double ey = Math.sin(directionRadians);
        double[] time = new double[rows];
        DMatrixRMaj hand = new DMatrixRMaj(rows, 2);
        DMatrixRMaj handVelocity = new DMatrixRMaj(rows, 2);
        DMatrixRMaj angles = new DMatrixRMaj(rows, 2);
        DMatrixRMaj velocities = new DMatrixRMaj(rows, 2);
        DMatrixRMaj accelerations = new DMatrixRMaj(rows, 2);
        double[] theta = new double[2];

        for (int k = 0; k < rows; k++) {
            // hand path: position, velocity and acceleration of the minimum-jerk profile
            double t = k * timeStepSeconds;
            double u = k / (double) (rows - 1);
            double u2 = u * u;
            double s = u2 * u * (10 - 15 * u + 6 * u2);
            double ds = 30 * u2 * (1 - 2 * u + u2) / durationSeconds;
            double dds = 60 * u * (1 - 3 * u + 2 * u2) / (durationSeconds * durationSeconds);
            double px = start[0] + distanceMeters * ex * s;
            double py = start[1] + distanceMeters * ey * s;
            double vx = distanceMeters * ex * ds;
            double vy = distanceMeters * ey * ds;
            double ax = distanceMeters * ex * dds;
            double ay = distanceMeters * ey * dds;

            // joint angles on the flexed branch, shoulder angle kept continuous along the path
            arm.inverseKinematics(px, py, theta);
            theta[0] += 2 * Math.PI * Math.rint((previousShoulder - theta[0]) / (2 * Math.PI));
            previousShoulder = theta[0];
            double sinElbow = Math.sin(theta[1]);
            if (Math.abs(sinElbow) < MIN_ELBOW_SINE) {
                throw new IllegalArgumentException(String.format(
                        "reach in direction %.6g rad passes the singular posture theta2 = %.6g rad at"
                                + " t = %.6g s (|sin theta2| < %s); shorten the reach or move the start",
                        directionRadians, theta[1], t, MIN_ELBOW_SINE));
            }

            // joint velocities theta' = J^-1 p' and accelerations theta'' = J^-1 (p'' - J' theta')
            double s1 = Math.sin(theta[0]);
            double c1 = Math.cos(theta[0]);
            double s12 = Math.sin(theta[0] + theta[1]);
            double c12 = Math.cos(theta[0] + theta[1]);
            double j11 = -l1 * s1 - l2 * s12;
            double j12 = -l2 * s12;
            double j21 = l1 * c1 + l2 * c12;
            double j22 = l2 * c12;
            double det = l1 * l2 * sinElbow;
            double w1 = (j22 * vx - j12 * vy) / det;
            double w2 = (j11 * vy - j21 * vx) / det;
            double w12 = w1 + w2;
            double bx = ax + l1 * c1 * w1 * w1 + l2 * c12 * w12 * w12;
            double by = ay + l1 * s1 * w1 * w1 + l2 * s12 * w12 * w12;

            time[k] = t;
            hand.set(k, 0, px);
            hand.set(k, 1, py);
            handVelocity.set(k, 0, vx);
            handVelocity.set(k, 1, vy);
            angles.set(k, 0, theta[0]);
            angles.set(k, 1, theta[1]);
            velocities.set(k, 0, w1);
            velocities.set(k, 1, w2);
            accelerations.set(k, 0, (j22 * bx - j12 * by) / det);
            accelerations.set(k, 1, (j11 * by - j21 * bx) / det);
        }
        DMatrixRMaj torques = arm.torques(angles, velocities, accelerations);
        return new Reach(directionRadians, time, hand, handVelocity, angles, velocities, accelerations, torques);
    }
}
