package io.github.neurodyn.preparation;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Time-varying preparation gains for a window of length H, indexed by the time left before
 * the go cue (time-to-go) s = H - t. The law is {@code v(t) = -K(s) (x - x*)} with
 * {@code K(s) = B~^T X(s) / lambda}, where X solves the Riccati differential equation
 * {@code dX/ds = A^T X + X A - X G X + Q_C}, {@code X(0) = Q_C}, {@code G = B~ B~^T / lambda}.
 * The grid is finer near s = 0, where X falls fast from the terminal cost.
 *
 * @param horizonSeconds window length H in seconds
 * @param timeToGoSeconds grid of time-to-go values in seconds, increasing from 0 to H
 * @param gains K at each grid point (m x N each)
 * @param closedLoopRates upper bounds on {@code ||G X(s)||_2} at each grid point, in 1/s
 * @param initialCostMatrix X(H) (N x N): the optimal cost of the window from error e0 is
 *     {@code e0^T X(H) e0}
 */
public record FiniteHorizonGains(double horizonSeconds, double[] timeToGoSeconds, List<DMatrixRMaj> gains,
        double[] closedLoopRates, DMatrixRMaj initialCostMatrix) {

    /**
     * Copies the arrays and matrices so that the record cannot be changed through them.
     *
     * @param horizonSeconds window length H in seconds
     * @param timeToGoSeconds time-to-go grid in seconds, increasing from 0 to H
     * @param gains K at each grid point (m x N each)
     * @param closedLoopRates bounds on {@code ||G X(s)||_2} at each grid point, in 1/s
     * @param initialCostMatrix X(H) (N x N)
     */
    public FiniteHorizonGains {
        timeToGoSeconds = timeToGoSeconds.clone();
        gains = gains.stream().map(DMatrixRMaj::copy).toList();
        closedLoopRates = closedLoopRates.clone();
        initialCostMatrix = initialCostMatrix.copy();
    }

    /**
     * Returns a copy of the time-to-go grid in seconds.
     *
     * @return a copy of the time-to-go grid in seconds, increasing from 0 to H
     */
    @Override
    public double[] timeToGoSeconds() {
        return timeToGoSeconds.clone();
    }

    /**
     * Returns a copy of the closed-loop rate bounds in 1/s.
     *
     * @return a copy of the rate bounds in 1/s, one per grid point
     */
    @Override
    public double[] closedLoopRates() {
        return closedLoopRates.clone();
    }

    /**
     * Returns a copy of X(H).
     *
     * @return a copy of X(H) (N x N)
     */
    @Override
    public DMatrixRMaj initialCostMatrix() {
        return initialCostMatrix.copy();
    }
}
