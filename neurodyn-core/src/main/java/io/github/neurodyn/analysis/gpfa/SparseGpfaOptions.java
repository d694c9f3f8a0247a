package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;

/**
 * Settings of the sparse variational fit in {@link SparseGpfa#fit}.
 *
 * @param latentCount D, the number of latents requested, at least 1 and at most the number of
 *     neurons; ARD decides how many of them are retained
 * @param noise the observation model, {@link NoiseModel#GAUSSIAN} or {@link NoiseModel#POISSON}
 * @param inducingPoints inducing points per latent and segment, at least 2, spread evenly over
 *     each segment
 * @param iterations Adam iterations, at least 1
 * @param learningRate Adam step size, positive
 * @param segmentsPerBatch segments (time windows) in each minibatch, at least 1; the fit uses
 *     every segment when there are fewer
 * @param neuronsPerBatch neurons in each minibatch, at least 1; the fit uses every neuron when
 *     there are fewer
 * @param relativeTolerance converged when the mean objective of the last 20 iterations differs
 *     from that of the 20 before by less than this share of its magnitude, in [0, 1]
 * @param retentionThreshold a latent is retained when its ARD scale is above this share of the
 *     largest ARD scale, in (0, 1)
 * @param seed seed of the minibatch draws
 * @param listener receives the objective of every iteration, or null
 */
public record SparseGpfaOptions(int latentCount, NoiseModel noise, int inducingPoints, int iterations,
        double learningRate, int segmentsPerBatch, int neuronsPerBatch, double relativeTolerance,
        double retentionThreshold, long seed, SparseGpfaListener listener) {

    /** Default share of the largest ARD scale that a retained latent exceeds. */
    public static final double DEFAULT_RETENTION_THRESHOLD = 0.01;

    /**
     * Validates the settings.
     *
     * @param latentCount D, the number of latents requested, at least 1. The fit also rejects a
     *     D above the number of neurons, and ARD decides how many of the D are retained
     * @param noise the observation model, not null: {@link NoiseModel#GAUSSIAN}, or
     *     {@link NoiseModel#POISSON} for spike counts
     * @param inducingPoints inducing points per latent and segment, at least 2
     * @param iterations Adam iterations, at least 1
     * @param learningRate Adam step size, positive and finite
     * @param segmentsPerBatch segments (time windows) in each minibatch, at least 1
     * @param neuronsPerBatch neurons in each minibatch, at least 1
     * @param relativeTolerance converged when the mean objective of the last 20 iterations
     *     differs from that of the 20 before by less than this share of its magnitude, in [0, 1]
     * @param retentionThreshold share of the largest ARD scale that a retained latent exceeds,
     *     in (0, 1]
     * @param seed seed of the minibatch draws
     * @param listener receives the objective of every iteration, or null
     * @throws IllegalArgumentException when a setting is null or out of its range
     */
    public SparseGpfaOptions {
        Arguments.requireAtLeast(latentCount, 1, "latentCount");
        Arguments.requireNonNull(noise, "noise");
        Arguments.requireAtLeast(inducingPoints, 2, "inducingPoints");
        Arguments.requireAtLeast(iterations, 1, "iterations");
        Arguments.requirePositive(learningRate, "learningRate");
        Arguments.requireFinite(learningRate, "learningRate");
        Arguments.requireAtLeast(segmentsPerBatch, 1, "segmentsPerBatch");
        Arguments.requireAtLeast(neuronsPerBatch, 1, "neuronsPerBatch");
        Arguments.requireInRange(relativeTolerance, 0, 1, "relativeTolerance");
        Arguments.requireInRange(retentionThreshold, 0, 1, "retentionThreshold");
        Arguments.requirePositive(retentionThreshold, "retentionThreshold");
    }

    /**
     * Returns the defaults for D requested latents: Gaussian noise, 20 inducing points, 1000
     * iterations, learning rate 0.05, 8 segments and 1000 neurons per minibatch, relative
     * tolerance 1e-5, retention threshold 0.01, seed 1 and no listener.
     *
     * @param latentCount D, at least 1
     * @return the settings
     */
    public static SparseGpfaOptions defaults(int latentCount) {
        return new SparseGpfaOptions(latentCount, NoiseModel.GAUSSIAN, 20, 1000, 0.05, 8, 1000, 1e-5,
                DEFAULT_RETENTION_THRESHOLD, 1L, null);
    }

    /**
     * Returns a copy with another iteration count.
     *
     * @param count Adam iterations, at least 1
     * @return the settings
     */
    public SparseGpfaOptions withIterations(int count) {
        return new SparseGpfaOptions(latentCount, noise, inducingPoints, count, learningRate, segmentsPerBatch,
                neuronsPerBatch, relativeTolerance, retentionThreshold, seed, listener);
    }

    /**
     * Returns a copy with another listener.
     *
     * @param observer receives the objective of every iteration, or null
     * @return the settings
     */
    public SparseGpfaOptions withListener(SparseGpfaListener observer) {
        return new SparseGpfaOptions(latentCount, noise, inducingPoints, iterations, learningRate, segmentsPerBatch,
                neuronsPerBatch, relativeTolerance, retentionThreshold, seed, observer);
    }

    /**
     * Returns a copy with other minibatch sizes.
     *
     * @param segments segments (time windows) per minibatch, at least 1
     * @param neurons neurons per minibatch, at least 1
     * @return the settings
     */
    public SparseGpfaOptions withBatches(int segments, int neurons) {
        return new SparseGpfaOptions(latentCount, noise, inducingPoints, iterations, learningRate, segments,
                neurons, relativeTolerance, retentionThreshold, seed, listener);
    }

    /**
     * Returns a copy with another noise model.
     *
     * @param model the observation model
     * @return the settings
     */
    public SparseGpfaOptions withNoise(NoiseModel model) {
        return new SparseGpfaOptions(latentCount, model, inducingPoints, iterations, learningRate, segmentsPerBatch,
                neuronsPerBatch, relativeTolerance, retentionThreshold, seed, listener);
    }
}
