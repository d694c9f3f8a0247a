package io.github.neurodyn.robustness;

import io.github.neurodyn.plant.ArmParameters;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TorqueProfile;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.testing.BadInput;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed arguments to the public entry points of the plant package: each raises
 * {@link IllegalArgumentException} naming the argument.
 */
class PlantBadInputTest {

    private static final double NAN = Double.NaN;

    private static ArmParameters parameters(int index, double value) {
        double[] p = {
            ArmParameters.DEFAULT.shoulderInertia(), ArmParameters.DEFAULT.elbowInertia(),
            ArmParameters.DEFAULT.forearmMass(), ArmParameters.DEFAULT.upperArmLength(),
            ArmParameters.DEFAULT.forearmLength(), ArmParameters.DEFAULT.forearmCenterOfMass(),
            ArmParameters.DEFAULT.shoulderViscosity(), ArmParameters.DEFAULT.crossViscosity(),
            ArmParameters.DEFAULT.elbowViscosity()};
        p[index] = value;
        return new ArmParameters(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }

    @TestFactory
    List<DynamicTest> plantEntryPointsRejectBadInput() {
        TwoLinkArm arm = TwoLinkArm.withDefaults();
        double[] angle = arm.startPosture(TwoLinkArm.DEFAULT_START_SHOULDER_ANGLE);
        double[] zero = new double[2];
        double[] nan = {0, NAN};
        TorqueProfile torque = new TorqueProfile(0.01, new double[] {0, 0}, new double[] {0, 0},
                TorqueProfile.Interpolation.LINEAR);
        DMatrixRMaj grid = new DMatrixRMaj(5, 2);
        return BadInput.tests(
                new BadInput("zero shoulder inertia", "shoulderInertia", () -> parameters(0, 0)),
                new BadInput("NaN elbow inertia", "elbowInertia", () -> parameters(1, NAN)),
                new BadInput("negative forearm mass", "forearmMass", () -> parameters(2, -1)),
                new BadInput("zero upper arm length", "upperArmLength", () -> parameters(3, 0)),
                new BadInput("infinite forearm length", "forearmLength", () -> parameters(4, Double.POSITIVE_INFINITY)),
                new BadInput("zero centre of mass", "forearmCenterOfMass", () -> parameters(5, 0)),
                new BadInput("negative shoulder viscosity", "shoulderViscosity", () -> parameters(6, -1)),
                new BadInput("NaN cross viscosity", "crossViscosity", () -> parameters(7, NAN)),
                new BadInput("NaN elbow viscosity", "elbowViscosity", () -> parameters(8, NAN)),
                new BadInput("arm null parameters", "parameters", () -> new TwoLinkArm(null)),
                new BadInput("acceleration short angle", "angle", () -> arm.acceleration(new double[1], zero, zero, null)),
                new BadInput("acceleration NaN velocity", "velocity", () -> arm.acceleration(angle, nan, zero, null)),
                new BadInput("acceleration NaN torque", "torque", () -> arm.acceleration(angle, zero, nan, null)),
                new BadInput("torque NaN acceleration", "acceleration", () -> arm.torque(angle, zero, nan, null)),
                new BadInput("torques of other shape", "velocities",
                        () -> arm.torques(grid, new DMatrixRMaj(4, 2), grid)),
                new BadInput("hand position NaN angle", "angle", () -> arm.handPosition(nan, null)),
                new BadInput("hand velocity NaN velocity", "velocity", () -> arm.handVelocity(angle, nan, null)),
                new BadInput("kinetic energy NaN angle", "angle", () -> arm.kineticEnergy(nan, zero)),
                new BadInput("inverse kinematics NaN point", "x", () -> arm.inverseKinematics(NAN, 0.3, null)),
                new BadInput("inverse kinematics unreachable", "unreachable", () -> arm.inverseKinematics(5, 5, null)),
                new BadInput("simulate NaN angle", "angle", () -> arm.simulate(nan, zero, torque, 1e-3, 0.01)),
                new BadInput("simulate null torque", "torque", () -> arm.simulate(angle, zero, null, 1e-3, 0.01)),
                new BadInput("simulate zero step", "stepSeconds", () -> arm.simulate(angle, zero, torque, 0, 0.01)),
                new BadInput("simulate NaN step", "stepSeconds", () -> arm.simulate(angle, zero, torque, NAN, 0.01)),
                new BadInput("simulate zero duration", "durationSeconds",
                        () -> arm.simulate(angle, zero, torque, 1e-3, 0)),
                new BadInput("simulate partial step", "durationSeconds",
                        () -> arm.simulate(angle, zero, torque, 1e-3, 0.0105)),
                new BadInput("profile zero interval", "sampleIntervalSeconds",
                        () -> new TorqueProfile(0, new double[] {0}, new double[] {0}, TorqueProfile.Interpolation.LINEAR)),
                new BadInput("profile NaN shoulder", "shoulder",
                        () -> new TorqueProfile(0.01, nan, zero, TorqueProfile.Interpolation.LINEAR)),
                new BadInput("profile empty", "shoulder",
                        () -> new TorqueProfile(0.01, new double[0], new double[0], TorqueProfile.Interpolation.LINEAR)),
                new BadInput("profile elbow of other length", "elbow",
                        () -> new TorqueProfile(0.01, zero, new double[3], TorqueProfile.Interpolation.LINEAR)),
                new BadInput("profile null interpolation", "interpolation",
                        () -> new TorqueProfile(0.01, zero, zero, null)),
                new BadInput("targets zero directions", "directionCount",
                        () -> ReachTargets.DEFAULT.withDirectionCount(0)),
                new BadInput("targets NaN first direction", "firstDirectionRadians",
                        () -> ReachTargets.DEFAULT.withFirstDirection(NAN)),
                new BadInput("targets zero distance", "distanceMeters", () -> ReachTargets.DEFAULT.withDistance(0)),
                new BadInput("targets zero duration", "durationSeconds",
                        () -> ReachTargets.DEFAULT.withTiming(0, 0.001)),
                new BadInput("targets partial step", "durationSeconds",
                        () -> ReachTargets.DEFAULT.withTiming(0.6005, 0.001)),
                new BadInput("targets NaN step", "timeStepSeconds", () -> ReachTargets.DEFAULT.withTiming(0.6, NAN)),
                new BadInput("targets null arm", "arm", () -> ReachTargets.DEFAULT.reaches(null)),
                new BadInput("targets NaN direction", "directionRadians",
                        () -> ReachTargets.DEFAULT.reach(TwoLinkArm.withDefaults(), NAN)));
    }
}
