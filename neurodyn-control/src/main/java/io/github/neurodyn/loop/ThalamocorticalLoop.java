package io.github.neurodyn.loop;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.preparation.FeedbackLaw;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationRun;
import io.github.neurodyn.preparation.PreparationStrategy;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A thalamo-cortical loop that approximates the steady-state preparatory feedback. M thalamic
 * units with time constant tau_th read the excitatory cortical rates, and project back to the
 * cortical inputs through an excitatory channel P_exc >= 0 and an inhibitory channel
 * P_inh >= 0:
 *
 * <pre>
 *     tau_th dz/dt = -z + g(t) J (r_E - r_E*),      v = g(t) (P_exc - P_inh) z,
 * </pre>
 *
 * where r_E* are the excitatory rates at x* and z is the thalamic activity relative to its
 * baseline. The gate g(t) (basal-ganglia-like disinhibition) is 1 before the go cue and 0 from
 * it on, so the loop's input v vanishes at the go cue.
 *
 * <p>Two fits. {@link #fit} matches the gain: in the limit tau_th -> 0 the loop gives
 * {@code v = P J (r_E - r_E*)}, which near the linearisation point x_l of the gains is
 * {@code P J S_E diag(phi'(x_l)) e}. The weights minimise {@code ||K_E + P J diag(phi'_E)||_F}
 * for the excitatory columns K_E of the LQR gain, by a truncated SVD of
 * {@code -K_E diag(phi'_E)^-1} (columns with phi' = 0 are left out):
 * {@code P = U_M Sigma_M^(1/2)}, {@code J = Sigma_M^(1/2) V_M^T}. {@link LoopFitter} starts
 * from these weights and minimises the loop's own linear cost, which accounts for the
 * thalamic lag and the unread inhibitory neurons. {@link #relativeCostExcess} measures what
 * remains on the nonlinear network.
 *
 * <p>NOTE: the SVD weights ignore the lag and the inhibitory columns of K. On a 40-neuron
 * reach network they gave a 62 % relative gain error and an 88 % cost excess, against 15 %
 * after {@link LoopFitter}.
 *
 * <p>Cost of the fit: one SVD of an m x N_E matrix.
 */
public final class ThalamocorticalLoop implements FeedbackLaw {

    /** Default thalamic time constant in seconds. */
    public static final double DEFAULT_THALAMIC_TIME_CONSTANT_SECONDS = 0.01;

    private final DMatrixRMaj readout;
    private final DMatrixRMaj projection;
    private final double[] restingRates;
    private final int excitatoryCount;
    private final double tauThalamus;
    private final double goCueSeconds;
    private final double gainApproximationError;
    private final double loopRate;

    private ThalamocorticalLoop(DMatrixRMaj readout, DMatrixRMaj projection, double[] restingRates,
            double tauThalamus, double goCueSeconds, double gainApproximationError, double loopRate) {
        this.readout = readout;
        this.projection = projection;
        this.restingRates = restingRates;
        this.excitatoryCount = restingRates.length;
        this.tauThalamus = tauThalamus;
        this.goCueSeconds = goCueSeconds;
        this.gainApproximationError = gainApproximationError;
        this.loopRate = loopRate;
    }

    /**
     * Fits the loop to the steady-state LQR gain of a preparation by a truncated SVD, the
     * starting point of {@link LoopFitter}.
     *
     * @param preparation the preparation whose gain {@link Preparation#steadyStateGain()} is realised
     * @param excitatoryCount N_E, the excitatory neurons listed first, from 1 to N
     * @param thalamicUnits M, from 1 to min(m, N_E)
     * @param thalamicTimeConstant tau_th in seconds, positive
     * @param goCueSeconds time of the go cue in seconds from the start of the window, {@code >= 0}
     * @return the fitted loop
     * @throws IllegalArgumentException if an argument is null or out of range
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if the gain does not exist
     */
    public static ThalamocorticalLoop fit(Preparation preparation, int excitatoryCount, int thalamicUnits,
            double thalamicTimeConstant, double goCueSeconds) {
        Arguments.requireNonNull(preparation, "preparation");
        int n = preparation.network().size();
        Arguments.requireAtLeast(excitatoryCount, 1, "excitatoryCount");
        if (excitatoryCount > n) {
            throw new IllegalArgumentException("excitatoryCount is " + excitatoryCount + ", expected at most N = " + n);
        }
        DMatrixRMaj gain = preparation.steadyStateGain().gain();
        int m = gain.numRows;
        Arguments.requireAtLeast(thalamicUnits, 1, "thalamicUnits");
        if (thalamicUnits > Math.min(m, excitatoryCount)) {
            throw new IllegalArgumentException("thalamicUnits is " + thalamicUnits + ", expected at most min(m, N_E) = "
                    + Math.min(m, excitatoryCount));
        }
        Arguments.requireFinite(Arguments.requirePositive(thalamicTimeConstant, "thalamicTimeConstant"),
                "thalamicTimeConstant");
        Arguments.requireFinite(Arguments.requireNonNegative(goCueSeconds, "goCueSeconds"), "goCueSeconds");

        double[] slope = excitatorySlope(preparation, excitatoryCount);
        DMatrixRMaj[] weights = svdWeights(gain, slope, thalamicUnits);
        return of(preparation, excitatoryCount, weights[0], weights[1], thalamicTimeConstant, goCueSeconds);
    }

    /**
     * Returns phi'(x_l) of the first N_E neurons, at the point where the preparation's gains
     * are computed, so that the loop's linearisation matches the one of K.
     */
    static double[] excitatorySlope(Preparation preparation, int excitatoryCount) {
        int n = preparation.network().size();
        double[] slope = new double[n];
        preparation.network().nonlinearity().derivatives(preparation.linearisationPoint(), slope, n);
        return java.util.Arrays.copyOf(slope, excitatoryCount);
    }

    /**
     * Fits P J to {@code F = -K_E diag(phi'_E)^-1} by a truncated SVD, {@code P = U_M Sigma_M^(1/2)},
     * {@code J = V_M^T}; columns with phi' = 0 are set to zero.
     *
     * @return {projection P (m x M), readout J (M x N_E)}
     */
    static DMatrixRMaj[] svdWeights(DMatrixRMaj gain, double[] slope, int thalamicUnits) {
        int m = gain.numRows;
        int excitatoryCount = slope.length;
        DMatrixRMaj target = new DMatrixRMaj(m, excitatoryCount);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < excitatoryCount; j++) {
                target.set(i, j, slope[j] > 0 ? -gain.get(i, j) / slope[j] : 0);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, excitatoryCount,
                true, true, false);
        if (!svd.decompose(target.copy())) {
            throw new NeurodynException("the SVD of the loop target gain (" + m + " x " + excitatoryCount + ") failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        double[] sigma = svd.getSingularValues();
        Integer[] order = new Integer[sigma.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(sigma[q], sigma[p]));
        DMatrixRMaj projection = new DMatrixRMaj(m, thalamicUnits);
        DMatrixRMaj readout = new DMatrixRMaj(thalamicUnits, excitatoryCount);
        for (int k = 0; k < thalamicUnits; k++) {
            int column = order[k];
            double root = Math.sqrt(sigma[column]);
            for (int i = 0; i < m; i++) {
                projection.set(i, k, u.get(i, column) * root);
            }
            for (int j = 0; j < excitatoryCount; j++) {
                readout.set(k, j, v.get(j, column) * root);
            }
        }
        return new DMatrixRMaj[] {projection, readout};
    }

    /**
     * Builds a loop from given weights and computes its gain error and rate bound. The weights
     * are copied.
     */
    static ThalamocorticalLoop of(Preparation preparation, int excitatoryCount, DMatrixRMaj projection,
            DMatrixRMaj readout, double thalamicTimeConstant, double goCueSeconds) {
        int n = preparation.network().size();
        DMatrixRMaj gain = preparation.steadyStateGain().gain();
        int m = gain.numRows;
        double[] slope = excitatorySlope(preparation, excitatoryCount);

        // Fit error of the fast loop against the whole gain K, and a bound on the loop's rate
        DMatrixRMaj realised = new DMatrixRMaj(m, n);
        DMatrixRMaj product = new DMatrixRMaj(m, excitatoryCount);
        CommonOps_DDRM.mult(projection, readout, product);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < excitatoryCount; j++) {
                realised.set(i, j, -product.get(i, j) * slope[j]);
            }
        }
        DMatrixRMaj difference = gain.copy();
        CommonOps_DDRM.subtractEquals(difference, realised);
        double error = NormOps_DDRM.normF(difference) / NormOps_DDRM.normF(gain);
        double rate = closedLoopNormBound(preparation, projection, readout, slope, thalamicTimeConstant);

        double[] xStar = preparation.preparedState();
        double[] resting = new double[excitatoryCount];
        for (int j = 0; j < excitatoryCount; j++) {
            resting[j] = preparation.network().nonlinearity().value(xStar[j]);
        }
        return new ThalamocorticalLoop(readout.copy(), projection.copy(), resting, thalamicTimeConstant, goCueSeconds,
                error, rate);
    }

    /**
     * Returns the infinity norm of the linearised closed loop
     * {@code [A, B~ P; J C / tau_th, -I / tau_th]}, a bound on its spectral radius in 1/s.
     */
    private static double closedLoopNormBound(Preparation preparation, DMatrixRMaj projection, DMatrixRMaj readout,
            double[] slope, double thalamicTimeConstant) {
        DMatrixRMaj a = preparation.linearisation();
        DMatrixRMaj feedback = new DMatrixRMaj(a.numRows, projection.numCols);
        CommonOps_DDRM.mult(preparation.scaledInputMatrix(), projection, feedback);
        double bound = 0;
        for (int i = 0; i < a.numRows; i++) {
            double sum = 0;
            for (int j = 0; j < a.numCols; j++) {
                sum += Math.abs(a.get(i, j));
            }
            for (int k = 0; k < feedback.numCols; k++) {
                sum += Math.abs(feedback.get(i, k));
            }
            bound = Math.max(bound, sum);
        }
        for (int k = 0; k < readout.numRows; k++) {
            double sum = 1;
            for (int j = 0; j < slope.length; j++) {
                sum += Math.abs(readout.get(k, j) * slope[j]);
            }
            bound = Math.max(bound, sum / thalamicTimeConstant);
        }
        return bound;
    }

    /**
     * Returns the loop cost relative to the steady-state LQR cost, {@code J_loop / J_LQR - 1},
     * both simulated from the same state over a window that ends at the go cue.
     *
     * @param preparation the preparation the loop was fitted to
     * @param initialState state at the start of the window (length N)
     * @return the relative excess, 0 for a perfect loop
     * @throws IllegalArgumentException if an argument is null or of the wrong length
     */
    public double relativeCostExcess(Preparation preparation, double[] initialState) {
        Arguments.requireNonNull(preparation, "preparation");
        PreparationRun lqr = preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, initialState, goCueSeconds);
        PreparationRun loop = preparation.runFeedback(this, initialState, goCueSeconds);
        return loop.totalCost() / lqr.totalCost() - 1;
    }

    /**
     * Returns whether the gate is open at time t, that is before the go cue.
     *
     * @param timeSeconds time t from the start of the preparation window in seconds
     * @return true when t is before the go cue
     */
    public boolean gateOpen(double timeSeconds) {
        return timeSeconds < goCueSeconds;
    }

    /**
     * Returns the go-cue time in seconds.
     *
     * @return the go-cue time in seconds
     */
    public double goCueSeconds() {
        return goCueSeconds;
    }

    /**
     * Returns a copy of the thalamic readout J (M x N_E).
     *
     * @return a copy of J (M x N_E)
     */
    public DMatrixRMaj readout() {
        return readout.copy();
    }

    /**
     * Returns the excitatory projection P_exc = max(P, 0) (m x M).
     *
     * @return a new matrix P_exc (m x M), entries non-negative
     */
    public DMatrixRMaj excitatoryProjection() {
        DMatrixRMaj p = projection.copy();
        for (int k = 0; k < p.data.length; k++) {
            p.data[k] = Math.max(0, p.data[k]);
        }
        return p;
    }

    /**
     * Returns the inhibitory projection P_inh = max(-P, 0) (m x M).
     *
     * @return a new matrix P_inh (m x M), entries non-negative
     */
    public DMatrixRMaj inhibitoryProjection() {
        DMatrixRMaj p = projection.copy();
        for (int k = 0; k < p.data.length; k++) {
            p.data[k] = Math.max(0, -p.data[k]);
        }
        return p;
    }

    /**
     * Returns {@code ||K - K_loop||_F / ||K||_F}, the relative error of the fast-loop gain
     * {@code K_loop = -P J S_E diag(phi'(x*))} against the LQR gain.
     *
     * @return the relative Frobenius error, dimensionless and non-negative
     */
    public double gainApproximationError() {
        return gainApproximationError;
    }

    @Override
    public int inputs() {
        return projection.numRows;
    }

    @Override
    public int internalStates() {
        return readout.numRows;
    }

    @Override
    public void evaluate(double timeSeconds, double[] error, double[] rates, double[] internal, double[] input,
            double[] internalRate) {
        double gate = gateOpen(timeSeconds) ? 1 : 0;
        int units = readout.numRows;

        // Thalamic units: tau_th dz/dt = -z + g J (r_E - r_E*)
        for (int k = 0; k < units; k++) {
            double drive = 0;
            int offset = k * excitatoryCount;
            for (int j = 0; j < excitatoryCount; j++) {
                drive += readout.data[offset + j] * (rates[j] - restingRates[j]);
            }
            internalRate[k] = (-internal[k] + gate * drive) / tauThalamus;
        }

        // Cortical input through both channels: v = g (P_exc - P_inh) z
        for (int i = 0; i < input.length; i++) {
            double sum = 0;
            int offset = i * units;
            for (int k = 0; k < units; k++) {
                sum += projection.data[offset + k] * internal[k];
            }
            input[i] = gate * sum;
        }
    }

    @Override
    public double maxRate(double fromSeconds, double toSeconds) {
        return fromSeconds < goCueSeconds ? loopRate : 1 / tauThalamus;
    }
}
