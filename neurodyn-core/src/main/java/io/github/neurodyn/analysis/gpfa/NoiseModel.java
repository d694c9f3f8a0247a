package io.github.neurodyn.analysis.gpfa;

/**
 * Observation model of GPFA: how the activity {@code y_nt} of neuron n in time bin t depends
 * on its linear predictor {@code C_n . x_t + d_n}.
 */
public enum NoiseModel {

    /** Gaussian noise with a per-neuron variance; any finite activity (rates or counts). */
    GAUSSIAN,

    /** Poisson spike counts; the activity must be non-negative integers. */
    POISSON
}
