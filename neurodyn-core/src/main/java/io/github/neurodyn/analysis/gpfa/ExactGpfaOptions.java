package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.api.Arguments;

/**
 * Settings of the EM fit in {@link ExactGpfa#fit}.
 *
 * @param latentCount D, the number of latent dimensions, at least 1 and at most the number of
 *     neurons
 * @param maxIterations EM iterations at most, at least 1
 * @param relativeTolerance stop when the log marginal likelihood rises by less than this
 *     share of its magnitude in one iteration, in [0, 1]
 * @param initialLengthScaleSeconds starting length scale of every latent, in seconds, positive
 * @param lengthScaleSteps gradient steps on the log length scales per M-step, at least 0
 *     (0 keeps the initial length scales)
 */
public record ExactGpfaOptions(int latentCount, int maxIterations, double relativeTolerance,
        double initialLengthScaleSeconds, int lengthScaleSteps) {

    /**
     * Validates the settings.
     *
     * @param latentCount D, the number of latent dimensions, at least 1 and at most the number of
     *     neurons
     * @param maxIterations EM iterations at most, at least 1
     * @param relativeTolerance stop when the log marginal likelihood rises by less than this
     *     share of its magnitude in one iteration, in [0, 1]
     * @param initialLengthScaleSeconds starting length scale of every latent, in seconds, positive
     * @param lengthScaleSteps gradient steps on the log length scales per M-step, at least 0
     *     (0 keeps the initial length scales)
     *
     * @throws IllegalArgumentException when a setting is out of its range
     */
    public ExactGpfaOptions {
        Arguments.requireAtLeast(latentCount, 1, "latentCount");
        Arguments.requireAtLeast(maxIterations, 1, "maxIterations");
        Arguments.requireInRange(relativeTolerance, 0, 1, "relativeTolerance");
        Arguments.requirePositive(initialLengthScaleSeconds, "initialLengthScaleSeconds");
        Arguments.requireFinite(initialLengthScaleSeconds, "initialLengthScaleSeconds");
        Arguments.requireAtLeast(lengthScaleSteps, 0, "lengthScaleSteps");
    }

    /**
     * Returns the defaults for D latents: 200 iterations, relative tolerance 1e-8, initial
     * length scale 0.1 s and 5 length-scale steps per M-step.
     *
     * @param latentCount D, at least 1
     * @return the settings
     */
    public static ExactGpfaOptions defaults(int latentCount) {
        return new ExactGpfaOptions(latentCount, 200, 1e-8, 0.1, 5);
    }
}
