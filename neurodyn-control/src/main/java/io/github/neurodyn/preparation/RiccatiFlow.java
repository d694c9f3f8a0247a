package io.github.neurodyn.preparation;

import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.MatrixExponential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

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
 * {@code d[Z; Y]/dt = H [Z; Y]}, restarted from Z = I at every step. Unlike an explicit
 * Runge-Kutta step it stays stable when the terminal cost makes the equation stiff: X falls
 * from Q_C at a rate near {@code ||G Q_C||}.
 *
 * <p>Step length. The step is {@code coarse / 2^k} with the smallest k for which
 * {@code delta r <= 1/10}, so that the grid resolves the change of X for the gain
 * interpolation. Under {@link StepRule#MEASURED_CHANGE} (the default) r is the smaller of
 * the rate bound {@code ||G||_2 ||X||_2} and twice the measured relative change rate of the
 * previous step, {@code ||X_k - X_(k-1)||_F / (delta_(k-1) ||X_k||_F)}. A step whose own
 * measured change breaks the rule is rejected and retried at half the length. Inside the
 * terminal layer the bound decides. Once X has settled, the bound stays near
 * {@code ||G|| ||X_inf||} while X barely changes, so the measured rate lets the step grow to
 * the coarse step. A step grows only at a multiple of the longer step, so the grid points
 * fall on multiples of the coarse step. {@link StepRule#RATE_BOUND} uses the bound alone,
 * without alignment, as earlier versions did.
 *
 * <p>The flow is autonomous, so it is kept open: {@link #extendTo} continues the march from
 * the last point, and one flow serves every window up to its horizon. The grid of a flow
 * extended from H1 to H2 contains H1.
 *
 * <p>Cost per step: two N x N products, one LU factorisation and one solve with N right-hand
 * sides, about {@code 6.7 N^3} flops. Each new step length costs one 2N x 2N product when
 * half of it is known (the square of that propagator) and one 2N x 2N matrix exponential
 * otherwise. The gains need no product when B~ is a selection ({@link SelectionInput}) and
 * {@code 2 N^2 m} flops otherwise. Storage: m N doubles per grid point.
 */
final class RiccatiFlow {

    /** Rule that chooses the step length. */
    enum StepRule {
        /** The rate bound {@code ||G|| ||X||} alone. */
        RATE_BOUND,
        /** The smaller of the rate bound and the measured change of X. */
        MEASURED_CHANGE
    }

    private static final double RESOLUTION = 0.1;
    /**
     * Factor on the measured change rate. With factor 1 the terminal layer got longer steps
     * than under the rate bound, and short windows lost accuracy; factor 2 keeps them close.
     */
    private static final double MEASURED_SAFETY = 2;
    private static final int MAX_HALVINGS = 40;
    /** Relative rounding accepted when checking that a time-to-go is a multiple of a step. */
    private static final double ALIGNMENT_TOLERANCE = 1e-9;
    /** Power iterations of the norm estimate; the rate bound only sets step lengths. */
    private static final int POWER_ITERATIONS = 30;
    /** Factor on the power-iteration estimate, which approaches the norm from below. */
    private static final double POWER_SAFETY = 1.2;

    private final int n;
    private final int m;
    private final DMatrixRMaj hamiltonian;
    private final DMatrixRMaj scaledInput;
    private final SelectionInput selection;
    private final double lambda;
    private final double coarseStepSeconds;
    private final double gNorm;
    private final StepRule rule;
    private final Map<Double, Propagator> propagators = new HashMap<>();

    // Grid: time-to-go, K^T (N x m row-major) and the rate bound at each point
    private final List<Double> times = new ArrayList<>();
    private final List<double[]> gainColumns = new ArrayList<>();
    private final List<Double> rates = new ArrayList<>();

    // State at the last grid point
    private DMatrixRMaj x;
    private double s;
    private double rateBound;
    private double changeRate = Double.POSITIVE_INFINITY;
    private double lastStep;
    private double anchor;

    // Work arrays of one step
    private final DMatrixRMaj z;
    private final DMatrixRMaj y;
    private DMatrixRMaj next;
    private final double[] row;
    private final LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();

    private RiccatiFlow(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj q, double lambda,
            double coarseStepSeconds, StepRule rule) {
        this.n = a.numRows;
        this.m = scaledInput.numCols;
        this.scaledInput = scaledInput.copy();
        this.selection = SelectionInput.of(scaledInput);
        this.lambda = lambda;
        this.coarseStepSeconds = coarseStepSeconds;
        this.rule = rule;

        // G = B~ B~^T / lambda and the Hamiltonian
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(scaledInput, scaledInput, g);
        CommonOps_DDRM.scale(1 / lambda, g);
        this.hamiltonian = new DMatrixRMaj(2 * n, 2 * n);
        CommonOps_DDRM.insert(a, hamiltonian, 0, 0);
        DMatrixRMaj block = g.copy();
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, hamiltonian, 0, n);
        block = q.copy();
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, hamiltonian, n, 0);
        block = CommonOps_DDRM.transpose(a, null);
        CommonOps_DDRM.scale(-1, block);
        CommonOps_DDRM.insert(block, hamiltonian, n, n);
        this.gNorm = spectralNormEstimate(g);

        this.z = new DMatrixRMaj(n, n);
        this.y = new DMatrixRMaj(n, n);
        this.next = new DMatrixRMaj(n, n);
        this.row = new double[n];

        // The go cue, s = 0, where X = Q_C
        this.x = q.copy();
        this.s = 0;
        this.rateBound = gNorm * spectralNormEstimate(x);
        record();
    }

    /**
     * Starts a flow at the go cue, {@code X(0) = Q}, with the default step rule.
     *
     * @param a state matrix A (N x N, 1/s)
     * @param scaledInput B~ = D^-1 B (N x m, 1/s)
     * @param q terminal and running state cost Q_C (N x N, symmetric)
     * @param lambda input cost weight, positive
     * @param coarseStepSeconds largest step in seconds, positive
     * @return the flow with its first grid point
     */
    static RiccatiFlow start(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj q, double lambda,
            double coarseStepSeconds) {
        return new RiccatiFlow(a, scaledInput, q, lambda, coarseStepSeconds, StepRule.MEASURED_CHANGE);
    }

    /** Starts a flow with a given step rule; see {@link #start}. */
    static RiccatiFlow start(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj q, double lambda,
            double coarseStepSeconds, StepRule rule) {
        return new RiccatiFlow(a, scaledInput, q, lambda, coarseStepSeconds, rule);
    }

    /** Solves the flow over [0, H] and returns it as a record; see {@link #start}. */
    static FiniteHorizonGains solve(DMatrixRMaj a, DMatrixRMaj scaledInput, DMatrixRMaj q, double lambda,
            double horizonSeconds, double coarseStepSeconds) {
        RiccatiFlow flow = start(a, scaledInput, q, lambda, coarseStepSeconds);
        flow.extendTo(horizonSeconds);
        return flow.solution();
    }

    /** Returns the time-to-go of the last grid point in seconds. */
    double horizonSeconds() {
        return s;
    }

    /** Returns the number of grid points. */
    int points() {
        return times.size();
    }

    /**
     * Continues the march until the time-to-go reaches {@code horizonSeconds}; does nothing
     * when the flow already reaches it.
     *
     * @throws NeurodynException if a step is singular or overflows
     */
    void extendTo(double horizonSeconds) {
        while (s < horizonSeconds) {
            io.github.neurodyn.api.CancelledException.checkInterrupted("Riccati flow", times.size() - 1);

            // Step length: halve the coarse step until it resolves the current rate
            double rate = rule == StepRule.RATE_BOUND ? rateBound : Math.min(rateBound, MEASURED_SAFETY * changeRate);
            double delta = coarseStepSeconds;
            int halvings = 0;
            while (delta * rate > RESOLUTION && halvings < MAX_HALVINGS) {
                delta *= 0.5;
                halvings++;
            }

            // Grow the step only at a multiple of the longer step (counted from the last
            // horizon), so that grid points fall on the stage times of the network steps
            if (rule == StepRule.MEASURED_CHANGE) {
                while (delta > lastStep && !isMultiple(s - anchor, delta) && halvings < MAX_HALVINGS) {
                    delta *= 0.5;
                    halvings++;
                }
            }

            // Step, and retry at half the length while the measured change is too large
            double length;
            double measured;
            while (true) {
                length = Math.min(delta, horizonSeconds - s);
                step(length);
                measured = relativeChange(next, x) / length;
                boolean tooLong = rule == StepRule.MEASURED_CHANGE && length * MEASURED_SAFETY * measured > RESOLUTION
                        && halvings < MAX_HALVINGS;
                if (!tooLong) {
                    break;
                }
                delta *= 0.5;
                halvings++;
            }

            // Accept
            DMatrixRMaj previous = x;
            x = next;
            next = previous;
            s = s + length >= horizonSeconds * (1 - 1e-12) ? horizonSeconds : s + length;
            if (length < delta) {
                // A step cut short at the horizon: later steps align to this point
                anchor = s;
            }
            lastStep = length;
            changeRate = measured;
            rateBound = gNorm * spectralNormEstimate(x);
            record();
        }
    }

    /** Writes the state one exact step of the given length beyond x into {@code next}. */
    private void step(double length) {
        Propagator phi = propagators.get(length);
        if (phi == null) {
            // e^(-H delta) is the square of e^(-H delta / 2), which the march usually has already
            Propagator half = propagators.get(0.5 * length);
            phi = half != null ? half.squared(n) : Propagator.of(hamiltonian, length, n);
            propagators.put(length, phi);
        }

        // Z = Phi11 + Phi12 X and Y = Phi21 + Phi22 X
        CommonOps_DDRM.mult(phi.phi12, x, z);
        CommonOps_DDRM.addEquals(z, phi.phi11);
        CommonOps_DDRM.mult(phi.phi22, x, y);
        CommonOps_DDRM.addEquals(y, phi.phi21);

        // X' = Y Z^-1
        if (!lu.decompose(z) || lu.isSingular()) {
            throw new NeurodynException("the Riccati step at time-to-go " + s + " s failed: the propagated"
                    + " basis is singular");
        }
        solveRight(y, next);
        ProspectiveCost.symmetrise(next);
        if (!isFinite(next)) {
            throw new NeurodynException("the Riccati differential equation overflowed at time-to-go "
                    + (s + length) + " s");
        }
    }

    /**
     * Solves {@code X' Z = Y} for X' from the factorisation {@code P Z = L U} held in
     * {@link #lu}, one row at a time. With {@code M = X' P^T}, each row m of M solves
     * {@code t U = y} and then {@code m L = t}; both sweeps run as axpy updates over
     * contiguous rows of L and U. Column i of M is column {@code pivot[i]} of X'.
     * Costs {@code 2 N^3} flops.
     */
    private void solveRight(DMatrixRMaj rhs, DMatrixRMaj out) {
        double[] f = lu.getLU().data;
        int[] pivot = lu.getPivot();
        double[] t = row;
        for (int r = 0; r < n; r++) {
            System.arraycopy(rhs.data, r * n, t, 0, n);

            // t U = y, forward over the columns of U
            for (int i = 0; i < n; i++) {
                double ti = t[i] / f[i * n + i];
                t[i] = ti;
                int offset = i * n;
                for (int j = i + 1; j < n; j++) {
                    t[j] -= ti * f[offset + j];
                }
            }

            // m L = t with unit diagonal, backward
            for (int i = n - 1; i > 0; i--) {
                double mi = t[i];
                int offset = i * n;
                for (int j = 0; j < i; j++) {
                    t[j] -= mi * f[offset + j];
                }
            }
            int base = r * n;
            for (int i = 0; i < n; i++) {
                out.data[base + pivot[i]] = t[i];
            }
        }
    }

    /** Appends the last point: its time-to-go, K^T = X B~ / lambda and the rate bound. */
    private void record() {
        double[] columns = new double[n * m];
        double inverseLambda = 1 / lambda;
        if (selection != null) {
            // Column k of K^T is column row(k) of X times value(k) / lambda
            for (int j = 0; j < n; j++) {
                int offset = j * n;
                int target = j * m;
                for (int k = 0; k < m; k++) {
                    columns[target + k] = x.data[offset + selection.row(k)] * selection.value(k) * inverseLambda;
                }
            }
        } else {
            DMatrixRMaj product = DMatrixRMaj.wrap(n, m, columns);
            CommonOps_DDRM.mult(x, scaledInput, product);
            CommonOps_DDRM.scale(inverseLambda, product);
        }
        times.add(s);
        gainColumns.add(columns);
        rates.add(rateBound);
    }

    /** Returns the grid as a gain schedule; the schedule shares the stored gains. */
    GainSchedule schedule() {
        return GainSchedule.timeVarying(times(), gainColumns.toArray(new double[0][]), rateArray(), s, m, n);
    }

    /** Returns the grid as a record, with copies of the gains as m x N matrices. */
    FiniteHorizonGains solution() {
        List<DMatrixRMaj> gains = new ArrayList<>(gainColumns.size());
        for (double[] columns : gainColumns) {
            gains.add(CommonOps_DDRM.transpose(DMatrixRMaj.wrap(n, m, columns), null));
        }
        return new FiniteHorizonGains(s, times(), gains, rateArray(), x);
    }

    private double[] times() {
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] rateArray() {
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Returns whether s is a whole multiple of the step, up to rounding. */
    private static boolean isMultiple(double s, double step) {
        double ratio = s / step;
        return Math.abs(ratio - Math.rint(ratio)) <= ALIGNMENT_TOLERANCE * Math.max(1, ratio);
    }

    /** Returns {@code ||a - b||_F / ||a||_F}, or 0 when a is zero. */
    private static double relativeChange(DMatrixRMaj a, DMatrixRMaj b) {
        double difference = 0;
        double norm = 0;
        for (int k = 0; k < a.data.length; k++) {
            double d = a.data[k] - b.data[k];
            difference += d * d;
            norm += a.data[k] * a.data[k];
        }
        return norm == 0 ? 0 : Math.sqrt(difference / norm);
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

    /** {@code e^(-H delta)} for one step length, with its four N x N blocks. */
    private static final class Propagator {
        private final DMatrixRMaj phi;
        private final DMatrixRMaj phi11;
        private final DMatrixRMaj phi12;
        private final DMatrixRMaj phi21;
        private final DMatrixRMaj phi22;

        private Propagator(DMatrixRMaj phi, int n) {
            this.phi = phi;
            phi11 = CommonOps_DDRM.extract(phi, 0, n, 0, n);
            phi12 = CommonOps_DDRM.extract(phi, 0, n, n, 2 * n);
            phi21 = CommonOps_DDRM.extract(phi, n, 2 * n, 0, n);
            phi22 = CommonOps_DDRM.extract(phi, n, 2 * n, n, 2 * n);
        }

        /** Computes the propagator of one step length from the matrix exponential. */
        static Propagator of(DMatrixRMaj hamiltonian, double length, int n) {
            DMatrixRMaj scaled = hamiltonian.copy();
            CommonOps_DDRM.scale(-length, scaled);
            return new Propagator(MatrixExponential.of(scaled), n);
        }

        /** Returns the propagator of twice this step length, one 2N x 2N product. */
        Propagator squared(int n) {
            DMatrixRMaj square = new DMatrixRMaj(2 * n, 2 * n);
            CommonOps_DDRM.mult(phi, phi, square);
            return new Propagator(square, n);
        }
    }
}
