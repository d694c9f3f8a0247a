package io.github.neurodyn.preparation;

/**
 * Result of the perturbation experiment for one strategy and one preparation time T.
 *
 * @param strategy the strategy
 * @param preparationSeconds T in seconds
 * @param referenceCost prospective cost of the unperturbed trial at the go cue
 * @param perturbedCostAtGo prospective cost of the perturbed trial at T
 * @param delaySeconds extra preparation time the perturbed trial needs to bring its
 *     prospective cost down to {@code referenceCost}, in [0, cap] seconds
 * @param capped true when the cost stayed above the reference up to T + cap
 */
public record PerturbationOutcome(PreparationStrategy strategy, double preparationSeconds,
        double referenceCost, double perturbedCostAtGo, double delaySeconds, boolean capped) {
}
