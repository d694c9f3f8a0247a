package io.github.neurodyn.analysis;

import java.util.OptionalDouble;

/**
 * Settings of a jPCA run. Start from {@link #defaults()} and change what differs:
 * {@code JpcaOptions.defaults().withPcs(4).withWindowMs(-50, 150)}.
 *
 * @param pcs number of principal components k kept before the dynamics are fitted; even,
 *     at least 2 (default 6)
 * @param softNormalisation the constant c of the soft normalisation {@code x / (range + c)},
 *     in the unit of the rates, or empty to leave the rates as they are (default empty)
 * @param windowStartMs first analysed time in ms, inclusive ({@code -Infinity} for the first bin)
 * @param windowEndMs last analysed time in ms, inclusive ({@code +Infinity} for the last bin)
 */
public record JpcaOptions(int pcs, OptionalDouble softNormalisation, double windowStartMs, double windowEndMs) {

    /** Number of principal components used when none is given, as in the reference code. */
    public static final int DEFAULT_PCS = 6;

    /**
     * Checks the settings.
     *
     * @param pcs number of principal components k kept before the dynamics are fitted; even,
     *     at least 2 (default 6)
     * @param softNormalisation the constant c of the soft normalisation {@code x / (range + c)},
     *     in the unit of the rates, or empty to leave the rates as they are (default empty)
     * @param windowStartMs first analysed time in ms, inclusive ({@code -Infinity} for the first bin)
     * @param windowEndMs last analysed time in ms, inclusive ({@code +Infinity} for the last bin)
     *
     * @throws IllegalArgumentException when {@code pcs} is odd or below 2, the soft
     *     normalisation constant is negative or not finite, or the window is empty or NaN
     */
    public JpcaOptions {
        if (pcs < 2 || pcs % 2 != 0) {
            throw new IllegalArgumentException("pcs must be an even number of at least 2, because jPC planes "
                    + "come in pairs, found " + pcs);
        }
        if (softNormalisation == null) {
            throw new IllegalArgumentException("softNormalisation must not be null; use OptionalDouble.empty()");
        }
        if (softNormalisation.isPresent()) {
            double c = softNormalisation.getAsDouble();
            if (!(c >= 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("softNormalisation constant must be non-negative and finite, found "
                        + c);
            }
        }
        if (!(windowStartMs <= windowEndMs)) {
            throw new IllegalArgumentException(String.format(
                    "window start must not exceed its end, found [%s, %s] ms", windowStartMs, windowEndMs));
        }
    }

    /** @return 6 components, no soft normalisation, all time bins */
    public static JpcaOptions defaults() {
        return new JpcaOptions(DEFAULT_PCS, OptionalDouble.empty(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * Returns these options with another number of principal components.
     *
     * @param count even number of components, at least 2
     * @return the new options
     */
    public JpcaOptions withPcs(int count) {
        return new JpcaOptions(count, softNormalisation, windowStartMs, windowEndMs);
    }

    /**
     * Returns these options with soft normalisation {@code x / (range + constant)}, where range
     * is each neuron's maximum minus minimum over all conditions and times. The reference code
     * uses 5 spikes/s on raw rates; 0 gives full range normalisation.
     *
     * @param constant the constant, in the unit of the rates, non-negative
     * @return the new options
     */
    public JpcaOptions withSoftNormalisation(double constant) {
        return new JpcaOptions(pcs, OptionalDouble.of(constant), windowStartMs, windowEndMs);
    }

    /**
     * Returns these options with an analysis window; bins with {@code startMs <= time <= endMs}
     * are analysed.
     *
     * @param startMs first analysed time in ms
     * @param endMs last analysed time in ms, not below {@code startMs}
     * @return the new options
     */
    public JpcaOptions withWindowMs(double startMs, double endMs) {
        return new JpcaOptions(pcs, softNormalisation, startMs, endMs);
    }
}
