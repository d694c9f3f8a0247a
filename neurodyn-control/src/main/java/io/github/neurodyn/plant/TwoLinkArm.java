package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.SimulationDivergedException;
import org.ejml.data.DMatrixRMaj;

/**
 * Two-link arm moving in the horizontal plane: forward and inverse dynamics, hand
 * kinematics and integration under a torque time course.
 *
 * <p>Conventions. The shoulder sits at the origin. The joint angles are
 * {@code theta = (theta1, theta2)} in radians: {@code theta1} is the upper arm's angle from
 * the x axis, counter-clockwise positive, and {@code theta2} is the elbow angle relative to
 * the upper arm, so {@code theta2 = 0} is a straight arm. The hand is at
 * <pre>
 *   x = l1 cos theta1 + l2 cos(theta1 + theta2)
 *   y = l1 sin theta1 + l2 sin(theta1 + theta2)
 * </pre>
 * in metres. Inverse kinematics returns the flexed-elbow branch {@code 0 <= theta2 <= pi}
 * (the human posture, with the elbow to the right of the shoulder-to-hand line when seen
 * from the shoulder, which robotics texts call elbow-down).
 *
 * <p>Dynamics: {@code M(theta) theta'' + C(theta, theta') + B theta' = torque} with
 * {@code M}, {@code C} and {@code B} as in {@link ArmParameters}. Torques are in N m, angular
 * velocities in rad/s, accelerations in rad/s^2. Reference: W. Li and E. Todorov,
 * "Iterative linear quadratic regulator design for nonlinear biological movement
 * systems", ICINCO 2004.
 *
 * <p>Instances are immutable and thread-safe. Methods that take an {@code out} array write
 * into it and return it, or allocate one when it is {@code null}.
 */
public final class TwoLinkArm {

    /** Shoulder angle of the default start posture: 10 degrees, in radians. */
    public static final double DEFAULT_START_SHOULDER_ANGLE = Math.toRadians(10.0);

    private final ArmParameters parameters;
    private final double a1;
    private final double a2;
    private final double a3;
    private final double l1;
    private final double l2;
    private final double b11;
    private final double b12;
    private final double b22;

    /**
     * Creates an arm with the given constants.
     *
     * @param parameters the physical constants
     * @throws IllegalArgumentException when {@code parameters} is null
     */
    public TwoLinkArm(ArmParameters parameters) {
        this.parameters = Arguments.requireNonNull(parameters, "parameters");
        this.a1 = parameters.a1();
        this.a2 = parameters.a2();
        this.a3 = parameters.a3();
        this.l1 = parameters.upperArmLength();
        this.l2 = parameters.forearmLength();
        this.b11 = parameters.shoulderViscosity();
        this.b12 = parameters.crossViscosity();
        this.b22 = parameters.elbowViscosity();
    }

    /** @return an arm with {@link ArmParameters#DEFAULT} */
    public static TwoLinkArm withDefaults() {
        return new TwoLinkArm(ArmParameters.DEFAULT);
    }

    /** @return the physical constants */
    public ArmParameters parameters() {
        return parameters;
    }

    // ---------------------------------------------------------------- dynamics

    /**
     * Computes the mass matrix
     * {@code M = [[a1 + 2 a2 cos theta2, a3 + a2 cos theta2], [a3 + a2 cos theta2, a3]]}.
     *
     * @param elbowAngle theta2, in rad
     * @param out 2x2 receiver, or null to allocate
     * @return the mass matrix, in kg m^2
     */
    public DMatrixRMaj massMatrix(double elbowAngle, DMatrixRMaj out) {
        Arguments.requireFinite(elbowAngle, "elbowAngle (rad)");
        DMatrixRMaj m = out == null ? new DMatrixRMaj(2, 2) : out;
        m.reshape(2, 2);
        double c2 = Math.cos(elbowAngle);
        m.set(0, 0, a1 + 2 * a2 * c2);
        m.set(0, 1, a3 + a2 * c2);
        m.set(1, 0, a3 + a2 * c2);
        m.set(1, 1, a3);
        return m;
    }

    /**
     * Computes the joint accelerations
     * {@code theta'' = M(theta)^-1 (torque - C(theta, theta') - B theta')}.
     * Cost: about 30 flops and two trigonometric calls, and no allocation when {@code out} is given.
     *
     * @param angle theta, in rad (length 2)
     * @param velocity theta', in rad/s (length 2)
     * @param torque joint torques, in N m (length 2)
     * @param out receives theta'' in rad/s^2, or null to allocate
     * @return {@code out}
     * @throws IllegalArgumentException when an array has the wrong length or non-finite entries
     */
    public double[] acceleration(double[] angle, double[] velocity, double[] torque, double[] out) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        Arguments.requireLength(velocity, 2, "velocity (rad/s)");
        Arguments.requireLength(torque, 2, "torque (N m)");
        double[] result = receiver(out, "out");
        accelerationUnchecked(angle[1], velocity[0], velocity[1], torque[0], torque[1], result, 0);
        return result;
    }

    /**
     * Computes the torques that produce the given accelerations (inverse dynamics):
     * {@code torque = M(theta) theta'' + C(theta, theta') + B theta'}.
     *
     * @param angle theta, in rad (length 2)
     * @param velocity theta', in rad/s (length 2)
     * @param acceleration theta'', in rad/s^2 (length 2)
     * @param out receives the torques in N m, or null to allocate
     * @return {@code out}
     * @throws IllegalArgumentException when an array has the wrong length or non-finite entries
     */
    public double[] torque(double[] angle, double[] velocity, double[] acceleration, double[] out) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        Arguments.requireLength(velocity, 2, "velocity (rad/s)");
        Arguments.requireLength(acceleration, 2, "acceleration (rad/s^2)");
        double[] result = receiver(out, "out");
        torqueUnchecked(angle[1], velocity[0], velocity[1], acceleration[0], acceleration[1], result, 0);
        return result;
    }

    /**
     * Computes the torques along a sampled joint path, row by row (inverse dynamics).
     *
     * @param angles T x 2 joint angles, in rad
     * @param velocities T x 2 joint velocities, in rad/s
     * @param accelerations T x 2 joint accelerations, in rad/s^2
     * @return T x 2 torques (shoulder, elbow), in N m
     * @throws IllegalArgumentException when the matrices are not T x 2 alike or not finite
     */
    public DMatrixRMaj torques(DMatrixRMaj angles, DMatrixRMaj velocities, DMatrixRMaj accelerations) {
        Arguments.requireNonNull(angles, "angles (rad)");
        int rows = angles.numRows;
        Arguments.requireShape(angles, rows, 2, "angles (rad)");
        Arguments.requireShape(velocities, rows, 2, "velocities (rad/s)");
        Arguments.requireShape(accelerations, rows, 2, "accelerations (rad/s^2)");
        DMatrixRMaj result = new DMatrixRMaj(rows, 2);
        double[] th = angles.data;
        double[] w = velocities.data;
        double[] acc = accelerations.data;
        for (int k = 0; k < rows; k++) {
            int i = 2 * k;
            torqueUnchecked(th[i + 1], w[i], w[i + 1], acc[i], acc[i + 1], result.data, i);
        }
        return result;
    }

    /**
     * Computes the kinetic energy {@code 0.5 theta'^T M(theta) theta'}.
     *
     * @param angle theta, in rad (length 2)
     * @param velocity theta', in rad/s (length 2)
     * @return the kinetic energy, in J
     */
    public double kineticEnergy(double[] angle, double[] velocity) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        Arguments.requireLength(velocity, 2, "velocity (rad/s)");
        double c2 = Math.cos(angle[1]);
        double w1 = velocity[0];
        double w2 = velocity[1];
        double m11 = a1 + 2 * a2 * c2;
        double m12 = a3 + a2 * c2;
        return 0.5 * (m11 * w1 * w1 + 2 * m12 * w1 * w2 + a3 * w2 * w2);
    }

    /** Solves M theta'' = torque - C - B theta' by Cramer's rule into out[offset], out[offset + 1]. */
    void accelerationUnchecked(double th2, double w1, double w2, double tau1, double tau2,
            double[] out, int offset) {
        double c2 = Math.cos(th2);
        double s2 = Math.sin(th2);

        // right-hand side: torque minus Coriolis/centripetal and viscous terms
        double r1 = tau1 + a2 * s2 * w2 * (2 * w1 + w2) - b11 * w1 - b12 * w2;
        double r2 = tau2 - a2 * s2 * w1 * w1 - b12 * w1 - b22 * w2;

        // 2x2 solve. det M >= I2 (I1 + m2 l1^2) - (m2 l1 s2)^2 > 0 because ArmParameters checks it
        double m11 = a1 + 2 * a2 * c2;
        double m12 = a3 + a2 * c2;
        double det = m11 * a3 - m12 * m12;
        out[offset] = (a3 * r1 - m12 * r2) / det;
        out[offset + 1] = (m11 * r2 - m12 * r1) / det;
    }

    /** Writes M theta'' + C + B theta' into out[offset], out[offset + 1]. */
    private void torqueUnchecked(double th2, double w1, double w2, double acc1, double acc2,
            double[] out, int offset) {
        double c2 = Math.cos(th2);
        double s2 = Math.sin(th2);
        double m11 = a1 + 2 * a2 * c2;
        double m12 = a3 + a2 * c2;
        out[offset] = m11 * acc1 + m12 * acc2 - a2 * s2 * w2 * (2 * w1 + w2) + b11 * w1 + b12 * w2;
        out[offset + 1] = m12 * acc1 + a3 * acc2 + a2 * s2 * w1 * w1 + b12 * w1 + b22 * w2;
    }

    // ---------------------------------------------------------------- kinematics

    /**
     * Computes the hand position {@code (l1 cos theta1 + l2 cos(theta1 + theta2),
     * l1 sin theta1 + l2 sin(theta1 + theta2))}.
     *
     * @param angle theta, in rad (length 2)
     * @param out receives (x, y) in m, or null to allocate
     * @return {@code out}
     */
    public double[] handPosition(double[] angle, double[] out) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        double[] result = receiver(out, "out");
        double th12 = angle[0] + angle[1];
        result[0] = l1 * Math.cos(angle[0]) + l2 * Math.cos(th12);
        result[1] = l1 * Math.sin(angle[0]) + l2 * Math.sin(th12);
        return result;
    }

    /**
     * Computes the hand Jacobian {@code J = d(x, y) / d(theta1, theta2)}:
     * {@code [[-l1 sin theta1 - l2 sin theta12, -l2 sin theta12],
     * [l1 cos theta1 + l2 cos theta12, l2 cos theta12]]} with {@code theta12 = theta1 + theta2}.
     * Its determinant is {@code l1 l2 sin theta2}, zero at a straight or fully folded elbow.
     *
     * @param angle theta, in rad (length 2)
     * @param out 2x2 receiver, or null to allocate
     * @return the Jacobian, in m/rad
     */
    public DMatrixRMaj jacobian(double[] angle, DMatrixRMaj out) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        DMatrixRMaj j = out == null ? new DMatrixRMaj(2, 2) : out;
        j.reshape(2, 2);
        double th12 = angle[0] + angle[1];
        double s12 = l2 * Math.sin(th12);
        double c12 = l2 * Math.cos(th12);
        j.set(0, 0, -l1 * Math.sin(angle[0]) - s12);
        j.set(0, 1, -s12);
        j.set(1, 0, l1 * Math.cos(angle[0]) + c12);
        j.set(1, 1, c12);
        return j;
    }

    /**
     * Computes the hand velocity {@code J(theta) theta'}.
     *
     * @param angle theta, in rad (length 2)
     * @param velocity theta', in rad/s (length 2)
     * @param out receives (x', y') in m/s, or null to allocate
     * @return {@code out}
     */
    public double[] handVelocity(double[] angle, double[] velocity, double[] out) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        Arguments.requireLength(velocity, 2, "velocity (rad/s)");
        double[] result = receiver(out, "out");
        double th12 = angle[0] + angle[1];
        double s12 = l2 * Math.sin(th12);
        double c12 = l2 * Math.cos(th12);
        double w1 = velocity[0];
        double w2 = velocity[1];
        result[0] = (-l1 * Math.sin(angle[0]) - s12) * w1 - s12 * w2;
        result[1] = (l1 * Math.cos(angle[0]) + c12) * w1 + c12 * w2;
        return result;
    }

    /**
     * Computes the joint angles that put the hand at {@code (x, y)}, on the flexed-elbow
     * branch {@code 0 <= theta2 <= pi}:
     * {@code cos theta2 = (x^2 + y^2 - l1^2 - l2^2) / (2 l1 l2)},
     * {@code theta1 = atan2(y, x) - atan2(l2 sin theta2, l1 + l2 cos theta2)}.
     * {@code theta1} lies in {@code (-2 pi, 2 pi)}, so add multiples of {@code 2 pi} as needed.
     *
     * @param x hand x, in m
     * @param y hand y, in m
     * @param out receives theta in rad, or null to allocate
     * @return {@code out}
     * @throws IllegalArgumentException when the point is non-finite or outside the reachable
     *     annulus {@code |l1 - l2| <= r <= l1 + l2}
     */
    public double[] inverseKinematics(double x, double y, double[] out) {
        Arguments.requireFinite(x, "x (m)");
        Arguments.requireFinite(y, "y (m)");
        double[] result = receiver(out, "out");
        double r = Math.hypot(x, y);
        double inner = Math.abs(l1 - l2);
        double outer = l1 + l2;
        double slack = REACH_TOLERANCE * outer;
        if (r > outer + slack || r < inner - slack) {
            throw new IllegalArgumentException(String.format(
                    "hand target (%.6g, %.6g) m is unreachable: its distance %.6g m from the shoulder"
                            + " must lie in [%.6g, %.6g] m (|l1 - l2| to l1 + l2)",
                    x, y, r, inner, outer));
        }
        double cosElbow = (r * r - l1 * l1 - l2 * l2) / (2 * l1 * l2);
        double elbow = Math.acos(Math.max(-1.0, Math.min(1.0, cosElbow)));
        result[0] = Math.atan2(y, x) - Math.atan2(l2 * Math.sin(elbow), l1 + l2 * Math.cos(elbow));
        result[1] = elbow;
        return result;
    }

    /**
     * Computes the posture with the given shoulder angle and the hand on the y axis
     * ({@code x = 0}), on the flexed-elbow branch: {@code theta1 + theta2 = acos(-l1 cos theta1 / l2)}.
     * With the defaults and {@code theta1 = 10} degrees this gives {@code theta2 = 143.54} degrees
     * and the hand at {@code (0, 0.1991)} m.
     *
     * @param shoulderAngle theta1, in rad
     * @return theta in rad, with {@code theta2} in {@code [0, pi]}
     * @throws IllegalArgumentException when no flexed-elbow posture with this shoulder angle
     *     puts the hand at {@code x = 0} ({@code |l1 cos theta1| > l2})
     */
    public double[] startPosture(double shoulderAngle) {
        Arguments.requireFinite(shoulderAngle, "shoulderAngle (rad)");
        double ratio = -l1 * Math.cos(shoulderAngle) / l2;
        if (Math.abs(ratio) > 1) {
            throw new IllegalArgumentException(String.format(
                    "no posture with shoulderAngle %.6g rad puts the hand at x = 0: |l1 cos theta1| = %.6g m"
                            + " exceeds l2 = %.6g m",
                    shoulderAngle, Math.abs(l1 * Math.cos(shoulderAngle)), l2));
        }

        // The hand lies at x = 0 when theta1 + theta2 = +-acos(ratio). Keep the flexed branch,
        // and of two flexed candidates the one with the hand farther along +y.
        double sum = Math.acos(ratio);
        double[] best = null;
        double bestY = Double.NEGATIVE_INFINITY;
        for (double candidate : new double[] {sum, -sum}) {
            double elbow = Math.IEEEremainder(candidate - shoulderAngle, 2 * Math.PI);
            if (elbow < 0 || elbow > Math.PI) {
                continue;
            }
            double handY = l1 * Math.sin(shoulderAngle) + l2 * Math.sin(candidate);
            if (handY > bestY) {
                bestY = handY;
                best = new double[] {shoulderAngle, elbow};
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(String.format(
                    "no flexed-elbow posture (0 <= theta2 <= pi) with shoulderAngle %.6g rad puts the hand"
                            + " at x = 0", shoulderAngle));
        }
        return best;
    }

    // ---------------------------------------------------------------- integration

    /**
     * Returns a fourth-order Runge-Kutta stepper with its own work arrays. The stepper is not
     * thread-safe, so create one per thread.
     *
     * @return a new stepper
     */
    public ArmIntegrator integrator() {
        return new ArmIntegrator(this);
    }

    /**
     * Integrates the arm from an initial state under a torque time course with classical
     * fourth-order Runge-Kutta at a fixed step. The torque at the Runge-Kutta stage times
     * comes from {@link TorqueProfile#torqueAt}, so its interpolation rule applies.
     * Cost: {@code 4 * steps} evaluations of {@link #acceleration}, and the loop allocates nothing.
     *
     * @param angle initial theta, in rad (length 2)
     * @param velocity initial theta', in rad/s (length 2)
     * @param torque the torque time course
     * @param stepSeconds the Runge-Kutta step, in seconds
     * @param durationSeconds the simulated time, in seconds, which must be a whole number of steps
     *     to a relative tolerance of 1e-9
     * @return the sampled trajectory, including the initial state
     * @throws IllegalArgumentException on bad arrays, non-positive times or a duration that is
     *     not a whole number of steps
     * @throws SimulationDivergedException when the state becomes
     *     non-finite. Its index counts state components (theta1, theta2, theta1', theta2')
     */
    public ArmTrajectory simulate(double[] angle, double[] velocity, TorqueProfile torque,
            double stepSeconds, double durationSeconds) {
        Arguments.requireLength(angle, 2, "angle (rad)");
        Arguments.requireLength(velocity, 2, "velocity (rad/s)");
        Arguments.requireNonNull(torque, "torque");
        int steps = wholeSteps(durationSeconds, stepSeconds, "durationSeconds");

        double[] time = new double[steps + 1];
        DMatrixRMaj angles = new DMatrixRMaj(steps + 1, 2);
        DMatrixRMaj velocities = new DMatrixRMaj(steps + 1, 2);
        double[] state = {angle[0], angle[1], velocity[0], velocity[1]};
        ArmIntegrator stepper = integrator();
        storeState(state, 0, angles, velocities);
        for (int k = 0; k < steps; k++) {
            double t = k * stepSeconds;
            stepper.step(t, stepSeconds, torque, state);
            time[k + 1] = (k + 1) * stepSeconds;
            requireFiniteState(state, time[k + 1]);
            storeState(state, k + 1, angles, velocities);
        }
        return new ArmTrajectory(this, time, angles, velocities);
    }

    private static void storeState(double[] state, int row, DMatrixRMaj angles, DMatrixRMaj velocities) {
        angles.data[2 * row] = state[0];
        angles.data[2 * row + 1] = state[1];
        velocities.data[2 * row] = state[2];
        velocities.data[2 * row + 1] = state[3];
    }

    // ---------------------------------------------------------------- helpers

    private static void requireFiniteState(double[] state, double timeSeconds) {
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new SimulationDivergedException(timeSeconds, i, state[i], Double.POSITIVE_INFINITY);
            }
        }
    }

    /** Relative slack on the reachable annulus for targets on its rim, against round-off. */
    private static final double REACH_TOLERANCE = 1e-12;

    /** Relative tolerance for a duration to count as a whole number of steps. */
    private static final double WHOLE_STEP_TOLERANCE = 1e-9;

    /**
     * Returns {@code duration / step} when it is a whole number to a relative 1e-9.
     *
     * @throws IllegalArgumentException otherwise, or when either time is not positive
     */
    static int wholeSteps(double durationSeconds, double stepSeconds, String durationName) {
        Arguments.requirePositive(stepSeconds, "stepSeconds");
        Arguments.requirePositive(durationSeconds, durationName + " (s)");
        double ratio = durationSeconds / stepSeconds;
        long steps = Math.round(ratio);
        if (steps < 1 || Math.abs(ratio - steps) > WHOLE_STEP_TOLERANCE * ratio || steps > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(String.format(
                    "%s %s s must be a whole number of steps of %s s (at most %d), found %.9g steps",
                    durationName, durationSeconds, stepSeconds, Integer.MAX_VALUE - 1, ratio));
        }
        return (int) steps;
    }

    private static double[] receiver(double[] out, String name) {
        if (out == null) {
            return new double[2];
        }
        if (out.length < 2) {
            throw new IllegalArgumentException(String.format(
                    "%s must have length at least 2, found %d", name, out.length));
        }
        return out;
    }
}
