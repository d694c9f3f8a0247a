package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.linalg.RealSchur;
import org.ejml.data.DMatrixRMaj;

/**
 * Linear diagnostics of inhibition stabilisation at an operating point x* of
 * tau dx/dt = -x + W phi(x) + h.
 *
 * <p>The Jacobian in units of 1/tau is J = -I + W diag(phi'(x*)). With the excitatory
 * neurons first, its excitatory block is -I + W_EE diag(phi'_E(x*)): the dynamics of the
 * excitatory neurons with the inhibitory rates frozen. A network is inhibition-stabilised
 * (ISN) when J is stable but the excitatory block is not, so that only the inhibitory
 * feedback holds the excitation in check.
 *
 * <p>Cost: two eigenvalue computations, about 10 N^3 + 10 N<sub>E</sub>^3 flops.
 */
public final class InhibitionStabilisation {

    private InhibitionStabilisation() {
    }

    /**
     * Returns the effective connectivity W diag(phi'(x*)), whose abscissa is 1 at the
     * stability boundary.
     *
     * @param weights W, N x N
     * @param nonlinearity phi
     * @param operatingPoint x*, length N
     * @return a new N x N matrix with entries W(i, j) phi'(x*_j)
     * @throws IllegalArgumentException if an argument is null, not finite or of the wrong shape
     */
    public static DMatrixRMaj effectiveConnectivity(DMatrixRMaj weights, Nonlinearity nonlinearity,
            double[] operatingPoint) {
        validate(weights, nonlinearity, operatingPoint);
        return scaleColumns(weights, gains(nonlinearity, operatingPoint), weights.numRows);
    }

    /**
     * Returns the Jacobian J = -I + W diag(phi'(x*)) in units of 1/tau.
     *
     * @param weights W, N x N
     * @param nonlinearity phi
     * @param operatingPoint x*, length N
     * @return a new N x N matrix J
     * @throws IllegalArgumentException if an argument is null, not finite or of the wrong shape
     */
    public static DMatrixRMaj jacobian(DMatrixRMaj weights, Nonlinearity nonlinearity, double[] operatingPoint) {
        DMatrixRMaj j = effectiveConnectivity(weights, nonlinearity, operatingPoint);
        for (int i = 0; i < j.numRows; i++) {
            j.add(i, i, -1.0);
        }
        return j;
    }

    /**
     * Computes the abscissa of W diag(phi'(x*)) and of its excitatory block.
     *
     * @param weights W, N x N, excitatory neurons first
     * @param nonlinearity phi
     * @param operatingPoint x*, length N, usually the mean state under the input of interest
     * @param excitatoryCount N<sub>E</sub>, in [1, N]
     * @return the diagnostics
     * @throws IllegalArgumentException if an argument is null, not finite or of the wrong
     *     shape, or N<sub>E</sub> is outside [1, N]
     */
    public static IsnDiagnostics analyse(DMatrixRMaj weights, Nonlinearity nonlinearity, double[] operatingPoint,
            int excitatoryCount) {
        validate(weights, nonlinearity, operatingPoint);
        int n = weights.numRows;
        if (excitatoryCount < 1 || excitatoryCount > n) {
            throw new IllegalArgumentException(String.format(
                    "excitatoryCount must lie in [1, %d], found %d", n, excitatoryCount));
        }
        double[] gains = gains(nonlinearity, operatingPoint);
        DMatrixRMaj effective = scaleColumns(weights, gains, n);
        Eigenvalues eigenvalues = RealSchur.eigenvalues(effective, true);

        // The excitatory block is the leading N_E x N_E submatrix.
        DMatrixRMaj block = new DMatrixRMaj(excitatoryCount, excitatoryCount);
        for (int i = 0; i < excitatoryCount; i++) {
            System.arraycopy(effective.data, i * n, block.data, i * excitatoryCount, excitatoryCount);
        }
        double excitatoryAbscissa = RealSchur.eigenvalues(block, true).maxReal();

        int active = 0;
        for (double g : gains) {
            if (g > 0) {
                active++;
            }
        }
        return new IsnDiagnostics(eigenvalues.maxReal(), excitatoryAbscissa, eigenvalues, (double) active / n);
    }

    private static double[] gains(Nonlinearity nonlinearity, double[] operatingPoint) {
        double[] gains = new double[operatingPoint.length];
        nonlinearity.derivatives(operatingPoint, gains, gains.length);
        for (int j = 0; j < gains.length; j++) {
            if (!Double.isFinite(gains[j])) {
                throw new IllegalArgumentException(String.format(
                        "phi'(x*) is %s at neuron %d (x* = %s); expected a finite slope", gains[j], j,
                        operatingPoint[j]));
            }
        }
        return gains;
    }

    private static DMatrixRMaj scaleColumns(DMatrixRMaj weights, double[] gains, int n) {
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out.data[i * n + j] = weights.data[i * n + j] * gains[j];
            }
        }
        return out;
    }

    private static void validate(DMatrixRMaj weights, Nonlinearity nonlinearity, double[] operatingPoint) {
        Arguments.requireSquare(weights, "weights");
        Arguments.requireAtLeast(weights.numRows, 1, "weights.numRows");
        Arguments.requireNonNull(nonlinearity, "nonlinearity");
        Arguments.requireLength(operatingPoint, weights.numRows, "operatingPoint");
    }
}
