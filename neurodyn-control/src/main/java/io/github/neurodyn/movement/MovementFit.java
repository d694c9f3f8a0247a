package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A fitted readout with one prepared initial state per movement. The torque of movement i is
 * {@code y_i(t) = C r_E(t)}, where r_E(t) are the excitatory rates of the nonlinear network
 * started at column i of {@link #initialStates()}; C maps the spontaneous rates and every
 * prepared state's rates to zero torque.
 *
 * @param readout C, m x N_E, from excitatory rates to m outputs (torques in N m for the arm)
 * @param initialStates N x K, column i the prepared state x0_i of movement i
 * @param torques fitted outputs, one T x m matrix per movement, from the nonlinear simulation
 * @param relativeErrors per movement, {@code ||y_i - target_i||_F / ||target_i||_F}
 * @param r2 coefficient of determination over all movements, time samples and outputs:
 *     {@code 1 - SS_res / SS_tot}, with SS_tot about the mean of each output
 * @param maxConstraintViolation largest {@code |C r|} over r_spont and the prepared states'
 *     excitatory rates, relative to the largest target magnitude (round-off when the
 *     constraint holds)
 * @param directions the Gramian eigenvectors whose span contains every {@code x0_i - x_spont}
 * @param iterations alternating iterations run
 * @param bestIteration the iteration (from 0) whose pair (C, x0) is returned
 */
public record MovementFit(
        DMatrixRMaj readout, DMatrixRMaj initialStates, List<DMatrixRMaj> torques, double[] relativeErrors,
        double r2, double maxConstraintViolation, InitialConditions directions, int iterations, int bestIteration) {

    /**
     * Validates and copies.
     *
     * @param readout C, m x N_E, from excitatory rates to m outputs (torques in N m for the arm)
     * @param initialStates N x K, column i the prepared state x0_i of movement i
     * @param torques fitted outputs, one T x m matrix per movement, from the nonlinear simulation
     * @param relativeErrors per movement, {@code ||y_i - target_i||_F / ||target_i||_F}
     * @param r2 coefficient of determination over all movements, time samples and outputs:
     *     {@code 1 - SS_res / SS_tot}, with SS_tot about the mean of each output
     * @param maxConstraintViolation largest {@code |C r|} over r_spont and the prepared states'
     *     excitatory rates, relative to the largest target magnitude (round-off when the
     *     constraint holds)
     * @param directions the Gramian eigenvectors whose span contains every {@code x0_i - x_spont}
     * @param iterations alternating iterations run
     * @param bestIteration the iteration (from 0) whose pair (C, x0) is returned
     *
     * @throws IllegalArgumentException if an argument is null or the counts disagree
     */
    public MovementFit {
        Arguments.requireNonNull(readout, "readout");
        Arguments.requireNonNull(initialStates, "initialStates");
        Arguments.requireNonNull(directions, "directions");
        int movements = initialStates.numCols;
        Arguments.requireLength(relativeErrors, movements, "relativeErrors");
        if (torques == null || torques.size() != movements) {
            throw new IllegalArgumentException("torques must contain " + movements + " matrices, found "
                    + (torques == null ? "null" : torques.size()));
        }
        readout = readout.copy();
        initialStates = initialStates.copy();
        torques = torques.stream().map(DMatrixRMaj::copy).toList();
        relativeErrors = relativeErrors.clone();
    }

    /** @return a copy of the readout C, m x N_E */
    @Override
    public DMatrixRMaj readout() {
        return readout.copy();
    }

    /** @return a copy of the N x K prepared states */
    @Override
    public DMatrixRMaj initialStates() {
        return initialStates.copy();
    }

    /** @return copies of the fitted T x m outputs */
    @Override
    public List<DMatrixRMaj> torques() {
        return torques.stream().map(DMatrixRMaj::copy).toList();
    }

    /** @return a copy of the per-movement relative errors */
    @Override
    public double[] relativeErrors() {
        return relativeErrors.clone();
    }

    /** @return the number K of movements */
    public int movements() {
        return initialStates.numCols;
    }

    /**
     * Returns the prepared state of one movement.
     *
     * @param movement the index i, from 0
     * @return x0_i as a new array of length N
     */
    public double[] initialState(int movement) {
        Arguments.requireInRange(movement, 0, movements() - 1, "movement");
        double[] out = new double[initialStates.numRows];
        for (int r = 0; r < out.length; r++) {
            out[r] = initialStates.get(r, movement);
        }
        return out;
    }
}
