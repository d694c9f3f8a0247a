package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import org.ejml.data.DMatrixRMaj;

/**
 * The weight matrix at one time of a training run.
 *
 * @param timeSeconds the simulated time of the copy, in seconds
 * @param weights W at that time, N x N; copied on construction and on access
 */
public record WeightSnapshot(double timeSeconds, DMatrixRMaj weights) {

    /**
     * Creates the record from a copy of the matrix.
     *
     * @param timeSeconds the simulated time of the copy, in seconds
     * @param weights W at that time, N x N; copied on construction and on access
     *
     * @throws IllegalArgumentException if the matrix is null
     */
    public WeightSnapshot {
        weights = Arguments.requireNonNull(weights, "weights").copy();
    }

    /** @return a copy of W */
    @Override
    public DMatrixRMaj weights() {
        return weights.copy();
    }
}
