package io.github.neurodyn.loop;

/**
 * Result of {@link LoopFitter#fit()}: the fitted loop and the diagnostics of the fit. Costs
 * are the infinite-horizon costs of the linearised closed loop, {@code tr(X S)}, for the
 * initial-error moment Sigma_0 of the fit (dimensionless, like {@code e^T Q_C e} times
 * seconds).
 *
 * @param loop the loop with the fitted weights
 * @param lqrCost {@code tr(X_LQR Sigma_0)} of the steady-state LQR law, from its CARE solution
 * @param initialCost linear cost of the SVD initialisation (after any shrinking of P that
 *     was needed to make it stable)
 * @param cost linear cost of the fitted loop
 * @param iterations accepted L-BFGS iterations
 * @param converged whether the relative gradient norm or the relative decrease fell below
 *     its tolerance before the iteration cap
 * @param stopReason why the optimiser stopped, in words
 * @param gradientNorm Euclidean norm of the gradient of {@code cost / lqrCost} at the end
 * @param closedLoopAbscissa spectral abscissa of the fitted linear closed loop, in 1/s
 *     (negative: stable)
 */
public record LoopFit(ThalamocorticalLoop loop, double lqrCost, double initialCost, double cost, int iterations,
        boolean converged, String stopReason, double gradientNorm, double closedLoopAbscissa) {

    /**
     * Returns {@code cost / lqrCost - 1}, the linear-model excess of the fitted loop over LQR.
     *
     * @return {@code cost / lqrCost - 1}, dimensionless, and 0 when the loop matches LQR
     */
    public double relativeCostExcess() {
        return cost / lqrCost - 1;
    }

    /**
     * Returns {@code initialCost / lqrCost - 1}, the linear-model excess of the SVD initialisation.
     *
     * @return {@code initialCost / lqrCost - 1}, dimensionless
     */
    public double initialRelativeCostExcess() {
        return initialCost / lqrCost - 1;
    }
}
