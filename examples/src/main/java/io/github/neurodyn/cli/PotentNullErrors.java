package io.github.neurodyn.cli;

import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationRun;
import io.github.neurodyn.preparation.PreparationStrategy;
import io.github.neurodyn.preparation.ProspectiveCost;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;

/**
 * The state error of one strategy split between the prospectively potent subspace of Q_C
 * (its top k eigenvectors U_p) and the null subspace (the other N - k eigenvectors U_n), over
 * the preparation window and the movement that follows it. At each time the norms
 * {@code ||U_p^T e||} and {@code ||U_n^T e||} are averaged over reaches as a root mean square.
 *
 * <p>During preparation, {@code e(t) = x(t) - x*}. After the go cue both the prepared network and
 * a reference copy started exactly at x* run freely (bias h only, no preparatory input), and
 * {@code e(t) = x(t) - x_ref(t)}: the part of the movement that the imperfect preparation spoils.
 *
 * @param strategy the preparation strategy
 * @param potentDimensions k, the dimension of the potent subspace
 * @param timesMs time from the go cue in ms: negative during preparation, positive during the movement
 * @param potentNorm root mean square over reaches of {@code ||U_p^T e||}, dimensionless like x
 * @param nullNorm root mean square over reaches of {@code ||U_n^T e||}, dimensionless like x
 */
record PotentNullErrors(PreparationStrategy strategy, int potentDimensions, double[] timesMs, double[] potentNorm,
        double[] nullNorm) {

    /** Fraction of trace(Q_C) that the potent subspace captures. */
    static final double POTENT_TRACE_FRACTION = 0.9;

    /** RK4 step of the movement runs, in seconds, as in the subspace alignment analysis. */
    private static final double MOVEMENT_STEP_SECONDS = 5e-4;

    /** Sample interval of the movement runs, in seconds. */
    private static final double MOVEMENT_SAMPLE_SECONDS = 1e-3;

    /**
     * Returns the smallest k whose k largest eigenvalues of Q_C sum to at least
     * {@link #POTENT_TRACE_FRACTION} of its trace.
     *
     * @param cost the prospective cost
     * @return k, from 1 to N
     */
    static int potentDimensions(ProspectiveCost cost) {
        double[] eigenvalues = cost.eigenvalues();
        double trace = 0;
        for (double value : eigenvalues) {
            trace += value;
        }
        double captured = 0;
        for (int k = 0; k < eigenvalues.length; k++) {
            captured += eigenvalues[k];
            if (captured >= POTENT_TRACE_FRACTION * trace) {
                return k + 1;
            }
        }
        return eigenvalues.length;
    }

    /**
     * Prepares every reach with one strategy, runs the movement from the state at the go cue
     * and from x*, and measures the error in both subspaces.
     *
     * @param preparation the preparation of the first reach, linearised at the spontaneous state
     * @param strategy how the preparatory feedback is chosen
     * @param network the network at its spontaneous state, where every window starts
     * @param fit prepared states, one per reach
     * @param preparationSeconds window length T in seconds
     * @param movementSeconds movement duration in seconds
     * @param potentDimensions k, from 0 to N
     * @return the error norms against time
     * @throws io.github.neurodyn.api.SimulationDivergedException if a run diverges
     */
    static PotentNullErrors of(Preparation preparation, PreparationStrategy strategy, SpontaneousNetwork network,
            MovementFit fit, double preparationSeconds, double movementSeconds, int potentDimensions) {
        int n = network.size();
        int reaches = fit.movements();
        DMatrixRMaj potentBasis = preparation.cost().potentBasis(potentDimensions);

        // Preparation: error to x* at every integration step
        double[] prepTimes = null;
        double[] prepPotent = null;
        double[] prepNull = null;
        DMatrixRMaj goStates = new DMatrixRMaj(n, reaches);
        DMatrixRMaj preparedStates = new DMatrixRMaj(n, reaches);
        for (int i = 0; i < reaches; i++) {
            double[] xStar = fit.initialState(i);
            PreparationRun run = preparation.withPreparedState(xStar).run(strategy, network.spontaneousState(),
                    preparationSeconds);
            DMatrixRMaj states = run.states();
            if (prepTimes == null) {
                prepTimes = run.timesSeconds();
                prepPotent = new double[prepTimes.length];
                prepNull = new double[prepTimes.length];
            }
            double[] error = new double[n];
            for (int k = 0; k < prepTimes.length; k++) {
                for (int j = 0; j < n; j++) {
                    error[j] = states.get(j, k) - xStar[j];
                }
                accumulate(potentBasis, error, k, prepPotent, prepNull);
            }
            double[] end = run.finalState();
            for (int j = 0; j < n; j++) {
                goStates.set(j, i, end[j]);
                preparedStates.set(j, i, xStar[j]);
            }
        }

        // Movement: free runs from the states at the go cue against free runs from x*
        Trajectory moved = freeRun(network, goStates, movementSeconds);
        Trajectory reference = freeRun(network, preparedStates, movementSeconds);
        int samples = moved.sampleCount();
        double[] movePotent = new double[samples];
        double[] moveNull = new double[samples];
        double[] error = new double[n];
        for (int i = 0; i < reaches; i++) {
            DMatrixRMaj actual = moved.states(i);
            DMatrixRMaj ideal = reference.states(i);
            for (int k = 0; k < samples; k++) {
                for (int j = 0; j < n; j++) {
                    error[j] = actual.get(j, k) - ideal.get(j, k);
                }
                accumulate(potentBasis, error, k, movePotent, moveNull);
            }
        }

        // Join both epochs on one time axis, without the movement's first sample, which repeats the go cue
        int prepSamples = prepTimes.length;
        int total = prepSamples + samples - 1;
        double[] times = new double[total];
        double[] potent = new double[total];
        double[] nullNorm = new double[total];
        double[] moveTimes = moved.times();
        for (int k = 0; k < total; k++) {
            boolean moving = k >= prepSamples;
            int source = moving ? k - prepSamples + 1 : k;
            times[k] = 1e3 * (moving ? moveTimes[source] : prepTimes[source] - preparationSeconds);
            double potentSquares = moving ? movePotent[source] : prepPotent[source];
            double nullSquares = moving ? moveNull[source] : prepNull[source];
            potent[k] = Math.sqrt(potentSquares / reaches);
            nullNorm[k] = Math.sqrt(nullSquares / reaches);
        }
        return new PotentNullErrors(strategy, potentDimensions, times, potent, nullNorm);
    }

    /**
     * Writes {@code potent-null.csv} and {@code potent-null.png} for a list of strategies.
     *
     * @param out output folder
     * @param errors one entry per strategy, with the same potent dimension
     */
    static void write(OutputDirectory out, List<PotentNullErrors> errors) {
        CsvTable table = new CsvTable("strategy", "time_ms", "potent_error_norm", "null_error_norm");
        String title = String.format(Locale.ROOT, "State error in the potent (k = %d) and null subspaces",
                errors.get(0).potentDimensions());
        XYChart chart = Plots.lineChart(title, "time from go cue (ms)", "RMS error norm ||U^T e|| (dimensionless)");
        boolean positive = true;
        for (PotentNullErrors run : errors) {
            String name = run.strategy().name().toLowerCase(Locale.ROOT);
            for (int k = 0; k < run.timesMs.length; k++) {
                table.row(name, run.timesMs[k], run.potentNorm[k], run.nullNorm[k]);
                positive &= run.potentNorm[k] > 0 && run.nullNorm[k] > 0;
            }
            Plots.addLine(chart, name + ", potent", run.timesMs, run.potentNorm);
            Plots.addLine(chart, name + ", null", run.timesMs, run.nullNorm);
        }
        chart.getStyler().setYAxisLogarithmic(positive);
        out.writeText("potent-null.csv", table);
        Plots.save(out, "potent-null.png", chart);
    }

    /** Adds {@code ||U_p^T e||^2} and {@code ||e||^2 - ||U_p^T e||^2} to the sums at sample k. */
    private static void accumulate(DMatrixRMaj potentBasis, double[] error, int k, double[] potentSquares,
            double[] nullSquares) {
        double total = 0;
        for (double value : error) {
            total += value * value;
        }
        double potent = 0;
        for (int column = 0; column < potentBasis.numCols; column++) {
            double dot = 0;
            for (int j = 0; j < error.length; j++) {
                dot += potentBasis.get(j, column) * error[j];
            }
            potent += dot * dot;
        }
        potentSquares[k] += potent;
        nullSquares[k] += Math.max(0, total - potent);
    }

    private static Trajectory freeRun(SpontaneousNetwork network, DMatrixRMaj initialStates, double seconds) {
        return Simulation.of(network.network()).integrator(Integrator.RK4).stepSeconds(MOVEMENT_STEP_SECONDS)
                .durationSeconds(seconds).sampleEverySeconds(MOVEMENT_SAMPLE_SECONDS)
                .initialStates(initialStates).trials(initialStates.numCols).run();
    }
}
