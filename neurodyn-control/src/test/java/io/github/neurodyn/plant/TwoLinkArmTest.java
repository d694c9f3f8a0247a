package io.github.neurodyn.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.function.Executable;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TwoLinkArmTest {

    /** Round-off bound for closed-form identities on O(1) quantities. */
    private static final double ROUND_OFF = 1e-12;
    /** Bound for central differences with step 1e-6 on smooth O(1) functions. */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-7;
    /** Relative drift of kinetic energy allowed over 2 s of RK4 at dt = 1e-4 s. */
    private static final double ENERGY_DRIFT_TOLERANCE = 1e-10;
    private static final double FINITE_DIFFERENCE_STEP = 1e-6;

    private final TwoLinkArm arm = TwoLinkArm.withDefaults();
    private final Random random = new Random(20211);

    @Test
    void startPostureHasHandOnYAxis() {
        double[] posture = arm.startPosture(TwoLinkArm.DEFAULT_START_SHOULDER_ANGLE);
        double[] hand = arm.handPosition(posture, null);
        assertEquals(0.0, hand[0], ROUND_OFF, "hand x");
        assertEquals(0.199111, hand[1], 1e-6, "hand y");
        assertEquals(Math.toRadians(10), posture[0], ROUND_OFF, "shoulder angle");
        assertEquals(Math.toRadians(143.5444), posture[1], Math.toRadians(1e-4), "elbow angle");
    }

    @Test
    void startPostureOnYAxisForManyShoulderAngles() {
        for (double degrees = -60; degrees <= 80; degrees += 10) {
            double[] posture = arm.startPosture(Math.toRadians(degrees));
            double[] hand = arm.handPosition(posture, null);
            assertEquals(0.0, hand[0], ROUND_OFF, "hand x at shoulder " + degrees + " deg");
            assertTrue(posture[1] >= 0, "elbow angle >= 0 at shoulder " + degrees + " deg");
            assertTrue(posture[1] <= Math.PI, "elbow angle <= pi at shoulder " + degrees + " deg");
        }
    }

    @Test
    void inverseKinematicsRecoversAngles() {
        double[] hand = new double[2];
        double[] recovered = new double[2];
        for (int trial = 0; trial < 200; trial++) {
            double[] angle = {-Math.PI + 2 * Math.PI * random.nextDouble(), 0.05 + (Math.PI - 0.1) * random.nextDouble()};
            arm.handPosition(angle, hand);
            arm.inverseKinematics(hand[0], hand[1], recovered);
            double shoulderGap = Math.IEEEremainder(recovered[0] - angle[0], 2 * Math.PI);
            assertEquals(0.0, shoulderGap, 1e-10, "shoulder angle, trial " + trial);
            assertEquals(angle[1], recovered[1], 1e-10, "elbow angle, trial " + trial);
        }
    }

    @Test
    void jacobianMatchesFiniteDifferences() {
        double[] angle = {0.3, 1.2};
        DMatrixRMaj jacobian = arm.jacobian(angle, null);
        for (int j = 0; j < 2; j++) {
            double[] plus = angle.clone();
            double[] minus = angle.clone();
            plus[j] += FINITE_DIFFERENCE_STEP;
            minus[j] -= FINITE_DIFFERENCE_STEP;
            double[] handPlus = arm.handPosition(plus, null);
            double[] handMinus = arm.handPosition(minus, null);
            for (int i = 0; i < 2; i++) {
                double derivative = (handPlus[i] - handMinus[i]) / (2 * FINITE_DIFFERENCE_STEP);
                assertEquals(derivative, jacobian.get(i, j), FINITE_DIFFERENCE_TOLERANCE, "J(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void handVelocityIsJacobianTimesVelocity() {
        double[] angle = {-0.4, 2.0};
        double[] velocity = {1.5, -0.7};
        DMatrixRMaj jacobian = arm.jacobian(angle, null);
        double[] handVelocity = arm.handVelocity(angle, velocity, null);
        for (int i = 0; i < 2; i++) {
            double expected = jacobian.get(i, 0) * velocity[0] + jacobian.get(i, 1) * velocity[1];
            assertEquals(expected, handVelocity[i], ROUND_OFF, "hand velocity " + i);
        }
    }

    @Test
    void massMatrixIsSymmetricPositiveDefinite() {
        for (double elbow = 0; elbow <= 2 * Math.PI; elbow += 0.1) {
            DMatrixRMaj m = arm.massMatrix(elbow, null);
            assertEquals(m.get(0, 1), m.get(1, 0), 0.0, "symmetry at elbow " + elbow);
            assertTrue(m.get(0, 0) > 0, "M11 > 0 at elbow " + elbow);
            double det = m.get(0, 0) * m.get(1, 1) - m.get(0, 1) * m.get(1, 0);
            assertTrue(det > 0, "det M > 0 at elbow " + elbow);
        }
    }

    @Test
    void defaultMassMatrixMatchesHandComputation() {
        // a1 = 0.025 + 0.045 + 1.0 * 0.09 = 0.16, a2 = 1.0 * 0.30 * 0.16 = 0.048, a3 = 0.045
        DMatrixRMaj m = arm.massMatrix(Math.PI / 2, null);
        assertEquals(0.16, m.get(0, 0), ROUND_OFF, "M11 at a right-angled elbow");
        assertEquals(0.045, m.get(0, 1), ROUND_OFF, "M12 at a right-angled elbow");
        assertEquals(0.045, m.get(1, 1), ROUND_OFF, "M22");
    }

    /**
     * Checks C(theta, theta') against the Euler-Lagrange form dM/dt theta' - dT/dtheta with
     * derivatives of M by central differences, an oracle independent of the closed form.
     */
    @Test
    void coriolisTermMatchesLagrangian() {
        TwoLinkArm frictionless = new TwoLinkArm(ArmParameters.DEFAULT.withViscosity(0, 0, 0));
        double[] angle = {0.2, 1.1};
        double[] velocity = {1.3, -2.1};
        double[] zero = {0, 0};
        double[] coriolis = frictionless.torque(angle, velocity, zero, null);

        DMatrixRMaj plus = frictionless.massMatrix(angle[1] + FINITE_DIFFERENCE_STEP, null);
        DMatrixRMaj minus = frictionless.massMatrix(angle[1] - FINITE_DIFFERENCE_STEP, null);
        double[][] dm = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                dm[i][j] = (plus.get(i, j) - minus.get(i, j)) / (2 * FINITE_DIFFERENCE_STEP);
            }
        }
        double quadratic = 0.5 * (dm[0][0] * velocity[0] * velocity[0]
                + 2 * dm[0][1] * velocity[0] * velocity[1] + dm[1][1] * velocity[1] * velocity[1]);
        double expectedShoulder = velocity[1] * (dm[0][0] * velocity[0] + dm[0][1] * velocity[1]);
        double expectedElbow = velocity[1] * (dm[1][0] * velocity[0] + dm[1][1] * velocity[1]) - quadratic;
        assertEquals(expectedShoulder, coriolis[0], FINITE_DIFFERENCE_TOLERANCE, "shoulder Coriolis torque");
        assertEquals(expectedElbow, coriolis[1], FINITE_DIFFERENCE_TOLERANCE, "elbow Coriolis torque");
    }

    @Test
    void forwardDynamicsInvertsInverseDynamics() {
        double[] torque = new double[2];
        double[] recovered = new double[2];
        for (int trial = 0; trial < 100; trial++) {
            double[] angle = {random.nextGaussian(), 3 * random.nextDouble()};
            double[] velocity = {3 * random.nextGaussian(), 3 * random.nextGaussian()};
            double[] acceleration = {20 * random.nextGaussian(), 20 * random.nextGaussian()};
            arm.torque(angle, velocity, acceleration, torque);
            arm.acceleration(angle, velocity, torque, recovered);
            assertEquals(acceleration[0], recovered[0], 1e-11 * 20, "shoulder acceleration, trial " + trial);
            assertEquals(acceleration[1], recovered[1], 1e-11 * 20, "elbow acceleration, trial " + trial);
        }
    }

    @Test
    void torquesAlongPathMatchPointwise() {
        int rows = 5;
        DMatrixRMaj angles = new DMatrixRMaj(rows, 2);
        DMatrixRMaj velocities = new DMatrixRMaj(rows, 2);
        DMatrixRMaj accelerations = new DMatrixRMaj(rows, 2);
        for (int k = 0; k < 2 * rows; k++) {
            angles.data[k] = random.nextDouble();
            velocities.data[k] = random.nextGaussian();
            accelerations.data[k] = random.nextGaussian();
        }
        DMatrixRMaj torques = arm.torques(angles, velocities, accelerations);
        for (int k = 0; k < rows; k++) {
            double[] expected = arm.torque(
                    new double[] {angles.get(k, 0), angles.get(k, 1)},
                    new double[] {velocities.get(k, 0), velocities.get(k, 1)},
                    new double[] {accelerations.get(k, 0), accelerations.get(k, 1)}, null);
            assertEquals(expected[0], torques.get(k, 0), 0.0, "shoulder torque, row " + k);
            assertEquals(expected[1], torques.get(k, 1), 0.0, "elbow torque, row " + k);
        }
    }

    @Test
    void kineticEnergyConservedWithoutViscosity() {
        TwoLinkArm frictionless = new TwoLinkArm(ArmParameters.DEFAULT.withViscosity(0, 0, 0));
        double[] angle = {0.3, 1.4};
        double[] velocity = {4.0, -6.0};
        double step = 1e-4;
        double duration = 2.0;
        TorqueProfile zero = new TorqueProfile(duration, new double[2], new double[2],
                TorqueProfile.Interpolation.ZERO_ORDER_HOLD);

        ArmTrajectory trajectory = frictionless.simulate(angle, velocity, zero, step, duration);

        double initial = frictionless.kineticEnergy(angle, velocity);
        DMatrixRMaj angles = trajectory.angles();
        DMatrixRMaj velocities = trajectory.velocities();
        double maxDrift = 0;
        for (int k = 0; k < trajectory.samples(); k++) {
            double energy = frictionless.kineticEnergy(
                    new double[] {angles.get(k, 0), angles.get(k, 1)},
                    new double[] {velocities.get(k, 0), velocities.get(k, 1)});
            maxDrift = Math.max(maxDrift, Math.abs(energy - initial) / initial);
        }
        assertTrue(maxDrift < ENERGY_DRIFT_TOLERANCE, "relative energy drift " + maxDrift);
        double elbowTravel = Math.abs(angles.get(angles.numRows - 1, 1) - angle[1]);
        assertTrue(elbowTravel > 1.0, "the arm moved, elbow travel " + elbowTravel + " rad");
    }

    @Test
    void viscosityDissipatesEnergy() {
        double[] angle = {0.3, 1.4};
        double[] velocity = {4.0, -6.0};
        TorqueProfile zero = new TorqueProfile(1.0, new double[2], new double[2],
                TorqueProfile.Interpolation.LINEAR);
        ArmTrajectory trajectory = arm.simulate(angle, velocity, zero, 1e-3, 1.0);
        DMatrixRMaj angles = trajectory.angles();
        DMatrixRMaj velocities = trajectory.velocities();
        double previous = arm.kineticEnergy(angle, velocity);
        for (int k = 1; k < trajectory.samples(); k++) {
            double energy = arm.kineticEnergy(
                    new double[] {angles.get(k, 0), angles.get(k, 1)},
                    new double[] {velocities.get(k, 0), velocities.get(k, 1)});
            assertTrue(energy < previous, "energy decreases at sample " + k);
            previous = energy;
        }
    }

    @Test
    void rungeKuttaIsFourthOrder() {
        double[] angle = {0.3, 1.4};
        double[] velocity = {2.0, -3.0};
        double[] shoulder = new double[11];
        double[] elbow = new double[11];
        for (int k = 0; k <= 10; k++) {
            shoulder[k] = 0.5 * Math.sin(k * 0.3);
            elbow[k] = -0.3 + 0.04 * k;
        }
        TorqueProfile torque = new TorqueProfile(0.1, shoulder, elbow, TorqueProfile.Interpolation.LINEAR);
        double reference = arm.simulate(angle, velocity, torque, 1e-4, 0.1).finalHandPosition()[0];
        double coarse = Math.abs(arm.simulate(angle, velocity, torque, 0.02, 0.1).finalHandPosition()[0] - reference);
        double fine = Math.abs(arm.simulate(angle, velocity, torque, 0.01, 0.1).finalHandPosition()[0] - reference);
        double ratio = coarse / fine;
        assertTrue(ratio > 12, "error ratio when halving the step " + ratio + ", expected about 16");
        assertTrue(ratio < 20, "error ratio when halving the step " + ratio + ", expected about 16");
    }

    @Test
    void integratorStepAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported(), "per-thread allocation counter unsupported");
        counter.setThreadAllocatedMemoryEnabled(true);
        TorqueProfile torque = new TorqueProfile(0.01, new double[] {0.1, 0.2, -0.1}, new double[] {0, 0.3, 0.1},
                TorqueProfile.Interpolation.LINEAR);
        ArmIntegrator stepper = arm.integrator();
        double[] state = {0.3, 1.4, 0.5, -0.5};
        long threadId = Thread.currentThread().getId();

        runSteps(stepper, torque, state, 20_000);
        long before = counter.getThreadAllocatedBytes(threadId);
        runSteps(stepper, torque, state, 20_000);
        long allocated = counter.getThreadAllocatedBytes(threadId) - before;

        // The counter itself may allocate a few hundred bytes, but one array per step would be >= 480 kB.
        assertTrue(allocated < 4096, "bytes allocated by 20000 steps: " + allocated);
    }

    private static void runSteps(ArmIntegrator stepper, TorqueProfile torque, double[] state, int steps) {
        for (int k = 0; k < steps; k++) {
            stepper.step((k % 3) * 0.01, 1e-3, torque, state);
        }
    }

    @Test
    void simulateStartsAtInitialState() {
        double[] angle = {0.3, 1.4};
        double[] velocity = {0.5, -0.5};
        TorqueProfile torque = new TorqueProfile(0.01, new double[] {1, 2}, new double[] {0, 1},
                TorqueProfile.Interpolation.ZERO_ORDER_HOLD);
        ArmTrajectory trajectory = arm.simulate(angle, velocity, torque, 0.001, 0.05);
        assertEquals(51, trajectory.samples(), "samples");
        assertEquals(0.05, trajectory.timeSeconds()[50], ROUND_OFF, "final time");
        assertEquals(angle[1], trajectory.angles().get(0, 1), 0.0, "initial elbow angle");
        assertEquals(velocity[0], trajectory.velocities().get(0, 0), 0.0, "initial shoulder velocity");
        double[] hand = arm.handPosition(angle, null);
        assertEquals(hand[1], trajectory.handPositions().get(0, 1), 0.0, "initial hand y");
    }

    @Test
    void hugeTorqueRaisesDivergence() {
        TorqueProfile torque = new TorqueProfile(1.0, new double[] {1e300, 1e300}, new double[] {-1e300, -1e300},
                TorqueProfile.Interpolation.LINEAR);
        assertThrows(io.github.neurodyn.api.SimulationDivergedException.class,
                () -> arm.simulate(new double[] {0, 1}, new double[2], torque, 0.01, 1.0));
    }

    @Test
    void badInputsRaiseIllegalArgument() {
        double[] ok = {0.1, 0.2};
        TorqueProfile torque = new TorqueProfile(0.01, new double[] {0, 0}, new double[] {0, 0},
                TorqueProfile.Interpolation.LINEAR);
        TwoLinkArm longUpperArm = new TwoLinkArm(ArmParameters.DEFAULT.withGeometry(0.4, 0.3, 0.16));
        Object[][] cases = {
            {"unreachable target", "is unreachable", (Executable) () -> arm.inverseKinematics(0.7, 0.0, null)},
            {"target inside inner hole", "is unreachable", (Executable) () -> arm.inverseKinematics(0.01, 0.0, null)},
            {"NaN target", "x (m) must be finite", (Executable) () -> arm.inverseKinematics(Double.NaN, 0.0, null)},
            {"short angle", "angle (rad) must have length 2", (Executable) () -> arm.handPosition(new double[1], null)},
            {"NaN velocity", "velocity (rad/s) has the non-finite entry",
                (Executable) () -> arm.acceleration(ok, new double[] {0, Double.NaN}, ok, null)},
            {"short receiver", "out must have length at least 2", (Executable) () -> arm.torque(ok, ok, ok, new double[1])},
            {"no start posture", "no posture with shoulderAngle", (Executable) () -> longUpperArm.startPosture(0.0)},
            {"zero step", "stepSeconds must be positive", (Executable) () -> arm.simulate(ok, ok, torque, 0.0, 1.0)},
            {"fractional steps", "whole number of steps", (Executable) () -> arm.simulate(ok, ok, torque, 0.3, 1.0)},
            {"negative duration", "durationSeconds (s) must be positive",
                (Executable) () -> arm.simulate(ok, ok, torque, 0.1, -1.0)},
            {"null torque", "torque must not be null", (Executable) () -> arm.simulate(ok, ok, null, 0.1, 1.0)},
            {"mismatched torque samples", "elbow torque (N m) must have length 1",
                (Executable) () -> new TorqueProfile(0.1, new double[1], new double[2], TorqueProfile.Interpolation.LINEAR)},
            {"empty torque", "shoulder torque sample count must be at least 1",
                (Executable) () -> new TorqueProfile(0.1, new double[0], new double[0], TorqueProfile.Interpolation.LINEAR)},
            {"null arm parameters", "parameters must not be null", (Executable) () -> new TwoLinkArm(null)},
            {"zero forearm mass", "forearmMass (kg) must be positive", (Executable) () -> ArmParameters.DEFAULT.withForearmMass(0)},
            {"negative length", "upperArmLength (m) must be positive",
                (Executable) () -> ArmParameters.DEFAULT.withGeometry(-0.3, 0.33, 0.16)},
            {"infinite inertia", "shoulderInertia (kg m^2) must be positive and finite",
                (Executable) () -> ArmParameters.DEFAULT.withShoulderInertia(Double.POSITIVE_INFINITY)},
            {"active viscosity", "must be positive semi-definite",
                (Executable) () -> ArmParameters.DEFAULT.withViscosity(0.05, 0.1, 0.05)},
            {"negative viscosity", "elbowViscosity (N m s/rad) must be non-negative",
                (Executable) () -> ArmParameters.DEFAULT.withViscosity(0.05, 0, -0.05)},
            {"singular mass matrix", "mass matrix is singular",
                (Executable) () -> ArmParameters.DEFAULT.withElbowInertia(0.01)},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, (Executable) c[2],
                    (String) c[0]);
            assertTrue(e.getMessage().contains((String) c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
