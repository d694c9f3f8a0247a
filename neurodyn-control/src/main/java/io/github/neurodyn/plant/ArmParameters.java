package io.github.neurodyn.plant;

import io.github.neurodyn.api.Arguments;

/**
 * Physical constants of the two-link arm in the horizontal plane: link inertias, the
 * forearm mass and geometry, and the joint viscosity matrix.
 *
 * <p>The arm has a shoulder joint at the origin and an elbow joint at distance
 * {@code l1} from it. Its equation of motion is
 * {@code M(theta) theta'' + C(theta, theta') + B theta' = torque} with
 * <pre>
 *   M = [[a1 + 2 a2 cos theta2, a3 + a2 cos theta2], [a3 + a2 cos theta2, a3]]
 *   C = a2 sin theta2 (-theta2' (2 theta1' + theta2'), theta1'^2)
 *   a1 = I1 + I2 + m2 l1^2,   a2 = m2 l1 s2,   a3 = I2
 *   B = [[b11, b12], [b12, b22]]
 * </pre>
 * where {@code I1} and {@code I2} are the moments of inertia of the upper arm and the
 * forearm about their own proximal joints, {@code m2} is the forearm mass and {@code s2}
 * the distance from the elbow to the forearm's centre of mass. The defaults are those of
 * Li and Todorov (ICINCO 2004), also used by Kao, Sadabadi and Hennequin (Neuron 109, 2021).
 *
 * <p>The compact constructor rejects non-finite values, non-positive inertias, masses and
 * lengths, a viscosity matrix that is not positive semi-definite (it would feed energy
 * into the arm), and constants for which {@code M} is not positive definite at some
 * elbow angle ({@code I2 (I1 + m2 l1^2) <= (m2 l1 s2)^2}).
 *
 * @param shoulderInertia I1, moment of inertia of the upper arm about the shoulder, in kg m^2
 * @param elbowInertia I2, moment of inertia of the forearm about the elbow, in kg m^2
 * @param forearmMass m2, in kg
 * @param upperArmLength l1, shoulder to elbow, in m
 * @param forearmLength l2, elbow to hand, in m
 * @param forearmCenterOfMass s2, elbow to the forearm's centre of mass, in m
 * @param shoulderViscosity b11, in N m s/rad
 * @param crossViscosity b12 = b21, in N m s/rad
 * @param elbowViscosity b22, in N m s/rad
 */
public record ArmParameters(
        double shoulderInertia,
        double elbowInertia,
        double forearmMass,
        double upperArmLength,
        double forearmLength,
        double forearmCenterOfMass,
        double shoulderViscosity,
        double crossViscosity,
        double elbowViscosity) {

    /** Constants of Li and Todorov (2004): I1 = 0.025, I2 = 0.045 kg m^2, m2 = 1 kg, l1 = 0.30, l2 = 0.33, s2 = 0.16 m, B = [[0.05, 0.025], [0.025, 0.05]] N m s/rad. */
    public static final ArmParameters DEFAULT =
            new ArmParameters(0.025, 0.045, 1.0, 0.30, 0.33, 0.16, 0.05, 0.025, 0.05);

    /**
     * Validates the constants; see the type's Javadoc for the rules.
     *
     * @param shoulderInertia I1, moment of inertia of the upper arm about the shoulder, in kg m^2
     * @param elbowInertia I2, moment of inertia of the forearm about the elbow, in kg m^2
     * @param forearmMass m2, in kg
     * @param upperArmLength l1, shoulder to elbow, in m
     * @param forearmLength l2, elbow to hand, in m
     * @param forearmCenterOfMass s2, elbow to the forearm's centre of mass, in m
     * @param shoulderViscosity b11, in N m s/rad
     * @param crossViscosity b12 = b21, in N m s/rad
     * @param elbowViscosity b22, in N m s/rad
     */
    public ArmParameters {
        Arguments.requirePositive(shoulderInertia, "shoulderInertia (kg m^2)");
        Arguments.requirePositive(elbowInertia, "elbowInertia (kg m^2)");
        Arguments.requirePositive(forearmMass, "forearmMass (kg)");
        Arguments.requirePositive(upperArmLength, "upperArmLength (m)");
        Arguments.requirePositive(forearmLength, "forearmLength (m)");
        Arguments.requirePositive(forearmCenterOfMass, "forearmCenterOfMass (m)");
        Arguments.requireNonNegative(shoulderViscosity, "shoulderViscosity (N m s/rad)");
        Arguments.requireFinite(crossViscosity, "crossViscosity (N m s/rad)");
        Arguments.requireNonNegative(elbowViscosity, "elbowViscosity (N m s/rad)");
        if (crossViscosity * crossViscosity > shoulderViscosity * elbowViscosity) {
            throw new IllegalArgumentException(String.format(
                    "viscosity matrix [[%s, %s], [%s, %s]] N m s/rad must be positive semi-definite;"
                            + " expected crossViscosity^2 <= shoulderViscosity * elbowViscosity",
                    shoulderViscosity, crossViscosity, crossViscosity, elbowViscosity));
        }
        double coupling = forearmMass * upperArmLength * forearmCenterOfMass;
        double bound = elbowInertia * (shoulderInertia + forearmMass * upperArmLength * upperArmLength);
        if (!(bound > coupling * coupling)) {
            throw new IllegalArgumentException(String.format(
                    "mass matrix is singular at elbow angle 0: I2 (I1 + m2 l1^2) = %.6g must exceed"
                            + " (m2 l1 s2)^2 = %.6g; increase elbowInertia or shoulderInertia",
                    bound, coupling * coupling));
        }
    }

    /** @return a1 = I1 + I2 + m2 l1^2, in kg m^2 */
    public double a1() {
        return shoulderInertia + elbowInertia + forearmMass * upperArmLength * upperArmLength;
    }

    /** @return a2 = m2 l1 s2, in kg m^2 */
    public double a2() {
        return forearmMass * upperArmLength * forearmCenterOfMass;
    }

    /** @return a3 = I2, in kg m^2 */
    public double a3() {
        return elbowInertia;
    }

    /**
     * Returns a copy with another upper-arm inertia.
     *
     * @param value I1, in kg m^2
     * @return the new parameters
     */
    public ArmParameters withShoulderInertia(double value) {
        return new ArmParameters(value, elbowInertia, forearmMass, upperArmLength, forearmLength,
                forearmCenterOfMass, shoulderViscosity, crossViscosity, elbowViscosity);
    }

    /**
     * Returns a copy with another forearm inertia.
     *
     * @param value I2, in kg m^2
     * @return the new parameters
     */
    public ArmParameters withElbowInertia(double value) {
        return new ArmParameters(shoulderInertia, value, forearmMass, upperArmLength, forearmLength,
                forearmCenterOfMass, shoulderViscosity, crossViscosity, elbowViscosity);
    }

    /**
     * Returns a copy with another forearm mass.
     *
     * @param value m2, in kg
     * @return the new parameters
     */
    public ArmParameters withForearmMass(double value) {
        return new ArmParameters(shoulderInertia, elbowInertia, value, upperArmLength, forearmLength,
                forearmCenterOfMass, shoulderViscosity, crossViscosity, elbowViscosity);
    }

    /**
     * Returns a copy with other link lengths.
     *
     * @param upperArm l1, in m
     * @param forearm l2, in m
     * @param forearmCenter s2, in m
     * @return the new parameters
     */
    public ArmParameters withGeometry(double upperArm, double forearm, double forearmCenter) {
        return new ArmParameters(shoulderInertia, elbowInertia, forearmMass, upperArm, forearm,
                forearmCenter, shoulderViscosity, crossViscosity, elbowViscosity);
    }

    /**
     * Returns a copy with another viscosity matrix {@code B = [[shoulder, cross], [cross, elbow]]}.
     *
     * @param shoulder b11, in N m s/rad
     * @param cross b12 = b21, in N m s/rad
     * @param elbow b22, in N m s/rad
     * @return the new parameters
     */
    public ArmParameters withViscosity(double shoulder, double cross, double elbow) {
        return new ArmParameters(shoulderInertia, elbowInertia, forearmMass, upperArmLength, forearmLength,
                forearmCenterOfMass, shoulder, cross, elbow);
    }
}
