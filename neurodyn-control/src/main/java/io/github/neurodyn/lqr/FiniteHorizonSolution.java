package io.github.neurodyn.lqr;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Time-varying LQR solution on the grid {@code t_k = k T / steps}, k = 0..steps: the cost
 * matrices X(t_k) of the Riccati differential equation and the gains
 * {@code K(t_k) = R^-1 B^T X(t_k)} of the law {@code u(t) = -K(t) x(t)}.
 *
 * @param timesSeconds grid times t_k in seconds, from 0 to the horizon T
 * @param costMatrices X(t_k) (n x n each), with X(T) the terminal cost
 * @param gains K(t_k) (m x n each)
 */
public record FiniteHorizonSolution(double[] timesSeconds, List<DMatrixRMaj> costMatrices,
        List<DMatrixRMaj> gains) {

    /**
     * Copies the arrays and matrices so that the record cannot be changed through them.
     *
     * @param timesSeconds grid times t_k in seconds, from 0 to the horizon T
     * @param costMatrices X(t_k) (n x n each), with X(T) the terminal cost
     * @param gains K(t_k) (m x n each)
     */
    public FiniteHorizonSolution {
        timesSeconds = timesSeconds.clone();
        costMatrices = costMatrices.stream().map(DMatrixRMaj::copy).toList();
        gains = gains.stream().map(DMatrixRMaj::copy).toList();
    }

    /** {@return a copy of the grid times in seconds} */
    @Override
    public double[] timesSeconds() {
        return timesSeconds.clone();
    }

    /** {@return the number of grid points, steps + 1} */
    public int size() {
        return timesSeconds.length;
    }

    /**
     * Returns a copy of X(t_k).
     *
     * @param k grid index, 0 for t = 0
     * @return the cost matrix
     */
    public DMatrixRMaj costMatrix(int k) {
        return costMatrices.get(k).copy();
    }

    /**
     * Returns a copy of K(t_k).
     *
     * @param k grid index, 0 for t = 0
     * @return the gain
     */
    public DMatrixRMaj gain(int k) {
        return gains.get(k).copy();
    }
}
