package io.github.neurodyn.cli;

import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.linalg.RealSchur;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.spectral.EnergySpectrum;
import io.github.neurodyn.spectral.EvokedEnergy;
import io.github.neurodyn.spectral.GradientRule;
import io.github.neurodyn.spectral.SmoothedSpectralAbscissa;
import io.github.neurodyn.spectral.SocIteration;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SocResult;
import io.github.neurodyn.spectral.StabilityOptimizer;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn soc}: builds an excitatory/inhibitory network and stabilises it by
 * gradient descent of the smoothed spectral abscissa on the inhibitory weights
 * (stability-optimised circuit). Writes the spectrum before and after, the abscissa and
 * smoothed abscissa per iteration, the evoked-energy spectrum, the optimised weights and
 * {@code summary.json}; exits with status 3, after writing the summary, when the iteration
 * cap is hit before the target.
 */
@Command(name = "soc", mixinStandardHelpOptions = true,
        description = "Build an E/I network and stabilise it by optimising its inhibitory weights "
                + "(stability-optimised circuit, Hennequin et al. 2014).")
public final class SocCommand extends CommandSupport {

    /** Time constant used to report the evoked energy; the amplification does not depend on it. */
    static final double TAU_SECONDS = 0.15;

    /** Published set-ups that give the start network and the optimiser defaults. */
    enum Preset { hennequin, kao }

    /** Gradient variant: the shift heuristic or the exact smoothed spectral abscissa. */
    enum Variant { shift, ssa }

    @Option(names = "--preset", defaultValue = "hennequin", paramLabel = "NAME",
            description = "Start network and defaults: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--neurons", defaultValue = "200", paramLabel = "N", description = "Number of neurons N (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--excitatory-fraction", paramLabel = "F", description = "Fraction of excitatory neurons, listed first "
            + "(hennequin only; default 0.5).")
    Double excitatoryFraction;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the random start network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--probability", paramLabel = "P", description = "Connection probability p, in [0, 1] (hennequin only; default 0.1).")
    Double probability;

    @Option(names = "--gamma", paramLabel = "GAMMA", description = "Inhibitory/excitatory weight ratio of the start network "
            + "(hennequin only; default 3).")
    Double gamma;

    @Option(names = "--radius", paramLabel = "R", description = "Bulk spectral radius R of the start network, dimensionless like the eigenvalues of W (hennequin only; default 10).")
    Double radius;

    @Option(names = "--gradient", paramLabel = "VARIANT", description = "Gradient variant: shift (shift heuristic) or ssa "
            + "(exact smoothed spectral abscissa) (default: ssa, which meets the amplification targets of the "
            + "Hennequin 2014 setup for seeds 1 to 3; shift is faster per step).")
    Variant gradient;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "Smoothing parameter of the smoothed spectral abscissa, "
            + "in the unit of the eigenvalues of W, for --gradient ssa and for the history (default: 0.3/N).")
    Double epsilon;

    @Option(names = "--shift-factor", paramLabel = "FACTOR", description = "Shift rule s = max(factor alpha, alpha + offset, floor): "
            + "the factor (default: 1.5 hennequin, 1.2 kao).")
    Double shiftFactor;

    @Option(names = "--shift-offset", paramLabel = "OFFSET", description = "Shift rule: the offset above alpha (default: 0.2 hennequin, 0 kao).")
    Double shiftOffset;

    @Option(names = "--shift-floor", paramLabel = "FLOOR", description = "Shift rule: the smallest shift (default: none for hennequin, 1 for kao).")
    Double shiftFloor;

    @Option(names = "--learning-rate", paramLabel = "RATE", description = "Learning rate on the unit-trace gradient "
            + "(default: 10 hennequin, 1 kao).")
    Double learningRate;

    @Option(names = "--rebalance", paramLabel = "GAMMA",
            description = "Rescale inhibition after each step to a mean I/E weight ratio GAMMA (default: off).")
    Double rebalance;

    @Option(names = "--fixed-density", description = "Change only the inhibitory synapses present in the start network.")
    boolean fixedDensity;

    @Option(names = "--exclude-diagonal", description = "Leave self-connections unchanged (always on for kao).")
    boolean excludeDiagonal;

    @Option(names = "--uniform-eigenvalue", paramLabel = "VALUE", description = "Keep every row sum of W at this value, which keeps the "
            + "uniform mode at that eigenvalue (default: off for hennequin, -10 for kao).")
    Double uniformEigenvalue;

    @Option(names = "--target-abscissa", paramLabel = "ALPHA", description = "Stop when the spectral abscissa alpha(W), dimensionless, reaches this value "
            + "(default: 0.15 hennequin, 0.81 kao).")
    Double targetAbscissa;

    @Option(names = "--max-iterations", defaultValue = "10000", paramLabel = "COUNT",
            description = "Iteration cap; hitting it exits with status 3 (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--no-ssa-history", description = "Skip the smoothed spectral abscissa per iteration "
            + "for the shift variant (saves one root-solve per step).")
    boolean noSsaHistory;

    /** Start network, built once by {@link #validate()}. */
    private Connectivity network;

    /** Optimiser configured from the options, built once by {@link #validate()}. */
    private StabilityOptimizer optimizer;

    @Override
    protected String name() {
        return "soc";
    }

    @Override
    protected void validate() {
        if (neurons < 5) {
            throw new IllegalArgumentException("--neurons must be at least 5, found " + neurons);
        }
        requireMatrixSize(neurons);
        boolean networkOptions = excitatoryFraction != null || probability != null || gamma != null || radius != null;
        if (preset == Preset.kao && networkOptions) {
            throw new IllegalArgumentException(
                    "--excitatory-fraction, --probability, --gamma and --radius apply to --preset hennequin only");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("--max-iterations must be at least 1, found " + maxIterations);
        }
        requirePositive(learningRate, "--learning-rate");
        requirePositive(epsilon, "--epsilon");
        requirePositive(rebalance, "--rebalance");
        requirePositive(gamma, "--gamma");
        requirePositive(radius, "--radius");
        requireOpenUnitInterval(probability, "--probability");
        requireOpenUnitInterval(excitatoryFraction, "--excitatory-fraction");
        requireFinite(shiftFactor, "--shift-factor");
        requireFinite(shiftFloor, "--shift-floor");
        requireFinite(targetAbscissa, "--target-abscissa");
        requireFinite(uniformEigenvalue, "--uniform-eigenvalue");
        if (shiftOffset != null && !(shiftOffset >= 0 && Double.isFinite(shiftOffset))) {
            throw new IllegalArgumentException("--shift-offset must be finite and not negative, found " + shiftOffset);
        }
        // Builds the optimiser here so that every option is checked before any file is written.
        try {
            optimizer = optimizer();
        } catch (IllegalArgumentException ex) {
            throw OptionNames.rename(ex, "uniformModeEigenvalue", "--uniform-eigenvalue");
        }
    }

    private static void requirePositive(Double value, String option) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " must be positive and finite, found " + value);
        }
    }

    private static void requireOpenUnitInterval(Double value, String option) {
        if (value != null && !(value > 0 && value < 1)) {
            throw new IllegalArgumentException(option + " must lie strictly between 0 and 1, found " + value);
        }
    }

    private static void requireFinite(Double value, String option) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be finite, found " + value);
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        DMatrixRMaj start = network.weights();
        SocResult result = optimizer.run();
        DMatrixRMaj optimised = result.weights();

        writeSpectra(out, start, optimised);
        writeHistory(out, result.history(), result.finalAbscissa());
        EnergySpectrum energy = result.finalAbscissa() < 1.0 ? EvokedEnergy.of(optimised, TAU_SECONDS) : null;
        if (energy != null) {
            writeEnergy(out, energy);
        }
        out.writeText("weights.csv", CsvTable.ofMatrix(optimised, "w"));

        double[] top = energy == null ? new double[0] : Arrays.copyOf(energy.amplification(), Math.min(10, neurons));
        summary.put("preset", preset.name());
        summary.put("gradient", variant().name());
        summary.put("neurons", neurons);
        summary.put("seed", seed);
        summary.put("iterations", result.iterations());
        summary.put("initialAbscissa", result.initialAbscissa());
        summary.put("finalAbscissa", result.finalAbscissa());
        summary.put("targetAbscissa", target());
        summary.put("optimizerSeconds", result.seconds());
        summary.put("millisPerIteration", result.millisPerIteration());
        summary.put("topAmplification", top);
        summary.put("amplifiedOver10", energy == null ? 0 : energy.countAbove(10.0));
        summary.put("converged", result.converged());
        summary.put("stopReason", result.stopReason().name());

        System.out.printf("%-22s %s%n", "preset", preset);
        System.out.printf("%-22s %s%n", "gradient", variant());
        System.out.printf("%-22s %d%n", "neurons", neurons);
        System.out.printf("%-22s %d%n", "iterations", result.iterations());
        System.out.printf("%-22s %.4f -> %.4f (target %.4f)%n", "abscissa", result.initialAbscissa(),
                result.finalAbscissa(), target());
        System.out.printf("%-22s %.2f%n", "ms per iteration", result.millisPerIteration());
        if (energy != null) {
            System.out.printf("%-22s %.2f%n", "top amplification", top[0]);
            System.out.printf("%-22s %d%n", "amplified over 10x", energy.countAbove(10.0));
        }
        if (!result.converged()) {
            String reason = String.format("optimiser stopped (%s) at iteration %d with alpha(W) = %.4f, above the "
                    + "target %.4f; raise --max-iterations or the target%s", result.stopReason(),
                    result.iterations(), result.finalAbscissa(), target(), smoothingHint());
            summary.put("reason", reason);
            System.err.println("neurodyn soc: " + reason);
            return ExitCode.NUMERICAL_FAILURE;
        }
        return ExitCode.SUCCESS;
    }

    /**
     * Returns a hint for a run that missed its target with a smoothing option the user set. A
     * large --epsilon or shift flattens the gradient towards the identity, so the run stalls.
     */
    private String smoothingHint() {
        if (variant() == Variant.ssa) {
            return epsilon != null ? ", or lower --epsilon" : "";
        }
        boolean shiftSet = shiftFactor != null || shiftOffset != null || shiftFloor != null;
        return shiftSet ? ", or lower --shift-factor, --shift-offset or --shift-floor" : "";
    }

    private Variant variant() {
        return gradient != null ? gradient : Variant.ssa;
    }

    private double target() {
        if (targetAbscissa != null) {
            return targetAbscissa;
        }
        return preset == Preset.kao ? SocPresets.KAO_TARGET : SocPresets.HENNEQUIN_TARGET;
    }

    private double smoothing() {
        return epsilon != null ? epsilon : SmoothedSpectralAbscissa.defaultEpsilon(neurons);
    }

    private Connectivity startNetwork() {
        if (network != null) {
            return network;
        }
        if (preset == Preset.kao) {
            return Connectivity.of(SocPresets.kaoNetwork(neurons, seed), SocPresets.kaoExcitatoryCount(neurons),
                    neurons - SocPresets.kaoExcitatoryCount(neurons));
        }
        return SocPresets.hennequinNetwork(neurons,
                excitatoryFraction != null ? excitatoryFraction : SocPresets.HENNEQUIN_EXCITATORY_FRACTION,
                probability != null ? probability : SocPresets.HENNEQUIN_PROBABILITY,
                gamma != null ? gamma : SocPresets.HENNEQUIN_GAMMA,
                radius != null ? radius : SocPresets.HENNEQUIN_RADIUS, seed);
    }

    private StabilityOptimizer optimizer() {
        boolean kao = preset == Preset.kao;
        GradientRule.Shift defaultShift = (GradientRule.Shift) (kao ? GradientRule.kaoShift() : GradientRule.hennequinShift());
        GradientRule rule;
        if (variant() == Variant.ssa) {
            rule = GradientRule.smoothed(smoothing());
        } else {
            rule = new GradientRule.Shift(
                    shiftFactor != null ? shiftFactor : defaultShift.factor(),
                    shiftOffset != null ? shiftOffset : defaultShift.offset(),
                    shiftFloor != null ? shiftFloor : defaultShift.floor());
        }
        network = startNetwork();
        StabilityOptimizer.Builder builder = StabilityOptimizer.builder(network.weights(), network.excitatoryCount())
                .gradient(rule)
                .learningRate(learningRate != null ? learningRate : (kao ? 1.0 : SocPresets.HENNEQUIN_LEARNING_RATE))
                .fixedInhibitoryDensity(fixedDensity)
                .excludeDiagonal(excludeDiagonal || kao)
                .targetAbscissa(target())
                .maxIterations(maxIterations);
        if (rebalance != null) {
            builder.rebalance(rebalance);
        }
        Double rowSum = uniformEigenvalue != null ? uniformEigenvalue : (kao ? SocPresets.KAO_UNIFORM_EIGENVALUE : null);
        if (rowSum != null) {
            builder.uniformModeEigenvalue(rowSum);
        }
        if (variant() == Variant.shift && !noSsaHistory) {
            builder.trackSmoothedAbscissa(smoothing());
        }
        return builder.build();
    }

    private static void writeSpectra(OutputDirectory out, DMatrixRMaj start, DMatrixRMaj optimised) {
        double[][] before = eigenvalues(start);
        double[][] after = eigenvalues(optimised);
        CsvTable table = new CsvTable("stage", "real", "imaginary");
        for (int i = 0; i < before[0].length; i++) {
            table.row("initial", before[0][i], before[1][i]);
        }
        for (int i = 0; i < after[0].length; i++) {
            table.row("optimised", after[0][i], after[1][i]);
        }
        out.writeText("eigenvalues.csv", table);
        XYChart chart = Plots.scatterChart("Eigenvalues of W", "real part (dimensionless)",
                "imaginary part (dimensionless)");
        Plots.addPoints(chart, "initial", before[0], before[1]);
        Plots.addPoints(chart, "optimised", after[0], after[1]);
        Plots.save(out, "eigenvalues.png", chart);
    }

    /**
     * Writes the abscissa at the start of every iteration, then one last row (iteration n + 1,
     * no step taken) with the abscissa of the returned W, so the curve ends where the run ended.
     */
    private static void writeHistory(OutputDirectory out, List<SocIteration> history, double finalAbscissa) {
        CsvTable table = new CsvTable("iteration", "abscissa", "smoothed_abscissa", "shift", "step_norm", "elapsed_s");
        int rows = history.size() + 1;
        double[] iteration = new double[rows];
        double[] abscissa = new double[rows];
        double[] smoothed = new double[rows];
        boolean tracked = false;
        for (int k = 0; k < history.size(); k++) {
            SocIteration record = history.get(k);
            table.row(record.iteration(), record.abscissa(), Double.isNaN(record.smoothedAbscissa()) ? null
                    : record.smoothedAbscissa(), record.shift(), record.stepNorm(), record.elapsedSeconds());
            iteration[k] = record.iteration();
            abscissa[k] = record.abscissa();
            smoothed[k] = record.smoothedAbscissa();
            tracked |= !Double.isNaN(record.smoothedAbscissa());
        }
        table.row(rows, finalAbscissa, null, null, null, null);
        iteration[rows - 1] = rows;
        abscissa[rows - 1] = finalAbscissa;
        smoothed[rows - 1] = Double.NaN;
        out.writeText("history.csv", table);
        XYChart chart = Plots.lineChart("Spectral abscissa during optimisation", "iteration",
                "abscissa of W (dimensionless, stable below 1)");
        Plots.addLine(chart, "spectral abscissa", iteration, abscissa);
        if (tracked) {
            Plots.addLine(chart, "smoothed spectral abscissa", java.util.Arrays.copyOf(iteration, rows - 1),
                    java.util.Arrays.copyOf(smoothed, rows - 1));
        }
        Plots.save(out, "history.png", chart);
    }

    private static void writeEnergy(OutputDirectory out, EnergySpectrum energy) {
        double[] amplification = energy.amplification();
        CsvTable table = new CsvTable("rank", "amplification");
        double[] rank = new double[amplification.length];
        for (int k = 0; k < amplification.length; k++) {
            table.row(k + 1, amplification[k]);
            rank[k] = k + 1;
        }
        out.writeText("energy.csv", table);
        XYChart chart = Plots.lineChart("Evoked energy of optimal initial conditions", "rank",
                "energy / energy of a leaky unit");
        Plots.addLine(chart, "amplification", rank, amplification);
        // With the default settings the amplification falls by about three decades over the ranks.
        Plots.logYAxisIfWide(chart);
        Plots.save(out, "energy.png", chart);
    }

    private static double[][] eigenvalues(DMatrixRMaj w) {
        Eigenvalues eigenvalues = RealSchur.eigenvalues(w, true);
        return new double[][] {eigenvalues.real(), eigenvalues.imag()};
    }
}
