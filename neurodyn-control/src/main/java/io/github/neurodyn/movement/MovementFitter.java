package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.linalg.MatrixExponential;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a torque readout and one prepared initial state per movement to target output time
 * courses, for a ReLU network at its spontaneous state ({@link SpontaneousNetwork}).
 *
 * <p>Model. Movement i starts the nonlinear network at
 * {@code x0_i = x_spont + V a_i}, where the N x k matrix V contains the top-k optimal initial
 * conditions of the linearisation {@code A = (W - I)/tau} read out through the excitatory
 * neurons ({@link OptimalInitialConditions}, C = [I_E 0], infinite horizon), and
 * {@code ||a_i|| = rho}, so every deviation from x_spont has the same norm rho. The output is
 * {@code y_i(t) = C r_E(t)}, r_E the excitatory rates, with the m x N_E readout C constrained by
 * {@code C r_E(x_spont) = 0} and {@code C r_E(x0_i) = 0} for every i: nothing moves before the
 * go cue and the network rests at zero output.
 *
 * <p>Algorithm: alternating minimisation of {@code sum_i sum_j ||y_i(t_j) - target_i(t_j)||^2}.
 * <ol>
 *   <li>Readout step (exact): simulate the nonlinear network (RK4) from every x0_i, project the
 *       rates onto the orthogonal complement of span{r_E(x_spont), r_E(x0_1), ...} with the
 *       projector P, and solve the ridge problem
 *       {@code C = Y F^T (F F^T + lambda I)^-1}, F = P R, then set {@code C <- C P} so that the
 *       constraint holds to round-off. The ridge is relative:
 *       {@code lambda = ridge * trace(F F^T) / N_E}.</li>
 *   <li>Initial-state step (Gauss-Newton through the linearisation): the output of the
 *       deviation V a is predicted by {@code G(t) a}, {@code G(t) = C S e^{A t} V} (S selects
 *       excitatory rows, e^{A dt} by exact propagation). Each a_i solves
 *       {@code min ||G a - (target_i - y_i + G a_i)||^2} subject to {@code ||a|| = rho}, a
 *       trust-region subproblem solved exactly through the eigendecomposition of
 *       {@code G^T G} and bisection on the multiplier (Moré and Sorensen, SIAM J. Sci. Stat.
 *       Comput. 4(3), 1983).</li>
 * </ol>
 * The nonlinear residual {@code target_i - y_i} corrects the linear prediction, so the
 * fixed point of the step is a nonlinear least-squares optimum when the linearisation is
 * accurate. Each iteration evaluates a consistent pair (C, x0) by simulation and the best
 * pair seen is returned; the last step is always a readout step.
 *
 * <p>Defaults: k = {@link #DEFAULT_DIRECTIONS} (at most N), rho =
 * {@link #DEFAULT_DEVIATION_PER_NEURON} * sqrt(N) (an RMS deviation of 0.2 per neuron against
 * spontaneous states near 1), ridge {@link #DEFAULT_RIDGE}, {@link #DEFAULT_ITERATIONS}
 * iterations, RK4 step {@link #DEFAULT_STEP_SECONDS} s.
 *
 * <p>Cost per iteration: K nonlinear runs of {@code 4 T dt_sample/dt} matrix-vector
 * products of order N, one N_E x N_E Cholesky solve, and {@code T m N_E k} flops for G. Set-up:
 * one Gramian and {@code T} products of N x N by N x k.
 *
 * <p>Limitations: the initial-state step uses the linearisation at x_spont, which is
 * inaccurate when many rates are rectified; the iteration then stalls instead of
 * diverging because only the best simulated pair is kept.
 */
public final class MovementFitter {

    /** Default number k of Gramian eigenvectors that span the prepared deviations. */
    public static final int DEFAULT_DIRECTIONS = 20;
    /** Default RMS deviation per neuron; the norm rho is this times sqrt(N). */
    public static final double DEFAULT_DEVIATION_PER_NEURON = 0.2;
    /** Default relative ridge penalty on the readout. */
    public static final double DEFAULT_RIDGE = 1e-3;
    /** Default number of alternating iterations. */
    public static final int DEFAULT_ITERATIONS = 15;
    /** Default RK4 step of the nonlinear runs, in seconds. */
    public static final double DEFAULT_STEP_SECONDS = 5e-4;

    private static final Logger LOG = LoggerFactory.getLogger(MovementFitter.class);

    /** Relative size below which a constraint vector adds no new direction. */
    private static final double RANK_TOLERANCE = 1e-10;

    private final SpontaneousNetwork network;
    private final List<DMatrixRMaj> targets;
    private final double sampleIntervalSeconds;
    private final int directionCount;
    private final double deviationNorm;
    private final double ridge;
    private final int iterations;
    private final double stepSeconds;

    private MovementFitter(Builder builder, int directionCount, double deviationNorm) {
        this.network = builder.network;
        this.targets = builder.targets.stream().map(DMatrixRMaj::copy).toList();
        this.sampleIntervalSeconds = builder.sampleIntervalSeconds;
        this.directionCount = directionCount;
        this.deviationNorm = deviationNorm;
        this.ridge = builder.ridge;
        this.iterations = builder.iterations;
        this.stepSeconds = builder.stepSeconds;
    }

    /**
     * Starts a fitter.
     *
     * @param network the network at its spontaneous state
     * @param targets one T x m matrix per movement, row j the target output at
     *     {@code t_j = j * sampleIntervalSeconds} (torques in N m for the arm, e.g.
     *     {@code Reach.torques()}); the first row should be zero, because the constraint
     *     makes every fitted output start at zero
     * @param sampleIntervalSeconds the sample interval of the targets, in seconds
     * @return a builder with the defaults
     */
    public static Builder builder(SpontaneousNetwork network, List<DMatrixRMaj> targets,
            double sampleIntervalSeconds) {
        return new Builder(network, targets, sampleIntervalSeconds);
    }

    /**
     * Runs the alternating fit.
     *
     * @return the best readout and prepared states, with their errors
     * @throws io.github.neurodyn.api.SimulationDivergedException if a nonlinear run diverges
     * @throws NeurodynException if the ridge system or an eigendecomposition fails
     * @throws CancelledException if the thread is interrupted. The flag is read before each
     *     iteration and every 1024 steps of each nonlinear run, and stays set.
     */
    public MovementFit fit() {
        int n = network.size();
        int excitatory = network.excitatoryCount();
        int movements = targets.size();
        int samples = targets.get(0).numRows;
        double[] spontaneous = network.spontaneousState();

        // Directions: top-k optimal initial conditions through the excitatory rates.
        DMatrixRMaj a = network.linearisation();
        DMatrixRMaj selector = new DMatrixRMaj(excitatory, n);
        for (int i = 0; i < excitatory; i++) {
            selector.set(i, i, 1.0);
        }
        InitialConditions conditions = OptimalInitialConditions.of(a, selector, directionCount,
                network.timeConstant());
        DMatrixRMaj v = conditions.directions();
        List<DMatrixRMaj> propagated = propagatedDirections(a, v, excitatory, samples);
        LOG.debug("movement fit: N = {}, N_E = {}, K = {}, k = {}, rho = {}, top amplification {}",
                n, excitatory, movements, directionCount, deviationNorm, conditions.amplification()[0]);

        // Start movement i along direction i (cycling when K > k).
        DMatrixRMaj coefficients = new DMatrixRMaj(directionCount, movements);
        for (int i = 0; i < movements; i++) {
            coefficients.set(i % directionCount, i, deviationNorm);
        }

        Candidate best = null;
        int bestIteration = 0;
        int run = 0;
        for (int iteration = 0; iteration < Math.max(1, iterations); iteration++) {
            CancelledException.checkInterrupted("MovementFitter.fit()", iteration);
            run = iteration + 1;
            DMatrixRMaj initialStates = initialStates(spontaneous, v, coefficients);
            List<DMatrixRMaj> rates = NetworkRuns.excitatoryRates(network, initialStates, samples,
                    sampleIntervalSeconds, stepSeconds);
            Candidate candidate = readoutStep(spontaneous, initialStates, rates);
            LOG.debug("movement fit iteration {}: R^2 = {}, sum of squared errors {}", iteration,
                    candidate.r2, candidate.squaredError);
            if (best == null || candidate.squaredError < best.squaredError) {
                best = candidate;
                bestIteration = iteration;
            }
            if (iteration + 1 < iterations) {
                coefficients = initialStateStep(candidate, coefficients, propagated);
            }
        }
        LOG.debug("movement fit: best R^2 = {} at iteration {} of {}", best.r2, bestIteration, run);
        return new MovementFit(best.readout, best.initialStates, best.outputs, best.relativeErrors, best.r2,
                best.constraintViolation, conditions, run, bestIteration);
    }

    /** Returns {@code S e^{A t_j} V} for every sample time, by exact propagation with e^{A dt}. */
    private List<DMatrixRMaj> propagatedDirections(DMatrixRMaj a, DMatrixRMaj v, int excitatory, int samples) {
        DMatrixRMaj step = MatrixExponential.of(a, sampleIntervalSeconds);
        List<DMatrixRMaj> out = new ArrayList<>(samples);
        DMatrixRMaj current = v.copy();
        DMatrixRMaj next = new DMatrixRMaj(v.numRows, v.numCols);
        for (int j = 0; j < samples; j++) {
            out.add(CommonOps_DDRM.extract(current, 0, excitatory, 0, v.numCols));
            CommonOps_DDRM.mult(step, current, next);
            DMatrixRMaj swap = current;
            current = next;
            next = swap;
        }
        return out;
    }

    private static DMatrixRMaj initialStates(double[] spontaneous, DMatrixRMaj v, DMatrixRMaj coefficients) {
        DMatrixRMaj states = new DMatrixRMaj(v.numRows, coefficients.numCols);
        CommonOps_DDRM.mult(v, coefficients, states);
        for (int r = 0; r < states.numRows; r++) {
            for (int c = 0; c < states.numCols; c++) {
                states.add(r, c, spontaneous[r]);
            }
        }
        return states;
    }

    /** Fits C under the zero-output constraint and evaluates the pair by its simulated outputs. */
    private Candidate readoutStep(double[] spontaneous, DMatrixRMaj initialStates, List<DMatrixRMaj> rates) {
        int excitatory = network.excitatoryCount();
        int outputs = targets.get(0).numCols;

        // Orthonormal basis of the rates that must map to zero: r_E(x_spont) and r_E(x0_i).
        List<double[]> constrained = new ArrayList<>();
        constrained.add(excitatoryRates(spontaneous, excitatory));
        for (int i = 0; i < initialStates.numCols; i++) {
            double[] column = new double[initialStates.numRows];
            for (int r = 0; r < column.length; r++) {
                column[r] = initialStates.get(r, i);
            }
            constrained.add(excitatoryRates(column, excitatory));
        }
        DMatrixRMaj projector = ReadoutProjection.complementProjector(constrained, excitatory, RANK_TOLERANCE);

        // Normal equations of the projected ridge problem: (F F^T + lambda I) C^T = F Y^T.
        DMatrixRMaj gram = new DMatrixRMaj(excitatory, excitatory);
        DMatrixRMaj cross = new DMatrixRMaj(excitatory, outputs);
        DMatrixRMaj projected = new DMatrixRMaj(excitatory, rates.get(0).numCols);
        for (int i = 0; i < rates.size(); i++) {
            CommonOps_DDRM.mult(projector, rates.get(i), projected);
            CommonOps_DDRM.multAddTransB(projected, projected, gram);
            CommonOps_DDRM.multAdd(projected, targets.get(i), cross);
        }
        double lambda = ridge * CommonOps_DDRM.trace(gram) / excitatory;
        for (int d = 0; d < excitatory; d++) {
            gram.add(d, d, lambda);
        }
        DMatrixRMaj readoutTransposed = new DMatrixRMaj(excitatory, outputs);
        if (!CommonOps_DDRM.solveSPD(gram.copy(), cross, readoutTransposed)) {
            throw new NeurodynException("ridge system for the readout is not positive definite (lambda = "
                    + lambda + "); raise the ridge penalty");
        }

        // C <- C P makes C r = 0 hold to round-off for every constrained rate vector.
        DMatrixRMaj readout = new DMatrixRMaj(outputs, excitatory);
        CommonOps_DDRM.multTransA(readoutTransposed, projector, readout);
        return evaluate(readout, initialStates, rates, constrained);
    }

    private Candidate evaluate(DMatrixRMaj readout, DMatrixRMaj initialStates, List<DMatrixRMaj> rates,
            List<double[]> constrained) {
        int movements = rates.size();
        int outputs = readout.numRows;
        List<DMatrixRMaj> fitted = new ArrayList<>(movements);
        double[] relative = new double[movements];
        double squaredError = 0;
        double largestTarget = 0;
        for (int i = 0; i < movements; i++) {
            DMatrixRMaj y = NetworkRuns.outputs(readout, rates.get(i));
            fitted.add(y);
            relative[i] = FitStatistics.relativeError(y, targets.get(i));
            squaredError += FitStatistics.squaredError(y, targets.get(i));
            largestTarget = Math.max(largestTarget, CommonOps_DDRM.elementMaxAbs(targets.get(i)));
        }
        double r2 = FitStatistics.r2(fitted, targets);

        // Largest |C r| over the constrained rate vectors, relative to the largest target.
        double violation = 0;
        for (double[] r : constrained) {
            for (int o = 0; o < outputs; o++) {
                double value = 0;
                for (int c = 0; c < r.length; c++) {
                    value += readout.get(o, c) * r[c];
                }
                violation = Math.max(violation, Math.abs(value));
            }
        }
        return new Candidate(readout, initialStates, fitted, relative, squaredError, r2,
                violation / largestTarget);
    }

    /** Gauss-Newton step of every a_i through the linear prediction, at fixed norm rho. */
    private DMatrixRMaj initialStateStep(Candidate candidate, DMatrixRMaj coefficients,
            List<DMatrixRMaj> propagated) {
        int k = coefficients.numRows;
        int outputs = candidate.readout.numRows;
        int samples = propagated.size();

        // G(t_j) = C S e^{A t_j} V and the Gram matrix H = sum_j G^T G, shared by all movements.
        List<DMatrixRMaj> gains = new ArrayList<>(samples);
        DMatrixRMaj h = new DMatrixRMaj(k, k);
        for (DMatrixRMaj phi : propagated) {
            DMatrixRMaj g = new DMatrixRMaj(outputs, k);
            CommonOps_DDRM.mult(candidate.readout, phi, g);
            CommonOps_DDRM.multAddTransA(g, g, h);
            gains.add(g);
        }

        DMatrixRMaj updated = new DMatrixRMaj(k, coefficients.numCols);
        double[] current = new double[k];
        double[] predicted = new double[outputs];
        for (int i = 0; i < coefficients.numCols; i++) {
            for (int d = 0; d < k; d++) {
                current[d] = coefficients.get(d, i);
            }

            // Right-hand side g = sum_j G^T (target - y + G a_i).
            double[] rhs = new double[k];
            DMatrixRMaj target = targets.get(i);
            DMatrixRMaj fitted = candidate.outputs.get(i);
            for (int j = 0; j < samples; j++) {
                DMatrixRMaj g = gains.get(j);
                for (int o = 0; o < outputs; o++) {
                    double value = 0;
                    for (int d = 0; d < k; d++) {
                        value += g.get(o, d) * current[d];
                    }
                    predicted[o] = target.get(j, o) - fitted.get(j, o) + value;
                }
                for (int d = 0; d < k; d++) {
                    double sum = 0;
                    for (int o = 0; o < outputs; o++) {
                        sum += g.get(o, d) * predicted[o];
                    }
                    rhs[d] += sum;
                }
            }
            double[] solution = NormConstrainedLeastSquares.solve(h, rhs, deviationNorm);
            for (int d = 0; d < k; d++) {
                updated.set(d, i, solution[d]);
            }
        }
        return updated;
    }

    private static double[] excitatoryRates(double[] state, int excitatory) {
        double[] out = new double[excitatory];
        for (int i = 0; i < excitatory; i++) {
            out[i] = Math.max(state[i], 0);
        }
        return out;
    }

    /** One evaluated pair (C, x0) with its simulated outputs and errors. */
    private record Candidate(DMatrixRMaj readout, DMatrixRMaj initialStates, List<DMatrixRMaj> outputs,
            double[] relativeErrors, double squaredError, double r2, double constraintViolation) {
    }

    /**
     * Settings of a {@link MovementFitter}; {@link #build()} validates them all.
     */
    public static final class Builder {
        private final SpontaneousNetwork network;
        private final List<DMatrixRMaj> targets;
        private final double sampleIntervalSeconds;
        private Integer directions;
        private Double deviationNorm;
        private double ridge = DEFAULT_RIDGE;
        private int iterations = DEFAULT_ITERATIONS;
        private double stepSeconds = DEFAULT_STEP_SECONDS;

        private Builder(SpontaneousNetwork network, List<DMatrixRMaj> targets, double sampleIntervalSeconds) {
            this.network = network;
            this.targets = targets;
            this.sampleIntervalSeconds = sampleIntervalSeconds;
        }

        /**
         * Sets the number k of Gramian eigenvectors that span the prepared deviations.
         *
         * @param count k, 1 to N; {@link #DEFAULT_DIRECTIONS} capped at N by default
         * @return this builder
         */
        public Builder directions(int count) {
            this.directions = count;
            return this;
        }

        /**
         * Sets the norm rho of every prepared deviation {@code x0_i - x_spont}.
         *
         * @param norm rho, positive (dimensionless, like the state)
         * @return this builder
         */
        public Builder deviationNorm(double norm) {
            this.deviationNorm = norm;
            return this;
        }

        /**
         * Sets the relative ridge penalty; lambda is this times the mean eigenvalue of the
         * projected rate Gram matrix.
         *
         * @param ridge positive
         * @return this builder
         */
        public Builder ridge(double ridge) {
            this.ridge = ridge;
            return this;
        }

        /**
         * Sets the number of alternating iterations (readout step plus initial-state step).
         *
         * @param iterations at least 1
         * @return this builder
         */
        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the RK4 step of the nonlinear runs, in seconds; it is shortened to divide the
         * sample interval.
         *
         * @param seconds positive
         * @return this builder
         */
        public Builder stepSeconds(double seconds) {
            this.stepSeconds = seconds;
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the fitter
         * @throws IllegalArgumentException if the network or targets are null, the target list
         *     is empty, or targets differ in shape, have fewer than 2 rows or a non-finite entry.
         *     Also if k is outside [1, N], a number is not positive, or N_E is not larger than
         *     K + 1, because the constraint would then leave no readout
         */
        public MovementFitter build() {
            Arguments.requireNonNull(network, "network");
            Arguments.requireNonNull(targets, "targets");
            Arguments.requireAtLeast(targets.size(), 1, "targets.size() (movements)");
            Arguments.requirePositive(sampleIntervalSeconds, "sampleIntervalSeconds");
            DMatrixRMaj first = Arguments.requireNonNull(targets.get(0), "targets[0]");
            Arguments.requireAtLeast(first.numRows, 2, "targets[0].numRows (samples)");
            Arguments.requireAtLeast(first.numCols, 1, "targets[0].numCols (outputs)");
            for (int i = 0; i < targets.size(); i++) {
                String name = "targets[" + i + "]";
                Arguments.requireShape(targets.get(i), first.numRows, first.numCols, name);
                Arguments.requireFinite(targets.get(i), name);
            }
            int n = network.size();
            int count = directions != null ? directions : Math.min(DEFAULT_DIRECTIONS, n);
            Arguments.requireInRange(count, 1, n, "directions (k)");
            double norm = deviationNorm != null ? deviationNorm : DEFAULT_DEVIATION_PER_NEURON * Math.sqrt(n);
            Arguments.requirePositive(norm, "deviationNorm");
            Arguments.requirePositive(ridge, "ridge");
            Arguments.requireAtLeast(iterations, 1, "iterations");
            Arguments.requirePositive(stepSeconds, "stepSeconds");
            if (network.excitatoryCount() <= targets.size() + 1) {
                throw new IllegalArgumentException("the network needs more than K + 1 = " + (targets.size() + 1)
                        + " excitatory neurons for a readout that maps the spontaneous and prepared states "
                        + "to zero, found " + network.excitatoryCount());
            }
            return new MovementFitter(this, count, norm);
        }
    }
}
