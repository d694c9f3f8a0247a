package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Outcome of a {@link PlasticityTraining} run.
 *
 * @param initialWeights W before learning; copied on construction and on access
 * @param finalWeights W after learning; copied on construction and on access
 * @param firstWindow mean state and rates over the first report window, the operating point
 *     of the network as learning starts
 * @param lastWindow mean state and rates over the last report window
 * @param history one report per window, in time order
 * @param snapshots the weights at the requested times that the run reached, in time order
 * @param learningSeconds the simulated training time, in seconds
 * @param steps the number of integration steps
 * @param stoppedByListener whether the listener ended the run before its duration
 * @param finalState x at the end of the run
 */
public record TrainingResult(DMatrixRMaj initialWeights, DMatrixRMaj finalWeights, OperatingPoint firstWindow,
        OperatingPoint lastWindow, List<TrainingReport> history, List<WeightSnapshot> snapshots,
        double learningSeconds, long steps, boolean stoppedByListener, double[] finalState) {

    /**
     * Creates the record from copies of its arguments.
     *
     * @param initialWeights W before learning; copied on construction and on access
     * @param finalWeights W after learning; copied on construction and on access
     * @param firstWindow mean state and rates over the first report window, the operating point
     *     of the network as learning starts
     * @param lastWindow mean state and rates over the last report window
     * @param history one report per window, in time order
     * @param snapshots the weights at the requested times that the run reached, in time order
     * @param learningSeconds the simulated training time, in seconds
     * @param steps the number of integration steps
     * @param stoppedByListener whether the listener ended the run before its duration
     * @param finalState x at the end of the run
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public TrainingResult {
        initialWeights = Arguments.requireNonNull(initialWeights, "initialWeights").copy();
        finalWeights = Arguments.requireNonNull(finalWeights, "finalWeights").copy();
        Arguments.requireNonNull(firstWindow, "firstWindow");
        Arguments.requireNonNull(lastWindow, "lastWindow");
        history = List.copyOf(history);
        snapshots = List.copyOf(snapshots);
        finalState = Arguments.requireNonNull(finalState, "finalState").clone();
    }

    /** @return a copy of W before learning */
    @Override
    public DMatrixRMaj initialWeights() {
        return initialWeights.copy();
    }

    /** @return a copy of W after learning */
    @Override
    public DMatrixRMaj finalWeights() {
        return finalWeights.copy();
    }

    /** @return a copy of the final state */
    @Override
    public double[] finalState() {
        return finalState.clone();
    }
}
