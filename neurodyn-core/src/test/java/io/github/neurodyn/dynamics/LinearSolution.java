package io.github.neurodyn.dynamics;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Analytic solution of the linear network tau_i dx_i/dt = -x_i + (W x)_i + c_i for symmetric W,
 * computed independently of the library with Hipparchus.
 *
 * <p>With D = diag(tau) the system matrix A = D^-1 (W - I) is similar to the symmetric
 * S = D^-1/2 (W - I) D^-1/2, so e^(A t) = D^-1/2 V e^(Lambda t) V^T D^1/2 with S = V Lambda V^T,
 * and x(t) = x* + e^(A t) (x0 - x*) with the fixed point x* = (I - W)^-1 c.
 */
final class LinearSolution {

    private final int n;
    private final double[] sqrtTau;
    private final RealMatrix v;
    private final double[] lambda;
    private final double[] fixedPoint;

    LinearSolution(DMatrixRMaj w, double[] tau, double[] c) {
        n = w.numRows;
        sqrtTau = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtTau[i] = Math.sqrt(tau[i]);
        }
        double[][] s = new double[n][n];
        double[][] leak = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double entry = w.get(i, j) - (i == j ? 1.0 : 0.0);
                s[i][j] = entry / (sqrtTau[i] * sqrtTau[j]);
                leak[i][j] = -entry;
            }
        }
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(s));
        v = eig.getV();
        lambda = eig.getEigenvalues();
        fixedPoint = MatrixUtils.inverse(MatrixUtils.createRealMatrix(leak)).operate(c);
    }

    /** Returns x(t) for x(0) = x0. */
    double[] at(double t, double[] x0) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = sqrtTau[i] * (x0[i] - fixedPoint[i]);
        }
        double[] modes = v.transpose().operate(z);
        for (int k = 0; k < n; k++) {
            modes[k] *= Math.exp(lambda[k] * t);
        }
        double[] back = v.operate(modes);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = fixedPoint[i] + back[i] / sqrtTau[i];
        }
        return x;
    }

    /** Returns a seeded symmetric n x n matrix with entries of size about scale / sqrt(n). */
    static DMatrixRMaj randomSymmetric(int n, double scale, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double value = scale * random.nextGaussian() / Math.sqrt(n);
                w.set(i, j, value);
                w.set(j, i, value);
            }
        }
        return w;
    }

    static double[] randomVector(int n, long seed) {
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
