package io.github.neurodyn.lqr;

import io.github.neurodyn.riccati.RiccatiSolution;
import org.ejml.data.DMatrixRMaj;

/**
 * Infinite-horizon LQR design: the state-feedback law {@code u = -K x}, its cost matrix and
 * closed loop. The matrices are copies owned by the record.
 *
 * @param gain feedback gain K (m x n)
 * @param costMatrix X (n x n): the optimal cost from state x0 is {@code x0^T X x0}
 * @param closedLoop closed-loop matrix {@code A - B K} (n x n)
 * @param riccati the Riccati solution with its diagnostics (residual, closed-loop
 *     eigenvalues, method)
 */
public record LqrGain(DMatrixRMaj gain, DMatrixRMaj costMatrix, DMatrixRMaj closedLoop,
        RiccatiSolution riccati) {

    /**
     * Copies the matrices so that the record cannot be changed through them.
     *
     * @param gain feedback gain K (m x n)
     * @param costMatrix X (n x n): the optimal cost from state x0 is {@code x0^T X x0}
     * @param closedLoop closed-loop matrix {@code A - B K} (n x n)
     * @param riccati the Riccati solution with its diagnostics (residual, closed-loop
     *     eigenvalues, method)
     */
    public LqrGain {
        gain = gain.copy();
        costMatrix = costMatrix.copy();
        closedLoop = closedLoop.copy();
    }

    /** {@return a copy of K} */
    @Override
    public DMatrixRMaj gain() {
        return gain.copy();
    }

    /** {@return a copy of X} */
    @Override
    public DMatrixRMaj costMatrix() {
        return costMatrix.copy();
    }

    /** {@return a copy of A - B K} */
    @Override
    public DMatrixRMaj closedLoop() {
        return closedLoop.copy();
    }
}
