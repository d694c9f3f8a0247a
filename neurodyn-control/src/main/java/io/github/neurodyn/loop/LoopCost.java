package io.github.neurodyn.loop;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.Lyapunov;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.linalg.SchurForm;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
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
 * <p>Only the cortical rows {@code Z_e} of the Schur vectors meet Sigma_0 and Q_C, and only the
 * thalamic rows {@code Z_z} meet P, so the changes of basis and the gradient blocks are formed
 * from these row blocks and never as full products {@code Z M Z^T}. With the factors
 * {@code Sigma_0 = R_s^T R_s} and {@code Q_C = R_q^T R_q} from the symmetric eigendecomposition,
 * taken once, the two right-hand sides are the Gram matrices {@code (R_s Z_e)^T (R_s Z_e)} and
 * {@code W^T W} with {@code W = [R_q Z_e; sqrt(lambda) P Z_z]}. The factors keep the eigenvalues
 * above {@code N eps} times the largest one; smaller ones are at the rounding level of the
 * matrix entries. A movement cost Q_C from a few torque outputs has a numerical rank far below
 * N (50 of 200 for a 2-output readout over 0.6 s on an N = 200 SOC network), so R_q is short.
 *
 * <p>Cost of one evaluation, with {@code n = N + M}, {@code r_s} and {@code r_q} the ranks of the
 * factors: the Schur form of F (about 25 n^3 flops), one triangular Lyapunov solve and
 * {@code (r_s + r_q + m) n^2 + 2 (r_s + r_q) N n} flops of products. The
 * gradient adds a second solve on the same Schur form and {@code 8 M n^2 + 2 M (N + N_E + M) n}
 * flops. Full changes of basis would take {@code 18 n^3} flops instead, about three times as many
 * at N = 200, M = 100, m = N and r_q = 50. A gradient requested at the weights of the last cost evaluation
 * reuses its Schur form and X, so a line search may evaluate the cost alone and ask for the
 * gradient only at the accepted point.
 *
 * <p>Not thread-safe: an instance keeps work arrays and the last evaluation.
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

    /** R_s with {@code Sigma_0 = R_s^T R_s} (r_s x N). */
    private final DMatrixRMaj momentFactor;
    /** R_q with {@code Q_C = R_q^T R_q} (r_q x N). */
    private final DMatrixRMaj stateCostFactor;

    // Work arrays, overwritten by every evaluation
    private final DMatrixRMaj closedLoop;
    private final DMatrixRMaj feedback;
    private final DMatrixRMaj cortexRows;
    private final DMatrixRMaj thalamusRows;
    private final DMatrixRMaj excitatoryRows;
    private final DMatrixRMaj factoredMomentRows;
    private final DMatrixRMaj factoredCostRows;
    private final DMatrixRMaj projectedThalamusRows;
    private final DMatrixRMaj momentSchur;
    private final DMatrixRMaj costSchur;
    private final DMatrixRMaj ysThalamus;
    private final DMatrixRMaj xsThalamus;
    private final DMatrixRMaj xsYsThalamus;
    private final DMatrixRMaj ysXsThalamus;
    private final DMatrixRMaj gez;
    private final DMatrixRMaj gzeTransposed;
    private final DMatrixRMaj yzz;

    // The last cost evaluation, reused by a gradient request at the same weights
    private final double[] evaluatedProjection;
    private final double[] evaluatedReadout;
    private boolean evaluated;
    private SchurForm schur;
    private DMatrixRMaj xs;
    private double lastCost;
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

        int n = a.numRows;
        int size = n + units;
        int inputs = scaledInput.numCols;
        momentFactor = symmetricFactor(initialMoment, "Sigma_0");
        stateCostFactor = symmetricFactor(stateCost, "Q_C");
        closedLoop = new DMatrixRMaj(size, size);
        feedback = new DMatrixRMaj(n, units);
        cortexRows = new DMatrixRMaj(n, size);
        thalamusRows = new DMatrixRMaj(units, size);
        excitatoryRows = new DMatrixRMaj(slope.length, size);
        factoredMomentRows = new DMatrixRMaj(momentFactor.numRows, size);
        factoredCostRows = new DMatrixRMaj(stateCostFactor.numRows + inputs, size);
        projectedThalamusRows = new DMatrixRMaj(inputs, size);
        momentSchur = new DMatrixRMaj(size, size);
        costSchur = new DMatrixRMaj(size, size);
        ysThalamus = new DMatrixRMaj(size, units);
        xsThalamus = new DMatrixRMaj(size, units);
        xsYsThalamus = new DMatrixRMaj(size, units);
        ysXsThalamus = new DMatrixRMaj(size, units);
        gez = new DMatrixRMaj(n, units);
        gzeTransposed = new DMatrixRMaj(slope.length, units);
        yzz = new DMatrixRMaj(units, units);
        evaluatedProjection = new double[inputs * units];
        evaluatedReadout = new double[units * slope.length];
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
     * Returns the cost and, when the gradient arrays are not null, writes its gradient. When P
     * and J equal those of the previous call, the Schur form and X of that call are reused.
     *
     * @param projection P (m x M)
     * @param readout J (M x N_E)
     * @param projectionGradient output dcost/dP (m x M), or null
     * @param readoutGradient output dcost/dJ (M x N_E), or null
     * @return the cost, {@code +inf} when F is not stable (the gradient arrays are then left
     *     unchanged)
     */
    double evaluate(DMatrixRMaj projection, DMatrixRMaj readout, DMatrixRMaj projectionGradient,
            DMatrixRMaj readoutGradient) {
        if (!evaluatedAt(projection, readout)) {
            lastCost = cost(projection, readout);
            System.arraycopy(projection.data, 0, evaluatedProjection, 0, evaluatedProjection.length);
            System.arraycopy(readout.data, 0, evaluatedReadout, 0, evaluatedReadout.length);
            evaluated = true;
        }
        if ((projectionGradient == null && readoutGradient == null) || !Double.isFinite(lastCost)) {
            return lastCost;
        }
        if (!gradient(projection, projectionGradient, readoutGradient)) {
            return Double.POSITIVE_INFINITY;
        }
        return lastCost;
    }

    private boolean evaluatedAt(DMatrixRMaj projection, DMatrixRMaj readout) {
        return evaluated && Arrays.equals(evaluatedProjection, 0, evaluatedProjection.length, projection.data, 0,
                evaluatedProjection.length)
                && Arrays.equals(evaluatedReadout, 0, evaluatedReadout.length, readout.data, 0, evaluatedReadout.length);
    }

    /** Computes the Schur form, X in the Schur basis and the cost tr(X S), kept for the gradient. */
    private double cost(DMatrixRMaj projection, DMatrixRMaj readout) {
        int n = a.numRows;
        int size = n + units;
        schur = null;
        xs = null;

        // Schur form of F, whose eigenvalues decide stability
        SchurForm form;
        try {
            form = RealSchur.of(closedLoop(projection, readout));
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Schur form of the closed loop failed, cost taken as infinite: {}", e.getMessage());
            lastAbscissa = Double.NaN;
            return Double.POSITIVE_INFINITY;
        }
        double abscissa = Double.NEGATIVE_INFINITY;
        for (double re : form.eigenvaluesReal()) {
            abscissa = Math.max(abscissa, re);
        }
        lastAbscissa = abscissa;
        if (!(abscissa < 0)) {
            return Double.POSITIVE_INFINITY;
        }

        // Row blocks of Z: cortical Z_e (N x n), excitatory Z_E (its first N_E rows), thalamic Z_z
        DMatrixRMaj z = form.z();
        System.arraycopy(z.data, 0, cortexRows.data, 0, n * size);
        System.arraycopy(z.data, 0, excitatoryRows.data, 0, slope.length * size);
        System.arraycopy(z.data, n * size, thalamusRows.data, 0, units * size);

        // S and Q_a in the Schur basis: (R_s Z_e)^T (R_s Z_e) and W^T W, W = [R_q Z_e; sqrt(lambda) P Z_z]
        CommonOps_DDRM.mult(momentFactor, cortexRows, factoredMomentRows);
        CommonOps_DDRM.multInner(factoredMomentRows, momentSchur);
        int costRank = stateCostFactor.numRows;
        factoredCostRows.reshape(costRank, size);
        CommonOps_DDRM.mult(stateCostFactor, cortexRows, factoredCostRows);
        CommonOps_DDRM.mult(Math.sqrt(lambda), projection, thalamusRows, projectedThalamusRows);
        factoredCostRows.reshape(costRank + projection.numRows, size, true);
        System.arraycopy(projectedThalamusRows.data, 0, factoredCostRows.data, costRank * size,
                projection.numRows * size);
        CommonOps_DDRM.multInner(factoredCostRows, costSchur);

        // X from F^T X + X F + Q_a = 0 in the Schur basis, and the cost tr(X S)
        DMatrixRMaj solution;
        try {
            solution = Lyapunov.solveShiftedInSchurBasisWithoutResidual(form, 0, costSchur, true);
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Lyapunov solve failed at abscissa {} 1/s, cost taken as infinite: {}", abscissa,
                    e.getMessage());
            return Double.POSITIVE_INFINITY;
        }
        schur = form;
        xs = solution;
        return traceOfProduct(xs, momentSchur);
    }

    /**
     * Writes the gradient at the weights of the last finite cost evaluation.
     *
     * @return false when the second Lyapunov solve failed
     */
    private boolean gradient(DMatrixRMaj projection, DMatrixRMaj projectionGradient, DMatrixRMaj readoutGradient) {
        // Y from F Y + Y F^T + S = 0, on the same Schur form
        DMatrixRMaj ys;
        try {
            ys = Lyapunov.solveShiftedInSchurBasisWithoutResidual(schur, 0, momentSchur, false);
        } catch (NeurodynException e) {
            LOG.debug("loop cost: the Lyapunov solve failed at abscissa {} 1/s, cost taken as infinite: {}",
                    lastAbscissa, e.getMessage());
            return false;
        }

        // With X = Z Xs Z^T and Y = Z Ys Z^T, G = 2 X Y has the blocks
        // G_ez = 2 Z_e Xs (Ys Z_z^T) and G_zE^T = 2 Z_E Ys (Xs Z_z^T), and Y_zz = Z_z (Ys Z_z^T)
        CommonOps_DDRM.multTransB(ys, thalamusRows, ysThalamus);
        CommonOps_DDRM.multTransB(xs, thalamusRows, xsThalamus);
        if (projectionGradient != null) {
            CommonOps_DDRM.mult(xs, ysThalamus, xsYsThalamus);
            CommonOps_DDRM.mult(2, cortexRows, xsYsThalamus, gez);
            CommonOps_DDRM.mult(thalamusRows, ysThalamus, yzz);
            projectionGradient(projection, projectionGradient);
        }
        if (readoutGradient != null) {
            CommonOps_DDRM.mult(ys, xsThalamus, ysXsThalamus);
            CommonOps_DDRM.mult(2, excitatoryRows, ysXsThalamus, gzeTransposed);
            readoutGradient(readoutGradient);
        }
        return true;
    }

    /** Builds F = [A, B~ P; J C / tau_th, -I / tau_th] in the work array and returns it. */
    DMatrixRMaj closedLoop(DMatrixRMaj projection, DMatrixRMaj readout) {
        int n = a.numRows;
        DMatrixRMaj f = closedLoop;
        f.zero();
        CommonOps_DDRM.insert(a, f, 0, 0);
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

    /** dcost/dP = B~^T G_ez + 2 lambda P Y_zz. */
    private void projectionGradient(DMatrixRMaj projection, DMatrixRMaj out) {
        CommonOps_DDRM.multTransA(scaledInput, gez, out);
        CommonOps_DDRM.multAdd(2 * lambda, projection, yzz, out);
    }

    /** dcost/dJ = G_ze C^T / tau_th, with C^T scaling the excitatory columns by phi'. */
    private void readoutGradient(DMatrixRMaj out) {
        for (int k = 0; k < units; k++) {
            for (int j = 0; j < slope.length; j++) {
                out.set(k, j, gzeTransposed.get(j, k) * slope[j] / tauThalamus);
            }
        }
    }

    /**
     * Returns R (r x N) with {@code m = R^T R} up to rounding: the rows are
     * {@code sqrt(d_i) v_i^T} for the eigenvalues d_i above {@code N eps max_i d_i}.
     *
     * @throws NeurodynException if the symmetric eigendecomposition fails
     */
    private static DMatrixRMaj symmetricFactor(DMatrixRMaj m, String name) {
        int n = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eigen.decompose(m.copy())) {
            throw new NeurodynException("the symmetric eigendecomposition of " + name + " (" + n + " x " + n
                    + ") failed");
        }

        // Numerical rank: eigenvalues at or below the rounding level of the entries are dropped
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, eigen.getEigenvalue(i).real);
        }
        double threshold = n * Math.ulp(1.0) * largest;
        int rank = 0;
        for (int i = 0; i < n; i++) {
            if (eigen.getEigenvalue(i).real > threshold) {
                rank++;
            }
        }

        // One row sqrt(d_i) v_i^T per kept eigenpair
        DMatrixRMaj factor = new DMatrixRMaj(rank, n);
        int row = 0;
        for (int i = 0; i < n; i++) {
            double value = eigen.getEigenvalue(i).real;
            if (value > threshold) {
                double root = Math.sqrt(value);
                DMatrixRMaj vector = eigen.getEigenVector(i);
                for (int j = 0; j < n; j++) {
                    factor.set(row, j, root * vector.get(j));
                }
                row++;
            }
        }
        return factor;
    }

    private static double traceOfProduct(DMatrixRMaj x, DMatrixRMaj s) {
        double sum = 0;
        for (int k = 0; k < x.data.length; k++) {
            sum += x.data[k] * s.data[k];
        }
        return sum;
    }
}
