package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.CancelledException;
import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.dynamics.Stepper;
import io.github.neurodyn.linalg.RealSchur;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training protocol for {@link InhibitoryPlasticity}: simulates
 * <pre>
 *     tau dx/dt = -x + W phi(x) + h + u(t) + xi(t)
 * </pre>
 * with the rule changing W online, under a time-varying input u(t) and optional
 * Ornstein-Uhlenbeck noise xi(t). It reports progress after every window.
 *
 * <pre>{@code
 * TrainingResult result = PlasticityTraining.of(network, rule)
 *         .input(InputSignal.constant(u))
 *         .noise(OrnsteinUhlenbeckNoise.independent(0.05, 0.3)).seed(7)
 *         .durationSeconds(20).reportEverySeconds(0.5)
 *         .snapshotTimes(0, 5, 20)
 *         .listener(report -> report.abscissa() > 0.9)   // stop once alpha < 0.9
 *         .run();
 * }</pre>
 *
 * <p>Inside the integration loop an internal hook sums the state and rates and applies the
 * rule every {@code updateEverySteps} steps; it allocates nothing. Between windows the
 * protocol computes the abscissa of W diag(phi'(x*)) at the window's mean state x* (about
 * 10 N^3 flops), the mean rates of both populations and the change of W, and passes them to
 * the listener. A listener that returns false ends the run after that window.
 *
 * <p>Defaults: Euler-Maruyama steps of 1e-3 s, an update every step, 20 s of training,
 * reports every 0.5 s, x(0) = 0, no input, no noise, seed 0, a bound of 1e6 on |x|.
 *
 * <p>The excitatory neurons are the first {@link InhibitoryPlasticity#excitatoryCount()}.
 *
 * <p><b>Cancellation.</b> A listener that returns false stops the run with a result. An
 * interrupt of the training thread stops it with {@link CancelledException}: {@link #run()}
 * reads the flag before the first step and every {@value #INTERRUPT_CHECK_STEPS} steps,
 * and leaves it set. The network and the protocol are unchanged, and the next
 * {@link #run()} resets the rule and starts afresh.
 */
public final class PlasticityTraining {

    private static final Logger LOG = LoggerFactory.getLogger(PlasticityTraining.class);

    /** Steps between two reads of the thread's interrupt flag; a power of two. */
    static final int INTERRUPT_CHECK_STEPS = 1024;

    /** Name of the training loop in cancellation messages. */
    private static final String RUN = "PlasticityTraining.run()";

    private final RateNetwork network;
    private final InhibitoryPlasticity rule;
    private Integrator integrator = Integrator.EULER;
    private double stepSeconds = 1e-3;
    private int updateEverySteps = 1;
    private double durationSeconds = 20.0;
    private double reportEverySeconds = 0.5;
    private InputSignal input;
    private OrnsteinUhlenbeckNoise noise;
    private long seed;
    private double[] initialState;
    private double maxAbsState = 1e6;
    private double[] snapshotTimes = new double[0];
    private TrainingListener listener = report -> true;

    private PlasticityTraining(RateNetwork network, InhibitoryPlasticity rule) {
        this.network = network;
        this.rule = rule;
    }

    /**
     * Starts a training protocol.
     *
     * @param network the network, with the start weights, tau, bias h and phi
     * @param rule the plasticity rule, built for a network of the same size
     * @return the protocol with the defaults of the class documentation
     * @throws IllegalArgumentException if an argument is null or the sizes differ
     */
    public static PlasticityTraining of(RateNetwork network, InhibitoryPlasticity rule) {
        Arguments.requireNonNull(network, "network");
        Arguments.requireNonNull(rule, "rule");
        if (rule.neuronCount() != network.size()) {
            throw new IllegalArgumentException(String.format(
                    "rule is built for N = %d neurons but the network has %d", rule.neuronCount(), network.size()));
        }
        return new PlasticityTraining(network, rule);
    }

    /**
     * Sets the fixed-step integrator.
     *
     * @param integrator EULER (default), HEUN, RK4 or EXPONENTIAL_EULER
     * @return this protocol
     */
    public PlasticityTraining integrator(Integrator integrator) {
        this.integrator = integrator;
        return this;
    }

    /**
     * Sets the integration step.
     *
     * @param seconds dt, positive (default 1e-3)
     * @return this protocol
     */
    public PlasticityTraining stepSeconds(double seconds) {
        this.stepSeconds = seconds;
        return this;
    }

    /**
     * Applies the rule every k-th step; each update covers the k steps since the previous one.
     *
     * @param k at least 1 (default 1)
     * @return this protocol
     */
    public PlasticityTraining updateEverySteps(int k) {
        this.updateEverySteps = k;
        return this;
    }

    /**
     * Sets the longest training time.
     *
     * @param seconds positive (default 20)
     * @return this protocol
     */
    public PlasticityTraining durationSeconds(double seconds) {
        this.durationSeconds = seconds;
        return this;
    }

    /**
     * Sets the length of the report windows, rounded to a whole number of steps.
     *
     * @param seconds positive, at least one step (default 0.5)
     * @return this protocol
     */
    public PlasticityTraining reportEverySeconds(double seconds) {
        this.reportEverySeconds = seconds;
        return this;
    }

    /**
     * Sets the external input u(t) during learning.
     *
     * @param input dimension N, or null for none
     * @return this protocol
     */
    public PlasticityTraining input(InputSignal input) {
        this.input = input;
        return this;
    }

    /**
     * Sets the input noise during learning.
     *
     * @param noise the noise, or null for none
     * @return this protocol
     */
    public PlasticityTraining noise(OrnsteinUhlenbeckNoise noise) {
        this.noise = noise;
        return this;
    }

    /**
     * Sets the seed of the noise.
     *
     * @param seed any value (default 0)
     * @return this protocol
     */
    public PlasticityTraining seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Sets x(0).
     *
     * @param x0 length N, finite; zero when not set
     * @return this protocol
     */
    public PlasticityTraining initialState(double[] x0) {
        this.initialState = x0;
        return this;
    }

    /**
     * Sets the bound on |x_i| beyond which the run stops with
     * {@link io.github.neurodyn.api.SimulationDivergedException}.
     *
     * @param bound positive (default 1e6)
     * @return this protocol
     */
    public PlasticityTraining maxAbsState(double bound) {
        this.maxAbsState = bound;
        return this;
    }

    /**
     * Sets the times at which W is copied into the result, each rounded to the nearest step.
     * A time of 0 gives the start weights.
     *
     * @param seconds non-negative, finite times in seconds, in any order
     * @return this protocol
     */
    public PlasticityTraining snapshotTimes(double... seconds) {
        this.snapshotTimes = seconds == null ? null : seconds.clone();
        return this;
    }

    /**
     * Sets the listener that receives a report after every window.
     *
     * @param listener the listener; returns false to stop
     * @return this protocol
     */
    public PlasticityTraining listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Trains and returns the result. The network and the rule's start matrix are not changed;
     * the result contains the learned weights.
     *
     * @return the result
     * @throws IllegalArgumentException if a setting is invalid
     * @throws io.github.neurodyn.api.SimulationDivergedException if a state leaves the bound
     * @throws CancelledException if the thread is interrupted before or during the training
     */
    public TrainingResult run() {
        validate();
        CancelledException.checkInterrupted(RUN, 0);
        int n = network.size();
        int excitatory = rule.excitatoryCount();
        long totalSteps = Math.max(1, Math.round(durationSeconds / stepSeconds));
        long windowSteps = Math.max(1, Math.round(reportEverySeconds / stepSeconds));
        long[] snapshotSteps = snapshotSteps();

        // Set up the stepper with the training hook after every step.
        rule.reset();
        TrainingHook hook = new TrainingHook(rule, updateEverySteps, n, snapshotSteps);
        Simulation simulation = Simulation.of(network)
                .integrator(integrator)
                .stepSeconds(stepSeconds)
                .input(input)
                .noise(noise)
                .seed(seed)
                .maxAbsState(maxAbsState)
                .hook(hook, 1);
        if (initialState != null) {
            simulation.initialState(initialState);
        }
        Stepper stepper = simulation.stepper();
        DMatrixRMaj initialWeights = network.weights();
        List<WeightSnapshot> snapshots = new ArrayList<>();
        int snapshotsAtStart = 0;
        while (snapshotsAtStart < snapshotSteps.length && snapshotSteps[snapshotsAtStart] == 0) {
            snapshots.add(new WeightSnapshot(0.0, initialWeights));
            snapshotsAtStart++;
        }
        hook.snapshotsTaken = snapshotsAtStart;
        LOG.debug("training N = {} for up to {} s: {} steps of {} s, rule every {} steps, reports every {} steps",
                n, durationSeconds, totalSteps, stepSeconds, updateEverySteps, windowSteps);

        // Integrate window by window and compute each report between windows.
        double[] previousWeights = initialWeights.data.clone();
        List<TrainingReport> history = new ArrayList<>();
        OperatingPoint firstWindow = null;
        OperatingPoint lastWindow = null;
        boolean stoppedByListener = false;
        while (stepper.stepCount() < totalSteps && !stoppedByListener) {
            long steps = Math.min(windowSteps, totalSteps - stepper.stepCount());
            hook.startWindow(stepper.stepCount() + steps);
            for (long s = 0; s < steps; s++) {
                stepper.step();
                if ((stepper.stepCount() & (INTERRUPT_CHECK_STEPS - 1)) == 0) {
                    CancelledException.checkInterrupted(RUN, stepper.stepCount());
                }
            }
            lastWindow = windowAverage(hook);
            if (firstWindow == null) {
                firstWindow = lastWindow;
            }
            // Whole steps times dt, free of the rounding that summing dt accumulates.
            double time = stepper.stepCount() * stepSeconds;
            TrainingReport report = report(time, hook.windowWeights, previousWeights, lastWindow,
                    excitatory);
            history.add(report);
            System.arraycopy(hook.windowWeights, 0, previousWeights, 0, previousWeights.length);
            stoppedByListener = !listener.onReport(report);
        }

        // Collect the snapshots taken inside the loop.
        for (int k = snapshotsAtStart; k < hook.snapshotsTaken; k++) {
            snapshots.add(new WeightSnapshot(snapshotSteps[k] * stepSeconds, DMatrixRMaj.wrap(n, n, hook.snapshotWeights[k])));
        }
        double[] finalState = new double[n];
        stepper.copyState(0, finalState);
        DMatrixRMaj finalWeights = DMatrixRMaj.wrap(n, n, previousWeights);
        LOG.debug("training ended at {} s after {} steps, {} rule updates{}", stepper.timeSeconds(),
                stepper.stepCount(), rule.updateCount(), stoppedByListener ? ", stopped by the listener" : "");
        return new TrainingResult(initialWeights, finalWeights, firstWindow, lastWindow, history, snapshots,
                stepper.stepCount() * stepSeconds, stepper.stepCount(), stoppedByListener, finalState);
    }

    private static OperatingPoint windowAverage(TrainingHook hook) {
        double[] meanState = hook.stateSum.clone();
        double[] meanRates = hook.rateSum.clone();
        for (int i = 0; i < meanState.length; i++) {
            meanState[i] /= hook.samples;
            meanRates[i] /= hook.samples;
        }
        return new OperatingPoint(meanState, meanRates);
    }

    private TrainingReport report(double time, double[] weights, double[] previousWeights, OperatingPoint window,
            int excitatory) {
        int n = network.size();
        DMatrixRMaj w = DMatrixRMaj.wrap(n, n, weights);
        DMatrixRMaj effective = InhibitionStabilisation.effectiveConnectivity(w, network.nonlinearity(),
                window.meanState());
        double abscissa = RealSchur.eigenvalues(effective, true).maxReal();
        double change = 0;
        for (int k = 0; k < weights.length; k++) {
            double d = weights[k] - previousWeights[k];
            change += d * d;
        }
        return new TrainingReport(time, abscissa, window.populationRate(0, excitatory),
                window.populationRate(excitatory, n), Math.sqrt(change), rule.schedule().learningRate(time));
    }

    private long[] snapshotSteps() {
        long[] steps = new long[snapshotTimes.length];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = Math.round(snapshotTimes[k] / stepSeconds);
        }
        Arrays.sort(steps);
        return steps;
    }

    private void validate() {
        Arguments.requireNonNull(integrator, "integrator");
        if (!integrator.isFixedStep() || integrator == Integrator.EXACT_LINEAR) {
            throw new IllegalArgumentException("integrator must be EULER, HEUN, RK4 or EXPONENTIAL_EULER, found "
                    + integrator);
        }
        Arguments.requirePositive(stepSeconds, "stepSeconds");
        Arguments.requireAtLeast(updateEverySteps, 1, "updateEverySteps");
        Arguments.requirePositive(durationSeconds, "durationSeconds");
        Arguments.requirePositive(reportEverySeconds, "reportEverySeconds");
        Arguments.requirePositive(maxAbsState, "maxAbsState");
        Arguments.requireNonNull(listener, "listener");
        Arguments.requireFinite(snapshotTimes, "snapshotTimes");
        for (int k = 0; k < snapshotTimes.length; k++) {
            Arguments.requireNonNegative(snapshotTimes[k], "snapshotTimes[" + k + "]");
        }
    }
}
