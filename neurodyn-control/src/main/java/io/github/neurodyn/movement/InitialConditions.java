package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * The top-k optimal initial conditions of a linear system {@code dx/dt = A x},
 * {@code y = C x}: the leading eigenvectors of its observability Gramian Q and their evoked
 * energies {@code x0^T Q x0 = int ||y||^2 dt} (unit-norm x0, energy in output units squared
 * times seconds).
 *
 * @param directions N x k matrix whose column i is the unit-norm eigenvector of Q with the
 *     i-th largest eigenvalue
 * @param energies evoked energies, the k largest eigenvalues of Q in descending order, in s
 *     times squared output units
 * @param amplification {@code energies[i] / referenceEnergy}
 * @param referenceEnergy energy of a single leaky unit {@code tau dx/dt = -x} started at
 *     {@code x = 1} and read out with gain 1 over the same horizon: {@code tau/2} for an
 *     infinite horizon and {@code (tau/2)(1 - exp(-2 T / tau))} for horizon T, in s
 * @param horizonSeconds the horizon T in seconds, {@code Double.POSITIVE_INFINITY} for the
 *     infinite-horizon Gramian
 */
public record InitialConditions(
        DMatrixRMaj directions, double[] energies, double[] amplification, double referenceEnergy,
        double horizonSeconds) {

    /**
     * Validates the shapes and copies the arrays.
     *
     * @param directions N x k matrix whose column i is the unit-norm eigenvector of Q with the
     *     i-th largest eigenvalue
     * @param energies evoked energies, the k largest eigenvalues of Q in descending order, in s
     *     times squared output units
     * @param amplification {@code energies[i] / referenceEnergy}
     * @param referenceEnergy energy of a single leaky unit {@code tau dx/dt = -x} started at
     *     {@code x = 1} and read out with gain 1 over the same horizon: {@code tau/2} for an
     *     infinite horizon and {@code (tau/2)(1 - exp(-2 T / tau))} for horizon T, in s
     * @param horizonSeconds the horizon T in seconds, {@code Double.POSITIVE_INFINITY} for the
     *     infinite-horizon Gramian
     *
     * @throws IllegalArgumentException if an argument is null, the lengths differ from the
     *     number of columns of {@code directions} or the reference energy is not positive
     */
    public InitialConditions {
        Arguments.requireNonNull(directions, "directions");
        int count = directions.numCols;
        Arguments.requireLength(energies, count, "energies");
        Arguments.requireLength(amplification, count, "amplification");
        Arguments.requirePositive(referenceEnergy, "referenceEnergy (s)");
        directions = directions.copy();
        energies = energies.clone();
        amplification = amplification.clone();
    }

    /** @return a copy of the N x k unit-norm directions, one per column */
    @Override
    public DMatrixRMaj directions() {
        return directions.copy();
    }

    /** @return a copy of the evoked energies in descending order */
    @Override
    public double[] energies() {
        return energies.clone();
    }

    /** @return a copy of the amplification relative to a single leaky unit */
    @Override
    public double[] amplification() {
        return amplification.clone();
    }

    /** @return the number k of directions */
    public int count() {
        return directions.numCols;
    }

    /**
     * Returns direction i as a new array.
     *
     * @param index the rank i, 0 for the most amplified
     * @return the unit-norm vector of length N
     */
    public double[] direction(int index) {
        Arguments.requireInRange(index, 0, count() - 1, "index");
        double[] out = new double[directions.numRows];
        for (int r = 0; r < out.length; r++) {
            out[r] = directions.get(r, index);
        }
        return out;
    }
}
