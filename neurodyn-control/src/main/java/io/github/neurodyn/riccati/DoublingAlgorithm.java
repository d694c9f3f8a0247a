package io.github.neurodyn.riccati;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Structure-preserving doubling algorithm (SDA) for Riccati equations in standard form.
 *
 * <p>The discrete equation {@code Y = H0 + A0^T Y (I + G0 Y)^-1 A0} is solved by the
 * structure-preserving doubling iteration (Chu, Fan, Lin and Wang, Int. J. Control 77(8),
 * 2004; reviewed with its convergence theory by Poloni, arXiv:2005.08903, 2020):
 * <pre>
 *   W_k     = I + G_k H_k
 *   A_{k+1} = A_k W_k^-1 A_k
 *   G_{k+1} = G_k + A_k W_k^-1 G_k A_k^T
 *   H_{k+1} = H_k + A_k^T H_k W_k^-1 A_k
 * </pre>
 * H_k increases monotonically to the stabilising Y, and the error decays like
 * {@code rho^(2^k)} with rho the spectral radius of the closed loop. The continuous equation
 * {@code A^T Y + Y A - Y G Y + Q = 0} is first mapped by a Cayley transform with shift
 * gamma > 0 (Chu, Fan and Lin, Linear Algebra Appl. 396, 2005) to
 * <pre>
 *   A_gamma = A - gamma I,   W = A_gamma^T + Q A_gamma^-1 G,
 *   A0 = I + 2 gamma W^-T,   G0 = 2 gamma A_gamma^-1 G W^-1,   H0 = 2 gamma W^-1 Q A_gamma^-1,
 * </pre>
 * which has the same stabilising solution. Each doubling step costs about 17 n^3 flops.
 */
final class DoublingAlgorithm {

    /** Maximum doubling steps. Step k raises the contraction factor to the power 2^k. */
    static final int MAX_ITERATIONS = 60;
    /** Relative change of H below which the iteration has converged. */
    static final double TOLERANCE = 2 * Math.ulp(1.0);
    /** Relative change below which a change that no longer shrinks counts as rounding noise. */
    static final double STAGNATION_LEVEL = 1e-9;
    /** Largest 1-norm condition number of A - gamma I and W accepted for the Cayley transform. */
    static final double MAX_CAYLEY_CONDITION = 1e10;

    /**
     * Result of one doubling run.
     *
     * @param y the solution, null when the iteration failed
     * @param iterations doubling steps taken
     * @param lastChange relative change of H in the last step
     * @param failure why the iteration failed, null on success
     */
    record Outcome(DMatrixRMaj y, int iterations, double lastChange, String failure) {
        boolean converged() {
            return failure == null;
        }
    }

    private DoublingAlgorithm() {
    }

    /** Solves {@code Y = Q + A^T Y (I + G Y)^-1 A}. */
    static Outcome discrete(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        return iterate(a.copy(), g.copy(), q.copy());
    }

    /** Solves {@code A^T Y + Y A - Y G Y + Q = 0} through the Cayley transform. */
    static Outcome continuous(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        int n = a.numRows;
        double normA = Dense.normF(a);
        double gamma = Math.sqrt(normA * normA + Dense.normF(g) * Dense.normF(q)) / Math.sqrt(n);
        if (!(gamma > 0)) {
            gamma = 1.0;
        }

        // Double gamma until A - gamma I and W are well conditioned, which a large shift ensures
        for (int attempt = 0; attempt < 8; attempt++, gamma *= 2) {
            DMatrixRMaj aGamma = a.copy();
            for (int i = 0; i < n; i++) {
                aGamma.add(i, i, -gamma);
            }
            DMatrixRMaj aGammaInverse = Dense.invert(aGamma);
            if (aGammaInverse == null || !(Dense.condition1(aGamma, aGammaInverse) < MAX_CAYLEY_CONDITION)) {
                continue;
            }
            DMatrixRMaj w = Dense.add(Dense.transpose(aGamma), Dense.mult(q, Dense.mult(aGammaInverse, g)));
            DMatrixRMaj wInverse = Dense.invert(w);
            if (wInverse == null || !(Dense.condition1(w, wInverse) < MAX_CAYLEY_CONDITION)) {
                continue;
            }
            DMatrixRMaj a0 = Dense.scale(2 * gamma, Dense.transpose(wInverse));
            for (int i = 0; i < n; i++) {
                a0.add(i, i, 1.0);
            }
            DMatrixRMaj g0 = Dense.symmetrize(Dense.scale(2 * gamma, Dense.mult(aGammaInverse, Dense.mult(g, wInverse))));
            DMatrixRMaj h0 = Dense.symmetrize(Dense.scale(2 * gamma, Dense.mult(wInverse, Dense.mult(q, aGammaInverse))));
            return iterate(a0, g0, h0);
        }
        return new Outcome(null, 0, Double.NaN,
                "no Cayley shift gamma up to " + gamma + " made A - gamma I and W well conditioned");
    }

    private static Outcome iterate(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj h) {
        int n = a.numRows;
        DMatrixRMaj rhs = new DMatrixRMaj(n, 2 * n);
        DMatrixRMaj wInverseA = new DMatrixRMaj(n, n);
        DMatrixRMaj wInverseG = new DMatrixRMaj(n, n);
        double previousChange = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= MAX_ITERATIONS; k++) {
            // Solve W [X1 X2] = [A G] with W = I + G H
            DMatrixRMaj w = Dense.mult(g, h);
            for (int i = 0; i < n; i++) {
                w.add(i, i, 1.0);
            }
            CommonOps_DDRM.insert(a, rhs, 0, 0);
            CommonOps_DDRM.insert(g, rhs, 0, n);
            DMatrixRMaj solved = Dense.solve(w, rhs);
            if (solved == null) {
                return new Outcome(null, k, previousChange, "I + G H became singular");
            }
            CommonOps_DDRM.extract(solved, 0, n, 0, n, wInverseA, 0, 0);
            CommonOps_DDRM.extract(solved, 0, n, n, 2 * n, wInverseG, 0, 0);

            // Doubling step
            DMatrixRMaj hNext = Dense.symmetrize(Dense.add(h, Dense.multTransA(a, Dense.mult(h, wInverseA))));
            DMatrixRMaj gNext = Dense.symmetrize(Dense.add(g, Dense.multTransB(Dense.mult(a, wInverseG), a)));
            DMatrixRMaj aNext = Dense.mult(a, wInverseA);
            if (!Dense.isFinite(hNext) || !Dense.isFinite(gNext) || !Dense.isFinite(aNext)) {
                return new Outcome(null, k, previousChange, "the iterates overflowed");
            }

            // Convergence test on the relative change of H
            double normNext = Dense.normF(hNext);
            double change = Dense.normF(Dense.subtract(hNext, h)) / (normNext > 0 ? normNext : 1.0);
            a = aNext;
            g = gNext;
            h = hNext;
            if (change <= TOLERANCE || (change <= STAGNATION_LEVEL && change >= previousChange)) {
                return new Outcome(h, k, change, null);
            }
            previousChange = change;
        }
        return new Outcome(null, MAX_ITERATIONS, previousChange,
                String.format("the relative change of H was still %.3e, above the tolerance %.1e",
                        previousChange, TOLERANCE));
    }
}
