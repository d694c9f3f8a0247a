package io.github.neurodyn.dynamics;

import io.github.neurodyn.linalg.MatrixExponential;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact one-step propagator of the linear network dx/dt = A x + c with A = D^-1 (W - I) and an
 * input c held constant over the step:
 * <pre>
 *     x(t + h) = E x(t) + F c,   E = e^(A h),   F = integral_0^h e^(A s) ds
 * </pre>
 * where F equals A^-1 (E - I) when A is invertible. Both come from one exponential of the
 * 2N x 2N block matrix [[A h, I h], [0, 0]], whose exponential is [[E, F], [0, I]] (Van Loan,
 * IEEE Trans. Autom. Control 23(3), 1978), so a singular A needs no special case. Set-up
 * costs one 2N x 2N matrix exponential, about 100 N^3 flops; a step costs 4 N^2 flops.
 */
final class ExactLinearPropagator {

    private static final Logger LOG = LoggerFactory.getLogger(ExactLinearPropagator.class);

    final double step;
    /** Columns of E and F, {@code e[j][i] = E(i, j)}. */
    final double[][] e;
    final double[][] f;

    ExactLinearPropagator(double[][] weightColumns, double[] inverseTau, double step) {
        int n = inverseTau.length;
        DMatrixRMaj block = new DMatrixRMaj(2 * n, 2 * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = (weightColumns[j][i] - (i == j ? 1.0 : 0.0)) * inverseTau[i];
                block.set(i, j, a * step);
            }
            block.set(i, n + i, step);
        }
        DMatrixRMaj exponential = MatrixExponential.of(block);
        this.step = step;
        this.e = new double[n][n];
        this.f = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                e[j][i] = exponential.get(i, j);
                f[j][i] = exponential.get(i, n + j);
            }
        }
        LOG.debug("exact linear propagator for N = {}, h = {} s", n, step);
    }
}
