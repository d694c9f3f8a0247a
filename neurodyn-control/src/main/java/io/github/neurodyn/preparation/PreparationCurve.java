package io.github.neurodyn.preparation;

import io.github.neurodyn.movement.ReachOutcome;
import java.util.List;

/**
 * Outcomes of one strategy against preparation time, each averaged over the reaches. The
 * arrays are aligned with {@code preparationSeconds}.
 *
 * @param strategy the strategy
 * @param preparationSeconds preparation times in seconds
 * @param meanProspectiveCost mean of {@code e(T)^T Q_C e(T)} at the go cue
 * @param meanInputEnergy mean of {@code int_0^T ||v||^2 dt}, in seconds
 * @param meanEndpointErrorMeters mean distance between the hand and the target at the end of
 *     the reach, in meters
 * @param meanPathErrorMeters mean over reaches of the root-mean-square distance between the hand
 *     path and the target path over the reach, in meters
 * @param outcomes the arm runs for each preparation time
 */
public record PreparationCurve(PreparationStrategy strategy, double[] preparationSeconds,
        double[] meanProspectiveCost, double[] meanInputEnergy, double[] meanEndpointErrorMeters,
        double[] meanPathErrorMeters, List<ReachOutcome> outcomes) {

    /** Copies the arrays and the list so that the record cannot be changed through them. */
    public PreparationCurve {
        preparationSeconds = preparationSeconds.clone();
        meanProspectiveCost = meanProspectiveCost.clone();
        meanInputEnergy = meanInputEnergy.clone();
        meanEndpointErrorMeters = meanEndpointErrorMeters.clone();
        meanPathErrorMeters = meanPathErrorMeters.clone();
        outcomes = List.copyOf(outcomes);
    }

    /** Returns a copy of the preparation times in seconds. */
    @Override
    public double[] preparationSeconds() {
        return preparationSeconds.clone();
    }

    /** Returns a copy of the mean prospective cost at the go cue. */
    @Override
    public double[] meanProspectiveCost() {
        return meanProspectiveCost.clone();
    }

    /** Returns a copy of the mean input energy in seconds. */
    @Override
    public double[] meanInputEnergy() {
        return meanInputEnergy.clone();
    }

    /** Returns a copy of the mean end-point error in meters. */
    @Override
    public double[] meanEndpointErrorMeters() {
        return meanEndpointErrorMeters.clone();
    }

    /** Returns a copy of the mean path error in meters. */
    @Override
    public double[] meanPathErrorMeters() {
        return meanPathErrorMeters.clone();
    }
}
