package io.github.neurodyn.api;

import org.ejml.data.DMatrixRMaj;

/**
 * Argument checks shared by every public entry point. Each check throws
 * {@link IllegalArgumentException} with a message that names the argument, gives the value
 * or shape found and states what was expected, for example
 * {@code "A must be square, found 3x4"}.
 *
 * <p>The checks run once at the API boundary; hot loops never call them.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Checks that a reference is not null.
     *
     * @param value the argument
     * @param name the argument's name in messages
     * @param <T> the argument's type
     * @return {@code value}
     */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Checks that a matrix is non-null and has only finite entries.
     *
     * @param m the matrix
     * @param name the argument's name in messages
     * @return {@code m}
     */
    public static DMatrixRMaj requireFinite(DMatrixRMaj m, String name) {
        requireNonNull(m, name);
        int cols = m.numCols;
        int size = m.getNumElements();
        for (int k = 0; k < size; k++) {
            double v = m.data[k];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(String.format(
                        "%s has the non-finite entry %s at (%d, %d); expected finite values",
                        name, v, k / cols, k % cols));
            }
        }
        return m;
    }

    /**
     * Checks that a vector is non-null and has only finite entries.
     *
     * @param v the vector
     * @param name the argument's name in messages
     * @return {@code v}
     */
    public static double[] requireFinite(double[] v, String name) {
        requireNonNull(v, name);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(String.format(
                        "%s has the non-finite entry %s at index %d; expected finite values", name, v[i], i));
            }
        }
        return v;
    }

    /**
     * Checks that a matrix is non-null, square and finite.
     *
     * @param m the matrix
     * @param name the argument's name in messages
     * @return {@code m}
     */
    public static DMatrixRMaj requireSquare(DMatrixRMaj m, String name) {
        requireNonNull(m, name);
        if (m.numRows != m.numCols) {
            throw new IllegalArgumentException(String.format(
                    "%s must be square, found %dx%d", name, m.numRows, m.numCols));
        }
        return requireFinite(m, name);
    }

    /**
     * Checks that a matrix is non-null, finite and has the given shape.
     *
     * @param m the matrix
     * @param rows expected number of rows
     * @param cols expected number of columns
     * @param name the argument's name in messages
     * @return {@code m}
     */
    public static DMatrixRMaj requireShape(DMatrixRMaj m, int rows, int cols, String name) {
        requireNonNull(m, name);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(String.format(
                    "%s must be %dx%d, found %dx%d", name, rows, cols, m.numRows, m.numCols));
        }
        return requireFinite(m, name);
    }

    /**
     * Checks that a vector is non-null, finite and has the given length.
     *
     * @param v the vector
     * @param length expected length
     * @param name the argument's name in messages
     * @return {@code v}
     */
    public static double[] requireLength(double[] v, int length, String name) {
        requireNonNull(v, name);
        if (v.length != length) {
            throw new IllegalArgumentException(String.format(
                    "%s must have length %d, found %d", name, length, v.length));
        }
        return requireFinite(v, name);
    }

    /**
     * Checks that a square, finite matrix is symmetric to a relative tolerance:
     * {@code |m_ij - m_ji| <= relativeTolerance * max(1, max |m_ij|)}.
     *
     * @param m the matrix
     * @param relativeTolerance allowed asymmetry relative to the largest entry
     * @param name the argument's name in messages
     * @return {@code m}
     */
    public static DMatrixRMaj requireSymmetric(DMatrixRMaj m, double relativeTolerance, String name) {
        requireSquare(m, name);
        int n = m.numRows;
        double scale = 0;
        for (int k = 0; k < n * n; k++) {
            scale = Math.max(scale, Math.abs(m.data[k]));
        }
        double bound = relativeTolerance * Math.max(1.0, scale);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double gap = Math.abs(m.get(i, j) - m.get(j, i));
                if (gap > bound) {
                    throw new IllegalArgumentException(String.format(
                            "%s must be symmetric, but %s(%d, %d) - %s(%d, %d) = %.3e exceeds %.3e",
                            name, name, i, j, name, j, i, gap, bound));
                }
            }
        }
        return m;
    }

    /**
     * Checks that a number is finite and strictly positive.
     *
     * @param value the argument
     * @param name the argument's name in messages, with its unit where it has one
     * @return {@code value}
     */
    public static double requirePositive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(
                    "%s must be positive and finite, found %s", name, value));
        }
        return value;
    }

    /**
     * Checks that a number is finite and not negative.
     *
     * @param value the argument
     * @param name the argument's name in messages, with its unit where it has one
     * @return {@code value}
     */
    public static double requireNonNegative(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(
                    "%s must be non-negative and finite, found %s", name, value));
        }
        return value;
    }

    /**
     * Checks that a number is finite.
     *
     * @param value the argument
     * @param name the argument's name in messages
     * @return {@code value}
     */
    public static double requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format("%s must be finite, found %s", name, value));
        }
        return value;
    }

    /**
     * Checks that an integer is at least {@code minimum}.
     *
     * @param value the argument
     * @param minimum smallest allowed value
     * @param name the argument's name in messages
     * @return {@code value}
     */
    public static int requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(String.format(
                    "%s must be at least %d, found %d", name, minimum, value));
        }
        return value;
    }

    /**
     * Checks that a number lies in the closed interval {@code [lower, upper]}.
     *
     * @param value the argument
     * @param lower smallest allowed value
     * @param upper largest allowed value
     * @param name the argument's name in messages
     * @return {@code value}
     */
    public static double requireInRange(double value, double lower, double upper, String name) {
        if (!(value >= lower && value <= upper)) {
            throw new IllegalArgumentException(String.format(
                    "%s must lie in [%s, %s], found %s", name, lower, upper, value));
        }
        return value;
    }

    /**
     * Checks that a number is a probability, in {@code [0, 1]}.
     *
     * @param value the argument
     * @param name the argument's name in messages
     * @return {@code value}
     */
    public static double requireProbability(double value, String name) {
        return requireInRange(value, 0.0, 1.0, name);
    }
}
