package io.github.neurodyn.preparation;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.MatrixExponential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Integrates the Riccati differential equation of the preparation window backward from the
 * go cue with exact Hamiltonian steps. With {@code H = [A, -G; -Q, -A^T]} and
 * {@code Phi = e^(-H delta)}, one step of length delta maps X to
 *
 * <pre>
 *     X' = (Phi21 + Phi22 X) (Phi11 + Phi12 X)^-1,
 * </pre>
 *
 * the exact solution at the new point: X = Y Z^-1 for the linear system
 * {@code d[Z; Y]/dt = H [Z; Y]}, restarted from Z = I at every step. Unlike an explicit Runge-Kutta step it stays stable when the
 * terminal cost makes the equation stiff: X falls from Q_C at a rate near {@code ||G Q_C||}.
 * The step starts at {@code coarse / 2^k}, with the smallest k for which
 * {@code delta ||G||_2 ||X||_2 <= 1/10}, so the grid resolves that fall for the gain
 * interpolation. Cost per step: about 6 N^3 flops for the products and the LU solve, plus
 * one 2N x 2N matrix exponential per distinct step length.
 */
final class RiccatiFlow {

    private static final double RESOLUTION = 0.1;
    private static final int MAX_HALVINGS = 40;
    /** Power iterations of the norm estimate; the rate bound only sets step lengths. */
    private static final int POWER_ITERATIONS = 30;
    /** Factor on the power-iteration estimate, which approaches the norm from below. */
    private static final double POWER_SAFETY = 1.2;

    private RiccatiFlow() {
    }

    static FiniteHorizonGains solve(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj q, double lambda,
            double horizonSeconds, double coarseStepSeconds) {
        int n = a.numRows;

        // G = B~ B~^T / lambda and the Hamiltonian
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaledInput, scaledInput, g);
        CommonOps_DDRM.scale(1 / lambda, g);
        DMatrixRMaj h = new DMatrixRMaj(2 * n, 2 * n);
        CommonOps_DDRM.insert(a, h, 0, 0);
        DMatrixRMaj block = g.copy();
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, h, 0, n);
        block = q.copy();
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, h, n, 0);
        block = CommonOps_DDRM.transpose(a, null);
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, h, n, n);
        double gNorm = spectralNormEstimate(g);

        // March in time-to-go from s = 0, where X = Q_C
        Map<Double, DMatrixRMaj> propagators = new HashMap<>();
        List<Double> times = new ArrayList<>();
        List<DMatrixRMaj> gains = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        DMatrixRMaj x = q.copy();
        double s = 0;
        double rate = gNorm * spectralNormEstimate(x);
        record(times, gains, rates, s, x, scaledInput, lambda, rate);
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        DMatrixRMaj z = new DMatrixRMaj(n, n);
        DMatrixRMaj y = new DMatrixRMaj(n, n);
        DMatrixRMaj next = new DMatrixRMaj(n, n);
        while (s < horizonSeconds) {
            io.github.neurodyn.api.CancelledException.checkInterrupted("Riccati flow", times.size() - 1);

            // Step length: halve the coarse step until it resolves the current rate
            double delta = coarseStepSeconds;
            int halvings = 0;
            while (delta * rate > RESOLUTION && halvings < MAX_HALVINGS) {
                delta *= 0.5;
                halvings++;
            }
            delta = Math.min(delta, horizonSeconds - s);
            final double length = delta;
            DMatrixRMaj phi = propagators.computeIfAbsent(length, key -> {
                DMatrixRMaj scaled = h.copy();
                CommonOps_DDRM.scale(-key, scaled);
                return MatrixExponential.of(scaled);
            });

            // X' = (Phi21 + Phi22 X)(Phi11 + Phi12 X)^-1, solved as (Phi11 + Phi12 X)^T X'^T = (...)^T
            DMatrixRMaj phi11 = CommonOps_DDRM.extract(phi, 0, n, 0, n);
            DMatrixRMaj phi12 = CommonOps_DDRM.extract(phi, 0, n, n, 2 * n);
            DMatrixRMaj phi21 = CommonOps_DDRM.extract(phi, n, 2 * n, 0, n);
            DMatrixRMaj phi22 = CommonOps_DDRM.extract(phi, n, 2 * n, n, 2 * n);
            CommonOps_DDRM.mult(phi12, x, z);
            CommonOps_DDRM.addEquals(z, phi11);
            CommonOps_DDRM.mult(phi22, x, y);
            CommonOps_DDRM.addEquals(y, phi21);
            if (!lu.setA(CommonOps_DDRM.transpose(z, null))) {
                throw new NeurodynException("the Riccati step at time-to-go " + s + " s failed: the propagated"
                        + " basis is singular");
            }
            lu.solve(CommonOps_DDRM.transpose(y, null), next);
            CommonOps_DDRM.transpose(next, x);
            ProspectiveCost.symmetrise(x);
            if (!isFinite(x)) {
                throw new NeurodynException("the Riccati differential equation overflowed at time-to-go "
                        + (s + length) + " s");
            }
            s = s + length >= horizonSeconds * (1 - 1e-12) ? horizonSeconds : s + length;
            rate = gNorm * spectralNormEstimate(x);
            record(times, gains, rates, s, x, scaledInput, lambda, rate);
        }

        double[] grid = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] rateArray = rates.stream().mapToDouble(Double::doubleValue).toArray();
        return new FiniteHorizonGains(horizonSeconds, grid, gains, rateArray, x);
    }

    private static void record(List<Double> times, List<DMatrixRMaj> gains, List<Double> rates, double s,
            DMatrixRMaj x, DMatrixRMaj scaledInput, double lambda, double rate) {
        DMatrixRMaj k = new DMatrixRMaj(scaledInput.numCols, x.numRows);
        CommonOps_DDRM.multTransA(scaledInput, x, k);
        CommonOps_DDRM.scale(1 / lambda, k);
        times.add(s);
        gains.add(k);
        rates.add(rate);
    }

    /**
     * Estimates the 2-norm of a symmetric positive semidefinite matrix by power iteration,
     * enlarged by {@link #POWER_SAFETY} and capped by the infinity norm, which bounds it.
     * Costs {@link #POWER_ITERATIONS} matrix-vector products.
     */
    static double spectralNormEstimate(DMatrixRMaj m) {
        int n = m.numRows;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 + 0.01 * i;
        }
        double estimate = 0;
        for (int iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double sum = 0;
                int offset = i * n;
                for (int j = 0; j < n; j++) {
                    sum += m.data[offset + j] * v[j];
                }
                w[i] = sum;
                norm += sum * sum;
            }
            double vNorm = 0;
            for (int i = 0; i < n; i++) {
                vNorm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            estimate = norm / Math.sqrt(vNorm);
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / norm;
            }
        }
        return Math.min(symmetricNorm(m), POWER_SAFETY * estimate);
    }

    /**
     * Returns an upper estimate of the 2-norm of a symmetric positive semidefinite matrix:
     * the largest absolute row sum, which bounds every eigenvalue (Gershgorin).
     */
    static double symmetricNorm(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < m.numCols; j++) {
                sum += Math.abs(m.get(i, j));
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private static boolean isFinite(DMatrixRMaj m) {
        for (double value : m.data) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
