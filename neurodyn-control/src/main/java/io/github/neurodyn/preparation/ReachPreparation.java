package io.github.neurodyn.preparation;

import io.github.neurodyn.analysis.AlignmentIndex;
import io.github.neurodyn.analysis.AlignmentNull;
import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.ReachChain;
import io.github.neurodyn.movement.ReachOutcome;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.ArmTrajectory;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.TwoLinkArm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.ejml.data.DMatrixRMaj;

/**
 * Preparation followed by movement for a set of reaches: for each preparation time T the
 * network starts at its spontaneous state, is prepared for T seconds toward each reach's
 * prepared state, and then runs freely from the state reached at the go cue while the fitted
 * readout drives the arm ({@link ReachChain}).
 *
 * <p>The gains come from the network linearised at the spontaneous state, where every rate is
 * positive and {@code A = (W - I) / tau}, so one Riccati solve serves every reach. The cost Q_C
 * is the observability Gramian over the reach duration through the torque readout
 * {@code C_x = [C 0]} (excitatory neurons first).
 */
public final class ReachPreparation {

    /** RK4 step of the movement-epoch runs of the alignment analysis, in seconds. */
    private static final double MOVEMENT_STEP_SECONDS = 5e-4;
    /** Sample interval of the movement-epoch runs, in seconds. */
    private static final double MOVEMENT_SAMPLE_SECONDS = 1e-3;

    private ReachPreparation() {
    }

    /**
     * Computes Q_C for the torque readout: the finite-horizon observability Gramian of
     * {@code A = (W - I) / tau} through {@code [C 0]} over the movement, normalised to trace N.
     *
     * @param network the network at its spontaneous state
     * @param readout torque readout C (m x N_E) on the excitatory rates
     * @param movementSeconds movement duration in seconds, positive
     * @return the prospective cost
     * @throws IllegalArgumentException if an argument is null, misshapen or not finite
     */
    public static ProspectiveCost movementCost(SpontaneousNetwork network, DMatrixRMaj readout,
            double movementSeconds) {
        Arguments.requireNonNull(network, "network");
        Arguments.requireFinite(Arguments.requireNonNull(readout, "readout"), "readout");
        int n = network.size();
        if (readout.numCols != network.excitatoryCount()) {
            throw new IllegalArgumentException("readout has " + readout.numCols + " columns, expected "
                    + network.excitatoryCount() + ", one per excitatory neuron");
        }
        DMatrixRMaj full = new DMatrixRMaj(readout.numRows, n);
        for (int i = 0; i < readout.numRows; i++) {
            for (int j = 0; j < readout.numCols; j++) {
                full.set(i, j, readout.get(i, j));
            }
        }
        return ProspectiveCost.of(network.linearisation(), full, movementSeconds);
    }

    /**
     * Builds the preparation toward the first reach's prepared state, linearised at the
     * spontaneous state; {@link Preparation#withPreparedState} gives the other reaches.
     *
     * @param network the network at its spontaneous state
     * @param fit readout and prepared states
     * @param movementSeconds movement duration in seconds, for Q_C
     * @return the preparation for reach 0, with default lambda and steps
     */
    public static Preparation preparation(SpontaneousNetwork network, MovementFit fit, double movementSeconds) {
        Arguments.requireNonNull(fit, "fit");
        ProspectiveCost cost = movementCost(network, fit.readout(), movementSeconds);
        return Preparation.builder().network(network.network()).preparedState(fit.initialState(0))
                .linearisationPoint(network.spontaneousState()).cost(cost).build();
    }

    /**
     * Prepares every reach for every preparation time with one strategy and runs the arm.
     *
     * @param preparation a preparation built by {@link #preparation} (or another with a fixed
     *     linearisation point and the network of {@code network})
     * @param strategy how the preparatory feedback is chosen
     * @param network the network at its spontaneous state, where every window starts
     * @param fit readout and prepared states, one per reach
     * @param arm the arm
     * @param reaches the target reaches, in the order of the fit
     * @param preparationSeconds preparation times in seconds, each {@code >= 0}
     * @return the mean outcomes against preparation time
     * @throws IllegalArgumentException if an argument is null, or the counts or sizes differ
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run diverges
     */
    public static PreparationCurve curve(Preparation preparation, PreparationStrategy strategy,
            SpontaneousNetwork network, MovementFit fit, TwoLinkArm arm, List<Reach> reaches,
            double[] preparationSeconds) {
        return curve(preparation, strategy, network, fit, arm, reaches, preparationSeconds, Runnable::run);
    }

    /**
     * Prepares every reach for every preparation time with one strategy and runs the arm, with
     * the reaches' preparation runs submitted to the given executor. Each reach runs exactly
     * as in the sequential {@link #curve(Preparation, PreparationStrategy, SpontaneousNetwork,
     * MovementFit, TwoLinkArm, List, double[]) curve}, and the means are summed in reach
     * order, so the result is bit-identical to it for any executor. The Riccati flow is solved
     * once, by the first run that needs it, while the others wait.
     *
     * @param preparation a preparation built by {@link #preparation}
     * @param strategy how the preparatory feedback is chosen
     * @param network the network at its spontaneous state, where every window starts
     * @param fit readout and prepared states, one per reach
     * @param arm the arm
     * @param reaches the target reaches, in the order of the fit
     * @param preparationSeconds preparation times in seconds, each {@code >= 0}
     * @param executor runs one task per reach, for example a fixed pool of 2 threads;
     *     {@code Runnable::run} runs them in the calling thread
     * @return the mean outcomes against preparation time
     * @throws IllegalArgumentException if an argument is null, or the counts or sizes differ
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run diverges
     */
    public static PreparationCurve curve(Preparation preparation, PreparationStrategy strategy,
            SpontaneousNetwork network, MovementFit fit, TwoLinkArm arm, List<Reach> reaches,
            double[] preparationSeconds, Executor executor) {
        Arguments.requireNonNull(executor, "executor");
        Arguments.requireNonNull(preparation, "preparation");
        Arguments.requireNonNull(network, "network");
        Arguments.requireNonNull(fit, "fit");
        Arguments.requireNonNull(reaches, "reaches");
        Arguments.requireFinite(Arguments.requireNonNull(preparationSeconds, "preparationSeconds"),
                "preparationSeconds");
        int reachCount = fit.movements();
        int times = preparationSeconds.length;
        int n = network.size();

        // Prepare each reach over all windows and keep the states at the go cue
        List<DMatrixRMaj> goStates = new ArrayList<>(times);
        for (int k = 0; k < times; k++) {
            goStates.add(new DMatrixRMaj(n, reachCount));
        }
        double[] cost = new double[times];
        double[] energy = new double[times];
        double[] spontaneous = network.spontaneousState();
        List<CompletableFuture<List<PreparationRun>>> sweeps = new ArrayList<>(reachCount);
        for (int i = 0; i < reachCount; i++) {
            Preparation reach = preparation.withPreparedState(fit.initialState(i));
            sweeps.add(CompletableFuture.supplyAsync(() -> reach.sweep(strategy, spontaneous, preparationSeconds),
                    executor));
        }
        for (int i = 0; i < reachCount; i++) {
            List<PreparationRun> runs = join(sweeps.get(i));
            for (int k = 0; k < times; k++) {
                PreparationRun run = runs.get(k);
                cost[k] += run.prospectiveCost() / reachCount;
                energy[k] += run.inputEnergy() / reachCount;
                double[] end = run.finalState();
                for (int j = 0; j < n; j++) {
                    goStates.get(k).set(j, i, end[j]);
                }
            }
        }

        // Move the arm from the states at the go cue
        double[] endpoint = new double[times];
        double[] path = new double[times];
        List<ReachOutcome> outcomes = new ArrayList<>(times);
        for (int k = 0; k < times; k++) {
            MovementFit started = new MovementFit(fit.readout(), goStates.get(k), fit.torques(),
                    fit.relativeErrors(), fit.r2(), fit.maxConstraintViolation(), fit.directions(),
                    fit.iterations(), fit.bestIteration());
            ReachOutcome outcome = ReachChain.run(network, started, arm, reaches);
            outcomes.add(outcome);
            endpoint[k] = outcome.meanEndpointErrorMeters();
            for (int i = 0; i < reachCount; i++) {
                path[k] += pathErrorMeters(outcome.trajectories().get(i), reaches.get(i)) / reachCount;
            }
        }
        return new PreparationCurve(strategy, preparationSeconds, cost, energy, endpoint, path, outcomes);
    }

    /**
     * Computes the alignment index of preparatory activity (the rates over the last
     * {@code preparatoryTail} seconds of the window, under the given strategy) with respect to
     * movement activity (the rates over the first {@code movementHead} seconds after the go
     * cue, with the preparatory input removed), pooled over the reaches.
     *
     * @param preparation a preparation built by {@link #preparation}
     * @param strategy how the preparatory feedback is chosen (usually OPTIMAL)
     * @param network the network at its spontaneous state
     * @param fit prepared states, one per reach
     * @param preparationSeconds window length T in seconds, at least {@code preparatoryTail}
     * @param preparatoryTail seconds before the go cue taken as preparatory activity (default 0.2)
     * @param movementHead seconds after the go cue taken as movement activity (default 0.3)
     * @param dimensions k (default 6)
     * @param draws random subspaces of the null distribution, at least 1
     * @param seed seed of the null distribution
     * @return the index with its null distribution
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static SubspaceAlignment alignment(Preparation preparation, PreparationStrategy strategy,
            SpontaneousNetwork network, MovementFit fit, double preparationSeconds, double preparatoryTail,
            double movementHead, int dimensions, int draws, long seed) {
        Arguments.requireNonNull(preparation, "preparation");
        Arguments.requireNonNull(network, "network");
        Arguments.requireNonNull(fit, "fit");
        Arguments.requirePositive(preparatoryTail, "preparatoryTail");
        Arguments.requirePositive(movementHead, "movementHead");
        if (!(preparationSeconds >= preparatoryTail)) {
            throw new IllegalArgumentException("preparationSeconds is " + preparationSeconds
                    + ", expected at least the preparatory tail " + preparatoryTail + " s");
        }
        int n = network.size();
        List<double[]> preparatory = new ArrayList<>();
        List<double[]> movement = new ArrayList<>();
        Nonlinearity phi = network.network().nonlinearity();
        for (int i = 0; i < fit.movements(); i++) {

            // Preparatory rates over the tail of the window
            PreparationRun run = preparation.withPreparedState(fit.initialState(i))
                    .run(strategy, network.spontaneousState(), preparationSeconds);
            double[] times = run.timesSeconds();
            DMatrixRMaj states = run.states();
            for (int k = 0; k < times.length; k++) {
                if (times[k] >= preparationSeconds - preparatoryTail - 1e-12) {
                    preparatory.add(rates(states, k, phi));
                }
            }

            // Movement rates: the network with its own bias only, from the state at the go cue
            Trajectory move = Simulation.of(network.network())
                    .integrator(Integrator.RK4)
                    .stepSeconds(MOVEMENT_STEP_SECONDS)
                    .durationSeconds(movementHead)
                    .sampleEverySeconds(MOVEMENT_SAMPLE_SECONDS)
                    .initialState(run.finalState())
                    .run();
            DMatrixRMaj moveRates = move.rates(0);
            for (int k = 0; k < moveRates.numCols; k++) {
                movement.add(column(moveRates, k));
            }
        }
        DMatrixRMaj a = rows(preparatory, n);
        DMatrixRMaj b = rows(movement, n);
        double index = AlignmentIndex.of(a, b, dimensions);
        AlignmentNull randomNull = AlignmentIndex.randomNull(a, b, dimensions, draws, new Random(seed));
        return new SubspaceAlignment(index, dimensions, randomNull);
    }

    /** Waits for a task and rethrows its unchecked exception as it was thrown. */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static double[] rates(DMatrixRMaj columns, int column, Nonlinearity phi) {
        double[] r = column(columns, column);
        phi.values(r, r, r.length);
        return r;
    }

    private static double[] column(DMatrixRMaj columns, int column) {
        double[] r = new double[columns.numRows];
        for (int i = 0; i < r.length; i++) {
            r[i] = columns.get(i, column);
        }
        return r;
    }

    private static DMatrixRMaj rows(List<double[]> samples, int n) {
        DMatrixRMaj m = new DMatrixRMaj(samples.size(), n);
        for (int k = 0; k < samples.size(); k++) {
            System.arraycopy(samples.get(k), 0, m.data, k * n, n);
        }
        return m;
    }

    /**
     * Returns the root-mean-square distance in meters between the hand path and the target
     * path over their common samples.
     *
     * @param trajectory the arm run
     * @param reach the target reach on the same time grid
     * @return the path error in meters
     */
    public static double pathErrorMeters(ArmTrajectory trajectory, Reach reach) {
        Arguments.requireNonNull(trajectory, "trajectory");
        Arguments.requireNonNull(reach, "reach");
        DMatrixRMaj hand = trajectory.handPositions();
        DMatrixRMaj target = reach.handPositions();
        int samples = Math.min(hand.numRows, target.numRows);
        double sum = 0;
        for (int j = 0; j < samples; j++) {
            double dx = hand.get(j, 0) - target.get(j, 0);
            double dy = hand.get(j, 1) - target.get(j, 1);
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / samples);
    }
}
