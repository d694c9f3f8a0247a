package io.github.neurodyn.linalg;

import java.util.Arrays;

/**
 * Eigenvalues of a real matrix, as real and imaginary parts.
 *
 * <p>A complex conjugate pair occupies two consecutive entries, the one with positive
 * imaginary part first. Both arrays are copied on construction and on access, so the record
 * is immutable.
 *
 * @param real real parts, one per eigenvalue
 * @param imag imaginary parts, {@code 0} for real eigenvalues
 */
public record Eigenvalues(double[] real, double[] imag) {

    /**
     * Creates the record from copies of the arrays.
     *
     * @param real real parts, one per eigenvalue
     * @param imag imaginary parts, {@code 0} for real eigenvalues
     *
     * @throws IllegalArgumentException if an array is null or their lengths differ
     */
    public Eigenvalues {
        if (real == null || imag == null) {
            throw new IllegalArgumentException("real and imag must not be null");
        }
        if (real.length != imag.length) {
            throw new IllegalArgumentException(String.format(
                    "real and imag must have the same length, found %d and %d", real.length, imag.length));
        }
        real = real.clone();
        imag = imag.clone();
    }

    /** @return a copy of the real parts */
    @Override
    public double[] real() {
        return real.clone();
    }

    /** @return a copy of the imaginary parts */
    @Override
    public double[] imag() {
        return imag.clone();
    }

    /** @return number of eigenvalues */
    public int size() {
        return real.length;
    }

    /** @return the largest real part (the spectral abscissa), or negative infinity when empty */
    public double maxReal() {
        double max = Double.NEGATIVE_INFINITY;
        for (double re : real) {
            max = Math.max(max, re);
        }
        return max;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Eigenvalues that
                && Arrays.equals(real, that.real) && Arrays.equals(imag, that.imag);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(real) + Arrays.hashCode(imag);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Eigenvalues[");
        for (int k = 0; k < real.length; k++) {
            if (k > 0) {
                text.append(", ");
            }
            text.append(real[k]);
            if (imag[k] != 0) {
                text.append(imag[k] > 0 ? " + " : " - ").append(Math.abs(imag[k])).append('i');
            }
        }
        return text.append(']').toString();
    }
}
