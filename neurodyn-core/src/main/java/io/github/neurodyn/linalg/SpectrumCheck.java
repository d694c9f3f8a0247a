package io.github.neurodyn.linalg;

import io.github.neurodyn.api.SingularEquationException;
import org.ejml.data.DMatrixRMaj;

/**
 * Distance of a matrix equation from singularity, read from the eigenvalues on the
 * diagonal of quasi-triangular matrices: the eigenvalues of the continuous operator
 * {@code X -> S X + X R} are {@code lambda_i + mu_j}, those of the discrete operator
 * {@code X -> T X T^T - X} are {@code lambda_i lambda_j - 1}.
 *
 * <p>The separation is the smallest such eigenvalue in magnitude. It is an upper bound on
 * the true separation {@code sep = 1 / ||L^-1||} of the operator {@code L}, equal to it
 * for normal matrices and possibly far larger for nonnormal ones. Cost {@code O(m n)}.
 */
final class SpectrumCheck {

    private final double separation;
    private final double scale;
    private final double[] closestPair;

    private SpectrumCheck(double separation, double scale, double[] closestPair) {
        this.separation = separation;
        this.scale = scale;
        this.closestPair = closestPair;
    }

    /** Checks {@code (T - shift I) Y + Y (T - shift I)^T}: pairs {@code lambda_i + lambda_j - 2 shift}. */
    static SpectrumCheck continuous(DMatrixRMaj t, double shift) {
        double[][] lambda = eigenvalues(t);
        double[] mu = lambda[0].clone();
        for (int i = 0; i < mu.length; i++) {
            mu[i] -= shift;
        }
        double[] muImag = lambda[1];
        return sums(mu, muImag, mu, muImag, shiftedNorm(t, shift) * 2.0);
    }

    /** Checks {@code S Y + Y R}: pairs {@code lambda_i(S) + lambda_j(R)}. */
    static SpectrumCheck sylvester(DMatrixRMaj s, DMatrixRMaj r) {
        double[][] lambda = eigenvalues(s);
        double[][] mu = eigenvalues(r);
        return sums(lambda[0], lambda[1], mu[0], mu[1], shiftedNorm(s, 0.0) + shiftedNorm(r, 0.0));
    }

    /** Checks {@code T Y T^T - Y}: pairs {@code lambda_i lambda_j - 1}. */
    static SpectrumCheck discrete(DMatrixRMaj t) {
        double[][] lambda = eigenvalues(t);
        double[] re = lambda[0];
        double[] im = lambda[1];
        double best = Double.POSITIVE_INFINITY;
        double[] pair = null;
        for (int i = 0; i < re.length; i++) {
            for (int j = i; j < re.length; j++) {
                double productRe = re[i] * re[j] - im[i] * im[j];
                double productIm = re[i] * im[j] + im[i] * re[j];
                double distance = modulus(productRe - 1.0, productIm);
                // The conjugate of lambda_j pairs with lambda_i as well.
                double conjugateRe = re[i] * re[j] + im[i] * im[j];
                double conjugateIm = -re[i] * im[j] + im[i] * re[j];
                double conjugateDistance = modulus(conjugateRe - 1.0, conjugateIm);
                double d = Math.min(distance, conjugateDistance);
                if (d < best) {
                    best = d;
                    pair = new double[] {re[i], im[i], re[j], d == distance ? im[j] : -im[j]};
                }
            }
        }
        double norm = shiftedNorm(t, 0.0);
        return new SpectrumCheck(best, norm * norm + Math.sqrt(re.length), pair);
    }

    private static SpectrumCheck sums(double[] re1, double[] im1, double[] re2, double[] im2, double scale) {
        double best = Double.POSITIVE_INFINITY;
        double[] pair = null;
        for (int i = 0; i < re1.length; i++) {
            for (int j = 0; j < re2.length; j++) {
                // Complex eigenvalues come in conjugate pairs, so lambda_i + conj(mu_j) occurs too.
                double realSum = re1[i] + re2[j];
                double d = modulus(realSum, Math.abs(im1[i]) - Math.abs(im2[j]));
                if (d < best) {
                    best = d;
                    pair = new double[] {re1[i], im1[i], re2[j], -Math.signum(im1[i]) * Math.abs(im2[j])};
                }
            }
        }
        return new SpectrumCheck(best, scale, pair);
    }

    /**
     * Returns {@code sqrt(x^2 + y^2)} without the overflow guard of {@link Math#hypot}, which
     * costs more than the rest of the pair loop. A distance above about 1e154 overflows to
     * infinity, which still counts as far from singular, so the minimum is unaffected.
     */
    private static double modulus(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    /** Smallest |eigenvalue| of the operator, in the operator's own units. */
    double separation() {
        return separation;
    }

    /** {@link #separation()} divided by the norm bound of the operator; infinite for empty problems. */
    double relativeSeparation() {
        if (closestPair == null) {
            return Double.POSITIVE_INFINITY;
        }
        return scale > 0 ? separation / scale : 0.0;
    }

    /** Raises when the relative separation is at most {@code tolerance}. */
    void raiseIfSingular(String equation, double tolerance) {
        if (relativeSeparation() <= tolerance) {
            throw new SingularEquationException(String.format(
                    "%s equation is singular or nearly singular: eigenvalue pair %s gives an operator "
                            + "eigenvalue of size %.3e, %.3e relative to the operator norm (limit %.3e)",
                    equation, describeClosestPair(), separation, relativeSeparation(), tolerance));
        }
    }

    /** Describes the eigenvalue pair that sets the separation. */
    String describeClosestPair() {
        if (closestPair == null) {
            return "(none, empty problem)";
        }
        return "(" + complex(closestPair[0], closestPair[1]) + ", " + complex(closestPair[2], closestPair[3]) + ")";
    }

    private static String complex(double re, double im) {
        if (im == 0.0) {
            return String.format("%.6g", re);
        }
        return String.format("%.6g%+.6gi", re, im);
    }

    /** Returns {@code ||T - shift I||_F}. */
    private static double shiftedNorm(DMatrixRMaj t, double shift) {
        int n = t.numRows;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = t.data[i * n + j] - (i == j ? shift : 0.0);
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Returns the eigenvalues {real parts, imaginary parts} of an upper quasi-triangular
     * matrix, reading 1x1 blocks directly and solving each 2x2 block's characteristic
     * polynomial.
     */
    static double[][] eigenvalues(DMatrixRMaj t) {
        int n = t.numRows;
        double[] re = new double[n];
        double[] im = new double[n];
        int i = 0;
        while (i < n) {
            if (i + 1 < n && t.data[(i + 1) * n + i] != 0.0) {
                double a = t.data[i * n + i];
                double b = t.data[i * n + i + 1];
                double c = t.data[(i + 1) * n + i];
                double d = t.data[(i + 1) * n + i + 1];
                double mean = 0.5 * (a + d);
                double half = 0.5 * (a - d);
                double discriminant = half * half + b * c;
                if (discriminant < 0) {
                    double imag = Math.sqrt(-discriminant);
                    re[i] = mean;
                    re[i + 1] = mean;
                    im[i] = imag;
                    im[i + 1] = -imag;
                } else {
                    double root = Math.sqrt(discriminant);
                    re[i] = mean + root;
                    re[i + 1] = mean - root;
                }
                i += 2;
            } else {
                re[i] = t.data[i * n + i];
                i++;
            }
        }
        return new double[][] {re, im};
    }
}
