package io.github.neurodyn.spectral;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.linalg.RealSchur;
import org.ejml.data.DMatrixRMaj;

/**
 * Spectral abscissa {@code alpha(A) = max Re lambda(A)} and spectral radius
 * {@code rho(A) = max |lambda(A)|} of a square matrix.
 *
 * <p>For a connectivity {@code W} the linear network {@code tau dx/dt = -x + W x} is stable
 * when {@code alpha(W) < 1}; for {@code A = (W - I) / tau} the abscissa maps to
 * {@code (alpha(W) - 1) / tau}.
 *
 * <p>Cost: one balanced Hessenberg QR eigenvalue computation without Schur vectors, about
 * {@code 10 n^3} flops.
 */
public final class SpectralAbscissa {

    private SpectralAbscissa() {
    }

    /**
     * Computes the spectral abscissa {@code max Re lambda(a)}.
     *
     * @param a square, finite matrix with at least one row
     * @return the largest real part of the eigenvalues, in the units of {@code a}
     * @throws IllegalArgumentException if {@code a} is null, not square, empty or not finite
     */
    public static double of(DMatrixRMaj a) {
        validate(a);
        return RealSchur.eigenvalues(a, true).maxReal();
    }

    /**
     * Computes the spectral radius {@code max |lambda(a)|}.
     *
     * @param a square, finite matrix with at least one row
     * @return the largest eigenvalue modulus
     * @throws IllegalArgumentException if {@code a} is null, not square, empty or not finite
     */
    public static double spectralRadius(DMatrixRMaj a) {
        validate(a);
        Eigenvalues eigenvalues = RealSchur.eigenvalues(a, true);
        double[] re = eigenvalues.real();
        double[] im = eigenvalues.imag();
        double max = 0;
        for (int i = 0; i < re.length; i++) {
            max = Math.max(max, Math.hypot(re[i], im[i]));
        }
        return max;
    }

    static void validate(DMatrixRMaj a) {
        validate(a, "A");
    }

    /** Rejects a null, non-square, empty or non-finite matrix, naming it {@code name}. */
    static void validate(DMatrixRMaj a, String name) {
        Arguments.requireSquare(a, name);
        Arguments.requireAtLeast(a.numRows, 1, name + ".numRows");
    }
}
