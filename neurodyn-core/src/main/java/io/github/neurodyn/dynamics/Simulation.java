package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.SimulationDivergedException;
import io.github.neurodyn.api.StepHook;
import io.github.neurodyn.api.Trajectory;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulation of a rate network
 * <pre>
 *     tau_i dx_i/dt = -x_i + sum_j W_ij phi(x_j) + h_i + u_i(t) + (M eta(t))_i
 * </pre>
 * from t = 0 to the duration, for one trial or a batch of B trials, sampled every
 * {@code sampleEverySeconds}. Times are in seconds, states are dimensionless.
 *
 * <pre>{@code
 * Trajectory run = Simulation.of(network)
 *         .integrator(Integrator.RK4).stepSeconds(1e-4)
 *         .durationSeconds(1.0).sampleEverySeconds(1e-3)
 *         .initialState(x0).input(InputSignal.constant(u))
 *         .noise(OrnsteinUhlenbeckNoise.independent(0.05, 0.1)).seed(42).trials(64)
 *         .maxAbsState(1e6)
 *         .run();
 * }</pre>
 *
 * <p>Defaults: RK4, step 1e-4 s, duration 1 s, a sample every 1e-3 s, x(0) = 0, no input,
 * no noise, seed 0, one trial, no bound on |x| other than finiteness, and for Dormand-Prince
 * an absolute tolerance of 1e-9 and a relative tolerance of 1e-6.
 *
 * <p><b>Sampling.</b> Samples are taken at t_k = k * sampleEverySeconds and at the duration.
 * Fixed-step integrators land on every sample time: when the sample interval is not an integer
 * multiple of the step, each interval is split into the fewest equal steps no longer than the
 * requested step. The adaptive integrator samples through its continuous extension.
 *
 * <p><b>Batches and determinism.</b> Trial b draws its noise from its own
 * {@code L64X128MixRandom} stream seeded from (seed, firstTrial + b), so a run is
 * reproduced bit for bit by the same seed on machines that make the same
 * {@linkplain #usesFusedMultiplyAdd() fused multiply-add choice}, and trial b of a batch equals a single run with
 * {@code firstTrial(b)} for the fixed-step integrators (the batched product sums in the same
 * order as the single one).
 *
 * <p><b>Errors.</b> Bad settings raise {@link IllegalArgumentException} from {@link #run()}
 * and {@link #stepper()}. A state that is not finite or exceeds {@link #maxAbsState(double)}
 * raises {@link SimulationDivergedException} with the time and the neuron; an adaptive run
 * whose step size underflows raises {@link io.github.neurodyn.api.NotConvergedException}.
 * A fixed step above the scheme's stability limit on the leak term alone
 * ({@code dt > 2 tau_min} for Euler and Heun, {@code dt > 2.785 tau_min} for RK4) logs one
 * warning when {@link #run()} or {@link #stepper()} starts, and the run goes on.
 *
 * <p><b>Cancellation.</b> {@link #run()} reads the thread's interrupt flag before the first
 * step and then every {@value #INTERRUPT_CHECK_STEPS} steps. When the flag is set it raises
 * {@link CancelledException} and leaves the flag set. Dormand-Prince reads the flag every
 * {@value #INTERRUPT_CHECK_STEPS} accepted steps, or with a hook at the hook's cadence.
 * A hook can also stop a run early with a trajectory instead of an exception, through
 * {@link StepHook.StepContext#requestStop()}.
 *
 * <p>A configured simulation is a mutable description; every call of {@link #run()} starts
 * afresh from the network's weights and the initial state, so a cancelled or failed run
 * changes neither the simulation nor the network.
 */
public final class Simulation {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    /** Relative slack under which a sample interval counts as a whole number of steps. */
    private static final double GRID_TOLERANCE = 1e-9;

    /** Largest number of fixed steps in one run: 2^53, beyond which t + dt rounds to t. */
    private static final double MAX_STEPS_PER_RUN = 0x1p53;

    /** Steps between two reads of the thread's interrupt flag; a power of two. */
    static final int INTERRUPT_CHECK_STEPS = 1024;

    /** Name of the run loop in cancellation messages. */
    private static final String RUN = "Simulation.run()";

    private final RateNetwork network;
    private Integrator integrator = Integrator.RK4;
    private double stepSeconds = 1e-4;
    private double durationSeconds = 1.0;
    private double sampleEverySeconds = 1e-3;
    private double[] initialState;
    private DMatrixRMaj initialStates;
    private InputSignal input;
    private OrnsteinUhlenbeckNoise noise;
    private long seed;
    private int trials = 1;
    private int firstTrial;
    private double maxAbsState = Double.MAX_VALUE;
    private double absoluteTolerance = 1e-9;
    private double relativeTolerance = 1e-6;
    private StepHook hook;
    private int hookEverySteps = 1;

    private Simulation(RateNetwork network) {
        this.network = network;
    }

    /**
     * Reports whether the products W phi(x) add each term with a fused multiply-add,
     * y_i = fma(W(i, j), r_j, y_i), rather than with a rounded product and a rounded sum. The
     * choice is made once per JVM: fused where HotSpot compiles {@link Math#fma} to a CPU
     * instruction (Intel CPUs since Haswell, AMD CPUs since Piledriver, 64-bit ARM), unfused
     * elsewhere, and forced either way by the system property
     * {@code neurodyn.fusedMultiplyAdd=true|false}. Seeded runs repeat bit for bit between
     * machines that make the same choice; record it next to results that must be
     * reproduced exactly.
     *
     * @return true if the products use {@link Math#fma}
     */
    public static boolean usesFusedMultiplyAdd() {
        return ColumnKernels.FUSED;
    }

    /**
     * Starts a simulation of a network with the defaults listed in the class documentation.
     *
     * @param network the model
     * @return the simulation
     * @throws IllegalArgumentException if {@code network} is null
     */
    public static Simulation of(RateNetwork network) {
        return new Simulation(Arguments.requireNonNull(network, "network"));
    }

    /**
     * Sets the integration scheme.
     *
     * @param integrator the scheme; RK4 by default
     * @return this simulation
     */
    public Simulation integrator(Integrator integrator) {
        this.integrator = integrator;
        return this;
    }

    /**
     * Sets the step of the fixed-step integrators, in seconds.
     *
     * @param seconds dt, positive and at least durationSeconds / 2^53
     * @return this simulation
     */
    public Simulation stepSeconds(double seconds) {
        this.stepSeconds = seconds;
        return this;
    }

    /**
     * Sets the simulated duration, in seconds.
     *
     * @param seconds the end time, non-negative; 0 gives only the initial sample
     * @return this simulation
     */
    public Simulation durationSeconds(double seconds) {
        this.durationSeconds = seconds;
        return this;
    }

    /**
     * Sets the interval between samples of the trajectory, in seconds, independent of the step.
     *
     * @param seconds the interval, positive
     * @return this simulation
     */
    public Simulation sampleEverySeconds(double seconds) {
        this.sampleEverySeconds = seconds;
        return this;
    }

    /**
     * Sets one initial state for every trial, replacing {@link #initialStates}.
     *
     * @param x0 length N, finite; copied at run time
     * @return this simulation
     * @throws IllegalArgumentException if {@code x0} is null
     */
    public Simulation initialState(double[] x0) {
        this.initialState = Arguments.requireNonNull(x0, "initialState");
        this.initialStates = null;
        return this;
    }

    /**
     * Sets one initial state per trial, column b for trial b, replacing {@link #initialState}.
     *
     * @param x0 N x B, finite, B equal to {@link #trials(int)}
     * @return this simulation
     */
    public Simulation initialStates(DMatrixRMaj x0) {
        this.initialStates = x0;
        this.initialState = null;
        return this;
    }

    /**
     * Sets the external input u(t); none by default.
     *
     * @param input the signal, of dimension N, or null for none
     * @return this simulation
     */
    public Simulation input(InputSignal input) {
        this.input = input;
        return this;
    }

    /**
     * Adds Ornstein-Uhlenbeck input noise. Only the fixed-step integrators accept it. They
     * hold eta constant over each step, which adds a local error of order dt^(3/2) whatever
     * the scheme's deterministic order.
     *
     * @param noise the noise, or null for none
     * @return this simulation
     */
    public Simulation noise(OrnsteinUhlenbeckNoise noise) {
        this.noise = noise;
        return this;
    }

    /**
     * Sets the seed of the noise streams.
     *
     * @param seed any value; 0 by default
     * @return this simulation
     */
    public Simulation seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Sets the number of trials B run as one batch.
     *
     * @param trials at least 1
     * @return this simulation
     */
    public Simulation trials(int trials) {
        this.trials = trials;
        return this;
    }

    /**
     * Sets the index of the first trial, which selects the noise streams: a run with
     * {@code firstTrial(k)} repeats trials k, k + 1, ... of a larger batch with the same seed.
     *
     * @param index at least 0
     * @return this simulation
     */
    public Simulation firstTrial(int index) {
        this.firstTrial = index;
        return this;
    }

    /**
     * Sets the bound on |x_i| beyond which the run stops with
     * {@link SimulationDivergedException}; non-finite states always stop it.
     *
     * @param bound positive
     * @return this simulation
     */
    public Simulation maxAbsState(double bound) {
        this.maxAbsState = bound;
        return this;
    }

    /**
     * Sets the absolute error tolerance of {@link Integrator#DORMAND_PRINCE}, in state units.
     *
     * @param tolerance positive
     * @return this simulation
     */
    public Simulation absoluteTolerance(double tolerance) {
        this.absoluteTolerance = tolerance;
        return this;
    }

    /**
     * Sets the relative error tolerance of {@link Integrator#DORMAND_PRINCE}.
     *
     * @param tolerance positive
     * @return this simulation
     */
    public Simulation relativeTolerance(double tolerance) {
        this.relativeTolerance = tolerance;
        return this;
    }

    /**
     * Runs a hook after every step. With Dormand-Prince it runs after accepted steps and
     * needs a single trial.
     *
     * @param hook the hook, or null for none
     * @return this simulation
     */
    public Simulation hook(StepHook hook) {
        return hook(hook, 1);
    }

    /**
     * Runs a hook after every {@code everySteps}-th step.
     *
     * @param hook the hook, or null for none
     * @param everySteps at least 1
     * @return this simulation
     */
    public Simulation hook(StepHook hook, int everySteps) {
        this.hook = hook;
        this.hookEverySteps = everySteps;
        return this;
    }

    /**
     * Integrates and returns the sampled trajectory.
     *
     * @return the trajectory
     * @throws IllegalArgumentException if a setting is invalid
     * @throws SimulationDivergedException if a state leaves the bound or is not finite
     * @throws io.github.neurodyn.api.NotConvergedException if the adaptive step size underflows
     * @throws CancelledException if the thread is interrupted before or during the run
     */
    public Trajectory run() {
        validate();
        double[] times = sampleTimes();
        warnIfStepUnstable(integrator.isFixedStep() ? largestStepSeconds(times) : stepSeconds);
        CancelledException.checkInterrupted(RUN, 0);
        int n = network.size();
        double[][] states = new double[trials][times.length * n];
        LOG.debug("integrating N = {}, B = {} with {} (dt = {} s) over {} s, {} samples",
                n, trials, integrator, stepSeconds, durationSeconds, times.length);
        if (integrator.isFixedStep()) {
            return runFixedStep(times, states);
        }
        return runAdaptive(times, states);
    }

    /**
     * Returns a stepper for a fixed-step integrator, positioned at t = 0 with the initial
     * states, for callers that drive the integration step by step.
     *
     * @return a new stepper
     * @throws IllegalArgumentException if a setting is invalid or the integrator is adaptive
     */
    public Stepper stepper() {
        validate();
        if (!integrator.isFixedStep()) {
            throw new IllegalArgumentException("stepper() needs a fixed-step integrator, found " + integrator);
        }
        warnIfStepUnstable(stepSeconds);
        return newStepper();
    }

    /** Logs the stability warning for the step the integration takes, which can be shorter than stepSeconds. */
    private void warnIfStepUnstable(double usedStepSeconds) {
        String warning = stepStabilityWarning(integrator, usedStepSeconds, network.timeConstants());
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    /**
     * Returns the warning for a fixed step above the scheme's stability limit on the leak term
     * alone, {@code dt > limit * tau_min} (limit 2 for Euler and Heun, 2.785 for RK4), or null
     * when the step is within the limit or the scheme has none. The recurrent term can make
     * the limit smaller, so staying below it does not prove stability.
     *
     * @param timeConstants the time constants tau_i in seconds, at least one
     */
    static String stepStabilityWarning(Integrator integrator, double stepSeconds, double[] timeConstants) {
        double minTimeConstant = Double.POSITIVE_INFINITY;
        for (double tau : timeConstants) {
            minTimeConstant = Math.min(minTimeConstant, tau);
        }
        double limitSeconds = integrator.leakStabilityLimit() * minTimeConstant;
        if (!(stepSeconds > limitSeconds)) {
            return null;
        }
        return String.format("%s step dt = %s s exceeds the stability limit %.6g s (%.4g tau_min, tau_min = %s s) "
                + "of the leak term alone, so the states can grow without bound; use a smaller stepSeconds, "
                + "EXPONENTIAL_EULER or DORMAND_PRINCE", integrator, stepSeconds, limitSeconds,
                integrator.leakStabilityLimit(), minTimeConstant);
    }

    private Stepper newStepper() {
        DriftKernel kernel = new DriftKernel(network, input, mixingColumns(), trials);
        NoiseProcess process = noise == null ? null
                : new NoiseProcess(noise, noiseSources(), trials, seed, firstTrial);
        return new Stepper(kernel, integrator, trials, stepSeconds, maxAbsState, process, initialStateArrays(),
                0.0, hook, hookEverySteps);
    }

    private Trajectory runFixedStep(double[] times, double[][] states) {
        int n = network.size();
        Stepper stepper = newStepper();
        record(stepper, states, 0);
        int recorded = 1;
        boolean stopped = false;
        for (int k = 1; k < times.length && !stopped; k++) {
            // Split the interval into equal steps that end on the sample time.
            double length = times[k] - times[k - 1];
            long count = stepCount(length);
            double h = stepLength(length, count);
            for (long s = 0; s < count; s++) {
                stepper.advance(h);
                if (stepper.stopRequested()) {
                    stopped = true;
                    break;
                }
                if ((stepper.stepCount() & (INTERRUPT_CHECK_STEPS - 1)) == 0) {
                    CancelledException.checkInterrupted(RUN, stepper.stepCount());
                }
            }
            if (!stopped) {
                stepper.setTimeSeconds(times[k]);
            } else {
                times[k] = stepper.timeSeconds();
            }
            record(stepper, states, k);
            recorded = k + 1;
        }
        if (recorded < times.length) {
            times = Arrays.copyOf(times, recorded);
            for (int b = 0; b < trials; b++) {
                states[b] = Arrays.copyOf(states[b], recorded * n);
            }
        }
        return new Trajectory(times, states, n, network.nonlinearity(),
                fromColumns(stepper.weightColumns(), n), integrator.name(), stepper.stepCount(), 0, stopped);
    }

    private Trajectory runAdaptive(double[] times, double[][] states) {
        int n = network.size();
        DriftKernel kernel = new DriftKernel(network, input, null, 1);
        // Dormand-Prince owns its step loop, so the interrupt check runs as part of the hook.
        int checkEvery = hook == null ? INTERRUPT_CHECK_STEPS : hookEverySteps;
        StepHook userHook = hook;
        StepHook checkingHook = context -> {
            CancelledException.checkInterrupted(RUN, context.stepCount());
            if (userHook != null) {
                userHook.afterStep(context);
            }
        };
        DormandPrince dormandPrince = new DormandPrince(kernel, absoluteTolerance, relativeTolerance,
                maxAbsState, checkingHook, checkEvery);
        double[][] x0 = initialStateArrays();
        long maxSteps = 0;
        int written = times.length;
        for (int b = 0; b < trials; b++) {
            long before = dormandPrince.acceptedSteps;
            written = dormandPrince.integrate(x0[b], times, states[b]);
            maxSteps = Math.max(maxSteps, dormandPrince.acceptedSteps - before);
        }
        if (dormandPrince.stopped) {
            times = Arrays.copyOf(times, written);
            times[written - 1] = dormandPrince.stopTime;
            states[0] = Arrays.copyOf(states[0], written * n);
        }
        LOG.debug("Dormand-Prince: {} accepted steps per trial at most, {} rejected in total",
                maxSteps, dormandPrince.rejectedSteps);
        return new Trajectory(times, states, n, network.nonlinearity(), fromColumns(kernel.weightColumns, n),
                integrator.name(), maxSteps, dormandPrince.rejectedSteps, dormandPrince.stopped);
    }

    private static void record(Stepper stepper, double[][] states, int sample) {
        int n = stepper.neuronCount();
        for (int b = 0; b < stepper.trials(); b++) {
            System.arraycopy(stepper.stateView(b), 0, states[b], sample * n, n);
        }
    }

    /** Returns t_k = k * interval for every k with t_k below the duration, then the duration itself. */
    /**
     * Returns the number of equal fixed steps that cover a sample interval: the interval over
     * stepSeconds when that ratio is an integer within the grid tolerance, otherwise the ratio
     * rounded up, so no step is longer than stepSeconds.
     */
    private long stepCount(double intervalSeconds) {
        double ratio = intervalSeconds / stepSeconds;
        long count = Math.round(ratio);
        if (count < 1 || Math.abs(ratio - count) > GRID_TOLERANCE * ratio) {
            count = (long) Math.ceil(ratio);
        }
        return count;
    }

    /** Returns the length of each of the {@code count} steps over an interval, stepSeconds when it fits exactly. */
    private double stepLength(double intervalSeconds, long count) {
        double ratio = intervalSeconds / stepSeconds;
        return Math.abs(ratio - count) > GRID_TOLERANCE * ratio ? intervalSeconds / count : stepSeconds;
    }

    /**
     * Returns the longest fixed step that {@link #run()} takes over the sample times, which is
     * shorter than stepSeconds when every sample interval is shorter than it.
     */
    double largestStepSeconds() {
        return largestStepSeconds(sampleTimes());
    }

    private double largestStepSeconds(double[] times) {
        double largest = 0;
        for (int k = 1; k < times.length; k++) {
            double length = times[k] - times[k - 1];
            largest = Math.max(largest, stepLength(length, stepCount(length)));
        }
        return largest;
    }

    private double[] sampleTimes() {
        long whole = (long) Math.floor(durationSeconds / sampleEverySeconds * (1 + GRID_TOLERANCE));
        double lastOnGrid = whole * sampleEverySeconds;
        boolean endsOnGrid = Math.abs(durationSeconds - lastOnGrid) <= GRID_TOLERANCE * sampleEverySeconds;
        long count = whole + 1 + (endsOnGrid ? 0 : 1);
        if (count > Integer.MAX_VALUE / network.size()) {
            throw new IllegalArgumentException(String.format(
                    "durationSeconds / sampleEverySeconds = %s / %s gives %d samples of %d neurons, more "
                            + "than one array holds; sample less often", durationSeconds, sampleEverySeconds,
                    count, network.size()));
        }
        double[] times = new double[(int) count];
        for (int k = 0; k < count; k++) {
            times[k] = k * sampleEverySeconds;
        }
        times[times.length - 1] = durationSeconds;
        return times;
    }

    private void validate() {
        int n = network.size();
        Arguments.requireNonNull(integrator, "integrator");
        Arguments.requirePositive(stepSeconds, "stepSeconds");
        Arguments.requireNonNegative(durationSeconds, "durationSeconds");
        Arguments.requirePositive(sampleEverySeconds, "sampleEverySeconds");
        Arguments.requireAtLeast(trials, 1, "trials");
        Arguments.requireAtLeast(firstTrial, 0, "firstTrial");
        Arguments.requirePositive(maxAbsState, "maxAbsState");
        Arguments.requirePositive(absoluteTolerance, "absoluteTolerance");
        Arguments.requirePositive(relativeTolerance, "relativeTolerance");
        Arguments.requireAtLeast(hookEverySteps, 1, "hookEverySteps");
        if (integrator.isFixedStep() && durationSeconds / stepSeconds > MAX_STEPS_PER_RUN) {
            throw new IllegalArgumentException(String.format(
                    "stepSeconds = %s is too small for durationSeconds = %s: the run would need %.3g steps, and "
                            + "beyond %.3g steps t + dt rounds to t; expected stepSeconds >= %s",
                    stepSeconds, durationSeconds, durationSeconds / stepSeconds, MAX_STEPS_PER_RUN,
                    durationSeconds / MAX_STEPS_PER_RUN));
        }

        // Shapes against the network size.
        if (initialState != null) {
            Arguments.requireLength(initialState, n, "initialState");
        }
        if (initialStates != null) {
            Arguments.requireShape(initialStates, n, trials, "initialStates");
        }
        if (input != null && input.dimension() != n) {
            throw new IllegalArgumentException(String.format(
                    "input must have dimension N = %d, found %d", n, input.dimension()));
        }

        // Combinations that an integrator does not support.
        if (noise != null) {
            if (!integrator.isFixedStep()) {
                throw new IllegalArgumentException("noise needs a fixed-step integrator (Euler-Maruyama and "
                        + "relatives), found " + integrator);
            }
            DMatrixRMaj mixing = noise.mixing();
            if (mixing != null && mixing.numRows != n) {
                throw new IllegalArgumentException(String.format(
                        "noise mixing matrix must have N = %d rows, found %dx%d", n, mixing.numRows, mixing.numCols));
            }
        }
        if (integrator == Integrator.EXACT_LINEAR) {
            if (hook != null) {
                throw new IllegalArgumentException("EXACT_LINEAR rejects hooks because it precomputes the "
                        + "propagator from W; use RK4 or EXPONENTIAL_EULER with a hook");
            }
            if (network.nonlinearity() != Nonlinearity.identity()) {
                throw new IllegalArgumentException("EXACT_LINEAR needs the identity nonlinearity, found "
                        + network.nonlinearity().name() + "; use RK4 or DORMAND_PRINCE for nonlinear networks");
            }
        }
        if (hook != null && !integrator.isFixedStep() && trials > 1) {
            throw new IllegalArgumentException("a hook with " + integrator + " needs trials = 1, found " + trials);
        }
    }

    private int noiseSources() {
        DMatrixRMaj mixing = noise.mixing();
        return mixing == null ? network.size() : mixing.numCols;
    }

    private double[][] mixingColumns() {
        if (noise == null || noise.mixing() == null) {
            return null;
        }
        DMatrixRMaj mixing = noise.mixing();
        return ColumnKernels.toColumns(mixing.data, mixing.numRows, mixing.numCols);
    }

    private double[][] initialStateArrays() {
        int n = network.size();
        double[][] x0 = new double[trials][n];
        for (int b = 0; b < trials; b++) {
            if (initialState != null) {
                System.arraycopy(initialState, 0, x0[b], 0, n);
            } else if (initialStates != null) {
                for (int i = 0; i < n; i++) {
                    x0[b][i] = initialStates.get(i, b);
                }
            }
        }
        return x0;
    }

    private static DMatrixRMaj fromColumns(double[][] columns, int n) {
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                w.data[i * n + j] = columns[j][i];
            }
        }
        return w;
    }
}
