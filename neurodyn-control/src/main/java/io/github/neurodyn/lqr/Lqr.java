package io.github.neurodyn.lqr;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.riccati.Riccati;
import io.github.neurodyn.riccati.RiccatiProblem;
import io.github.neurodyn.riccati.RiccatiSolution;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linear-quadratic regulators: the state feedback {@code u = -K x} that minimises
 * {@code integral (x^T Q x + u^T R u) dt} for {@code dx/dt = A x + B u}, or the sum
 * {@code sum_k (x_k^T Q x_k + u_k^T R u_k)} for {@code x_{k+1} = A x_k + B u_k}.
 *
 * <pre>{@code
 * LqrGain lqr = Lqr.continuous(A, B, Q, R);
 * DMatrixRMaj K = lqr.gain();
 * }</pre>
 */
public final class Lqr {

    private static final Logger LOG = LoggerFactory.getLogger(Lqr.class);

    private Lqr() {
    }

    /**
     * Designs the infinite-horizon continuous-time regulator from the stabilising solution of
     * {@code A^T X + X A - X B R^-1 B^T X + Q = 0}; {@code K = R^-1 B^T X}.
     *
     * @param a state matrix A (n x n, 1/s)
     * @param b input matrix B (n x m)
     * @param q symmetric state weight Q (n x n)
     * @param r symmetric positive definite input weight R (m x m)
     * @return gain, cost matrix and closed loop
     * @throws IllegalArgumentException on malformed input (see {@link Riccati#continuous})
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if no stabilising gain exists
     */
    public static LqrGain continuous(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r) {
        return design(Riccati.continuous(a, b, q, r));
    }

    /**
     * Designs the infinite-horizon discrete-time regulator from the stabilising solution of
     * {@code A^T X A - X - A^T X B (R + B^T X B)^-1 B^T X A + Q = 0};
     * {@code K = (R + B^T X B)^-1 B^T X A}.
     *
     * @param a state transition matrix A (n x n)
     * @param b input matrix B (n x m)
     * @param q symmetric state weight Q (n x n)
     * @param r symmetric nonsingular input weight R (m x m)
     * @return gain, cost matrix and closed loop
     * @throws IllegalArgumentException on malformed input (see {@link Riccati#discrete})
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if no stabilising gain exists
     */
    public static LqrGain discrete(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q, DMatrixRMaj r) {
        return design(Riccati.discrete(a, b, q, r));
    }

    /**
     * Solves the finite-horizon continuous-time regulator that minimises
     * {@code x(T)^T F x(T) + integral_0^T (x^T Q x + u^T R u) dt}: integrates the Riccati
     * differential equation {@code -dX/dt = A^T X + X A - X B R^-1 B^T X + Q},
     * {@code X(T) = F}, backward over [0, T] with adaptive classical fourth-order Runge-Kutta
     * substeps, and returns X and {@code K(t) = R^-1 B^T X(t)} on the grid
     * {@code t_k = k T / steps}.
     *
     * <p>Accuracy: the substep length follows the change of X through a step-doubling error
     * estimate, with a weighted RMS local error of at most 1e-11 per substep, whatever the
     * grid. A stiff terminal cost (for example {@code F = 1e6 Q}) or a fast A, where fixed RK4
     * steps of length T / steps would be unstable, thus gets short substeps in the terminal
     * layer and long ones once X has settled. Measured relative errors: 2e-12 against the
     * closed form of a scalar case with {@code F = 1e6 Q}, and below 1e-9 against exact
     * Hamiltonian steps for 10 states. As T grows, X(0) approaches the stabilising algebraic
     * solution when (A, B) is stabilisable. Cost: 11 evaluations of the right-hand side, about
     * 44 n^3 flops, per accepted substep, and (steps + 1) (n^2 + m n) doubles for the stored
     * result.
     *
     * @param a state matrix A (n x n, 1/s)
     * @param b input matrix B (n x m)
     * @param q symmetric state weight Q (n x n)
     * @param r symmetric positive definite input weight R (m x m)
     * @param terminalCost symmetric terminal weight F (n x n)
     * @param horizonSeconds horizon T in seconds, positive
     * @param steps number of grid intervals of the result, from 1 to {@code 2^31 - 2}; it sets
     *     where X and K are reported, not the accuracy
     * @return the cost matrices and gains on the grid
     * @throws IllegalArgumentException on malformed input
     * @throws io.github.neurodyn.api.NotConvergedException if the substep length underflows
     *     or a million substeps do not reach t = 0, as near a finite escape time of X
     *     (possible only with an indefinite Q or F)
     * @throws io.github.neurodyn.api.CancelledException if the thread is interrupted; the flag
     *     is read before each grid interval and every 1024 substeps, and left set
     */
    public static FiniteHorizonSolution finiteHorizon(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj q,
            DMatrixRMaj r, DMatrixRMaj terminalCost, double horizonSeconds, int steps) {
        RiccatiProblem problem = Riccati.continuous(a, b, q, r);
        int n = problem.n();
        Arguments.requireFinite(Arguments.requireShape(terminalCost, n, n, "terminalCost"), "terminalCost");
        Arguments.requireSymmetric(terminalCost, 1e-10, "terminalCost");
        Arguments.requirePositive(horizonSeconds, "horizonSeconds");
        Arguments.requireAtLeast(steps, 1, "steps");
        if (steps == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("steps must be below 2^31 - 1 so that the steps + 1 grid points "
                    + "fit one Java array, found " + steps);
        }

        // R^-1 B^T once, then G = B R^-1 B^T
        LinearSolverDense<DMatrixRMaj> cholesky = LinearSolverFactory_DDRM.chol(problem.m());
        cholesky.setA(problem.r());
        DMatrixRMaj rInverseBt = new DMatrixRMaj(problem.m(), n);
        cholesky.solve(CommonOps_DDRM.transpose(problem.b(), null), rInverseBt);
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(problem.b(), rInverseBt, g);

        // Integrate backward and form the gains
        RiccatiOde ode = new RiccatiOde(problem.a(), g, problem.q());
        List<DMatrixRMaj> costs = ode.integrate(terminalCost, horizonSeconds, steps);
        LOG.debug("finite-horizon LQR n={}: {} RK4 substeps for {} grid steps over {} s",
                n, ode.substeps(), steps, horizonSeconds);
        List<DMatrixRMaj> gains = new ArrayList<>(steps + 1);
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            times[k] = k == steps ? horizonSeconds : k * (horizonSeconds / steps);
            DMatrixRMaj gain = new DMatrixRMaj(problem.m(), n);
            CommonOps_DDRM.mult(rInverseBt, costs.get(k), gain);
            gains.add(gain);
        }
        return new FiniteHorizonSolution(times, costs, gains);
    }

    private static LqrGain design(RiccatiProblem problem) {
        RiccatiSolution solution = problem.solve();
        DMatrixRMaj closed = problem.a();
        CommonOps_DDRM.multAdd(-1, problem.b(), solution.gain(), closed);
        return new LqrGain(solution.gain(), solution.x(), closed, solution);
    }
}
