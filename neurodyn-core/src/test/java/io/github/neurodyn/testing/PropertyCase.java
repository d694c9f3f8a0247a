package io.github.neurodyn.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One generated input of a property test: a matrix family, a size, a seed and a scale. A
 * failing case is shrunk to the smallest size, and then to scale 1, that still fails, so the
 * failure message names a small case to keep as a regression test.
 *
 * @param family where the eigenvalues lie
 * @param n matrix size
 * @param seed seed of the generator
 * @param scale factor applied to the matrix
 */
public record PropertyCase(MatrixFamily family, int n, long seed, double scale) {

    /**
     * Returns every combination of the given families, sizes, seeds and scales.
     *
     * @param families the families
     * @param sizes the sizes
     * @param seeds the seeds
     * @param scales the scales
     * @return the cases, family-major
     */
    public static List<PropertyCase> grid(MatrixFamily[] families, int[] sizes, long[] seeds, double[] scales) {
        List<PropertyCase> cases = new ArrayList<>();
        for (MatrixFamily family : families) {
            for (int n : sizes) {
                for (long seed : seeds) {
                    for (double scale : scales) {
                        cases.add(new PropertyCase(family, n, seed, scale));
                    }
                }
            }
        }
        return cases;
    }

    /**
     * Runs {@code property} on every case. On the first failure it shrinks the case and fails
     * with both the original and the smallest failing case and the smallest case's message.
     *
     * @param cases the cases
     * @param property the checks, which throw {@link AssertionError} or a runtime exception on failure
     */
    public static void checkAll(List<PropertyCase> cases, Consumer<PropertyCase> property) {
        for (PropertyCase c : cases) {
            Throwable failure = failureOf(property, c);
            if (failure != null) {
                PropertyCase smallest = c.shrink(property);
                Throwable smallestFailure = failureOf(property, smallest);
                fail("property failed on " + c + " (" + failure.getMessage() + "); smallest failing case "
                        + smallest + ": " + smallestFailure, smallestFailure);
            }
        }
    }

    /** Returns the smallest size from 1, then scale 1, on which {@code property} still fails. */
    private PropertyCase shrink(Consumer<PropertyCase> property) {
        PropertyCase smallest = this;
        // Size 0 is an edge case of its own, so a failure at n >= 1 shrinks to n >= 1.
        for (int m = Math.min(1, n); m < n; m++) {
            PropertyCase smaller = new PropertyCase(family, m, seed, scale);
            if (failureOf(property, smaller) != null) {
                smallest = smaller;
                break;
            }
        }
        PropertyCase unscaled = new PropertyCase(family, smallest.n, seed, 1.0);
        if (smallest.scale != 1.0 && failureOf(property, unscaled) != null) {
            smallest = unscaled;
        }
        return smallest;
    }

    private static Throwable failureOf(Consumer<PropertyCase> property, PropertyCase c) {
        try {
            property.accept(c);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }

    @Override
    public String toString() {
        return family + " n = " + n + " seed = " + seed + " scale = " + scale;
    }
}
