package io.github.neurodyn.preparation;

/**
 * Result of the perturbation experiment for one strategy and one preparation time T.
 *
 * @param strategy the strategy
 * @param preparationSeconds T in seconds
 * @param referenceCost prospective cost of the unperturbed trial at its go cue T
 * @param perturbedCostAtGo prospective cost of the perturbed trial at T
 * @param delaySeconds extra preparation time the perturbed trial needs to bring its
 *     prospective cost down to {@code referenceCost}, in [0, cap] seconds: the first grid
 *     point where it gets there
 * @param capped true when the cost stayed above the reference up to T + cap
 * @param resolutionSeconds grid step of the delay in seconds
 * @param perturbedCostSeries prospective cost of the perturbed trial at the go cue
 *     {@code T + min(cap, j resolution)}, j = 0, 1, ...; NaN where the search did not run that
 *     window (a copy is kept)
 */
public record PerturbationOutcome(PreparationStrategy strategy, double preparationSeconds,
        double referenceCost, double perturbedCostAtGo, double delaySeconds, boolean capped,
        double resolutionSeconds, double[] perturbedCostSeries) {

    /**
     * Copies the series so that the record cannot be changed through it.
     *
     * @param strategy the strategy
     * @param preparationSeconds T in seconds
     * @param referenceCost prospective cost of the unperturbed trial at T
     * @param perturbedCostAtGo prospective cost of the perturbed trial at T
     * @param delaySeconds extra preparation time needed, in [0, cap] seconds
     * @param capped true when the cost stayed above the reference up to T + cap
     * @param resolutionSeconds grid step of the delay in seconds
     * @param perturbedCostSeries perturbed cost at each go cue of the grid, NaN where not run
     */
    public PerturbationOutcome {
        perturbedCostSeries = perturbedCostSeries.clone();
    }

    /**
     * Returns a copy of the perturbed cost at each go cue of the grid (NaN where not run).
     *
     * @return a copy of the series, one value per grid point
     */
    @Override
    public double[] perturbedCostSeries() {
        return perturbedCostSeries.clone();
    }
}
