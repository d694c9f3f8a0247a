package io.github.neurodyn.movement;

import io.github.neurodyn.api.NeurodynException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Minimiser of {@code a^T H a - 2 g^T a} subject to {@code ||a|| = rho}, H symmetric positive
 * semidefinite: the least-squares problem {@code min ||G a - y||^2} at fixed norm with
 * {@code H = G^T G}, {@code g = G^T y}.
 *
 * <p>The minimiser solves {@code (H + mu I) a = g} with {@code mu >= -lambda_min(H)}
 * (Moré and Sorensen, Computing a trust region step, SIAM J. Sci. Stat. Comput. 4(3), 1983).
 * With {@code H = U diag(lambda) U^T} and {@code b = U^T g},
 * {@code ||a(mu)||^2 = sum b_i^2 / (lambda_i + mu)^2} decreases on
 * {@code (-lambda_min, inf)}, so mu is found by bisection. In the hard case (b has no
 * component along the smallest eigenvector and {@code ||a(-lambda_min)|| < rho}) the remaining
 * norm is added along that eigenvector.
 */
final class NormConstrainedLeastSquares {

    private static final int BISECTION_STEPS = 200;
    /** Offset above -lambda_min, relative to the largest |lambda|, at which the hard case is tested. */
    private static final double HARD_CASE_OFFSET = 1e-12;

    private NormConstrainedLeastSquares() {
    }

    static double[] solve(DMatrixRMaj h, double[] g, double rho) {
        int k = g.length;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
        if (!eig.decompose(h.copy())) {
            throw new NeurodynException("symmetric eigendecomposition of the " + k + "x" + k
                    + " Gauss-Newton matrix failed");
        }
        double[] lambda = new double[k];
        double[][] u = new double[k][];
        double[] b = new double[k];
        int smallest = 0;
        double bNorm = 0;
        for (int i = 0; i < k; i++) {
            lambda[i] = eig.getEigenvalue(i).real;
            u[i] = eig.getEigenVector(i).data.clone();
            double dot = 0;
            for (int d = 0; d < k; d++) {
                dot += u[i][d] * g[d];
            }
            b[i] = dot;
            bNorm += dot * dot;
            if (lambda[i] < lambda[smallest]) {
                smallest = i;
            }
        }
        bNorm = Math.sqrt(bNorm);
        double shift = -lambda[smallest];

        // Bracket: at mu = shift + ||b|| / rho every term is at most b_i^2 rho^2 / ||b||^2.
        double low = shift;
        double high = shift + bNorm / rho;
        double[] a;
        double scale = 0;
        for (double value : lambda) {
            scale = Math.max(scale, Math.abs(value));
        }
        double probe = shift + HARD_CASE_OFFSET * Math.max(scale, Double.MIN_NORMAL);
        if (bNorm == 0 || normAt(lambda, b, probe) <= rho) {
            // Hard case: the pseudo-inverse solution at mu = -lambda_min plus a move along u_min.
            a = combination(lambda, b, u, shift, smallest);
            double squared = 0;
            for (double x : a) {
                squared += x * x;
            }
            double fill = Math.sqrt(Math.max(rho * rho - squared, 0));
            for (int d = 0; d < k; d++) {
                a[d] += fill * u[smallest][d];
            }
            return a;
        }
        for (int step = 0; step < BISECTION_STEPS && high - low > 1e-15 * Math.max(1, Math.abs(high)); step++) {
            double middle = 0.5 * (low + high);
            if (normAt(lambda, b, middle) > rho) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return combination(lambda, b, u, high, -1);
    }

    private static double normAt(double[] lambda, double[] b, double mu) {
        double sum = 0;
        for (int i = 0; i < lambda.length; i++) {
            double ratio = b[i] / (lambda[i] + mu);
            sum += ratio * ratio;
        }
        return Math.sqrt(sum);
    }

    /** Returns {@code sum_i b_i / (lambda_i + mu) u_i}, skipping index {@code skip}. */
    private static double[] combination(double[] lambda, double[] b, double[][] u, double mu, int skip) {
        int k = lambda.length;
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            double denominator = lambda[i] + mu;
            if (i == skip || denominator <= 0) {
                continue;
            }
            double weight = b[i] / denominator;
            for (int d = 0; d < k; d++) {
                a[d] += weight * u[i][d];
            }
        }
        return a;
    }
}
