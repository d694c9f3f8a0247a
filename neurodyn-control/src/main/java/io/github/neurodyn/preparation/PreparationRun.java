package io.github.neurodyn.preparation;

import org.ejml.data.DMatrixRMaj;

/**
 * One simulated preparation window [0, T] of the nonlinear network under one strategy, with
 * the go cue at T. With e = x - x* and v the feedback input:
 *
 * <pre>
 *     stateCostIntegral = int_0^T e^T Q_C e dt
 *     inputEnergy       = int_0^T ||v||^2 dt
 *     prospectiveCost   = e(T)^T Q_C e(T)
 *     totalCost         = stateCostIntegral + lambda inputEnergy + prospectiveCost
 * </pre>
 *
 * The integrals are integrated with the state by the same fourth-order Runge-Kutta steps.
 *
 * @param strategy the strategy that chose the input
 * @param preparationSeconds window length T in seconds
 * @param timesSeconds sample times from 0 to T in seconds, one per integration step
 * @param states states x at the sample times, N x samples
 * @param prospectiveCostSeries {@code e(t)^T Q_C e(t)} at each sample time
 * @param prospectiveCost prospective cost at the go cue, {@code e(T)^T Q_C e(T)}
 * @param stateCostIntegral running state cost in seconds
 * @param inputEnergy feedback input energy in seconds (v is dimensionless like x)
 * @param totalCost the LQR objective of the run
 */
public record PreparationRun(PreparationStrategy strategy, double preparationSeconds,
        double[] timesSeconds, DMatrixRMaj states, double[] prospectiveCostSeries,
        double prospectiveCost, double stateCostIntegral, double inputEnergy, double totalCost) {

    /**
     * Copies the arrays and matrices so that the record cannot be changed through them.
     *
     * @param strategy the strategy that chose the input
     * @param preparationSeconds window length T in seconds
     * @param timesSeconds sample times from 0 to T in seconds
     * @param states states x at the sample times, N x samples
     * @param prospectiveCostSeries {@code e(t)^T Q_C e(t)} at each sample time
     * @param prospectiveCost {@code e(T)^T Q_C e(T)} at the go cue
     * @param stateCostIntegral running state cost in seconds
     * @param inputEnergy feedback input energy in seconds
     * @param totalCost the LQR objective of the run
     */
    public PreparationRun {
        timesSeconds = timesSeconds.clone();
        states = states.copy();
        prospectiveCostSeries = prospectiveCostSeries.clone();
    }

    /**
     * Returns a copy of the sample times in seconds.
     *
     * @return a copy of the sample times in seconds, from 0 to T
     */
    @Override
    public double[] timesSeconds() {
        return timesSeconds.clone();
    }

    /**
     * Returns a copy of the N x samples state matrix.
     *
     * @return a copy of the states (N x samples)
     */
    @Override
    public DMatrixRMaj states() {
        return states.copy();
    }

    /**
     * Returns a copy of the prospective cost at each sample.
     *
     * @return a copy of {@code e(t)^T Q_C e(t)}, one value per sample time
     */
    @Override
    public double[] prospectiveCostSeries() {
        return prospectiveCostSeries.clone();
    }

    /**
     * Returns a copy of the state at the go cue, the initial condition of the movement.
     *
     * @return a copy of x(T) (length N)
     */
    public double[] finalState() {
        int n = states.numRows;
        int last = states.numCols - 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = states.get(i, last);
        }
        return x;
    }
}
