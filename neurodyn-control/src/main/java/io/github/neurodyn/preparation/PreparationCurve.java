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

    /**
     * Copies the arrays and the list so that the record cannot be changed through them.
     *
     * @param strategy the strategy
     * @param preparationSeconds preparation times in seconds
     * @param meanProspectiveCost mean prospective cost at the go cue, per preparation time
     * @param meanInputEnergy mean input energy in seconds, per preparation time
     * @param meanEndpointErrorMeters mean end-point error in meters, per preparation time
     * @param meanPathErrorMeters mean path error in meters, per preparation time
     * @param outcomes the arm runs for each preparation time
     */
    public PreparationCurve {
        preparationSeconds = preparationSeconds.clone();
        meanProspectiveCost = meanProspectiveCost.clone();
        meanInputEnergy = meanInputEnergy.clone();
        meanEndpointErrorMeters = meanEndpointErrorMeters.clone();
        meanPathErrorMeters = meanPathErrorMeters.clone();
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Returns a copy of the preparation times in seconds.
     *
     * @return a copy of the preparation times in seconds
     */
    @Override
    public double[] preparationSeconds() {
        return preparationSeconds.clone();
    }

    /**
     * Returns a copy of the mean prospective cost at the go cue.
     *
     * @return a copy of the mean prospective costs, aligned with {@code preparationSeconds}
     */
    @Override
    public double[] meanProspectiveCost() {
        return meanProspectiveCost.clone();
    }

    /**
     * Returns a copy of the mean input energy in seconds.
     *
     * @return a copy of the mean input energies in seconds, aligned with {@code preparationSeconds}
     */
    @Override
    public double[] meanInputEnergy() {
        return meanInputEnergy.clone();
    }

    /**
     * Returns a copy of the mean end-point error in meters.
     *
     * @return a copy of the mean end-point errors in meters, aligned with {@code preparationSeconds}
     */
    @Override
    public double[] meanEndpointErrorMeters() {
        return meanEndpointErrorMeters.clone();
    }

    /**
     * Returns a copy of the mean path error in meters.
     *
     * @return a copy of the mean path errors in meters, aligned with {@code preparationSeconds}
     */
    @Override
    public double[] meanPathErrorMeters() {
        return meanPathErrorMeters.clone();
    }
}
