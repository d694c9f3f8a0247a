package io.github.neurodyn.linalg;

import io.github.neurodyn.api.InaccurateSolutionException;
import io.github.neurodyn.api.SingularEquationException;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;

/**
 * Exact scaling of the data of a matrix equation by powers of two, so that the solvers work
 * on entries of order one. Without it, products of valid inputs such as {@code 2 a_ii} or
 * {@code A X} can overflow (A = [[-1e308]]) or underflow even though the solution is of
 * order one. Multiplying by {@code 2^k} changes only the binary exponent, so it adds no
 * rounding error unless an entry becomes subnormal.
 *
 * <p>Matrices whose largest entry lies between {@code 2^-LIMIT} and {@code 2^LIMIT} are left
 * as they are, so that ordinary inputs give bitwise the results and messages of the unscaled
 * solver. Within that range the squares and products that the Schur form, the triangular
 * solve and the residual form stay far from overflow and underflow.
 */
final class PowerOfTwoScaling {

    /** Binary exponent of the largest entry beyond which a matrix is scaled. */
    static final int LIMIT = 256;

    private PowerOfTwoScaling() {
    }

    /**
     * Returns the exponent by which to scale the given matrices: the binary exponent e of
     * their largest entry magnitude, so that {@code 2^e <= max |m_ij| < 2^(e+1)}, when
     * {@code |e| > LIMIT}, and 0 otherwise or when every entry is zero. For a subnormal
     * maximum, e is {@code Double.MIN_EXPONENT - 1}.
     */
    static int exponent(DMatrixRMaj... matrices) {
        double max = 0.0;
        for (DMatrixRMaj m : matrices) {
            int size = m.getNumElements();
            for (int i = 0; i < size; i++) {
                max = Math.max(max, Math.abs(m.data[i]));
            }
        }
        int exponent = max == 0.0 ? 0 : Math.getExponent(max);
        return Math.abs(exponent) > LIMIT ? exponent : 0;
    }

    /**
     * Runs a solve on a coefficient matrix scaled by {@code 2^-exponent}. When that solve
     * rejects the spectrum, the exception message is extended to state that the quoted
     * eigenvalues are those of the scaled matrix.
     *
     * @param matrix name of the scaled coefficient matrix for the message
     */
    static <T> T withScaledSpectrum(int exponent, String matrix, Supplier<T> solve) {
        if (exponent == 0) {
            return solve.get();
        }
        try {
            return solve.get();
        } catch (SingularEquationException e) {
            throw new SingularEquationException(String.format(
                    "%s; the eigenvalues quoted are those of 2^%d %s, which the solver scaled to avoid overflow",
                    e.getMessage(), -exponent, matrix));
        }
    }

    /** Returns {@code 2^-exponent m} as a new matrix, or {@code m} itself when the exponent is 0. */
    static DMatrixRMaj scaled(DMatrixRMaj m, int exponent) {
        if (exponent == 0) {
            return m;
        }
        DMatrixRMaj result = new DMatrixRMaj(m.numRows, m.numCols);
        int size = m.getNumElements();
        for (int i = 0; i < size; i++) {
            result.data[i] = Math.scalb(m.data[i], -exponent);
        }
        return result;
    }

    /**
     * Multiplies the solution {@code x} of the scaled equation by {@code 2^exponent} in place
     * and returns it. Entries below the smallest double round to subnormals or zero, which is
     * the nearest representable value.
     *
     * @throws InaccurateSolutionException if an entry overflows, because the solution of the
     *     unscaled equation is outside the range of double
     */
    static DMatrixRMaj unscaleSolution(DMatrixRMaj x, int exponent, String equation) {
        int size = x.getNumElements();
        for (int i = 0; i < size; i++) {
            double value = Math.scalb(x.data[i], exponent);
            if (Double.isInfinite(value)) {
                throw new InaccurateSolutionException(String.format(
                        "%s solution overflows: entry %.6g of the scaled solution times 2^%d is beyond the "
                                + "largest double %.6g; rescale the right-hand side or the coefficients",
                        equation, x.data[i], exponent, Double.MAX_VALUE), Double.POSITIVE_INFINITY,
                        EquationResiduals.TOLERANCE);
            }
            x.data[i] = value;
        }
        return x;
    }
}
