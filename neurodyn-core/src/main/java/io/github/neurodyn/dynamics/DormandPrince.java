package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.NotConvergedException;
import io.github.neurodyn.api.StepHook;

/**
 * Adaptive Dormand-Prince 5(4) integration of one trial with dense output.
 *
 * <p>The fifth-order solution is propagated (local extrapolation) and the embedded
 * fourth-order one only estimates the error. A step is accepted when the weighted RMS norm
 * sqrt(mean_i (err_i / (atol + rtol max(|x_i|, |x_new_i|)))^2) is at most 1; the next step
 * is h_new = h min(5, max(0.2, 0.9 err^(-1/5))), never growing right after a rejection.
 * Samples that fall inside an accepted step come from the fourth-order continuous extension
 * of Dormand and Prince (Hairer, Norsett and Wanner, Solving Ordinary Differential
 * Equations I, 2nd ed., Springer 1993, section II.6, the scheme of their code DOPRI5).
 * The initial step follows the same book, section II.4.
 */
final class DormandPrince {

    // Nodes and coefficients of the Dormand-Prince tableau.
    private static final double C2 = 1.0 / 5.0;
    private static final double C3 = 3.0 / 10.0;
    private static final double C4 = 4.0 / 5.0;
    private static final double C5 = 8.0 / 9.0;
    private static final double A21 = 1.0 / 5.0;
    private static final double A31 = 3.0 / 40.0;
    private static final double A32 = 9.0 / 40.0;
    private static final double A41 = 44.0 / 45.0;
    private static final double A42 = -56.0 / 15.0;
    private static final double A43 = 32.0 / 9.0;
    private static final double A51 = 19372.0 / 6561.0;
    private static final double A52 = -25360.0 / 2187.0;
    private static final double A53 = 64448.0 / 6561.0;
    private static final double A54 = -212.0 / 729.0;
    private static final double A61 = 9017.0 / 3168.0;
    private static final double A62 = -355.0 / 33.0;
    private static final double A63 = 46732.0 / 5247.0;
    private static final double A64 = 49.0 / 176.0;
    private static final double A65 = -5103.0 / 18656.0;
    private static final double A71 = 35.0 / 384.0;
    private static final double A73 = 500.0 / 1113.0;
    private static final double A74 = 125.0 / 192.0;
    private static final double A75 = -2187.0 / 6784.0;
    private static final double A76 = 11.0 / 84.0;

    // Differences between the fifth- and fourth-order weights, for the error estimate.
    private static final double E1 = 71.0 / 57600.0;
    private static final double E3 = -71.0 / 16695.0;
    private static final double E4 = 71.0 / 1920.0;
    private static final double E5 = -17253.0 / 339200.0;
    private static final double E6 = 22.0 / 525.0;
    private static final double E7 = -1.0 / 40.0;

    // Weights of the continuous extension.
    private static final double D1 = -12715105075.0 / 11282082432.0;
    private static final double D3 = 87487479700.0 / 32700410799.0;
    private static final double D4 = -10690763975.0 / 1880347072.0;
    private static final double D5 = 701980252875.0 / 199316789632.0;
    private static final double D6 = -1453857185.0 / 822651844.0;
    private static final double D7 = 69997945.0 / 29380423.0;

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 5.0;
    /** Upper limit on accepted plus rejected steps per trial, against runaway step shrinking. */
    static final int MAX_STEPS = 50_000_000;

    private final DriftKernel kernel;
    private final int n;
    private final double absoluteTolerance;
    private final double relativeTolerance;
    private final double bound;
    private final StepHook hook;
    private final int hookEvery;
    private final HookContext context;

    private final double[][] y = new double[1][];
    private final double[][] stageState = new double[1][];
    private final double[][] k1 = new double[1][];
    private final double[][] k2 = new double[1][];
    private final double[][] k3 = new double[1][];
    private final double[][] k4 = new double[1][];
    private final double[][] k5 = new double[1][];
    private final double[][] k6 = new double[1][];
    private final double[][] k7 = new double[1][];
    private final double[] yNew;
    private final double[] r2;
    private final double[] r3;
    private final double[] r4;
    private final double[] r5;

    long acceptedSteps;
    long rejectedSteps;
    boolean stopped;
    double stopTime;

    DormandPrince(DriftKernel kernel, double absoluteTolerance, double relativeTolerance, double bound,
            StepHook hook, int hookEvery) {
        this.kernel = kernel;
        this.n = kernel.n;
        this.absoluteTolerance = absoluteTolerance;
        this.relativeTolerance = relativeTolerance;
        this.bound = bound;
        this.hook = hook;
        this.hookEvery = hookEvery;
        this.context = hook == null ? null : new HookContext(kernel.weightColumns, n);
        y[0] = new double[n];
        stageState[0] = new double[n];
        k1[0] = new double[n];
        k2[0] = new double[n];
        k3[0] = new double[n];
        k4[0] = new double[n];
        k5[0] = new double[n];
        k6[0] = new double[n];
        k7[0] = new double[n];
        yNew = new double[n];
        r2 = new double[n];
        r3 = new double[n];
        r4 = new double[n];
        r5 = new double[n];
    }

    /**
     * Integrates from {@code times[0]} with state {@code x0} to the last time and writes the
     * state at every time into {@code out} (sample k at offset k N). Returns the number of
     * samples written, fewer than {@code times.length} only if a hook stopped the run; then
     * the last sample written is the state at {@link #stopTime}, which overwrites
     * {@code times[count - 1]}.
     */
    int integrate(double[] x0, double[] times, double[] out) {
        double[] state = y[0];
        System.arraycopy(x0, 0, state, 0, n);
        System.arraycopy(x0, 0, out, 0, n);
        double t = times[0];
        double end = times[times.length - 1];
        int nextSample = 1;
        if (end <= t) {
            return 1;
        }
        kernel.drift(t, y, null, k1, 1);
        double h = initialStep(t, end);
        double maxFactor = MAX_FACTOR;
        boolean last = false;
        int attempts = 0;
        double error = Double.NaN;

        while (!last) {
            if (++attempts > MAX_STEPS) {
                throw new NotConvergedException(String.format(
                        "Dormand-Prince took more than %d steps before t = %.6g s; relax the tolerances "
                                + "or check the model for stiffness", MAX_STEPS, t), attempts, error);
            }
            if (t + h >= end || end - (t + h) < 1e-12 * Math.max(1.0, Math.abs(end))) {
                h = end - t;
                last = true;
            }
            if (!(h > Math.ulp(t) * 16)) {
                // A NaN error estimate that no step size cures comes from a NaN state or drift, for
                // example NaN input: report it as divergence at that neuron, not as step underflow.
                if (Double.isNaN(error)) {
                    StateBounds.check(t, yNew, n, Double.MAX_VALUE);
                    StateBounds.check(t, k7[0], n, Double.MAX_VALUE);
                }
                throw new NotConvergedException(String.format(
                        "Dormand-Prince step size underflow (h = %.3g s) at t = %.6g s; the solution "
                                + "may blow up there", h, t), attempts, error);
            }

            // Stages 2 to 7; the seventh is evaluated at the new solution.
            evaluateStages(t, h);

            // Estimate the local error in the weighted RMS norm.
            error = errorNorm(h);
            if (!(error <= 1.0)) {
                rejectedSteps++;
                last = false;
                double factor = Double.isFinite(error)
                        ? Math.max(MIN_FACTOR, SAFETY * Math.pow(error, -0.2)) : MIN_FACTOR;
                h *= factor;
                maxFactor = 1.0;
                continue;
            }

            // Accept: prepare the continuous extension and write the samples inside the step.
            prepareDenseOutput(h);
            double stepEnd = last ? end : t + h;
            while (nextSample < times.length && times[nextSample] <= stepEnd) {
                double theta = (times[nextSample] - t) / h;
                interpolate(theta, out, nextSample * n);
                nextSample++;
            }
            System.arraycopy(yNew, 0, state, 0, n);
            double[] swap = k1[0];
            k1[0] = k7[0];
            k7[0] = swap;
            t = stepEnd;
            acceptedSteps++;
            StateBounds.check(t, state, n, bound);

            if (hook != null && acceptedSteps % hookEvery == 0) {
                context.time = t;
                context.steps = acceptedSteps;
                context.trial = 0;
                context.state = state;
                kernel.phi.values(state, context.rates, n);
                hook.afterStep(context);
                // The hook may have changed W, so the first-same-as-last slope is stale.
                kernel.drift(t, y, null, k1, 1);
                if (context.stopRequested && !last) {
                    stopped = true;
                    stopTime = t;
                    System.arraycopy(state, 0, out, nextSample * n, n);
                    return nextSample + 1;
                }
            }

            // Next step size.
            double factor = error == 0.0 ? maxFactor : Math.min(maxFactor, Math.max(MIN_FACTOR,
                    SAFETY * Math.pow(error, -0.2)));
            h *= factor;
            maxFactor = MAX_FACTOR;
        }
        return times.length;
    }

    private void evaluateStages(double t, double h) {
        double[] x = y[0];
        double[] s = stageState[0];
        double[] f1 = k1[0];
        double[] f2 = k2[0];
        double[] f3 = k3[0];
        double[] f4 = k4[0];
        double[] f5 = k5[0];
        double[] f6 = k6[0];
        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h * A21 * f1[i];
        }
        kernel.drift(t + C2 * h, stageState, null, k2, 1);

        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h * (A31 * f1[i] + A32 * f2[i]);
        }
        kernel.drift(t + C3 * h, stageState, null, k3, 1);

        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h * (A41 * f1[i] + A42 * f2[i] + A43 * f3[i]);
        }
        kernel.drift(t + C4 * h, stageState, null, k4, 1);

        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h * (A51 * f1[i] + A52 * f2[i] + A53 * f3[i] + A54 * f4[i]);
        }
        kernel.drift(t + C5 * h, stageState, null, k5, 1);

        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h * (A61 * f1[i] + A62 * f2[i] + A63 * f3[i] + A64 * f4[i] + A65 * f5[i]);
        }
        kernel.drift(t + h, stageState, null, k6, 1);

        for (int i = 0; i < n; i++) {
            yNew[i] = x[i] + h * (A71 * f1[i] + A73 * f3[i] + A74 * f4[i] + A75 * f5[i] + A76 * f6[i]);
        }
        System.arraycopy(yNew, 0, s, 0, n);
        kernel.drift(t + h, stageState, null, k7, 1);
    }

    private double errorNorm(double h) {
        double[] x = y[0];
        double[] f1 = k1[0];
        double[] f3 = k3[0];
        double[] f4 = k4[0];
        double[] f5 = k5[0];
        double[] f6 = k6[0];
        double[] f7 = k7[0];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double err = h * (E1 * f1[i] + E3 * f3[i] + E4 * f4[i] + E5 * f5[i] + E6 * f6[i] + E7 * f7[i]);
            double scale = absoluteTolerance + relativeTolerance * Math.max(Math.abs(x[i]), Math.abs(yNew[i]));
            double ratio = err / scale;
            sum += ratio * ratio;
        }
        return Math.sqrt(sum / n);
    }

    private void prepareDenseOutput(double h) {
        double[] x = y[0];
        double[] f1 = k1[0];
        double[] f3 = k3[0];
        double[] f4 = k4[0];
        double[] f5 = k5[0];
        double[] f6 = k6[0];
        double[] f7 = k7[0];
        for (int i = 0; i < n; i++) {
            double difference = yNew[i] - x[i];
            double slopeDefect = h * f1[i] - difference;
            r2[i] = difference;
            r3[i] = slopeDefect;
            r4[i] = difference - h * f7[i] - slopeDefect;
            r5[i] = h * (D1 * f1[i] + D3 * f3[i] + D4 * f4[i] + D5 * f5[i] + D6 * f6[i] + D7 * f7[i]);
        }
    }

    /** Writes x(t + theta h) = x + theta (r2 + (1 - theta) (r3 + theta (r4 + (1 - theta) r5))). */
    private void interpolate(double theta, double[] out, int offset) {
        double[] x = y[0];
        double complement = 1.0 - theta;
        for (int i = 0; i < n; i++) {
            out[offset + i] = x[i] + theta * (r2[i] + complement * (r3[i] + theta * (r4[i] + complement * r5[i])));
        }
    }

    private double initialStep(double t, double end) {
        double[] x = y[0];
        double[] f0 = k1[0];
        double d0 = 0.0;
        double d1 = 0.0;
        for (int i = 0; i < n; i++) {
            double scale = absoluteTolerance + relativeTolerance * Math.abs(x[i]);
            d0 += (x[i] / scale) * (x[i] / scale);
            d1 += (f0[i] / scale) * (f0[i] / scale);
        }
        d0 = Math.sqrt(d0 / n);
        d1 = Math.sqrt(d1 / n);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, end - t);

        // One explicit Euler step estimates the second derivative.
        double[] s = stageState[0];
        for (int i = 0; i < n; i++) {
            s[i] = x[i] + h0 * f0[i];
        }
        kernel.drift(t + h0, stageState, null, k2, 1);
        double[] f1 = k2[0];
        double d2 = 0.0;
        for (int i = 0; i < n; i++) {
            double scale = absoluteTolerance + relativeTolerance * Math.abs(x[i]);
            double v = (f1[i] - f0[i]) / scale;
            d2 += v * v;
        }
        d2 = Math.sqrt(d2 / n) / h0;
        double larger = Math.max(d1, d2);
        double h1 = larger <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / larger, 0.2);
        return Math.min(Math.min(100.0 * h0, h1), end - t);
    }
}
