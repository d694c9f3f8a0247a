package io.github.neurodyn.spectral;

import org.ejml.data.DMatrixRMaj;

/**
 * Smoothed spectral abscissa of a matrix {@code A}, its gradient and the diagnostics of the
 * root-solve that produced it.
 *
 * @param value the smoothed spectral abscissa {@code s > alpha(A)}, in the units of the
 *     eigenvalues of {@code A}
 * @param epsilon the smoothing parameter; {@code trace P(s) = 1 / epsilon}
 * @param abscissa the spectral abscissa {@code alpha(A) = max Re lambda(A)}
 * @param gradient {@code d value / d A = Q P / trace(Q P)}, same shape as {@code A}
 * @param iterations Newton, secant and bisection steps of the root-solve
 * @param relativeResidual {@code |epsilon trace P(value) - 1|} at the returned value
 */
public record SmoothedAbscissa(
        double value, double epsilon, double abscissa, DMatrixRMaj gradient, int iterations, double relativeResidual) {

    /**
     * Copies the gradient so that the record stays immutable.
     *
     * @param value the smoothed spectral abscissa {@code s > alpha(A)}, in the units of the
     *     eigenvalues of {@code A}
     * @param epsilon the smoothing parameter; {@code trace P(s) = 1 / epsilon}
     * @param abscissa the spectral abscissa {@code alpha(A) = max Re lambda(A)}
     * @param gradient {@code d value / d A = Q P / trace(Q P)}, same shape as {@code A}
     * @param iterations Newton, secant and bisection steps of the root-solve
     * @param relativeResidual {@code |epsilon trace P(value) - 1|} at the returned value
     */
    public SmoothedAbscissa {
        gradient = gradient.copy();
    }

    /** @return a copy of {@code d value / d A = Q P / trace(Q P)} */
    @Override
    public DMatrixRMaj gradient() {
        return gradient.copy();
    }
}
