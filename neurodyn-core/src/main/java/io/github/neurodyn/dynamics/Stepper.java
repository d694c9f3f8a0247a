package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.SimulationDivergedException;
import io.github.neurodyn.api.StepHook;

/**
 * A batch of B trials of a rate network advanced by a fixed-step integrator, one step per
 * call, without allocating. {@link Simulation#run()} drives one to produce a
 * {@link io.github.neurodyn.api.Trajectory}; closed-loop code and benchmarks may drive one
 * directly through {@link Simulation#stepper()}.
 *
 * <p>Each step evaluates the drift f(t, x) = D^-1 (-x + W phi(x) + h + u(t) + M eta) one to
 * four times (see {@link Integrator}), advances the Ornstein-Uhlenbeck noise exactly, checks
 * every state against the bound and then runs the hook. A step costs about 2 s N^2 B flops
 * for s drift evaluations, dominated by the products W phi(x).
 *
 * <p>Not thread-safe: one thread drives a stepper.
 */
public final class Stepper {

    private final DriftKernel kernel;
    private final Integrator integrator;
    private final int n;
    private final int trials;
    private final double stepSeconds;
    private final double bound;
    private final NoiseProcess noise;
    private final double[][] eta;
    private final double[][] x;
    private final double[][] k1;
    private final double[][] k2;
    private final double[][] k3;
    private final double[][] k4;
    private final double[][] stage;

    /** Leak factors of exponential Euler for {@link #cachedStep}: e^(-h/tau_i) and 1 - e^(-h/tau_i). */
    private final double[] decay;
    private final double[] gain;
    private double cachedStep = Double.NaN;

    /** The two most recently used exact propagators, newest first. */
    private final ExactLinearPropagator[] propagators = new ExactLinearPropagator[2];

    private final StepHook hook;
    private final int hookEvery;
    private final HookContext context;

    private double time;
    private long steps;

    Stepper(DriftKernel kernel, Integrator integrator, int trials, double stepSeconds, double bound,
            NoiseProcess noise, double[][] initialStates, double startSeconds, StepHook hook, int hookEvery) {
        this.kernel = kernel;
        this.integrator = integrator;
        this.n = kernel.n;
        this.trials = trials;
        this.stepSeconds = stepSeconds;
        this.bound = bound;
        this.noise = noise;
        this.eta = noise == null ? null : noise.eta;
        this.x = new double[trials][];
        for (int b = 0; b < trials; b++) {
            x[b] = initialStates[b].clone();
        }
        this.k1 = new double[trials][n];
        boolean needsStages = integrator == Integrator.HEUN || integrator == Integrator.RK4
                || integrator == Integrator.EXACT_LINEAR;
        this.k2 = needsStages ? new double[trials][n] : null;
        this.stage = needsStages ? new double[trials][n] : null;
        this.k3 = integrator == Integrator.RK4 ? new double[trials][n] : null;
        this.k4 = integrator == Integrator.RK4 ? new double[trials][n] : null;
        this.decay = new double[n];
        this.gain = new double[n];
        this.hook = hook;
        this.hookEvery = hookEvery;
        this.context = hook == null ? null : new HookContext(kernel.weightColumns, n);
        this.time = startSeconds;
    }

    /**
     * Advances every trial by the configured step.
     *
     * @throws SimulationDivergedException if a state leaves the bound or is not finite; the
     *     stepper is unusable afterwards
     */
    public void step() {
        advance(stepSeconds);
    }

    /** Advances every trial by {@code h} seconds, which may differ from the configured step. */
    void advance(double h) {
        switch (integrator) {
            case EULER:
                eulerStep(h);
                break;
            case HEUN:
                heunStep(h);
                break;
            case RK4:
                rk4Step(h);
                break;
            case EXPONENTIAL_EULER:
                exponentialEulerStep(h);
                break;
            case EXACT_LINEAR:
                exactLinearStep(h);
                break;
            default:
                throw new IllegalStateException("not a fixed-step integrator: " + integrator);
        }
        time += h;
        steps++;
        if (noise != null) {
            noise.advance(h, trials);
        }
        checkBounds();
        if (hook != null && steps % hookEvery == 0) {
            runHook();
        }
    }

    private void eulerStep(double h) {
        // The drift D^-1 (y - x) and the update in one pass over x, with the rounding of
        // f = (y - x) / tau followed by x += h f.
        kernel.totalInput(time, x, eta, k1, trials);
        double[] inverseTau = kernel.inverseTau;
        for (int b = 0; b < trials; b++) {
            double[] xb = x[b];
            double[] y = k1[b];
            for (int i = 0; i < n; i++) {
                xb[i] += h * ((y[i] - xb[i]) * inverseTau[i]);
            }
        }
    }

    private void heunStep(double h) {
        // Predictor: an Euler step to t + h.
        kernel.drift(time, x, eta, k1, trials);
        for (int b = 0; b < trials; b++) {
            sum(x[b], h, k1[b], stage[b]);
        }

        // Corrector: the trapezoidal average of the two slopes.
        kernel.drift(time + h, stage, eta, k2, trials);
        double half = 0.5 * h;
        for (int b = 0; b < trials; b++) {
            double[] xb = x[b];
            double[] a = k1[b];
            double[] c = k2[b];
            for (int i = 0; i < n; i++) {
                xb[i] += half * (a[i] + c[i]);
            }
        }
    }

    private void rk4Step(double h) {
        double half = 0.5 * h;

        // Stages at t, t + h/2 (twice) and t + h.
        kernel.drift(time, x, eta, k1, trials);
        for (int b = 0; b < trials; b++) {
            sum(x[b], half, k1[b], stage[b]);
        }
        kernel.drift(time + half, stage, eta, k2, trials);
        for (int b = 0; b < trials; b++) {
            sum(x[b], half, k2[b], stage[b]);
        }
        kernel.drift(time + half, stage, eta, k3, trials);
        for (int b = 0; b < trials; b++) {
            sum(x[b], h, k3[b], stage[b]);
        }
        kernel.drift(time + h, stage, eta, k4, trials);

        // Weighted average of the four slopes.
        double sixth = h / 6.0;
        for (int b = 0; b < trials; b++) {
            double[] xb = x[b];
            double[] s1 = k1[b];
            double[] s2 = k2[b];
            double[] s3 = k3[b];
            double[] s4 = k4[b];
            for (int i = 0; i < n; i++) {
                xb[i] += sixth * (s1[i] + 2.0 * (s2[i] + s3[i]) + s4[i]);
            }
        }
    }

    private void exponentialEulerStep(double h) {
        if (h != cachedStep) {
            cachedStep = h;
            for (int i = 0; i < n; i++) {
                decay[i] = Math.exp(-h * kernel.inverseTau[i]);
                gain[i] = -Math.expm1(-h * kernel.inverseTau[i]);
            }
        }
        kernel.totalInput(time, x, eta, k1, trials);
        for (int b = 0; b < trials; b++) {
            double[] xb = x[b];
            double[] y = k1[b];
            for (int i = 0; i < n; i++) {
                xb[i] = decay[i] * xb[i] + gain[i] * y[i];
            }
        }
    }

    private void exactLinearStep(double h) {
        ExactLinearPropagator propagator = propagatorFor(h);
        kernel.externalInput(time, eta, k1, trials);
        for (int b = 0; b < trials; b++) {
            double[] c = k1[b];
            double[] y = k2[b];
            for (int i = 0; i < n; i++) {
                c[i] *= kernel.inverseTau[i];
                y[i] = 0.0;
            }
            ColumnKernels.multiplyAdd(propagator.e, x[b], kernel.allColumns, n, y, n);
            ColumnKernels.multiplyAdd(propagator.f, c, kernel.allColumns, n, y, n);
            System.arraycopy(y, 0, x[b], 0, n);
        }
    }

    /**
     * Returns the propagator for step h. A run uses at most two step sizes, the step and the
     * one that ends the last sample interval, so two cached propagators serve it. Another
     * step size replaces the older entry at the cost of a new matrix exponential.
     */
    private ExactLinearPropagator propagatorFor(double h) {
        if (propagators[0] != null && propagators[0].step == h) {
            return propagators[0];
        }
        if (propagators[1] != null && propagators[1].step == h) {
            return propagators[1];
        }
        propagators[1] = propagators[0];
        propagators[0] = new ExactLinearPropagator(kernel.weightColumns, kernel.inverseTau, h);
        return propagators[0];
    }

    private void sum(double[] base, double h, double[] f, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = base[i] + h * f[i];
        }
    }

    private void checkBounds() {
        for (int b = 0; b < trials; b++) {
            StateBounds.check(time, x[b], n, bound);
        }
    }

    private void runHook() {
        context.time = time;
        context.steps = steps;
        for (int b = 0; b < trials; b++) {
            context.trial = b;
            context.state = x[b];
            kernel.phi.values(x[b], context.rates, n);
            hook.afterStep(context);
        }
    }

    /** @return the simulated time, in seconds */
    public double timeSeconds() {
        return time;
    }

    void setTimeSeconds(double t) {
        time = t;
    }

    /** @return the number of steps taken */
    public long stepCount() {
        return steps;
    }

    /** @return the number of trials B */
    public int trials() {
        return trials;
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return n;
    }

    /** @return the configured step, in seconds */
    public double stepSeconds() {
        return stepSeconds;
    }

    /** @return whether a hook asked the simulation to stop */
    public boolean stopRequested() {
        return context != null && context.stopRequested;
    }

    /**
     * Copies the state of one trial into a caller buffer.
     *
     * @param trial the trial b, in [0, B)
     * @param out a buffer of length at least N
     * @throws IllegalArgumentException if the trial is out of range or the buffer is null or short
     */
    public void copyState(int trial, double[] out) {
        requireTrial(trial);
        Arguments.requireNonNull(out, "out");
        if (out.length < n) {
            throw new IllegalArgumentException(String.format("out must have length at least N = %d, found %d",
                    n, out.length));
        }
        System.arraycopy(x[trial], 0, out, 0, n);
    }

    /**
     * Replaces the state of one trial, for example after an external event.
     *
     * @param trial the trial b, in [0, B)
     * @param state length N, finite
     * @throws IllegalArgumentException if the trial is out of range, or the state is null, not
     *     finite or of the wrong length
     */
    public void setState(int trial, double[] state) {
        requireTrial(trial);
        Arguments.requireLength(state, n, "state");
        System.arraycopy(state, 0, x[trial], 0, n);
    }

    private void requireTrial(int trial) {
        if (trial < 0 || trial >= trials) {
            throw new IllegalArgumentException(String.format("trial must be in [0, %d), found %d", trials, trial));
        }
    }

    /** Returns the live state array of a trial, for the simulation's own sampling. */
    double[] stateView(int trial) {
        return x[trial];
    }

    double[][] weightColumns() {
        return kernel.weightColumns;
    }
}
