package io.github.neurodyn.spectral;

import org.ejml.data.DMatrixRMaj;

/**
 * Evoked-energy spectrum of a linear rate network {@code tau dx/dt = -x + W x}: for each
 * optimal initial condition (an eigenvector of the observability Gramian with {@code C = I})
 * the energy {@code integral ||x(t)||^2 dt} it evokes, relative to the energy
 * {@code tau / 2} that a single leaky unit returns for a unit initial condition.
 *
 * @param amplification the relative energies in descending order, dimensionless
 * @param directions the matching unit initial conditions, one per column
 * @param timeConstant the time constant {@code tau}, in seconds
 */
public record EnergySpectrum(double[] amplification, DMatrixRMaj directions, double timeConstant) {

    /**
     * Copies the arrays so that the record stays immutable.
     *
     * @param amplification the relative energies in descending order, dimensionless
     * @param directions the matching unit initial conditions, one per column
     * @param timeConstant the time constant {@code tau}, in seconds
     */
    public EnergySpectrum {
        amplification = amplification.clone();
        directions = directions.copy();
    }

    /** @return a copy of the relative energies, in descending order */
    @Override
    public double[] amplification() {
        return amplification.clone();
    }

    /** @return a copy of the initial conditions, one unit vector per column */
    @Override
    public DMatrixRMaj directions() {
        return directions.copy();
    }

    /**
     * Counts the initial conditions amplified more than a threshold.
     *
     * @param threshold relative energy
     * @return how many amplification values exceed {@code threshold}
     */
    public int countAbove(double threshold) {
        int count = 0;
        for (double value : amplification) {
            if (value > threshold) {
                count++;
            }
        }
        return count;
    }
}
