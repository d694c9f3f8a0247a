package io.github.neurodyn.cli;

import io.github.neurodyn.analysis.JpcaOptions;
import io.github.neurodyn.analysis.JpcaResult;
import io.github.neurodyn.analysis.RecordingCsv;
import io.github.neurodyn.loop.LoopFitter;
import io.github.neurodyn.loop.ThalamocorticalLoop;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.ReachOutcome;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.ArmTrajectory;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.preparation.Perturbation;
import io.github.neurodyn.preparation.Preparation;
import io.github.neurodyn.preparation.PreparationCurve;
import io.github.neurodyn.preparation.PreparationRun;
import io.github.neurodyn.preparation.PreparationStrategy;
import io.github.neurodyn.preparation.ReachPreparation;
import io.github.neurodyn.preparation.SubspaceAlignment;
import io.github.neurodyn.spectral.SocResult;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn prepare}: stabilises a network and fits prepared states and a torque
 * readout for the reaches. It then prepares each reach with the optimal (finite-horizon LQR)
 * and the naive strategy for a set of preparation times, and moves the arm from the state at
 * the go cue. It also runs the subspace analysis, the thalamo-cortical loop and the
 * perturbation experiment, splits the state error between the potent and null subspaces of
 * Q_C, and with {@code --data FILE} compares jPCA of the model and of a recording.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Optimal anticipatory control against the naive strategy: cost and reach error "
                + "against preparation time, the thalamo-cortical loop and a perturbation experiment.")
public final class PrepareCommand extends CommandSupport {

    /** Reach duration in seconds, the horizon of Q_C. */
    static final double MOVEMENT_SECONDS = 0.6;

    /**
     * Maximum preparation time in ms. The finite-horizon gains are stored for the whole window,
     * so memory grows with it (about 330 MB for the default 600 ms at N = 200).
     */
    static final double MAX_PREP_MS = 2000;

    @Option(names = "--neurons", defaultValue = "200", paramLabel = "N", description = "Number of neurons N, half excitatory "
            + "(default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the network, the spontaneous state "
            + "and the perturbation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reaches", defaultValue = "8", paramLabel = "COUNT", description = "Number of reach directions (default: ${DEFAULT-VALUE}).")
    int reaches;

    @Option(names = "--iterations", defaultValue = "15", paramLabel = "COUNT",
            description = "Iterations of the movement fit (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--prep-times-ms", split = ",", defaultValue = "0,50,100,200,300,400,600", paramLabel = "MS",
            description = "Preparation times in ms, comma-separated, each in [0, " + MAX_PREP_MS + "], at least one "
                    + "of 250 ms or more (default: ${DEFAULT-VALUE}).")
    double[] prepTimesMs;

    @Option(names = "--null-draws", defaultValue = "1000", paramLabel = "COUNT",
            description = "Random subspaces of the alignment null distribution (default: ${DEFAULT-VALUE}).")
    int nullDraws;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Recording as CSV with the header condition,time_ms,<one column per neuron>; its jPCA "
                    + "is put beside the jPCA of the model's movement-epoch rates (default: none).")
    Path data;

    @Option(names = "--jpca-window", paramLabel = "START,END",
            description = "jPCA time window in ms for model and recording, inclusive (default: all bins).")
    String jpcaWindow;

    @Option(names = "--jpca-pcs", paramLabel = "K", defaultValue = "" + JpcaOptions.DEFAULT_PCS,
            description = "jPCA principal components, even (default: ${DEFAULT-VALUE}).")
    int jpcaPcs;

    @Option(names = "--jpca-soften", paramLabel = "C",
            description = "jPCA soft normalisation x / (range + C) per neuron, C in the unit of the rates "
                    + "(default: off).")
    Double jpcaSoften;

    private JpcaOptions jpcaOptions;
    private JpcaResult dataJpca;

    @Override
    protected String name() {
        return "prepare";
    }

    @Override
    protected void validate() {
        if (reaches < 1) {
            throw new IllegalArgumentException("--reaches must be at least 1, found " + reaches);
        }
        if (neurons < 4 || neurons / 2 <= reaches + 1) {
            throw new IllegalArgumentException("--neurons must give more than --reaches + 1 = " + (reaches + 1)
                    + " excitatory neurons (half of N), found N = " + neurons);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, found " + iterations);
        }
        requireMatrixSize(neurons);
        if (nullDraws < 1) {
            throw new IllegalArgumentException("--null-draws must be at least 1, found " + nullDraws);
        }
        if (prepTimesMs == null || prepTimesMs.length == 0) {
            throw new IllegalArgumentException("--prep-times-ms is empty; expected comma-separated times in ms");
        }
        double longest = 0;
        Set<Double> seen = new HashSet<>();
        for (double t : prepTimesMs) {
            if (!(t >= 0 && t <= MAX_PREP_MS)) {
                throw new IllegalArgumentException("--prep-times-ms must be in [0, " + MAX_PREP_MS + "] ms, found " + t);
            }
            // 0.0 + t maps -0.0 to 0.0, so the two zeros count as the same time.
            if (!seen.add(0.0 + t)) {
                throw new IllegalArgumentException("--prep-times-ms lists " + t + " ms more than once; "
                        + "expected distinct times");
            }
            longest = Math.max(longest, t);
        }
        if (longest < 250) {
            throw new IllegalArgumentException("--prep-times-ms needs a time of at least 250 ms for the "
                    + "perturbation and subspace analysis, found a maximum of " + longest + " ms");
        }

        // The recording is read and analysed before the output folder exists, so a bad file leaves nothing
        jpcaOptions = JpcaCommand.options(jpcaPcs, jpcaWindow, jpcaSoften, "--jpca-");
        if (data != null) {
            dataJpca = JpcaCommand.analyse(RecordingCsv.read(data), jpcaOptions, "--jpca-");
            requireModelBins(jpcaOptions);
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        // Network and movement fit, as in the movement command
        SocResult soc = DefaultMovementModel.optimise(neurons, seed);
        SpontaneousNetwork network = DefaultMovementModel.spontaneousNetwork(soc, neurons, seed);
        TwoLinkArm arm = TwoLinkArm.withDefaults();
        List<Reach> targets = ReachTargets.DEFAULT.withDirectionCount(reaches).reaches(arm);
        MovementFit fit = MovementFitter.builder(network, targets.stream().map(Reach::torques).toList(),
                ReachTargets.DEFAULT.timeStepSeconds()).iterations(iterations).build().fit();
        JpcaComparison comparison = null;
        if (data != null) {
            JpcaResult modelJpca = JpcaCommand.analyse(new DefaultMovementModel(network, fit, targets)
                    .movementActivity(JpcaCommand.MODEL_BIN_MS), jpcaOptions, "--jpca-");
            comparison = new JpcaComparison(modelJpca, dataJpca);
        }

        // Preparation with both strategies
        double[] times = Arrays.stream(prepTimesMs).map(t -> 1e-3 * t).toArray();
        double longest = Arrays.stream(times).max().orElse(0);
        Preparation preparation = ReachPreparation.preparation(network, fit, MOVEMENT_SECONDS);
        PreparationCurve optimal = ReachPreparation.curve(preparation, PreparationStrategy.OPTIMAL, network, fit,
                arm, targets, times);
        PreparationCurve naive = ReachPreparation.curve(preparation, PreparationStrategy.NAIVE, network, fit,
                arm, targets, times);
        writeCurves(out, optimal, naive);
        writeHandPaths(out, "hand-paths-short", prepTimesMs[indexOfMin(times)], targets,
                optimal.outcomes().get(indexOfMin(times)));
        writeHandPaths(out, "hand-paths-long", prepTimesMs[indexOfMax(times)], targets,
                optimal.outcomes().get(indexOfMax(times)));

        // Subspaces, loop and perturbation at the longest preparation time
        SubspaceAlignment alignment = ReachPreparation.alignment(preparation, PreparationStrategy.OPTIMAL, network,
                fit, longest, 0.2, 0.3, Math.min(6, neurons - 1), nullDraws, seed);
        double[] spontaneous = network.spontaneousState();
        DMatrixRMaj initialErrors = new DMatrixRMaj(neurons, fit.movements());
        for (int i = 0; i < fit.movements(); i++) {
            double[] prepared = fit.initialState(i);
            for (int j = 0; j < neurons; j++) {
                initialErrors.set(j, i, spontaneous[j] - prepared[j]);
            }
        }
        ThalamocorticalLoop loop = LoopFitter.builder(preparation, neurons / 2, neurons / 2, longest)
                .initialErrors(initialErrors).build().fit().loop();
        double loopExcess = loop.relativeCostExcess(preparation, spontaneous);
        Perturbation pulse = Perturbation.defaults(neurons, seed);
        double delayOptimal = preparation.perturbationDelay(PreparationStrategy.OPTIMAL, spontaneous, longest, pulse)
                .delaySeconds();
        double delayNaive = preparation.perturbationDelay(PreparationStrategy.NAIVE, spontaneous, longest, pulse)
                .delaySeconds();
        writeLoopAgainstLqr(out, preparation, loop, spontaneous, longest);

        // State error in the potent and null subspaces through preparation and movement
        int potentDimensions = PotentNullErrors.potentDimensions(preparation.cost());
        PotentNullErrors.write(out, List.of(
                PotentNullErrors.of(preparation, PreparationStrategy.OPTIMAL, network, fit, longest,
                        MOVEMENT_SECONDS, potentDimensions),
                PotentNullErrors.of(preparation, PreparationStrategy.NAIVE, network, fit, longest,
                        MOVEMENT_SECONDS, potentDimensions)));
        if (comparison != null) {
            comparison.write(out);
        }

        summary.put("neurons", neurons);
        summary.put("seed", seed);
        summary.put("movements", reaches);
        summary.put("abscissa", soc.finalAbscissa());
        summary.put("torqueFitR2", fit.r2());
        summary.put("prepTimesSeconds", times);
        summary.put("optimalCost", optimal.meanProspectiveCost());
        summary.put("naiveCost", naive.meanProspectiveCost());
        summary.put("optimalEndpointErrorMeters", optimal.meanEndpointErrorMeters());
        summary.put("naiveEndpointErrorMeters", naive.meanEndpointErrorMeters());
        summary.put("optimalPathErrorMeters", optimal.meanPathErrorMeters());
        summary.put("naivePathErrorMeters", naive.meanPathErrorMeters());
        summary.put("optimalInputEnergySeconds", optimal.meanInputEnergy());
        summary.put("alignmentIndexPrepVsMove", alignment.index());
        summary.put("alignmentNullMean", alignment.randomNull().mean());
        summary.put("loopRelativeCostExcess", loopExcess);
        summary.put("loopGainApproximationError", loop.gainApproximationError());
        summary.put("perturbationDelaySecondsOptimal", delayOptimal);
        summary.put("perturbationDelaySecondsNaive", delayNaive);
        summary.put("potentDimensions", potentDimensions);
        if (comparison != null) {
            summary.put("data", data.getFileName().toString());
            comparison.fillSummary(summary);
        }

        System.out.printf("%-12s %14s %14s %16s %16s%n", "prep (ms)", "cost optimal", "cost naive",
                "end error opt (mm)", "end error naive (mm)");
        for (int k = 0; k < times.length; k++) {
            System.out.printf("%-12.0f %14.4g %14.4g %16.2f %16.2f%n", prepTimesMs[k],
                    optimal.meanProspectiveCost()[k], naive.meanProspectiveCost()[k],
                    1e3 * optimal.meanEndpointErrorMeters()[k], 1e3 * naive.meanEndpointErrorMeters()[k]);
        }
        System.out.printf("alignment index %.3f (null mean %.3f), loop cost excess %.3f, perturbation delay "
                + "%.3f s optimal, %.3f s naive%n", alignment.index(), alignment.randomNull().mean(), loopExcess,
                delayOptimal, delayNaive);
        if (comparison != null) {
            comparison.print();
        }
        return ExitCode.SUCCESS;
    }

    /**
     * Checks that the jPCA window keeps at least two bins of the model's movement-epoch rates,
     * which run from 0 to the reach duration in {@link JpcaCommand#MODEL_BIN_MS} steps.
     */
    private static void requireModelBins(JpcaOptions options) {
        double endMs = 1e3 * ReachTargets.DEFAULT.durationSeconds();
        int bins = 0;
        for (double t = 0; t <= endMs + 1e-9; t += JpcaCommand.MODEL_BIN_MS) {
            bins += t >= options.windowStartMs() && t <= options.windowEndMs() ? 1 : 0;
        }
        if (bins < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--jpca-window [%s, %s] ms keeps %d bins "
                    + "of the model's rates (0..%s ms), expected at least 2", options.windowStartMs(),
                    options.windowEndMs(), bins, endMs));
        }
    }

    /**
     * Writes {@code loop-vs-lqr.csv} and {@code loop-vs-lqr.png}: the prospective cost
     * {@code e^T Q_C e} over the window of the first reach under the thalamo-cortical loop, under
     * the steady-state LQR law it approximates, and without feedback.
     */
    private static void writeLoopAgainstLqr(OutputDirectory out, Preparation preparation, ThalamocorticalLoop loop,
            double[] spontaneous, double windowSeconds) {
        List<PreparationRun> runs = List.of(
                preparation.runFeedback(loop, spontaneous, windowSeconds),
                preparation.run(PreparationStrategy.OPTIMAL_STEADY_STATE, spontaneous, windowSeconds),
                preparation.run(PreparationStrategy.NAIVE, spontaneous, windowSeconds));
        List<String> names = List.of("loop", "lqr", "naive");
        List<String> legends = List.of("thalamo-cortical loop", "steady-state LQR", "naive (no feedback)");
        CsvTable table = new CsvTable("controller", "time_ms", "prospective_cost", "total_cost");
        XYChart chart = Plots.lineChart(String.format(Locale.ROOT, "Loop against LQR (reach 1, %.0f ms window)",
                1e3 * windowSeconds), "time (ms)", "prospective cost e^T Q_C e (dimensionless)");
        boolean positive = true;
        for (int r = 0; r < runs.size(); r++) {
            PreparationRun run = runs.get(r);
            double[] timesMs = Arrays.stream(run.timesSeconds()).map(t -> 1e3 * t).toArray();
            double[] cost = run.prospectiveCostSeries();
            for (int k = 0; k < timesMs.length; k++) {
                table.row(names.get(r), timesMs[k], cost[k], run.totalCost());
                positive &= cost[k] > 0;
            }
            Plots.addLine(chart, String.format(Locale.ROOT, "%s, J = %.3g", legends.get(r), run.totalCost()),
                    timesMs, cost);
        }
        chart.getStyler().setYAxisLogarithmic(positive);
        out.writeText("loop-vs-lqr.csv", table);
        Plots.save(out, "loop-vs-lqr.png", chart);
    }

    private static void writeCurves(OutputDirectory out, PreparationCurve optimal, PreparationCurve naive) {
        double[] times = optimal.preparationSeconds();
        double[] timesMs = Arrays.stream(times).map(t -> 1e3 * t).toArray();
        CsvTable table = new CsvTable("prep_time_ms", "optimal_cost", "naive_cost", "optimal_endpoint_error_m",
                "naive_endpoint_error_m", "optimal_path_error_m", "naive_path_error_m", "optimal_input_energy_s");
        for (int k = 0; k < times.length; k++) {
            table.row(timesMs[k], optimal.meanProspectiveCost()[k], naive.meanProspectiveCost()[k],
                    optimal.meanEndpointErrorMeters()[k], naive.meanEndpointErrorMeters()[k],
                    optimal.meanPathErrorMeters()[k], naive.meanPathErrorMeters()[k], optimal.meanInputEnergy()[k]);
        }
        out.writeText("curves.csv", table);

        XYChart cost = Plots.lineChart("Prospective cost at the go cue", "preparation time (ms)",
                "prospective cost e^T Q_C e (dimensionless)");
        Plots.addLine(cost, "optimal", timesMs, optimal.meanProspectiveCost());
        Plots.addLine(cost, "naive", timesMs, naive.meanProspectiveCost());
        // the optimal cost falls by decades with preparation time, which only a log axis shows
        cost.getStyler().setYAxisLogarithmic(allPositive(optimal.meanProspectiveCost())
                && allPositive(naive.meanProspectiveCost()));
        Plots.save(out, "cost.png", cost);
        XYChart error = Plots.lineChart("Mean end-point error", "preparation time (ms)", "error (m)");
        Plots.addLine(error, "optimal", timesMs, optimal.meanEndpointErrorMeters());
        Plots.addLine(error, "naive", timesMs, naive.meanEndpointErrorMeters());
        Plots.save(out, "endpoint-error.png", error);
    }

    private static boolean allPositive(double[] values) {
        return Arrays.stream(values).allMatch(v -> v > 0);
    }

    private static void writeHandPaths(OutputDirectory out, String name, double prepTimeMs, List<Reach> targets,
            ReachOutcome outcome) {
        CsvTable table = new CsvTable("reach", "time_ms", "x_m", "y_m", "target_x_m", "target_y_m");
        XYChart chart = Plots.lineChart(String.format(Locale.ROOT,
                "Hand paths after %.0f ms of optimal preparation", prepTimeMs), "x (m)", "y (m)");
        Color[] palette = chart.getStyler().getSeriesColors();
        for (int i = 0; i < targets.size(); i++) {
            ArmTrajectory trajectory = outcome.trajectories().get(i);
            DMatrixRMaj hand = trajectory.handPositions();
            DMatrixRMaj target = targets.get(i).handPositions();
            double[] time = trajectory.timeSeconds();
            double[] x = new double[time.length];
            double[] y = new double[time.length];
            double[] targetX = new double[target.numRows];
            double[] targetY = new double[target.numRows];
            for (int j = 0; j < time.length; j++) {
                table.row(i, 1e3 * time[j], hand.get(j, 0), hand.get(j, 1), target.get(j, 0), target.get(j, 1));
                x[j] = hand.get(j, 0);
                y[j] = hand.get(j, 1);
            }
            for (int j = 0; j < target.numRows; j++) {
                targetX[j] = target.get(j, 0);
                targetY[j] = target.get(j, 1);
            }
            Color color = palette[i % palette.length];
            Plots.addLine(chart, "reach " + (i + 1), x, y).setLineColor(color);
            Plots.addDashedLine(chart, "target " + (i + 1), targetX, targetY, color);
        }
        out.writeText(name + ".csv", table);
        Plots.equalAxes(chart);
        Plots.save(out, name + ".png", chart);
    }

    private static int indexOfMin(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            best = values[k] < values[best] ? k : best;
        }
        return best;
    }

    private static int indexOfMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            best = values[k] > values[best] ? k : best;
        }
        return best;
    }
}
