package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/** Central finite differences and random variational posteriors for the gradient tests. */
final class GradientChecks {

    /** Central-difference step, in the unit of each parameter. */
    static final double STEP = 1e-5;
    /** Allowed difference between analytic and numerical gradients, relative to 1 + |gradient|. */
    static final double GRADIENT_TOLERANCE = 1e-6;

    private GradientChecks() {
    }

    /** Returns {@code (f(at + STEP) - f(at - STEP)) / (2 STEP)}. */
    static double centralDifference(double at, DoubleUnaryOperator function) {
        return (function.applyAsDouble(at + STEP) - function.applyAsDouble(at - STEP)) / (2 * STEP);
    }

    /**
     * Returns the central difference of {@code objective} with respect to {@code data[index]},
     * changing that entry in place and restoring it afterwards.
     */
    static double entryDifference(double[] data, int index, DoubleSupplier objective) {
        double original = data[index];
        return centralDifference(original, value -> {
            data[index] = value;
            double result = objective.getAsDouble();
            data[index] = original;
            return result;
        });
    }

    /** Asserts that the analytic gradient matches the numerical one within the tolerance. */
    static void assertClose(double numerical, double analytic, String label) {
        assertEquals(numerical, analytic, GRADIENT_TOLERANCE * (1 + Math.abs(numerical)), label);
    }

    /**
     * Fills {@code means[j]} with standard normal entries and {@code factors[j]} with a lower
     * triangular factor whose diagonal lies in [0.3, 0.8], for each latent j.
     */
    static void randomInducing(Random random, double[][] inducingMs, DMatrixRMaj[] means, DMatrixRMaj[] factors) {
        for (int j = 0; j < inducingMs.length; j++) {
            int m = inducingMs[j].length;
            means[j] = new DMatrixRMaj(m, 1);
            factors[j] = new DMatrixRMaj(m, m);
            for (int i = 0; i < m; i++) {
                means[j].set(i, random.nextGaussian());
                factors[j].set(i, i, 0.3 + 0.5 * random.nextDouble());
                for (int k = 0; k < i; k++) {
                    factors[j].set(i, k, 0.2 * random.nextGaussian());
                }
            }
        }
    }
}
