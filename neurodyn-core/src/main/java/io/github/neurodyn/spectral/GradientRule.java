package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;

/**
 * Rule for the shift {@code s} at which the stability optimiser evaluates the gradient
 * {@code Q P / trace(Q P)} of the smoothed spectral abscissa of the connectivity {@code W}.
 * The shift is either the exact smoothed abscissa for a smoothing parameter, or a value
 * computed from the spectral abscissa {@code alpha(W)} without a root-solve.
 */
public sealed interface GradientRule permits GradientRule.Smoothed, GradientRule.Shift {

    /**
     * Evaluates the gradient at the exact smoothed spectral abscissa {@code s} of {@code W},
     * the root of {@code trace P(s) = 1 / epsilon}.
     *
     * @param epsilon smoothing parameter, positive
     */
    record Smoothed(double epsilon) implements GradientRule {

        /**
         * Validates the smoothing parameter.
         *
         * @param epsilon smoothing parameter, positive
         * @throws IllegalArgumentException if {@code epsilon} is not positive and finite
         */
        public Smoothed {
            Arguments.requirePositive(epsilon, "epsilon");
        }
    }

    /**
     * Evaluates the gradient at {@code s = max(factor alpha, alpha + offset, floor)}.
     *
     * @param factor multiplier of the abscissa, finite
     * @param offset distance above the abscissa, not negative
     * @param floor smallest shift; {@code Double.NEGATIVE_INFINITY} for none
     */
    record Shift(double factor, double offset, double floor) implements GradientRule {

        /**
         * Validates the parameters.
         *
         * @param factor multiplier of the abscissa, finite
         * @param offset distance above the abscissa, not negative
         * @param floor smallest shift; {@code Double.NEGATIVE_INFINITY} for none
         * @throws IllegalArgumentException if {@code factor} is not finite, {@code offset} is
         *     negative or not finite, or {@code floor} is NaN or positive infinity
         */
        public Shift {
            Arguments.requireFinite(factor, "factor");
            Arguments.requireNonNegative(offset, "offset");
            if (Double.isNaN(floor) || floor == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("floor must be finite or negative infinity, found " + floor);
            }
        }

        /**
         * Returns the shift for a given spectral abscissa.
         *
         * @param abscissa {@code alpha(W)}
         * @return {@code max(factor alpha, alpha + offset, floor)}
         */
        public double shiftFor(double abscissa) {
            return Math.max(Math.max(factor * abscissa, abscissa + offset), floor);
        }
    }

    /**
     * Returns the exact smoothed abscissa rule.
     *
     * @param epsilon smoothing parameter, positive
     * @return the rule
     */
    static GradientRule smoothed(double epsilon) {
        return new Smoothed(epsilon);
    }

    /**
     * Returns the shift heuristic {@code s = max(1.5 alpha, alpha + 0.2)} of Hennequin,
     * Vogels and Gerstner (Neuron 82, 2014) as published in their code.
     *
     * @return the rule
     */
    static GradientRule hennequinShift() {
        return new Shift(1.5, 0.2, Double.NEGATIVE_INFINITY);
    }

    /**
     * Returns the shift {@code s = max(1, 1.2 alpha)} used by Kao, Sadabadi and Hennequin
     * (Neuron 109, 2021).
     *
     * @return the rule
     */
    static GradientRule kaoShift() {
        return new Shift(1.2, 0.0, 1.0);
    }
}
