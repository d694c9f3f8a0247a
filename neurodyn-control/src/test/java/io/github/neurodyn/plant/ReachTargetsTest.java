package io.github.neurodyn.plant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReachTargetsTest {

    /** Round-off bound for closed-form identities on O(1) quantities. */
    private static final double ROUND_OFF = 1e-12;
    /** Open-loop replay error allowed at the end point, in m. */
    private static final double REPLAY_END_POINT_TOLERANCE = 1e-4;
    /** Bound for central differences at dt = 1 ms of joint trajectories, relative to their peak. */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-4;
    private static final int MID_REACH = 300;
    private static final double DISTANCE = ReachTargets.DEFAULT.distanceMeters();

    private final TwoLinkArm arm = TwoLinkArm.withDefaults();
    private List<Reach> reaches;
    private double[] start;

    @BeforeAll
    void computeDefaultReaches() {
        reaches = ReachTargets.DEFAULT.reaches(arm);
        start = arm.handPosition(arm.startPosture(TwoLinkArm.DEFAULT_START_SHOULDER_ANGLE), null);
    }

    @Test
    void defaultsGiveEightDirectionsOnOneMillisecondGrid() {
        assertEquals(8, reaches.size(), "reach count");
        for (int i = 0; i < 8; i++) {
            Reach reach = reaches.get(i);
            assertEquals(i * Math.PI / 4, reach.directionRadians(), ROUND_OFF, "direction " + i);
            assertEquals(601, reach.samples(), "samples of reach " + i);
            assertEquals(0.6, reach.timeSeconds()[600], ROUND_OFF, "final time of reach " + i);
            assertEquals(0.001, reach.timeSeconds()[1], ROUND_OFF, "time step of reach " + i);
        }
    }

    @Test
    void handPathIsStraightFromStartToTarget() {
        for (Reach reach : reaches) {
            double ex = Math.cos(reach.directionRadians());
            double ey = Math.sin(reach.directionRadians());
            DMatrixRMaj hand = reach.handPositions();
            double previousAlong = -1;
            for (int k = 0; k < reach.samples(); k++) {
                double dx = hand.get(k, 0) - start[0];
                double dy = hand.get(k, 1) - start[1];
                double across = -ey * dx + ex * dy;
                double along = ex * dx + ey * dy;
                assertEquals(0.0, across, ROUND_OFF, "distance from the line at sample " + k);
                assertTrue(along >= previousAlong, "hand moves forward at sample " + k);
                previousAlong = along;
            }
            assertEquals(0.0, hand.get(0, 0) - start[0], 0.0, "start x");
            assertEquals(DISTANCE, previousAlong, ROUND_OFF, "reach length");
        }
    }

    @Test
    void speedProfileIsBellShaped() {
        double peak = 1.875 * DISTANCE / 0.6;
        for (Reach reach : reaches) {
            DMatrixRMaj velocity = reach.handVelocities();
            int last = reach.samples() - 1;
            assertEquals(0.0, speed(velocity, 0), 0.0, "start speed");
            assertEquals(0.0, speed(velocity, last), ROUND_OFF, "end speed");
            assertEquals(peak, speed(velocity, MID_REACH), ROUND_OFF, "peak speed at mid-reach");
            for (int k = 1; k <= MID_REACH; k++) {
                assertTrue(speed(velocity, k) > speed(velocity, k - 1), "speed rises at sample " + k);
            }
            for (int k = MID_REACH + 1; k <= last; k++) {
                assertTrue(speed(velocity, k) < speed(velocity, k - 1), "speed falls at sample " + k);
            }
        }
    }

    @Test
    void jointPathReproducesHandPath() {
        for (Reach reach : reaches) {
            DMatrixRMaj angles = reach.angles();
            DMatrixRMaj velocities = reach.velocities();
            DMatrixRMaj hand = reach.handPositions();
            DMatrixRMaj handVelocity = reach.handVelocities();
            for (int k = 0; k < reach.samples(); k++) {
                double[] angle = {angles.get(k, 0), angles.get(k, 1)};
                double[] position = arm.handPosition(angle, null);
                double[] velocity = arm.handVelocity(angle, new double[] {velocities.get(k, 0), velocities.get(k, 1)}, null);
                assertEquals(hand.get(k, 0), position[0], ROUND_OFF, "hand x at sample " + k);
                assertEquals(hand.get(k, 1), position[1], ROUND_OFF, "hand y at sample " + k);
                assertEquals(handVelocity.get(k, 0), velocity[0], ROUND_OFF, "hand x' at sample " + k);
                assertEquals(handVelocity.get(k, 1), velocity[1], ROUND_OFF, "hand y' at sample " + k);
            }
        }
    }

    @Test
    void jointDerivativesMatchFiniteDifferences() {
        for (Reach reach : reaches) {
            assertDerivative(reach.angles(), reach.velocities(), "velocity", reach.directionRadians());
            assertDerivative(reach.velocities(), reach.accelerations(), "acceleration", reach.directionRadians());
        }
    }

    @Test
    void replayedTorquesReachTheTarget() {
        for (Reach reach : reaches) {
            DMatrixRMaj angles = reach.angles();
            double[] angle = {angles.get(0, 0), angles.get(0, 1)};
            TorqueProfile torque = reach.torqueProfile(TorqueProfile.Interpolation.LINEAR);

            ArmTrajectory replay = arm.simulate(angle, new double[2], torque, 0.001, 0.6);

            double[] reached = replay.finalHandPosition();
            DMatrixRMaj hand = reach.handPositions();
            double error = Math.hypot(reached[0] - hand.get(600, 0), reached[1] - hand.get(600, 1));
            assertTrue(error < REPLAY_END_POINT_TOLERANCE,
                    "end-point error " + error + " m in direction " + reach.directionRadians());
        }
    }

    @Test
    void torquesStartAndEndAtViscousRest() {
        // at rest with zero acceleration the required torque is zero
        for (Reach reach : reaches) {
            DMatrixRMaj torques = reach.torques();
            int last = reach.samples() - 1;
            assertEquals(0.0, torques.get(0, 0), ROUND_OFF, "initial shoulder torque");
            assertEquals(0.0, torques.get(0, 1), ROUND_OFF, "initial elbow torque");
            assertEquals(0.0, torques.get(last, 0), ROUND_OFF, "final shoulder torque");
            assertEquals(0.0, torques.get(last, 1), ROUND_OFF, "final elbow torque");
        }
    }

    @Test
    void customTaskUsesItsSettings() {
        ReachTargets task = ReachTargets.DEFAULT.withDirectionCount(3).withFirstDirection(0.5)
                .withDistance(0.1).withTiming(0.4, 0.002);
        List<Reach> custom = task.reaches(arm);
        assertEquals(3, custom.size(), "reach count");
        assertEquals(0.5 + 2 * Math.PI / 3, custom.get(1).directionRadians(), ROUND_OFF, "second direction");
        assertEquals(201, custom.get(0).samples(), "samples");
        DMatrixRMaj hand = custom.get(2).handPositions();
        double length = Math.hypot(hand.get(200, 0) - start[0], hand.get(200, 1) - start[1]);
        assertEquals(0.1, length, ROUND_OFF, "reach length");
    }

    @Test
    void badTasksRaiseIllegalArgument() {
        double rim = 0.63 - start[1];
        Object[][] cases = {
            {"no directions", "directionCount must be at least 1", (Executable) () -> ReachTargets.DEFAULT.withDirectionCount(0)},
            {"zero distance", "distanceMeters must be positive", (Executable) () -> ReachTargets.DEFAULT.withDistance(0)},
            {"NaN direction", "firstDirectionRadians must be finite",
                (Executable) () -> ReachTargets.DEFAULT.withFirstDirection(Double.NaN)},
            {"negative duration", "durationSeconds (s) must be positive",
                (Executable) () -> ReachTargets.DEFAULT.withTiming(-0.6, 0.001)},
            {"fractional steps", "whole number of steps", (Executable) () -> ReachTargets.DEFAULT.withTiming(0.6, 0.007)},
            {"infinite start", "startShoulderAngleRadians must be finite",
                (Executable) () -> ReachTargets.DEFAULT.withStartShoulderAngle(Double.POSITIVE_INFINITY)},
            {"null arm", "arm must not be null", (Executable) () -> ReachTargets.DEFAULT.reaches(null)},
            {"unreachable target", "is unreachable",
                (Executable) () -> ReachTargets.DEFAULT.withDistance(0.5).reach(arm, Math.PI / 2)},
            {"path through the shoulder", "is unreachable",
                (Executable) () -> ReachTargets.DEFAULT.withDistance(0.2).reaches(arm)},
            {"straight elbow", "passes the singular posture",
                (Executable) () -> ReachTargets.DEFAULT.withDistance(rim).reach(arm, Math.PI / 2)},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, (Executable) c[2],
                    (String) c[0]);
            assertTrue(e.getMessage().contains((String) c[1]), c[0] + ": " + e.getMessage());
        }
    }

    private static double speed(DMatrixRMaj velocity, int row) {
        return Math.hypot(velocity.get(row, 0), velocity.get(row, 1));
    }

    private static void assertDerivative(DMatrixRMaj values, DMatrixRMaj derivatives, String quantity, double direction) {
        double dt = 0.001;
        double scale = 0;
        for (double d : derivatives.data) {
            scale = Math.max(scale, Math.abs(d));
        }
        for (int k = 1; k < values.numRows - 1; k++) {
            for (int j = 0; j < 2; j++) {
                double difference = (values.get(k + 1, j) - values.get(k - 1, j)) / (2 * dt);
                assertEquals(derivatives.get(k, j), difference, FINITE_DIFFERENCE_TOLERANCE * scale,
                        quantity + " of joint " + j + " at sample " + k + ", direction " + direction);
            }
        }
    }
}
