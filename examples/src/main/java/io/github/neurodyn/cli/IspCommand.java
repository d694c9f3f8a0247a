package io.github.neurodyn.cli;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.linalg.Eigenvalues;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.plasticity.InhibitionStabilisation;
import io.github.neurodyn.plasticity.InhibitoryPlasticity;
import io.github.neurodyn.plasticity.IsnDiagnostics;
import io.github.neurodyn.plasticity.IspPresets;
import io.github.neurodyn.plasticity.OperatingPoint;
import io.github.neurodyn.plasticity.ParadoxicalProbe;
import io.github.neurodyn.plasticity.ParadoxicalResponse;
import io.github.neurodyn.plasticity.PlasticityTraining;
import io.github.neurodyn.plasticity.TrainingReport;
import io.github.neurodyn.plasticity.TrainingResult;
import io.github.neurodyn.spectral.EnergySpectrum;
import io.github.neurodyn.spectral.EvokedEnergy;
import io.github.neurodyn.spectral.GradientRule;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SocResult;
import io.github.neurodyn.spectral.StabilityOptimizer;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn isp}: trains the inhibitory weights of an unstable excitatory/inhibitory
 * network with the rate form of the Vogels et al. (2011) rule until it is stable. It then
 * checks that the result is inhibition-stabilised, from the linearisation at the operating
 * point, its excitatory block and the paradoxical response measured by simulation. Writes the
 * abscissa and mean rates over learning, the eigenvalues before and after, the evoked-energy
 * spectrum beside that of a stability-optimised circuit built from the same start network,
 * and {@code summary.json}. Exits with status 3, after writing the summary, when the network
 * is not stable at the end.
 */
@Command(name = "isp", mixinStandardHelpOptions = true,
        description = "Build an inhibition-stabilised network by inhibitory plasticity "
                + "(rate form of Vogels et al. 2011).")
public final class IspCommand extends CommandSupport {

    /** Consecutive stable reports, with the excitatory rate near rho0, after which training stops. */
    static final int STABLE_REPORTS = 6;
    /**
     * Shortest stable stretch of simulated time, in seconds, after which training stops. With
     * report windows below 0.5 s, 6 reports alone can stop on the rate's first pass through rho0.
     */
    static final double STABLE_SECONDS = 3.0;
    /** Rounding allowance when the report times of a stable stretch are compared with {@link #STABLE_SECONDS}. */
    private static final double TIME_TOLERANCE_SECONDS = 1e-6;
    /** Relative excitatory rate error below which a report counts towards the stop. */
    static final double STOP_RATE_ERROR = 0.05;
    /** Settling time of the frozen network before its operating point is averaged, in seconds. */
    static final double SETTLE_SECONDS = 1.0;
    /** Averaging time of the operating point of the frozen network, in seconds. */
    static final double AVERAGE_SECONDS = 4.0;

    /** Reason written when {@code paradoxical} is null because learning ended with an unstable network. */
    static final String UNSTABLE_PROBE_REASON = "the network is unstable at the end of learning, so a "
            + "paradoxical response would not show inhibition stabilisation; see inhibitoryRateChange";

    @Option(names = "--neurons", defaultValue = "" + IspPresets.NEURONS, paramLabel = "N",
            description = "Number of neurons N, 80%% excitatory (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the network and the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--learning-rate", defaultValue = "" + IspPresets.LEARNING_RATE, paramLabel = "ETA",
            description = "Learning rate eta, in 1/s per squared rate unit (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--target-rate", defaultValue = "" + IspPresets.TARGET_RATE, paramLabel = "RHO0",
            description = "Target rate rho0, in the units of phi (default: ${DEFAULT-VALUE}).")
    double targetRate;

    @Option(names = "--duration-seconds", defaultValue = "30", paramLabel = "SECONDS",
            description = "Longest simulated learning time, in seconds; training stops earlier once the network "
                    + "has stayed stable with the excitatory rate within 5%% of rho0 for 6 consecutive reports "
                    + "and at least 3 s (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--input", defaultValue = "" + IspPresets.INPUT, paramLabel = "H",
            description = "Constant input to every neuron, in state units (default: ${DEFAULT-VALUE}).")
    double input;

    @Option(names = "--noise", defaultValue = "" + IspPresets.NOISE_AMPLITUDE, paramLabel = "SIGMA",
            description = "Standard deviation of the Ornstein-Uhlenbeck input noise (time constant 0.05 s), "
                    + "in state units; 0 for none (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--report-every-seconds", defaultValue = "0.5", paramLabel = "SECONDS",
            description = "Window of the abscissa and mean-rate reports, in seconds (default: ${DEFAULT-VALUE}).")
    double reportEverySeconds;

    @Option(names = "--extra-inhibitory-input", defaultValue = "0.5", paramLabel = "H",
            description = "Extra input to the inhibitory neurons for the paradoxical-response test, in state units "
                    + "(default: ${DEFAULT-VALUE}).")
    double extraInhibitoryInput;

    @Option(names = "--no-soc", description = "Skip the stability-optimised circuit used for the energy comparison.")
    boolean noSoc;

    @Override
    protected String name() {
        return "isp";
    }

    @Override
    protected void validate() {
        if (neurons < 10) {
            throw new IllegalArgumentException("--neurons must be at least 10, found " + neurons);
        }
        requireMatrixSize(neurons);
        requirePositive(learningRate, "--learning-rate");
        requirePositive(targetRate, "--target-rate");
        requirePositive(durationSeconds, "--duration-seconds");
        requirePositive(reportEverySeconds, "--report-every-seconds");
        if (reportEverySeconds > durationSeconds) {
            throw new IllegalArgumentException(String.format(
                    "--report-every-seconds (%s) must not exceed --duration-seconds (%s)", reportEverySeconds,
                    durationSeconds));
        }
        if (!Double.isFinite(input)) {
            throw new IllegalArgumentException("--input must be finite, found " + input);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("--noise must be non-negative and finite, found " + noise);
        }
        if (extraInhibitoryInput == 0 || !Double.isFinite(extraInhibitoryInput)) {
            throw new IllegalArgumentException("--extra-inhibitory-input must be finite and nonzero, found "
                    + extraInhibitoryInput);
        }
    }

    private static void requirePositive(double value, String option) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(option + " must be positive and finite, found " + value);
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        Connectivity start = IspPresets.startNetwork(neurons, seed);
        int excitatory = start.excitatoryCount();
        RateNetwork network = IspPresets.network(start);
        double[] u = new double[neurons];
        Arrays.fill(u, input);
        OrnsteinUhlenbeckNoise inputNoise = noise > 0
                ? OrnsteinUhlenbeckNoise.independent(IspPresets.NOISE_TIME_CONSTANT_SECONDS, noise) : null;

        // Learn until the network has stayed stable near the target rate, or the duration ends.
        int[] stableStreak = new int[1];
        double[] streakStartSeconds = new double[1];
        InhibitoryPlasticity rule = IspPresets.rule(start).learningRate(learningRate).targetRate(targetRate).build();
        TrainingResult training = PlasticityTraining.of(network, rule)
                .input(InputSignal.constant(u))
                .noise(inputNoise)
                .seed(seed)
                .durationSeconds(durationSeconds)
                .reportEverySeconds(reportEverySeconds)
                .listener(report -> {
                    boolean settled = report.abscissa() < 1.0
                            && Math.abs(report.meanExcitatoryRate() / targetRate - 1) < STOP_RATE_ERROR;
                    if (!settled) {
                        stableStreak[0] = 0;
                        streakStartSeconds[0] = report.timeSeconds();
                        return true;
                    }
                    stableStreak[0]++;
                    double stableSeconds = report.timeSeconds() - streakStartSeconds[0];
                    return stableStreak[0] < STABLE_REPORTS || stableSeconds < STABLE_SECONDS - TIME_TOLERANCE_SECONDS;
                })
                .run();

        // Diagnostics before learning, at the mean state of the first window.
        IsnDiagnostics before = InhibitionStabilisation.analyse(training.initialWeights(), network.nonlinearity(),
                training.firstWindow().meanState(), excitatory);

        // Operating point of the trained network with frozen weights under the training input.
        RateNetwork trained = network.toBuilder().weights(training.finalWeights()).build();
        OperatingPoint operatingPoint = OperatingPoint.average(Simulation.of(trained)
                .integrator(Integrator.EULER).stepSeconds(1e-3).sampleEverySeconds(5e-3)
                .durationSeconds(SETTLE_SECONDS + AVERAGE_SECONDS)
                .initialState(training.finalState())
                .input(InputSignal.constant(u)).noise(inputNoise).seed(seed + 1)
                .run(), 0, SETTLE_SECONDS);
        IsnDiagnostics after = InhibitionStabilisation.analyse(training.finalWeights(), network.nonlinearity(),
                operatingPoint.meanState(), excitatory);
        double excitatoryRate = operatingPoint.populationRate(0, excitatory);
        double inhibitoryRate = operatingPoint.populationRate(excitatory, neurons);
        double rateError = Math.abs(excitatoryRate / targetRate - 1);

        // Paradoxical response, same noise realisation with and without the extra input.
        ParadoxicalResponse paradox = ParadoxicalProbe.of(trained, excitatory)
                .baseInput(u).extraInhibitoryInput(extraInhibitoryInput)
                .initialState(operatingPoint.meanState())
                .noise(inputNoise, seed + 2)
                .measure();

        // Evoked energy of the learned network and of a stability-optimised circuit.
        DMatrixRMaj effective = InhibitionStabilisation.effectiveConnectivity(training.finalWeights(),
                network.nonlinearity(), operatingPoint.meanState());
        EnergySpectrum energy = after.stable()
                ? EvokedEnergy.of(effective, RateNetwork.DEFAULT_TIME_CONSTANT_SECONDS) : null;
        SocResult soc = noSoc || !after.stable() ? null : optimise(start, after.abscissa());
        EnergySpectrum socEnergy = soc == null || soc.finalAbscissa() >= 1.0 ? null
                : EvokedEnergy.of(soc.weights(), RateNetwork.DEFAULT_TIME_CONSTANT_SECONDS);

        double[] initialRates = new double[neurons];
        Arrays.fill(initialRates, network.nonlinearity().value(0.0));
        writeHistory(out, training.history(), before, initialRates, rule.schedule().learningRate(0.0),
                targetRate, excitatory);
        writeEigenvalues(out, before.eigenvalues(), after.eigenvalues());
        writeEnergy(out, energy, socEnergy);
        out.writeText("weights.csv", CsvTable.ofMatrix(training.finalWeights(), "w"));

        double[] top = energy == null ? new double[0]
                : Arrays.copyOf(energy.amplification(), Math.min(10, neurons));
        summary.put("neurons", neurons);
        summary.put("excitatoryNeurons", excitatory);
        summary.put("seed", seed);
        summary.put("learningRate", learningRate);
        summary.put("targetRate", targetRate);
        summary.put("input", input);
        summary.put("noise", noise);
        summary.put("initialAbscissa", before.abscissa());
        summary.put("initialExcitatorySubnetworkAbscissa", before.excitatoryAbscissa());
        summary.put("finalAbscissa", after.abscissa());
        summary.put("excitatorySubnetworkAbscissa", after.excitatoryAbscissa());
        summary.put("inhibitionStabilised", after.inhibitionStabilised());
        summary.put("activeFraction", after.activeFraction());
        summary.put("meanExcitatoryRate", excitatoryRate);
        summary.put("meanInhibitoryRate", inhibitoryRate);
        summary.put("meanRateError", rateError);
        // A paradoxical response only signals an ISN when the network is stable.
        summary.put("paradoxical", after.stable() ? paradox.paradoxical() : null);
        if (!after.stable()) {
            summary.put("paradoxicalReason", UNSTABLE_PROBE_REASON);
        }
        summary.put("extraInhibitoryInput", extraInhibitoryInput);
        summary.put("inhibitoryRateChange", paradox.inhibitoryRateChange());
        summary.put("excitatoryRateChange", paradox.excitatoryRateChange());
        summary.put("learningSeconds", training.learningSeconds());
        summary.put("stoppedWhenStable", training.stoppedByListener());
        summary.put("topAmplification", top);
        if (soc != null) {
            summary.put("socAbscissa", soc.finalAbscissa());
            summary.put("socIterations", soc.iterations());
            summary.put("socTopAmplification", socEnergy == null ? new double[0]
                    : Arrays.copyOf(socEnergy.amplification(), Math.min(10, neurons)));
        }
        summary.put("converged", after.stable());

        System.out.printf("%-28s %d (%d excitatory)%n", "neurons", neurons, excitatory);
        System.out.printf("%-28s %.3f -> %.3f%n", "abscissa of W diag(phi')", before.abscissa(), after.abscissa());
        System.out.printf("%-28s %.3f%n", "excitatory block abscissa", after.excitatoryAbscissa());
        System.out.printf("%-28s %.3f E, %.3f I (target %.3f)%n", "mean rates", excitatoryRate, inhibitoryRate,
                targetRate);
        if (after.stable()) {
            System.out.printf("%-28s %b (inhibitory rate change %.3f)%n", "paradoxical", paradox.paradoxical(),
                    paradox.inhibitoryRateChange());
        } else {
            System.out.printf("%-28s not reported, the network is unstable (inhibitory rate change %.3f)%n",
                    "paradoxical", paradox.inhibitoryRateChange());
        }
        System.out.printf("%-28s %.1f s%n", "learning time (simulated)", training.learningSeconds());
        if (energy != null) {
            System.out.printf("%-28s %.2f%n", "top amplification", top[0]);
        }
        if (!after.stable()) {
            String reason = "the network is not stable after " + training.learningSeconds()
                    + " s of learning: abscissa of W diag(phi'(x*)) = " + after.abscissa()
                    + "; try a longer --duration-seconds, a smaller --learning-rate or more --neurons";
            summary.put("reason", reason);
            System.err.println("neurodyn isp: " + reason);
            return ExitCode.NUMERICAL_FAILURE;
        }
        return ExitCode.SUCCESS;
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    /** Runs the stability optimiser on the same start network down to the abscissa the rule reached. */
    private static SocResult optimise(Connectivity start, double targetAbscissa) {
        return StabilityOptimizer.builder(start.weights(), start.excitatoryCount())
                .gradient(GradientRule.hennequinShift())
                .learningRate(SocPresets.HENNEQUIN_LEARNING_RATE)
                .targetAbscissa(targetAbscissa)
                .maxIterations(2000)
                .build()
                .run();
    }

    private static void writeHistory(OutputDirectory out, List<TrainingReport> history, IsnDiagnostics before,
            double[] initialRates, double initialLearningRate, double targetRate, int excitatory) {
        int rows = history.size() + 1;
        double[] time = new double[rows];
        double[] abscissa = new double[rows];
        double[] excitatoryRate = new double[rows];
        double[] inhibitoryRate = new double[rows];
        CsvTable table = new CsvTable("time_s", "abscissa", "mean_excitatory_rate", "mean_inhibitory_rate",
                "weight_change", "learning_rate");

        // Row 0: the start weights (abscissa at the first window's mean state) and the rates at x(0).
        int n = initialRates.length;
        abscissa[0] = before.abscissa();
        excitatoryRate[0] = mean(initialRates, 0, excitatory);
        inhibitoryRate[0] = mean(initialRates, excitatory, n);
        table.row(0.0, abscissa[0], excitatoryRate[0], inhibitoryRate[0], 0.0, initialLearningRate);
        for (int k = 1; k < rows; k++) {
            TrainingReport report = history.get(k - 1);
            time[k] = report.timeSeconds();
            abscissa[k] = report.abscissa();
            excitatoryRate[k] = report.meanExcitatoryRate();
            inhibitoryRate[k] = report.meanInhibitoryRate();
            table.row(time[k], abscissa[k], excitatoryRate[k], inhibitoryRate[k], report.weightChange(),
                    report.learningRate());
        }
        out.writeText("abscissa.csv", table);

        XYChart stability = Plots.lineChart("Spectral abscissa of W diag(phi'(x*)) during learning", "time (s)",
                "abscissa (1 = stability boundary)");
        Plots.addLine(stability, "abscissa", time, abscissa);
        Plots.addLine(stability, "stability boundary", new double[] {0, time[rows - 1]}, new double[] {1, 1});
        Plots.save(out, "abscissa.png", stability);

        XYChart rates = Plots.lineChart("Mean rates during learning", "time (s)", "rate (units of phi)");
        Plots.addLine(rates, "excitatory", time, excitatoryRate);
        Plots.addLine(rates, "inhibitory", time, inhibitoryRate);
        Plots.addLine(rates, "target rate rho0", new double[] {0, time[rows - 1]}, new double[] {targetRate, targetRate})
                .setLineStyle(SeriesLines.DASH_DASH);
        Plots.save(out, "rates.png", rates);
    }

    private static void writeEigenvalues(OutputDirectory out, Eigenvalues before, Eigenvalues after) {
        CsvTable table = new CsvTable("stage", "real", "imaginary");
        addEigenvalues(table, "before", before);
        addEigenvalues(table, "after", after);
        out.writeText("eigenvalues.csv", table);
        XYChart chart = Plots.scatterChart("Eigenvalues of W diag(phi'(x*))", "real part (dimensionless)",
                "imaginary part (dimensionless)");
        Plots.addPoints(chart, "before learning", before.real(), before.imag());
        Plots.addPoints(chart, "after learning", after.real(), after.imag());
        Plots.save(out, "eigenvalues.png", chart);
    }

    private static void addEigenvalues(CsvTable table, String stage, Eigenvalues eigenvalues) {
        double[] re = eigenvalues.real();
        double[] im = eigenvalues.imag();
        for (int i = 0; i < re.length; i++) {
            table.row(stage, re[i], im[i]);
        }
    }

    private static void writeEnergy(OutputDirectory out, EnergySpectrum energy, EnergySpectrum socEnergy) {
        if (energy == null) {
            return;
        }
        double[] amplification = energy.amplification();
        double[] soc = socEnergy == null ? null : socEnergy.amplification();
        double[] rank = new double[amplification.length];
        CsvTable table = new CsvTable("rank", "amplification_isp", "amplification_soc");
        for (int k = 0; k < amplification.length; k++) {
            rank[k] = k + 1;
            table.row(k + 1, amplification[k], soc == null ? null : soc[k]);
        }
        out.writeText("energy.csv", table);
        XYChart chart = Plots.lineChart("Evoked energy of optimal initial conditions", "rank",
                "energy / energy of a leaky unit");
        Plots.addLine(chart, "inhibitory plasticity", rank, amplification);
        if (soc != null) {
            Plots.addLine(chart, "stability-optimised circuit", rank, soc);
        }
        Plots.logYAxisIfWide(chart);
        Plots.save(out, "energy.png", chart);
    }
}
