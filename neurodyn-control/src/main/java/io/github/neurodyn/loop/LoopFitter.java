package io.github.neurodyn.loop;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.NoStabilizingSolutionException;
import io.github.neurodyn.preparation.Preparation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits the weights of a {@link ThalamocorticalLoop} to the loop's own cost. The loop and the
 * network linearised at the preparation's linearisation point x_l form a linear system on
 * {@code [e; z]}:
 *
 * <pre>
 *     d[e; z]/dt = F [e; z],    F = [ A              B~ P        ]
 *                                   [ J C / tau_th   -I / tau_th ],    C = S_E diag(phi'(x_l)).
 * </pre>
 *
 * Its infinite-horizon cost for initial errors with second-moment matrix Sigma_0 is
 * {@code tr(X S)}, with {@code F^T X + X F + diag(Q_C, lambda P^T P) = 0} and
 * {@code S = diag(Sigma_0, 0)}. The exact gradient with respect to the read-in J and the
 * projection P comes from a second Lyapunov equation, {@code F Y + Y F^T + S = 0} (Levine and
 * Athans, IEEE TAC 15(1), 1970). L-BFGS minimises {@code tr(X S) / tr(X_LQR Sigma_0)} from the
 * truncated-SVD weights of {@link ThalamocorticalLoop#fit}.
 *
 * <pre>{@code
 * LoopFit fit = LoopFitter.builder(preparation, excitatoryCount, thalamicUnits, goCueSeconds)
 *         .initialErrors(errors)           // N x k, one initial error x(0) - x* per column
 *         .maxIterations(200)
 *         .build().fit();
 * double excess = fit.loop().relativeCostExcess(preparation, spontaneous);
 * }</pre>
 *
 * <p>Sign constraints: the cortical input is {@code v = (P_exc - P_inh) z}, so only the
 * difference {@code P = P_exc - P_inh} enters the dynamics and the cost. The fit optimises P
 * without constraint and splits it as {@code P_exc = max(P, 0)}, {@code P_inh = max(-P, 0)},
 * the split with the least weight in both channels; every P is reachable with
 * {@code P_exc, P_inh >= 0}.
 *
 * <p>Stability: an unstable linear closed loop has infinite cost, so the line search rejects
 * every step that would leave the set of stable loops. When the SVD initialisation itself is
 * unstable, P is halved until the loop is stable (P = 0 leaves A, which must be stable).
 *
 * <p>The optimiser has no random state: the same inputs give the same weights.
 *
 * <p>Cost: after the first, an iteration usually takes one cost and one gradient evaluation: the
 * Schur form of F (about 25 (N + M)^3 flops), two triangular Lyapunov solves and products with
 * the cortical and thalamic rows of the Schur vectors (about 0.17 GFlop at N = m = 200,
 * M = 100 and a Q_C of rank 50). That was about 0.13 s per iteration, and 30 s for 200
 * iterations, on a shared 2-core machine.
 *
 * <p>NOTE: the cost is the infinite-horizon one. The finite window [0, T] of the nonlinear
 * check ends with the terminal cost {@code e(T)^T Q_C e(T)}, which the fit ignores; for
 * windows much longer than the closed-loop time constants the two agree.
 */
public final class LoopFitter {

    /** Default cap of L-BFGS iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 200;
    /** Default tolerance on the gradient norm of the relative cost. */
    public static final double DEFAULT_GRADIENT_TOLERANCE = 1e-5;
    /**
     * Default weight of the isotropic floor added to Sigma_0, as a fraction of its mean
     * eigenvalue. A few reach errors give a Sigma_0 of low rank, and modes that no initial
     * error excites cost nothing. The floor makes the fit pay for slow or unstable modes.
     */
    public static final double DEFAULT_MOMENT_FLOOR = 1e-2;
    /** Default tolerance on the relative decrease of the cost in one iteration. */
    public static final double DEFAULT_RELATIVE_DECREASE_TOLERANCE = 1e-9;

    private static final Logger LOG = LoggerFactory.getLogger(LoopFitter.class);
    /** Pairs kept by L-BFGS. */
    private static final int MEMORY = 10;
    /** Largest number of halvings of P that may be needed to stabilise the initialisation. */
    private static final int MAX_HALVINGS = 60;
    /** Relative asymmetry accepted in a given initial-error moment. */
    private static final double SYMMETRY_TOLERANCE = 1e-10;

    private final Builder settings;

    private LoopFitter(Builder settings) {
        this.settings = settings;
    }

    /**
     * Starts the settings of a fit.
     *
     * @param preparation the preparation whose linearisation, cost Q_C and lambda define the loop cost
     * @param excitatoryCount N_E, the excitatory neurons listed first, from 1 to N
     * @param thalamicUnits M, from 1 to min(m, N_E)
     * @param goCueSeconds time of the go cue in seconds from the start of the window, {@code >= 0}
     * @return a builder with the default time constant, moment and optimiser settings
     */
    public static Builder builder(Preparation preparation, int excitatoryCount, int thalamicUnits,
            double goCueSeconds) {
        return new Builder(preparation, excitatoryCount, thalamicUnits, goCueSeconds);
    }

    /**
     * Runs the fit: SVD initialisation, then L-BFGS on the relative linear cost.
     *
     * @return the loop with its fit diagnostics
     * @throws NoStabilizingSolutionException if the LQR gain does not exist, or if no
     *     shrinking of the initial projection gives a stable loop (A itself unstable)
     */
    public LoopFit fit() {
        Builder b = settings;
        Preparation preparation = b.preparation;
        DMatrixRMaj gain = preparation.steadyStateGain().gain();
        double[] slope = ThalamocorticalLoop.excitatorySlope(preparation, b.excitatoryCount);
        DMatrixRMaj moment = b.moment();
        LoopCost model = new LoopCost(preparation.linearisation(), preparation.scaledInputMatrix(),
                preparation.cost().matrix(), preparation.inputCostWeight(), slope, b.thalamicTimeConstant, moment,
                b.thalamicUnits);
        double lqrCost = traceOfProduct(preparation.steadyStateGain().costMatrix(), moment);

        // SVD initialisation, with P halved until the linear closed loop is stable
        DMatrixRMaj[] weights = ThalamocorticalLoop.svdWeights(gain, slope, b.thalamicUnits);
        DMatrixRMaj projection = weights[0];
        DMatrixRMaj readout = weights[1];
        double initialCost = model.evaluate(projection, readout, null, null);
        for (int halving = 0; !Double.isFinite(initialCost); halving++) {
            if (halving == MAX_HALVINGS) {
                throw new NoStabilizingSolutionException("the loop is unstable even with the projection P scaled by 2^-"
                        + MAX_HALVINGS + ": the linearisation A has spectral abscissa " + model.lastAbscissa()
                        + " 1/s, expected a stable A");
            }
            CommonOps_DDRM.scale(0.5, projection);
            initialCost = model.evaluate(projection, readout, null, null);
            LOG.warn("the SVD loop initialisation is unstable; projection P halved {} times, abscissa {} 1/s",
                    halving + 1, model.lastAbscissa());
        }

        // L-BFGS on x = [vec(P); vec(J)], objective tr(X S) / tr(X_LQR Sigma_0)
        int projectionSize = projection.data.length;
        int readoutSize = readout.data.length;
        DMatrixRMaj j = readout.copy();
        double[] start = new double[projectionSize + readoutSize];
        System.arraycopy(projection.data, 0, start, 0, projectionSize);
        System.arraycopy(readout.data, 0, start, projectionSize, readoutSize);
        DMatrixRMaj p = projection.createLike();
        DMatrixRMaj gp = projection.createLike();
        DMatrixRMaj gj = readout.createLike();
        Lbfgs.Objective objective = new Lbfgs.Objective() {
            @Override
            public double value(double[] x) {
                System.arraycopy(x, 0, p.data, 0, projectionSize);
                System.arraycopy(x, projectionSize, j.data, 0, readoutSize);
                return model.evaluate(p, j, null, null) / lqrCost;
            }

            @Override
            public void gradient(double[] x, double[] gradient) {
                // The model reuses the Schur form of the value call at the same x
                System.arraycopy(x, 0, p.data, 0, projectionSize);
                System.arraycopy(x, projectionSize, j.data, 0, readoutSize);
                model.evaluate(p, j, gp, gj);
                for (int k = 0; k < projectionSize; k++) {
                    gradient[k] = gp.data[k] / lqrCost;
                }
                for (int k = 0; k < readoutSize; k++) {
                    gradient[projectionSize + k] = gj.data[k] / lqrCost;
                }
            }
        };
        LOG.debug("loop fit: N = {}, N_E = {}, M = {}, {} weights, initial relative cost {}", model.neurons(),
                model.excitatoryCount(), model.units(), start.length, initialCost / lqrCost);
        Lbfgs optimiser = new Lbfgs(MEMORY, b.maxIterations, b.gradientTolerance, b.relativeDecreaseTolerance, 1.0);
        Lbfgs.Result result = optimiser.minimise(objective, start, (iteration, value, gradientNorm) -> {
            LOG.debug("loop fit iteration {}: relative cost {}, gradient norm {}", iteration, value, gradientNorm);
            return b.listener == null || b.listener.onIteration(iteration, value, gradientNorm);
        });

        // Final weights and their closed-loop abscissa
        System.arraycopy(result.x(), 0, p.data, 0, projectionSize);
        System.arraycopy(result.x(), projectionSize, j.data, 0, readoutSize);
        double cost = model.evaluate(p, j, null, null);
        LOG.debug("loop fit stopped after {} iterations ({}): relative cost {} from {}", result.iterations(),
                result.stopReason(), cost / lqrCost, initialCost / lqrCost);
        ThalamocorticalLoop loop = ThalamocorticalLoop.of(preparation, b.excitatoryCount, p, j,
                b.thalamicTimeConstant, b.goCueSeconds);
        return new LoopFit(loop, lqrCost, initialCost, cost, result.iterations(), result.converged(),
                result.stopReason(), result.gradientNorm(), model.lastAbscissa());
    }

    private static double traceOfProduct(DMatrixRMaj x, DMatrixRMaj s) {
        double sum = 0;
        for (int k = 0; k < x.data.length; k++) {
            sum += x.data[k] * s.data[k];
        }
        return sum;
    }

    /** Settings of a {@link LoopFitter}; {@link #build()} validates them. */
    public static final class Builder {

        private final Preparation preparation;
        private final int excitatoryCount;
        private final int thalamicUnits;
        private final double goCueSeconds;
        private double thalamicTimeConstant = ThalamocorticalLoop.DEFAULT_THALAMIC_TIME_CONSTANT_SECONDS;
        private DMatrixRMaj initialErrors;
        private DMatrixRMaj initialMoment;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private double gradientTolerance = DEFAULT_GRADIENT_TOLERANCE;
        private double relativeDecreaseTolerance = DEFAULT_RELATIVE_DECREASE_TOLERANCE;
        private LoopFitListener listener;
        private double momentFloor = DEFAULT_MOMENT_FLOOR;

        private Builder(Preparation preparation, int excitatoryCount, int thalamicUnits, double goCueSeconds) {
            this.preparation = preparation;
            this.excitatoryCount = excitatoryCount;
            this.thalamicUnits = thalamicUnits;
            this.goCueSeconds = goCueSeconds;
        }

        /**
         * Sets tau_th in seconds (positive, default 0.01).
         *
         * @param seconds thalamic time constant tau_th in seconds, positive
         * @return the builder, for chaining
         */
        public Builder thalamicTimeConstant(double seconds) {
            this.thalamicTimeConstant = seconds;
            return this;
        }

        /**
         * Sets the initial errors the loop must correct, one {@code e(0) = x(0) - x*} per column
         * (N x k, k >= 1), for example the spontaneous state minus each reach's prepared state;
         * {@code Sigma_0 = E E^T / k}. Replaces any moment set before. The default
         * {@code Sigma_0 = I / N} weights every direction equally.
         *
         * @param errors initial errors as columns (N x k, k >= 1), or null for the default {@code I / N}
         * @return the builder, for chaining
         */
        public Builder initialErrors(DMatrixRMaj errors) {
            this.initialErrors = errors == null ? null : errors.copy();
            this.initialMoment = null;
            return this;
        }

        /**
         * Sets the second-moment matrix Sigma_0 of the initial errors (N x N, symmetric,
         * positive semidefinite, nonzero). Replaces any errors set before.
         *
         * @param moment Sigma_0 (N x N, symmetric positive semidefinite), or null for the default
         * @return the builder, for chaining
         */
        public Builder initialErrorMoment(DMatrixRMaj moment) {
            this.initialMoment = moment == null ? null : moment.copy();
            this.initialErrors = null;
            return this;
        }

        /**
         * Sets the isotropic floor: Sigma_0 becomes {@code Sigma_0 + floor (tr(Sigma_0) / N) I}
         * (non-negative, default 1e-2; 0 fits the given moment alone).
         *
         * @param fraction floor weight relative to {@code tr(Sigma_0) / N}, at least 0
         * @return the builder, for chaining
         */
        public Builder momentFloor(double fraction) {
            this.momentFloor = fraction;
            return this;
        }

        /**
         * Sets the cap of L-BFGS iterations (at least 0, default 200; 0 keeps the SVD weights).
         *
         * @param iterations maximum number of L-BFGS iterations, at least 0
         * @return the builder, for chaining
         */
        public Builder maxIterations(int iterations) {
            this.maxIterations = iterations;
            return this;
        }

        /**
         * Sets the tolerance on the gradient norm of the relative cost (positive, default 1e-5).
         *
         * @param tolerance gradient-norm tolerance, positive and dimensionless
         * @return the builder, for chaining
         */
        public Builder gradientTolerance(double tolerance) {
            this.gradientTolerance = tolerance;
            return this;
        }

        /**
         * Sets the tolerance on the relative cost decrease per iteration (non-negative, default 1e-9).
         *
         * @param tolerance relative decrease tolerance, non-negative and dimensionless
         * @return the builder, for chaining
         */
        public Builder relativeDecreaseTolerance(double tolerance) {
            this.relativeDecreaseTolerance = tolerance;
            return this;
        }

        /**
         * Sets a listener called after each iteration, or null for none.
         *
         * @param listener the listener, or null for none
         * @return the builder, for chaining
         */
        public Builder listener(LoopFitListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Validates the settings.
         *
         * @return the fitter
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public LoopFitter build() {
            // Loop shape
            Arguments.requireNonNull(preparation, "preparation");
            int n = preparation.network().size();
            int m = preparation.inputMatrix().numCols;
            Arguments.requireAtLeast(excitatoryCount, 1, "excitatoryCount");
            if (excitatoryCount > n) {
                throw new IllegalArgumentException("excitatoryCount is " + excitatoryCount
                        + ", expected at most N = " + n);
            }
            Arguments.requireAtLeast(thalamicUnits, 1, "thalamicUnits");
            if (thalamicUnits > Math.min(m, excitatoryCount)) {
                throw new IllegalArgumentException("thalamicUnits is " + thalamicUnits
                        + ", expected at most min(m, N_E) = " + Math.min(m, excitatoryCount));
            }
            Arguments.requireFinite(Arguments.requireNonNegative(goCueSeconds, "goCueSeconds"), "goCueSeconds");
            Arguments.requireFinite(Arguments.requirePositive(thalamicTimeConstant, "thalamicTimeConstant"),
                    "thalamicTimeConstant");

            // Initial errors or their moment
            if (initialErrors != null) {
                if (initialErrors.numRows != n || initialErrors.numCols < 1) {
                    throw new IllegalArgumentException("initialErrors is " + initialErrors.numRows + " x "
                            + initialErrors.numCols + ", expected " + n + " x k with k >= 1");
                }
                Arguments.requireFinite(initialErrors, "initialErrors");
            }
            if (initialMoment != null) {
                Arguments.requireShape(initialMoment, n, n, "initialErrorMoment");
                Arguments.requireFinite(initialMoment, "initialErrorMoment");
                Arguments.requireSymmetric(initialMoment, SYMMETRY_TOLERANCE, "initialErrorMoment");
            }
            Arguments.requireFinite(Arguments.requireNonNegative(momentFloor, "momentFloor"), "momentFloor");
            DMatrixRMaj moment = givenMoment();
            if (!(CommonOps_DDRM.trace(moment) > 0)) {
                throw new IllegalArgumentException("the initial error moment has trace " + CommonOps_DDRM.trace(moment)
                        + ", expected a positive trace (at least one nonzero initial error)");
            }

            // Optimiser
            Arguments.requireAtLeast(maxIterations, 0, "maxIterations");
            Arguments.requireFinite(Arguments.requirePositive(gradientTolerance, "gradientTolerance"),
                    "gradientTolerance");
            Arguments.requireFinite(Arguments.requireNonNegative(relativeDecreaseTolerance,
                    "relativeDecreaseTolerance"), "relativeDecreaseTolerance");
            return new LoopFitter(copy());
        }

        /** Returns an independent copy, so that later changes to this builder do not reach a built fitter. */
        private Builder copy() {
            Builder copy = new Builder(preparation, excitatoryCount, thalamicUnits, goCueSeconds);
            copy.thalamicTimeConstant = thalamicTimeConstant;
            copy.initialErrors = initialErrors == null ? null : initialErrors.copy();
            copy.initialMoment = initialMoment == null ? null : initialMoment.copy();
            copy.maxIterations = maxIterations;
            copy.gradientTolerance = gradientTolerance;
            copy.relativeDecreaseTolerance = relativeDecreaseTolerance;
            copy.listener = listener;
            copy.momentFloor = momentFloor;
            return copy;
        }

        /** Returns Sigma_0 from the errors, the moment, or the default I / N, plus the floor. */
        private DMatrixRMaj moment() {
            DMatrixRMaj moment = givenMoment();
            int n = moment.numRows;
            double floor = momentFloor * CommonOps_DDRM.trace(moment) / n;
            for (int i = 0; i < n; i++) {
                moment.add(i, i, floor);
            }
            return moment;
        }

        private DMatrixRMaj givenMoment() {
            int n = preparation.network().size();
            if (initialMoment != null) {
                return initialMoment.copy();
            }
            if (initialErrors != null) {
                DMatrixRMaj moment = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransB(1.0 / initialErrors.numCols, initialErrors, initialErrors, moment);
                return moment;
            }
            DMatrixRMaj identity = CommonOps_DDRM.identity(n);
            CommonOps_DDRM.scale(1.0 / n, identity);
            return identity;
        }
    }
}
