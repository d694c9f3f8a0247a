package io.github.neurodyn.preparation;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.lqr.Lqr;
import io.github.neurodyn.lqr.LqrGain;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimal anticipatory control of a rate network (Kao, Sadabadi and Hennequin, "Optimal
 * anticipatory control as a theory of motor preparation: a thalamo-cortical circuit model",
 * Neuron 109, 2021). During a preparation window [0, T] that ends at the go cue, the network
 *
 * <pre>
 *     tau dx/dt = -x + W phi(x) + h + u,      u = u_ff + B v,      v = -K (x - x*)
 * </pre>
 *
 * is driven toward the prepared state x*. The static input {@code u_ff = x* - W phi(x*) - h}
 * makes x* a fixed point and reaches every neuron. The feedback v (m inputs) enters through
 * the input matrix B (N x m, default the identity). K is the LQR gain of the network
 * linearised at x* (or at a chosen point, see {@link Builder#linearisationPoint}),
 *
 * <pre>
 *     de/dt = A e + D^-1 B v,   A = D^-1 (-I + W diag(phi'(x*))),   D = diag(tau),   e = x - x*,
 * </pre>
 *
 * for the cost {@code int_0^T (e^T Q_C e + lambda ||v||^2) dt + e(T)^T Q_C e(T)}, with Q_C the
 * prospective motor cost ({@link ProspectiveCost}, trace N) and lambda the input cost weight
 * (default 0.1). When B has orthonormal columns (identity or a subset of neurons),
 * {@code ||v|| = ||u - u_ff||}. See {@link PreparationStrategy} for the gains.
 *
 * <pre>{@code
 * Preparation preparation = Preparation.builder()
 *         .network(network).preparedState(xStar).cost(ProspectiveCost.of(a, c))
 *         .build();
 * PreparationRun run = preparation.run(PreparationStrategy.OPTIMAL, spontaneous, 0.3);
 * }</pre>
 *
 * <p>Cost: the steady-state gain needs one CARE of size N (a 2N x 2N real Schur form). The
 * finite-horizon gains come from one Riccati flow shared by every window and every prepared
 * state with the same linearisation point; a longer window extends it. Each flow step is an
 * exact Hamiltonian step (about 6.7 N^3 flops), mostly 1 ms long once the terminal layer has
 * settled. A simulated RK4 step evaluates the drift four times, each about 4 N^2 + 2 N m flops
 * at a grid point of the gains and 4 N^2 + 8 N m between grid points. Near the go cue a step
 * is split into substeps.
 *
 * <p>NOTE: the finite-horizon gains are kept for the whole window, m N doubles per grid point.
 * For the default 200-neuron network of {@code neurodyn prepare} (m = N) the flow reaches
 * 0.9 s in the perturbation experiment with 1040 points, about 330 MB.
 */
public final class Preparation {

    /** Default input cost weight lambda, for Q_C normalised to trace N. */
    public static final double DEFAULT_INPUT_COST_WEIGHT = 0.1;

    /** Default integration step of the network in seconds. */
    public static final double DEFAULT_STEP_SECONDS = 1e-3;

    /** Default step of the Riccati differential equation in seconds. */
    public static final double DEFAULT_RICCATI_STEP_SECONDS = 1e-3;

    /** Grid of the perturbation delay in seconds. */
    public static final double DELAY_RESOLUTION_SECONDS = 0.005;

    private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);

    private final RateNetwork network;
    private final double[] xStar;
    private final double[] linearisationPoint;
    private final ProspectiveCost cost;
    private final DMatrixRMaj inputMatrix;
    private final double lambda;
    private final double stepSeconds;
    private final double riccatiStepSeconds;
    private final double maxAbsState;

    private final double[] feedforward;
    private final DMatrixRMaj a;
    private final DMatrixRMaj scaledInput;
    private final GainCache gains;

    private Preparation(Builder builder, Preparation shared) {
        this.network = builder.network;
        this.xStar = builder.xStar.clone();
        this.linearisationPoint = builder.linearisationPoint == null ? null : builder.linearisationPoint.clone();
        this.cost = builder.cost;
        this.inputMatrix = builder.inputMatrix.copy();
        this.lambda = builder.lambda;
        this.stepSeconds = builder.stepSeconds;
        this.riccatiStepSeconds = builder.riccatiStepSeconds;
        this.maxAbsState = builder.maxAbsState;

        // u_ff = x* - W phi(x*) - h makes x* a fixed point
        int n = network.size();
        double[] rates = new double[n];
        network.nonlinearity().values(xStar, rates, n);
        DMatrixRMaj recurrent = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(network.weights(), DMatrixRMaj.wrap(n, 1, rates), recurrent);
        double[] bias = network.bias();
        this.feedforward = new double[n];
        for (int i = 0; i < n; i++) {
            feedforward[i] = xStar[i] - recurrent.data[i] - bias[i];
        }

        // Linearisation with the input scaled by 1 / tau, shared when the point is fixed
        if (shared != null) {
            this.a = shared.a;
            this.scaledInput = shared.scaledInput;
            this.gains = shared.gains;
            return;
        }
        this.gains = new GainCache();
        this.a = network.linearisation(linearisationPoint == null ? xStar : linearisationPoint);
        double[] tau = network.timeConstants();
        this.scaledInput = inputMatrix.copy();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < inputMatrix.numCols; k++) {
                scaledInput.set(i, k, inputMatrix.get(i, k) / tau[i]);
            }
        }
    }

    /**
     * Returns a builder with the documented defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy of the static input u_ff that makes x* a fixed point (length N).
     *
     * @return a copy of u_ff (length N)
     */
    public double[] feedforwardInput() {
        return feedforward.clone();
    }

    /**
     * Returns a preparation toward another prepared state with the same network, cost and
     * settings. When the linearisation point was set explicitly, the new preparation shares
     * the linearisation and every gain computed so far or later, so a set of reaches needs one
     * Riccati solve. Otherwise it linearises at the new state.
     *
     * @param preparedState the new x* (length N)
     * @return the new preparation
     * @throws IllegalArgumentException if the state is null, not finite or of the wrong length
     */
    public Preparation withPreparedState(double[] preparedState) {
        Builder builder = new Builder();
        builder.network = network;
        builder.xStar = preparedState == null ? null : preparedState.clone();
        builder.linearisationPoint = linearisationPoint;
        builder.cost = cost;
        builder.inputMatrix = inputMatrix;
        builder.lambda = lambda;
        builder.stepSeconds = stepSeconds;
        builder.riccatiStepSeconds = riccatiStepSeconds;
        builder.maxAbsState = maxAbsState;
        builder.validate();
        return new Preparation(builder, linearisationPoint == null ? null : this);
    }

    /**
     * Returns a copy of the linearisation A (N x N, 1/s), at x* unless another point was set.
     *
     * @return a copy of A (N x N) in 1/s
     */
    public DMatrixRMaj linearisation() {
        return a.copy();
    }

    /**
     * Returns a copy of the input matrix of the linearised system, {@code D^-1 B} (N x m, 1/s).
     *
     * @return a copy of {@code D^-1 B} (N x m) in 1/s
     */
    public DMatrixRMaj scaledInputMatrix() {
        return scaledInput.copy();
    }

    /**
     * Returns the prospective cost used as state cost.
     *
     * @return the prospective cost Q_C
     */
    public ProspectiveCost cost() {
        return cost;
    }

    /**
     * Returns the input cost weight lambda.
     *
     * @return lambda, positive
     */
    public double inputCostWeight() {
        return lambda;
    }

    /**
     * Returns the infinite-horizon LQR design for state cost Q_C, computed on first use from
     * {@code A^T X + X A - X B~ (lambda I)^-1 B~^T X + Q_C = 0}, {@code B~ = D^-1 B},
     * {@code K = B~^T X / lambda}.
     *
     * @return gain, cost matrix and closed loop
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if (A, B~) is not
     *     stabilisable
     */
    public LqrGain steadyStateGain() {
        synchronized (gains) {
            if (gains.steadyState == null) {
                gains.steadyState = Lqr.continuous(a, scaledInput, cost.matrix(), inputCost());
                LOG.debug("steady-state preparation gain: N = {}, m = {}, CARE residual {}",
                        a.numRows, scaledInput.numCols, gains.steadyState.riccati().relativeResidual());
            }
            return gains.steadyState;
        }
    }

    /**
     * Returns the infinite-horizon LQR design for state cost Q = I (the "identity cost"
     * comparison), computed on first use.
     *
     * @return gain, cost matrix and closed loop
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if (A, B~) is not
     *     stabilisable
     */
    public LqrGain identityCostGain() {
        synchronized (gains) {
            if (gains.identityCost == null) {
                gains.identityCost = Lqr.continuous(a, scaledInput, CommonOps_DDRM.identity(a.numRows), inputCost());
            }
            return gains.identityCost;
        }
    }

    /**
     * Solves the Riccati differential equation of a window,
     * {@code -dX/dt = A^T X + X A - X B~ B~^T X / lambda + Q_C} with {@code X(T) = Q_C}, by
     * exact Hamiltonian steps no longer than the Riccati step, shortened near the go cue
     * where X changes fast. This is a fresh solve that ends exactly at T; the runs use a
     * shared flow instead.
     *
     * @param preparationSeconds window length T in seconds, positive
     * @return K on the time-to-go grid and X at the start of the window
     * @throws IllegalArgumentException if T is not positive and finite
     * @throws io.github.neurodyn.api.NeurodynException if a step is singular or overflows
     */
    public FiniteHorizonGains finiteHorizonGain(double preparationSeconds) {
        Arguments.requireFinite(Arguments.requirePositive(preparationSeconds, "preparationSeconds"),
                "preparationSeconds");
        FiniteHorizonGains solution = RiccatiFlow.solve(a, scaledInput, cost.matrix(), lambda, preparationSeconds,
                riccatiStepSeconds);
        LOG.debug("finite-horizon preparation gain over {} s: {} grid points", preparationSeconds,
                solution.timeToGoSeconds().length);
        return solution;
    }

    /**
     * Simulates one preparation window on the nonlinear network.
     *
     * @param strategy how the feedback is chosen
     * @param initialState state at the start of the window, usually the spontaneous state (length N)
     * @param preparationSeconds window length T in seconds, {@code >= 0}; the go cue is at T
     * @return the states, costs and input energy of the window
     * @throws IllegalArgumentException if an argument is null, not finite, of the wrong length,
     *     or T is negative
     * @throws io.github.neurodyn.api.SimulationDivergedException if a state leaves the bound
     * @throws io.github.neurodyn.api.NoStabilizingSolutionException if a steady-state gain is
     *     requested and (A, B~) is not stabilisable
     */
    public PreparationRun run(PreparationStrategy strategy, double[] initialState, double preparationSeconds) {
        Arguments.requireNonNull(strategy, "strategy");
        Arguments.requireFinite(Arguments.requireLength(initialState, network.size(), "initialState"),
                "initialState");
        Arguments.requireFinite(Arguments.requireNonNegative(preparationSeconds, "preparationSeconds"),
                "preparationSeconds");
        return simulate(strategy, initialState, preparationSeconds, schedule(strategy, preparationSeconds));
    }

    /**
     * Simulates the network for a given duration under a custom feedback law, for example the
     * thalamo-cortical loop. The run reports {@code strategy() == null}, and the costs use the
     * error to x* and the input energy of v, with the go cue taken at the end of the run.
     *
     * @param law the feedback law, with {@code inputs()} equal to the column count of B
     * @param initialState state at the start (length N)
     * @param durationSeconds run length in seconds, {@code >= 0}
     * @return the states, costs and input energy of the run
     * @throws IllegalArgumentException if an argument is null, not finite or of the wrong size
     * @throws io.github.neurodyn.api.SimulationDivergedException if a state leaves the bound
     */
    public PreparationRun runFeedback(FeedbackLaw law, double[] initialState, double durationSeconds) {
        Arguments.requireNonNull(law, "law");
        if (law.inputs() != inputMatrix.numCols) {
            throw new IllegalArgumentException("law has " + law.inputs() + " inputs, expected "
                    + inputMatrix.numCols + ", the column count of the input matrix B");
        }
        Arguments.requireFinite(Arguments.requireLength(initialState, network.size(), "initialState"),
                "initialState");
        Arguments.requireFinite(Arguments.requireNonNegative(durationSeconds, "durationSeconds"),
                "durationSeconds");
        return simulate(null, initialState, durationSeconds, law, null, 0, 0);
    }

    /**
     * Returns a copy of the prepared state x*.
     *
     * @return a copy of x* (length N)
     */
    public double[] preparedState() {
        return xStar.clone();
    }

    /**
     * Returns a copy of the point x_l at which the network is linearised for the gains: x*
     * unless {@link Builder#linearisationPoint} set another point.
     *
     * @return a copy of x_l (length N)
     */
    public double[] linearisationPoint() {
        return (linearisationPoint == null ? xStar : linearisationPoint).clone();
    }

    /**
     * Returns the network.
     *
     * @return the rate network
     */
    public RateNetwork network() {
        return network;
    }

    /**
     * Returns a copy of the input matrix B (N x m).
     *
     * @return a copy of B (N x m)
     */
    public DMatrixRMaj inputMatrix() {
        return inputMatrix.copy();
    }

    /**
     * Simulates the window for each preparation time, all from the same initial state. The
     * finite-horizon Riccati equation is integrated once, for the longest time.
     *
     * @param strategy how the feedback is chosen
     * @param initialState state at the start of every window (length N)
     * @param preparationSeconds window lengths in seconds, each {@code >= 0}
     * @return one run per window, in the given order
     * @throws IllegalArgumentException as {@link #run}
     */
    public List<PreparationRun> sweep(PreparationStrategy strategy, double[] initialState,
            double[] preparationSeconds) {
        Arguments.requireNonNull(strategy, "strategy");
        Arguments.requireFinite(Arguments.requireLength(initialState, network.size(), "initialState"),
                "initialState");
        Arguments.requireFinite(Arguments.requireNonNull(preparationSeconds, "preparationSeconds"),
                "preparationSeconds");
        double longest = 0;
        for (double t : preparationSeconds) {
            Arguments.requireNonNegative(t, "preparationSeconds");
            longest = Math.max(longest, t);
        }
        GainSchedule gains = schedule(strategy, longest);
        List<PreparationRun> runs = new ArrayList<>(preparationSeconds.length);
        for (double t : preparationSeconds) {
            runs.add(simulate(strategy, initialState, t, gains));
        }
        return runs;
    }

    /**
     * Runs the perturbation experiment. The unperturbed trial is prepared for T seconds and
     * reaches the reference cost {@code c_ref} at its go cue. The perturbed trial receives the
     * pulse, ending {@code endBeforeGo} before T, and is prepared for a longer window
     * {@code T' = T + d} with the same strategy (for {@link PreparationStrategy#OPTIMAL}, with
     * the gains of the window T'). The delay is the smallest d on the 5 ms grid in [0, cap]
     * for which the perturbed trial's prospective cost at its go cue T' is at or below
     * {@code c_ref}: the first crossing, also where the cost is not monotone in d.
     *
     * <p>Search: for the strategies whose feedback does not depend on the window (naive and
     * both steady-state gains), one perturbed run of length T + cap gives the cost at every
     * T', and the grid is scanned in order. For {@link PreparationStrategy#OPTIMAL} every T'
     * needs its own run: the grid is scanned in strides of 4 points
     * and the first stride that ends at or below {@code c_ref} is bisected.
     *
     * <p>NOTE: for {@link PreparationStrategy#OPTIMAL} a crossing that dips below
     * {@code c_ref} and rises above it again within one stride (20 ms) is missed.
     *
     * @param strategy how the feedback is chosen
     * @param initialState state at the start of the window (length N)
     * @param preparationSeconds T in seconds, at least the pulse length plus {@code endBeforeGo}
     * @param perturbation the pulse and the cap
     * @return the delay with the costs it was measured from
     * @throws IllegalArgumentException if an argument is null, not finite or of the wrong length,
     *     or the pulse would start before the window
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run diverges
     */
    public PerturbationOutcome perturbationDelay(PreparationStrategy strategy, double[] initialState,
            double preparationSeconds, Perturbation perturbation) {
        Arguments.requireNonNull(strategy, "strategy");
        Arguments.requireFinite(Arguments.requireLength(initialState, network.size(), "initialState"),
                "initialState");
        Arguments.requireFinite(Arguments.requireNonNegative(preparationSeconds, "preparationSeconds"),
                "preparationSeconds");
        Arguments.requireNonNull(perturbation, "perturbation");
        double pulseEnd = preparationSeconds - perturbation.endBeforeGoSeconds();
        double pulseStart = pulseEnd - perturbation.durationSeconds();
        if (!(pulseStart >= 0)) {
            throw new IllegalArgumentException("preparationSeconds is " + preparationSeconds
                    + ", expected at least the pulse length plus the time before the go cue, "
                    + (perturbation.durationSeconds() + perturbation.endBeforeGoSeconds()) + " s");
        }
        double cap = perturbation.capSeconds();
        GainSchedule gains = schedule(strategy, preparationSeconds + cap);
        double threshold = simulate(strategy, initialState, preparationSeconds, gains).prospectiveCost();
        double[] pulse = pulse(perturbation);

        // Perturbed cost at the go cue T + min(cap, j * resolution), j = 0..last; NaN where not run
        int last = (int) Math.ceil(cap / DELAY_RESOLUTION_SECONDS - 1e-9);
        double[] costs = new double[last + 1];
        java.util.Arrays.fill(costs, Double.NaN);
        PerturbationSearch search = new PerturbationSearch(this, strategy, initialState, preparationSeconds, cap,
                gains, pulse, pulseStart, pulseEnd);
        int first = strategy == PreparationStrategy.OPTIMAL
                ? search.firstCrossingByRuns(threshold, costs)
                : search.firstCrossingInOneRun(threshold, costs);
        boolean capped = first < 0;
        double delay = capped ? cap : Math.min(cap, first * DELAY_RESOLUTION_SECONDS);
        if (LOG.isDebugEnabled()) {
            LOG.debug("perturbation delay, {} strategy, T = {} s: {} s{}, reference cost {}, perturbed cost at "
                    + "T + j {} s (NaN: not run): {}", strategy, preparationSeconds, delay, capped ? " (capped)" : "",
                    threshold, DELAY_RESOLUTION_SECONDS, java.util.Arrays.toString(costs));
        }
        return new PerturbationOutcome(strategy, preparationSeconds, threshold, costs[0], delay, capped,
                DELAY_RESOLUTION_SECONDS, costs);
    }

    /** Returns the seeded pulse: a standard normal vector scaled to the requested norm. */
    private double[] pulse(Perturbation perturbation) {
        int n = network.size();
        Random random = new Random(perturbation.seed());
        double[] pulse = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            pulse[i] = random.nextGaussian();
            norm += pulse[i] * pulse[i];
        }
        double scale = perturbation.inputNorm() / Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            pulse[i] *= scale;
        }
        return pulse;
    }

    private PreparationRun simulate(PreparationStrategy strategy, double[] x0, double horizon, GainSchedule gains) {
        return simulate(strategy, x0, horizon, gains, null, 0, 0);
    }

    PreparationRun simulate(PreparationStrategy strategy, double[] x0, double horizon, GainSchedule gains,
            double[] pulse, double pulseStart, double pulseEnd) {
        return simulate(strategy, x0, horizon, gains.forWindow(horizon), pulse, pulseStart, pulseEnd);
    }

    private PreparationRun simulate(PreparationStrategy strategy, double[] x0, double horizon, FeedbackLaw law,
            double[] pulse, double pulseStart, double pulseEnd) {
        int steps = horizon == 0 ? 0 : (int) Math.ceil(horizon / stepSeconds - 1e-9);
        ControlledIntegrator integrator = new ControlledIntegrator(network.weights(), network.timeConstants(),
                network.bias(), feedforward, inputMatrix, xStar, cost.matrix(), network.nonlinearity(), maxAbsState);
        integrator.setPulse(pulse, pulseStart, pulseEnd);
        double[] costSeries = new double[steps + 1];
        double[] integrals = new double[2];
        DMatrixRMaj states = integrator.integrate(x0, horizon, steps, law, costSeries, integrals);
        double[] times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            times[k] = k == steps ? horizon : k * (horizon / steps);
        }
        double terminal = costSeries[steps];
        double total = integrals[0] + lambda * integrals[1] + terminal;
        return new PreparationRun(strategy, horizon, times, states, costSeries, terminal, integrals[0],
                integrals[1], total);
    }

    private GainSchedule schedule(PreparationStrategy strategy, double longestSeconds) {
        switch (strategy) {
            case NAIVE:
                return GainSchedule.none(network.size());
            case OPTIMAL_STEADY_STATE:
                return GainSchedule.constant(steadyStateGain().gain(), scaledInput);
            case IDENTITY_COST:
                return GainSchedule.constant(identityCostGain().gain(), scaledInput);
            case OPTIMAL:
                if (longestSeconds == 0) {
                    return GainSchedule.none(network.size());
                }
                synchronized (gains) {
                    if (gains.flow == null) {
                        gains.flow = RiccatiFlow.start(a, scaledInput, cost.matrix(), lambda, riccatiStepSeconds);
                    }
                    if (gains.finiteHorizon == null || gains.finiteHorizon.horizonSeconds() < longestSeconds) {
                        gains.flow.extendTo(longestSeconds);
                        gains.finiteHorizon = gains.flow.schedule();
                        LOG.debug("finite-horizon preparation gain extended to {} s: {} grid points",
                                longestSeconds, gains.flow.points());
                    }
                    return gains.finiteHorizon;
                }
            default:
                throw new IllegalArgumentException("unknown strategy " + strategy);
        }
    }

    private DMatrixRMaj inputCost() {
        DMatrixRMaj r = CommonOps_DDRM.identity(inputMatrix.numCols);
        CommonOps_DDRM.scale(lambda, r);
        return r;
    }

    /**
     * Gains that depend only on A, B, Q_C and lambda, computed on first use. The Riccati flow
     * stays open and is extended when a longer window is requested.
     */
    private static final class GainCache {
        private LqrGain steadyState;
        private LqrGain identityCost;
        private RiccatiFlow flow;
        private GainSchedule finiteHorizon;
    }

    /** Settings of a {@link Preparation}; {@link #build()} validates them. */
    public static final class Builder {

        private RateNetwork network;
        private double[] xStar;
        private double[] linearisationPoint;
        private ProspectiveCost cost;
        private DMatrixRMaj inputMatrix;
        private double lambda = DEFAULT_INPUT_COST_WEIGHT;
        private double stepSeconds = DEFAULT_STEP_SECONDS;
        private double riccatiStepSeconds = DEFAULT_RICCATI_STEP_SECONDS;
        private double maxAbsState = 1e6;

        private Builder() {
        }

        /**
         * Sets the network (required).
         *
         * @param network the rate network
         * @return the builder, for chaining
         */
        public Builder network(RateNetwork network) {
            this.network = network;
            return this;
        }

        /**
         * Sets the prepared state x* (required, length N), the initial state of the movement.
         *
         * @param xStar x* (length N), copied
         * @return the builder, for chaining
         */
        public Builder preparedState(double[] xStar) {
            this.xStar = xStar == null ? null : xStar.clone();
            return this;
        }

        /**
         * Sets the state at which the network is linearised for the gains (length N). The
         * default is x*. A fixed point such as the spontaneous state lets
         * {@link Preparation#withPreparedState} share one set of gains between reaches.
         *
         * @param point the linearisation point x_l (length N), copied, or null to linearise at x*
         * @return the builder, for chaining
         */
        public Builder linearisationPoint(double[] point) {
            this.linearisationPoint = point == null ? null : point.clone();
            return this;
        }

        /**
         * Sets the state cost Q_C (required, N x N).
         *
         * @param cost the prospective cost Q_C (N x N)
         * @return the builder, for chaining
         */
        public Builder cost(ProspectiveCost cost) {
            this.cost = cost;
            return this;
        }

        /**
         * Sets the input matrix B (N x m); the default is the N x N identity.
         *
         * @param inputMatrix B (N x m), copied
         * @return the builder, for chaining
         */
        public Builder inputMatrix(DMatrixRMaj inputMatrix) {
            this.inputMatrix = inputMatrix == null ? null : inputMatrix.copy();
            return this;
        }

        /**
         * Sets B to the columns of the identity for the given neurons, so that only they
         * receive feedback.
         *
         * @param neurons indices of the neurons that receive feedback, each in [0, N - 1]
         * @return the builder, for chaining
         */
        public Builder inputNeurons(int... neurons) {
            Arguments.requireNonNull(neurons, "neurons");
            Arguments.requireNonNull(network, "network (set it before inputNeurons)");
            int n = network.size();
            DMatrixRMaj b = new DMatrixRMaj(n, neurons.length);
            for (int k = 0; k < neurons.length; k++) {
                if (neurons[k] < 0 || neurons[k] >= n) {
                    throw new IllegalArgumentException("neurons[" + k + "] is " + neurons[k]
                            + ", expected an index in [0, " + (n - 1) + "]");
                }
                b.set(neurons[k], k, 1.0);
            }
            this.inputMatrix = b;
            return this;
        }

        /**
         * Sets the input cost weight lambda (positive, default 0.1).
         *
         * @param lambda input cost weight, positive
         * @return the builder, for chaining
         */
        public Builder inputCostWeight(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * Sets the largest integration step of the network in seconds (default 1e-3).
         *
         * @param seconds largest network step in seconds
         * @return the builder, for chaining
         */
        public Builder stepSeconds(double seconds) {
            this.stepSeconds = seconds;
            return this;
        }

        /**
         * Sets the largest step of the Riccati differential equation in seconds (default 1e-3).
         *
         * @param seconds largest Riccati step in seconds
         * @return the builder, for chaining
         */
        public Builder riccatiStepSeconds(double seconds) {
            this.riccatiStepSeconds = seconds;
            return this;
        }

        /**
         * Sets the bound on |x_i| beyond which a run is reported as diverged (default 1e6).
         *
         * @param bound the bound on |x_i|, in the units of the state x
         * @return the builder, for chaining
         */
        public Builder maxAbsState(double bound) {
            this.maxAbsState = bound;
            return this;
        }

        /**
         * Validates the settings and computes u_ff and the linearisation.
         *
         * @return the preparation problem
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public Preparation build() {
            validate();
            return new Preparation(this, null);
        }

        private void validate() {
            Arguments.requireNonNull(network, "network");
            int n = network.size();
            Arguments.requireFinite(Arguments.requireLength(xStar, n, "preparedState"), "preparedState");
            Arguments.requireNonNull(cost, "cost");
            if (cost.size() != n) {
                throw new IllegalArgumentException("cost is " + cost.size() + " x " + cost.size()
                        + ", expected " + n + " x " + n + " to match the network");
            }
            if (inputMatrix == null) {
                inputMatrix = CommonOps_DDRM.identity(n);
            }
            if (inputMatrix.numRows != n || inputMatrix.numCols < 1) {
                throw new IllegalArgumentException("inputMatrix is " + inputMatrix.numRows + " x "
                        + inputMatrix.numCols + ", expected " + n + " x m with m >= 1");
            }
            Arguments.requireFinite(inputMatrix, "inputMatrix");
            Arguments.requireFinite(Arguments.requirePositive(lambda, "inputCostWeight"), "inputCostWeight");
            Arguments.requireFinite(Arguments.requirePositive(stepSeconds, "stepSeconds"), "stepSeconds");
            Arguments.requireFinite(Arguments.requirePositive(riccatiStepSeconds, "riccatiStepSeconds"),
                    "riccatiStepSeconds");
            Arguments.requirePositive(maxAbsState, "maxAbsState");
            if (linearisationPoint != null) {
                Arguments.requireFinite(Arguments.requireLength(linearisationPoint, n, "linearisationPoint"),
                        "linearisationPoint");
            }
        }
    }
}
