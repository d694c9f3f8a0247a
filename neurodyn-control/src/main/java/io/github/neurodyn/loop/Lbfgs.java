package io.github.neurodyn.loop;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for the loop fit. The objective
 * may return {@code +inf} for an infeasible point (an unstable closed loop), which the line
 * search treats as a failed trial and backtracks from.
 *
 * <p>Line search: each trial evaluates the objective alone, and the gradient is requested only
 * at the accepted point. After a finite trial that fails the Armijo condition, the next step
 * minimises the quadratic through f(x), the slope and the trial value, kept within
 * {@code [0.1, 0.5]} times the failed step (Nocedal and Wright, section 3.5). After an
 * infeasible trial the step is halved.
 *
 * <p>Algorithm: Nocedal and Wright, Numerical Optimization, 2nd ed., 2006, algorithm 7.4 (the
 * two-loop recursion) with the initial Hessian scaled by {@code s^T y / y^T y}. A pair
 * (s, y) with {@code s^T y <= 1e-12 ||s|| ||y||} is skipped so that the inverse Hessian
 * estimate stays positive definite. The first step has length {@code initialStep / ||g||}.
 *
 * <p>Cost per iteration: one objective value per trial step, one gradient, plus {@code 4 memory n}
 * flops for the recursion; {@code 2 memory n} doubles of storage.
 */
final class Lbfgs {

    /** Sufficient-decrease constant of the Armijo condition. */
    private static final double ARMIJO = 1e-4;
    /** Step shrink factor after an infeasible trial, and the largest one after a finite trial. */
    private static final double SHRINK = 0.5;
    /** Smallest step shrink factor after a finite trial, which keeps the interpolation safe. */
    private static final double MIN_SHRINK = 0.1;
    /** Trials of the line search before the iteration is declared failed. */
    private static final int MAX_TRIALS = 40;

    /** A smooth objective with gradient. */
    interface Objective {
        /** Returns f(x), or {@code +inf} where x is infeasible. */
        double value(double[] x);

        /**
         * Writes the gradient at x. The optimiser calls it only right after {@link #value} at
         * the same x returned a finite value, so an implementation may reuse that work.
         */
        void gradient(double[] x, double[] gradient);
    }

    /** Receives each accepted iteration; returns false to stop. */
    interface Progress {
        boolean onIteration(int iteration, double value, double gradientNorm);
    }

    /**
     * Outcome of a run.
     *
     * @param x the last accepted point
     * @param value f(x)
     * @param gradientNorm Euclidean norm of the gradient at x
     * @param iterations accepted iterations
     * @param converged whether the gradient or the relative decrease fell below its tolerance
     * @param stopReason why the run ended, in words
     */
    record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged,
            String stopReason) {
    }

    private final int memory;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double relativeDecreaseTolerance;
    private final double initialStep;

    Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeDecreaseTolerance,
            double initialStep) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.relativeDecreaseTolerance = relativeDecreaseTolerance;
        this.initialStep = initialStep;
    }

    /**
     * Minimises the objective from x0, which must be feasible.
     *
     * @throws IllegalStateException if f(x0) is not finite
     */
    Result minimise(Objective objective, double[] x0, Progress progress) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double f = objective.value(x);
        if (!Double.isFinite(f)) {
            throw new IllegalStateException("the starting point is infeasible: objective " + f);
        }
        objective.gradient(x, g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] direction = new double[n];
        double[] trial = new double[n];
        double[] trialGradient = new double[n];

        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double gradientNorm = norm(g);
            if (gradientNorm <= gradientTolerance * Math.max(1, Math.abs(f))) {
                return new Result(x, f, gradientNorm, iteration, true, "gradient below tolerance");
            }

            // Two-loop recursion: direction = -H g
            System.arraycopy(g, 0, direction, 0, n);
            for (int k = 0; k < stored; k++) {
                int index = Math.floorMod(newest - k, memory);
                alpha[index] = rho[index] * dot(s[index], direction);
                axpy(-alpha[index], y[index], direction);
            }
            double scale = stored == 0 ? initialStep / gradientNorm
                    : dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            for (int i = 0; i < n; i++) {
                direction[i] *= -scale;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int index = Math.floorMod(newest - k, memory);
                double beta = rho[index] * dot(y[index], direction);
                axpy(-alpha[index] - beta, s[index], direction);
            }
            double slope = dot(g, direction);
            if (!(slope < 0)) {
                // Not a descent direction: restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i] * initialStep / gradientNorm;
                }
                slope = dot(g, direction);
            }

            // Backtracking line search on the Armijo condition, with the gradient at the accepted point
            double step = 1;
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int trialCount = 0; trialCount < MAX_TRIALS; trialCount++) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] + step * direction[i];
                }
                trialValue = objective.value(trial);
                if (Double.isFinite(trialValue) && trialValue <= f + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= shrinkFactor(f, slope, step, trialValue);
            }
            if (!accepted) {
                return new Result(x, f, gradientNorm, iteration, false, "line search failed");
            }
            objective.gradient(trial, trialGradient);

            // Store the pair (s, y) when its curvature is positive
            int next = (newest + 1) % memory;
            double curvature = 0;
            for (int i = 0; i < n; i++) {
                s[next][i] = trial[i] - x[i];
                y[next][i] = trialGradient[i] - g[i];
                curvature += s[next][i] * y[next][i];
            }
            if (curvature > 1e-12 * norm(s[next]) * norm(y[next])) {
                rho[next] = 1 / curvature;
                newest = next;
                stored = Math.min(stored + 1, memory);
            }
            double decrease = f - trialValue;
            System.arraycopy(trial, 0, x, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            f = trialValue;
            if (progress != null && !progress.onIteration(iteration + 1, f, norm(g))) {
                return new Result(x, f, norm(g), iteration + 1, false, "stopped by the listener");
            }
            if (decrease <= relativeDecreaseTolerance * Math.abs(f)) {
                return new Result(x, f, norm(g), iteration + 1, true, "relative decrease below tolerance");
            }
        }
        return new Result(x, f, norm(g), maxIterations, false, "iteration cap reached");
    }

    /**
     * Returns the factor that shrinks a failed step: the minimiser of the quadratic
     * {@code q(t) = f + slope t + c t^2} through the trial value, relative to the step, within
     * {@code [MIN_SHRINK, SHRINK]}; {@code SHRINK} after an infeasible trial.
     */
    private static double shrinkFactor(double f, double slope, double step, double trialValue) {
        if (!Double.isFinite(trialValue)) {
            return SHRINK;
        }
        double curvature = (trialValue - f - slope * step) / (step * step);
        if (!(curvature > 0)) {
            return SHRINK;
        }
        double minimiser = -slope / (2 * curvature);
        return Math.min(SHRINK, Math.max(MIN_SHRINK, minimiser / step));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double factor, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += factor * x[i];
        }
    }
}
