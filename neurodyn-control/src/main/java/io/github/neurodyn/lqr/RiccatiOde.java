package io.github.neurodyn.lqr;

import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.NeurodynException;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Classical fourth-order Runge-Kutta integration of the Riccati differential equation
 * {@code -dX/dt = A^T X + X A - X G X + Q}, {@code G = B R^-1 B^T}, backward from X(T).
 *
 * <p>In reversed time {@code s = T - t} the equation reads {@code dX/ds = f(X)} with
 * {@code f(X) = A^T X + X A - X G X + Q}; each step evaluates f four times, about 16 n^3
 * flops, into buffers allocated once per solve.
 */
final class RiccatiOde {

    private final DMatrixRMaj a;
    private final DMatrixRMaj g;
    private final DMatrixRMaj q;
    private final DMatrixRMaj product;
    private final DMatrixRMaj gx;

    RiccatiOde(DMatrixRMaj a, DMatrixRMaj g, DMatrixRMaj q) {
        this.a = a;
        this.g = g;
        this.q = q;
        int n = a.numRows;
        this.product = new DMatrixRMaj(n, n);
        this.gx = new DMatrixRMaj(n, n);
    }

    /**
     * Integrates from X(T) = terminal back to t = 0 and returns X at every grid point, index k
     * for {@code t_k = k T / steps}.
     */
    List<DMatrixRMaj> integrate(DMatrixRMaj terminal, double horizonSeconds, int steps) {
        int n = a.numRows;
        double h = horizonSeconds / steps;
        DMatrixRMaj[] grid = new DMatrixRMaj[steps + 1];
        DMatrixRMaj x = terminal.copy();
        DMatrixRMaj k1 = new DMatrixRMaj(n, n);
        DMatrixRMaj k2 = new DMatrixRMaj(n, n);
        DMatrixRMaj k3 = new DMatrixRMaj(n, n);
        DMatrixRMaj k4 = new DMatrixRMaj(n, n);
        DMatrixRMaj stage = new DMatrixRMaj(n, n);
        grid[steps] = x.copy();
        for (int step = steps - 1; step >= 0; step--) {
            CancelledException.checkInterrupted("Lqr.finiteHorizon", steps - 1 - step);

            // Four stages of RK4 in reversed time
            rate(x, k1);
            CommonOps_DDRM.add(x, h / 2, k1, stage);
            rate(stage, k2);
            CommonOps_DDRM.add(x, h / 2, k2, stage);
            rate(stage, k3);
            CommonOps_DDRM.add(x, h, k3, stage);
            rate(stage, k4);

            // Combine and keep X exactly symmetric
            for (int i = 0; i < n * n; i++) {
                x.data[i] += h / 6 * (k1.data[i] + 2 * k2.data[i] + 2 * k3.data[i] + k4.data[i]);
            }
            symmetrizeInPlace(x);
            if (!finite(x)) {
                throw new NeurodynException(String.format("the Riccati differential equation diverged "
                        + "at t = %.6g s (finite escape time; Q or the terminal cost is indefinite)",
                        step * h));
            }
            grid[step] = x.copy();
        }
        List<DMatrixRMaj> result = new ArrayList<>(steps + 1);
        for (DMatrixRMaj m : grid) {
            result.add(m);
        }
        return result;
    }

    /** Writes f(X) = A^T X + X A - X G X + Q into out. */
    private void rate(DMatrixRMaj x, DMatrixRMaj out) {
        CommonOps_DDRM.multTransA(a, x, out);
        CommonOps_DDRM.multAdd(x, a, out);
        CommonOps_DDRM.mult(g, x, gx);
        CommonOps_DDRM.mult(x, gx, product);
        CommonOps_DDRM.subtractEquals(out, product);
        CommonOps_DDRM.addEquals(out, q);
    }

    private static void symmetrizeInPlace(DMatrixRMaj x) {
        int n = x.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (x.unsafe_get(i, j) + x.unsafe_get(j, i));
                x.unsafe_set(i, j, mean);
                x.unsafe_set(j, i, mean);
            }
        }
    }

    private static boolean finite(DMatrixRMaj x) {
        for (int i = 0; i < x.getNumElements(); i++) {
            if (!Double.isFinite(x.data[i])) {
                return false;
            }
        }
        return true;
    }
}
