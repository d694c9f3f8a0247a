package io.github.neurodyn.loop;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infinite-horizon quadratic cost of the linearised thalamo-cortical loop and its exact
 * gradient with respect to the read-in weights J and the projection P.
 *
 * <p>With the gate open, the loop and the network linearised at x_l form the linear system on
 * the augmented state {@code xi = [e; z]} (N + M values):
 *
 * <pre>
 *     d xi/dt = F xi,    F = [ A              B~ P      ]
 *                            [ J C / tau_th   -I / tau_th ],
 * </pre>
 *
 * where {@code C = S_E diag(phi'(x_l))} maps the error to the excitatory rate deviations. Its
 * cost from an initial error with second-moment matrix Sigma_0 (z(0) = 0) is
 *
 * <pre>
 *     cost = E int_0^inf (e^T Q_C e + lambda ||P z||^2) dt = tr(X S),    S = diag(Sigma_0, 0),
 *     F^T X + X F + Q_a = 0,     Q_a = diag(Q_C, lambda P^T P).
 * </pre>
 *
 * <p>Gradient (the classical output-feedback gradient, Levine and Athans, IEEE TAC 15(1),
 * 1970): with Y from {@code F Y + Y F^T + S = 0}, a change dF changes the cost by
 * {@code tr(G^T dF)}, {@code G = 2 X Y}, and a change dQ_a by {@code tr(dQ_a Y)}. Hence
 *
 * <pre>
 *     dcost/dP = B~^T G_ez + 2 lambda P Y_zz,      dcost/dJ = G_ze C^T / tau_th.
 * </pre>
 *
 * <p>Both Lyapunov equations are solved on one real Schur form of F, which also gives the
 * spectral abscissa. An unstable or nearly unstable F has no finite cost, reported as
 * {@code +inf}.
 *
 * <p>Cost of one evaluation with gradient: about 45 (N + M)^3 flops (the Schur form, two
 * triangular solves, four changes of basis, one product).
 */
final class LoopCost {

    private static final Logger LOG = LoggerFactory.getLogger(LoopCost.class);

    private final DMatrixRMaj a;
    private final DMatrixRMaj scaledInput;
    private final DMatrixRMaj stateCost;
    private final double lambda;
    private final double[] slope;
    private final double tauThalamus;
    private final DMatrixRMaj initialMoment;
    private final int units;

    private double lastAbscissa = Double.NaN;

    /**
     * Stores the linear model; every matrix is used as given, not copied.
     *
     * @param a linearisation A (N x N, 1/s)
     * @param scaledInput B~ = D^-1 B (N x m, 1/s)
     * @param stateCost Q_C (N x N)
     * @param lambda input cost weight
     * @param slope phi'(x_l) of the excitatory neurons (length N_E)
     * @param tauThalamus tau_th in seconds
     * @param initialMoment Sigma_0 (N x N)
     * @param units M
     */
    LoopCost(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj stateCost, double lambda, double[] slope,
            double tauThalamus, DMatrixRMaj initialMoment, int units) {
        this.a = a;
        this.scaledInput = scaledInput;
        this.stateCost = stateCost;
        this.lambda = lambda;
        this.slope = slope;
        this.tauThalamus = tauThalamus;
        this.initialMoment = initialMoment;
        this.units = units;
    }

    int neurons() {
        return a.numRows;
    }

    int inputs() {
        return scaledInput.numCols;
    }

    int excitatoryCount() {
        return slope.length;
    }

    int units() {
        return units;
    }

    /** Returns the spectral abscissa of F at the last evaluation, in 1/s. */
    double lastAbscissa() {
        return lastAbscissa;
    }

    /**
     * Returns the cost and, when the gradient arrays are not null, writes its gradient.
     *
     * @param projection P (m x M)
     * @param readout J (M x N_E)
     * @param projectionGradient output dcost/dP (m x M), or null
     * @param readoutGradient output dcost/dJ (M x N_E), or null
     * @return the cost, {@code +inf} when F is not stable
     */
    double evaluate(DMatrixRMaj projection, DMatrixRMaj readout, DMatrixRMaj projectionGradient,
            DMatrixRMaj readoutGradient) {
        int n = a.numRows;
        int size = n + units;
        DMatrixRMaj f = closedLoop(projection, readout);

        // Schur form of F, whose eigenvalues decide stability
        SchurForm schur;
        try {
            schur = RealSchur.of(f);
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Schur form of the closed loop failed, cost taken as infinite: {}", e.getMessage());
            lastAbscissa = Double.NaN;
            return Double.POSITIVE_INFINITY;
        }
        double abscissa = Double.NEGATIVE_INFINITY;
        for (double re : schur.eigenvaluesReal()) {
            abscissa = Math.max(abscissa, re);
        }
        lastAbscissa = abscissa;
        if (!(abscissa < 0)) {
            return Double.POSITIVE_INFINITY;
        }

        // X from F^T X + X F + Q_a = 0 in the Schur basis, and the cost tr(X S)
        DMatrixRMaj z = schur.z();
        DMatrixRMaj augmentedMoment = new DMatrixRMaj(size, size);
        CommonOps_DDRM.insert(initialMoment, augmentedMoment, 0, 0);
        DMatrixRMaj momentSchur = toSchurBasis(z, augmentedMoment);
        DMatrixRMaj costSchur = toSchurBasis(z, augmentedStateCost(projection, size));
        DMatrixRMaj xs;
        try {
            xs = Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, 0, costSchur, true);
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Lyapunov solve failed at abscissa {} 1/s, cost taken as infinite: {}", abscissa,
                    e.getMessage());
            return Double.POSITIVE_INFINITY;
        }
        double cost = traceOfProduct(xs, momentSchur);
        if (projectionGradient == null && readoutGradient == null) {
            return cost;
        }

        // Y from F Y + Y F^T + S = 0, on the same Schur form
        DMatrixRMaj ys;
        try {
            ys = Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, 0, momentSchur, false);
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Lyapunov solve failed at abscissa {} 1/s, cost taken as infinite: {}", abscissa,
                    e.getMessage());
            return Double.POSITIVE_INFINITY;
        }

        // G = 2 X Y = 2 Z Xs Ys Z^T, and Y itself for the input-cost term
        DMatrixRMaj product = new DMatrixRMaj(size, size);
        CommonOps_DDRM.mult(xs, ys, product);
        DMatrixRMaj g = fromSchurBasis(z, product);
        CommonOps_DDRM.scale(2, g);
        DMatrixRMaj y = fromSchurBasis(z, ys);
        if (projectionGradient != null) {
            projectionGradient(projection, g, y, projectionGradient);
        }
        if (readoutGradient != null) {
            readoutGradient(g, readoutGradient);
        }
        return cost;
    }

    /** Builds F = [A, B~ P; J C / tau_th, -I / tau_th]. */
    DMatrixRMaj closedLoop(DMatrixRMaj projection, DMatrixRMaj readout) {
        int n = a.numRows;
        int size = n + units;
        DMatrixRMaj f = new DMatrixRMaj(size, size);
        CommonOps_DDRM.insert(a, f, 0, 0);
        DMatrixRMaj feedback = new DMatrixRMaj(n, units);
        CommonOps_DDRM.mult(scaledInput, projection, feedback);
        CommonOps_DDRM.insert(feedback, f, 0, n);
        for (int k = 0; k < units; k++) {
            for (int j = 0; j < slope.length; j++) {
                f.set(n + k, j, readout.get(k, j) * slope[j] / tauThalamus);
            }
            f.set(n + k, n + k, -1 / tauThalamus);
        }
        return f;
    }

    private DMatrixRMaj augmentedStateCost(DMatrixRMaj projection, int size) {
        DMatrixRMaj q = new DMatrixRMaj(size, size);
        CommonOps_DDRM.insert(stateCost, q, 0, 0);
        DMatrixRMaj inputCost = new DMatrixRMaj(units, units);
        CommonOps_DDRM.multTransA(projection, projection, inputCost);
        CommonOps_DDRM.scale(lambda, inputCost);
        CommonOps_DDRM.insert(inputCost, q, a.numRows, a.numRows);
        return q;
    }

    /** dcost/dP = B~^T G_ez + 2 lambda P Y_zz. */
    private void projectionGradient(DMatrixRMaj projection, DMatrixRMaj g, DMatrixRMaj y, DMatrixRMaj out) {
        int n = a.numRows;
        DMatrixRMaj gez = CommonOps_DDRM.extract(g, 0, n, n, n + units);
        DMatrixRMaj yzz = CommonOps_DDRM.extract(y, n, n + units, n, n + units);
        CommonOps_DDRM.multTransA(scaledInput, gez, out);
        CommonOps_DDRM.multAdd(2 * lambda, projection, yzz, out);
    }

    /** dcost/dJ = G_ze C^T / tau_th, with C^T scaling the excitatory columns by phi'. */
    private void readoutGradient(DMatrixRMaj g, DMatrixRMaj out) {
        int n = a.numRows;
        for (int k = 0; k < units; k++) {
            for (int j = 0; j < slope.length; j++) {
                out.set(k, j, g.get(n + k, j) * slope[j] / tauThalamus);
            }
        }
    }

    private static DMatrixRMaj toSchurBasis(DMatrixRMaj z, DMatrixRMaj m) {
        DMatrixRMaj half = new DMatrixRMaj(z.numCols, m.numCols);
        CommonOps_DDRM.multTransA(z, m, half);
        DMatrixRMaj out = new DMatrixRMaj(z.numCols, z.numCols);
        CommonOps_DDRM.mult(half, z, out);
        return symmetrise(out);
    }

    private static DMatrixRMaj fromSchurBasis(DMatrixRMaj z, DMatrixRMaj m) {
        DMatrixRMaj half = new DMatrixRMaj(z.numRows, m.numCols);
        CommonOps_DDRM.mult(z, m, half);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, z.numRows);
        CommonOps_DDRM.multTransB(half, z, out);
        return out;
    }

    private static DMatrixRMaj symmetrise(DMatrixRMaj m) {
        int n = m.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, mean);
                m.set(j, i, mean);
            }
        }
        return m;
    }

    private static double traceOfProduct(DMatrixRMaj x, DMatrixRMaj s) {
        double sum = 0;
        for (int k = 0; k < x.data.length; k++) {
            sum += x.data[k] * s.data[k];
        }
        return sum;
    }
}
