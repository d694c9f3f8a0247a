package io.github.neurodyn.cli;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.api.SimulationDivergedException;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.OrnsteinUhlenbeckNoise;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.io.Npy;
import io.github.neurodyn.network.Connectivity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn simulate}: builds a network from the builder options and integrates
 * <pre>
 *   tau dx/dt = -x + W phi(x) + h + eta(t)
 * </pre>
 * from a random initial state, with optional Ornstein-Uhlenbeck input noise eta.
 *
 * <p>With no options it integrates a 200-neuron excitatory/inhibitory network (f = 0.5,
 * p = 0.1, gamma = 3, bulk radius 1.5) with phi = tanh, tau = 150 ms, RK4 with dt = 0.1 ms,
 * for 1000 ms, from x(0) ~ N(0, 1) drawn with seed 1, sampled every 1 ms.
 *
 * <p>Writes {@code states.csv} (time_ms and x_i for every neuron), {@code states.npy} (the
 * same states as a T x N float64 array for numpy), {@code population.csv}
 * (time_ms and the mean rate phi(x) of all, excitatory and inhibitory neurons),
 * {@code traces.png}, {@code population-rates.png} and {@code summary.json}. A run whose state
 * leaves {@code --max-abs-state} exits with status 3 and writes only the summary, with
 * {@code converged} false, the reason, the time and the neuron. It deletes the other files
 * that an earlier run left in the same folder.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Build a network and integrate tau dx/dt = -x + W phi(x) + h + noise; write trajectories, "
                + "plots and summary.json.")
final class SimulateCommand extends CommandSupport {

    /** Nonlinearities by their command-line label. */
    static final List<String> NONLINEARITIES = List.of("tanh", "relu", "identity", "softplus", "power");

    @Mixin
    NetworkOptions network;

    @Option(names = "--nonlinearity", paramLabel = "PHI", defaultValue = "tanh",
            description = "phi: tanh, relu, identity, softplus or power (k [x]_+^n) (default: ${DEFAULT-VALUE}).")
    String nonlinearity;

    /** Factor k of the power nonlinearity when --power-gain is not given. */
    static final double DEFAULT_POWER_GAIN = 0.3;
    /** Relative distance from a whole number of steps per sample interval that still counts as whole. */
    private static final double GRID_TOLERANCE = 1e-9;
    /** Largest number of fixed steps in one run, 2^53, as in the library's simulation. */
    private static final double MAX_STEPS = 0x1p53;
    /** Exponent n of the power nonlinearity when --power-exponent is not given. */
    static final double DEFAULT_POWER_EXPONENT = 2.0;

    @Option(names = "--power-gain", paramLabel = "K",
            description = "power: factor k of k [x]_+^n, positive (default " + DEFAULT_POWER_GAIN + ").")
    Double powerGain;

    @Option(names = "--power-exponent", paramLabel = "N",
            description = "power: exponent n of k [x]_+^n, at least 1 (default " + DEFAULT_POWER_EXPONENT + ").")
    Double powerExponent;

    @Option(names = "--integrator", paramLabel = "NAME", defaultValue = "rk4",
            description = "euler, heun, rk4, exponential-euler, exact-linear (identity phi only) or dormand-prince "
                    + "(adaptive; no noise) (default: ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--tau-ms", paramLabel = "MS", defaultValue = "150",
            description = "Time constant tau of every neuron, in ms (default: ${DEFAULT-VALUE}).")
    double tauMs;

    @Option(names = "--dt-ms", paramLabel = "MS", defaultValue = "0.1",
            description = "Step of the fixed-step integrators, in ms (default: ${DEFAULT-VALUE}).")
    double stepMs;

    @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Simulated time, in ms (default: ${DEFAULT-VALUE}).")
    double durationMs;

    @Option(names = "--sample-ms", paramLabel = "MS", defaultValue = "1",
            description = "Interval between written samples, in ms (default: ${DEFAULT-VALUE}).")
    double sampleMs;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the network, the initial state and the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--initial-std", paramLabel = "S", defaultValue = "1",
            description = "Standard deviation of the random initial state x(0) ~ N(0, S^2) (default: ${DEFAULT-VALUE}).")
    double initialStd;

    @Option(names = "--bias", paramLabel = "H", defaultValue = "0",
            description = "Constant input h to every neuron (default: ${DEFAULT-VALUE}).")
    double bias;

    @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Stationary standard deviation of the Ornstein-Uhlenbeck input noise (default: ${DEFAULT-VALUE}).")
    double noiseAmplitude;

    @Option(names = "--noise-tau-ms", paramLabel = "MS", defaultValue = "50",
            description = "Correlation time of the input noise, in ms (default: ${DEFAULT-VALUE}).")
    double noiseTauMs;

    @Option(names = "--max-abs-state", paramLabel = "BOUND", defaultValue = "1e6",
            description = "Stop with status 3 when some |x_i| exceeds BOUND (default: ${DEFAULT-VALUE}).")
    double maxAbsState;

    @Option(names = "--plot-neurons", paramLabel = "COUNT", defaultValue = "10",
            description = "Number of neurons drawn in traces.png, spread evenly over the network "
                    + "(default: ${DEFAULT-VALUE}).")
    int plotNeurons;

    private Connectivity connectivity;
    private RateNetwork rateNetwork;
    private Integrator scheme;
    private OrnsteinUhlenbeckNoise noise;

    /** Files a successful run writes besides summary.json. */
    static final List<String> RESULT_FILES =
            List.of("states.csv", "states.npy", "population.csv", "traces.png", "population-rates.png");

    @Override
    protected String name() {
        return "simulate";
    }

    @Override
    protected void validate() {
        Arguments.requirePositive(tauMs, "--tau-ms");
        Arguments.requirePositive(stepMs, "--dt-ms");
        Arguments.requirePositive(durationMs, "--duration-ms");
        Arguments.requirePositive(sampleMs, "--sample-ms");
        Arguments.requireNonNegative(initialStd, "--initial-std");
        Arguments.requireFinite(bias, "--bias");
        Arguments.requireNonNegative(noiseAmplitude, "--noise");
        Arguments.requirePositive(noiseTauMs, "--noise-tau-ms");
        Arguments.requirePositive(maxAbsState, "--max-abs-state");
        Arguments.requireAtLeast(plotNeurons, 1, "--plot-neurons");
        scheme = parseIntegrator(integrator);
        if (scheme == Integrator.DORMAND_PRINCE && noiseAmplitude > 0) {
            throw new IllegalArgumentException(
                    "--integrator dormand-prince does not accept --noise; choose a fixed-step integrator or --noise 0");
        }

        if (scheme != Integrator.DORMAND_PRINCE) {
            requireSampleOnStepGrid();
        }

        Nonlinearity phi = parseNonlinearity();
        if (scheme == Integrator.EXACT_LINEAR && !"identity".equals(nonlinearity.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(String.format(
                    "--integrator exact-linear needs --nonlinearity identity, found '%s'", nonlinearity));
        }

        connectivity = network.build(seed);
        requireRunFitsLimits(connectivity.size());
        double[] h = new double[connectivity.size()];
        Arrays.fill(h, bias);
        rateNetwork = RateNetwork.builder()
                .weights(connectivity.weights())
                .timeConstant(tauMs * 1e-3)
                .bias(h)
                .nonlinearity(phi)
                .build();
        noise = noiseAmplitude > 0 ? OrnsteinUhlenbeckNoise.independent(noiseTauMs * 1e-3, noiseAmplitude) : null;
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        int n = connectivity.size();
        summary.put("neurons", n)
                .put("network", network.kind().label())
                .put("excitatory", connectivity.excitatoryCount())
                .put("inhibitory", connectivity.inhibitoryCount())
                .put("density", connectivity.density())
                .put("spectralRadius", connectivity.spectralRadius())
                .put("spectralAbscissa", connectivity.spectralAbscissa())
                .put("nonlinearity", rateNetwork.nonlinearity().name())
                .put("integrator", label(scheme))
                .put("timeConstantSeconds", tauMs * 1e-3)
                .put("stepSeconds", scheme == Integrator.DORMAND_PRINCE ? null : stepMs * 1e-3)
                .put("durationSeconds", durationMs * 1e-3)
                .put("sampleSeconds", sampleMs * 1e-3)
                .put("bias", bias)
                .put("noiseAmplitude", noiseAmplitude)
                .put("noiseTimeConstantSeconds", noiseTauMs * 1e-3)
                .put("seed", seed);

        Trajectory trajectory;
        try {
            trajectory = Simulation.of(rateNetwork)
                    .integrator(scheme)
                    .stepSeconds(stepMs * 1e-3)
                    .durationSeconds(durationMs * 1e-3)
                    .sampleEverySeconds(sampleMs * 1e-3)
                    .initialState(initialState(n))
                    .noise(noise)
                    .seed(seed)
                    .maxAbsState(maxAbsState)
                    .run();
        } catch (SimulationDivergedException ex) {
            out.deleteStale(RESULT_FILES);
            summary.put("finalTimeSeconds", ex.timeSeconds())
                    .put("divergedNeuron", ex.neuron())
                    .put("maxAbsState", Math.abs(ex.value()));
            throw ex;
        }

        // Summarise, then write tables and plots
        double[] timesMs = trajectory.times();
        for (int k = 0; k < timesMs.length; k++) {
            timesMs[k] = roundToGrid(timesMs[k] * 1e3);
        }
        DMatrixRMaj states = trajectory.states();
        double finalTimeSeconds = trajectory.timeSeconds(timesMs.length - 1);
        double largestState = maxAbs(states);
        if (scheme == Integrator.DORMAND_PRINCE) {
            summary.put("meanStepSeconds", finalTimeSeconds / Math.max(1, trajectory.stepsTaken()));
        }
        summary.put("steps", trajectory.stepsTaken())
                .put("samples", timesMs.length)
                .put("finalTimeSeconds", finalTimeSeconds)
                .put("maxAbsState", largestState);
        out.writeText("states.csv", stateTable(timesMs, states));
        DMatrixRMaj samplesByNeuron = CommonOps_DDRM.transpose(states, null);
        out.write("states.npy", tmp -> Npy.write(tmp, samplesByNeuron));
        double[][] populationRates = populationRates(trajectory.rates());
        out.writeText("population.csv", populationTable(timesMs, populationRates));
        Plots.save(out, "traces.png", traceChart(timesMs, states));
        Plots.save(out, "population-rates.png", populationChart(timesMs, populationRates));

        System.out.printf(Locale.ROOT, "%-10s %-8s %-15s %-8s %-16s %-14s %s%n", "network", "neurons", "integrator",
                "steps", "finalTimeSeconds", "maxAbsState", "spectralRadius");
        double radius = connectivity.spectralRadius();
        // Nine significant digits in plain notation show a final time of 5e-5 s as 0.00005.
        String finalTime = new BigDecimal(finalTimeSeconds).round(new MathContext(9)).stripTrailingZeros()
                .toPlainString();
        System.out.printf(Locale.ROOT, "%-10s %-8d %-15s %-8d %-16s %-14.4g %s%n", network.kind().label(), n,
                label(scheme), trajectory.stepsTaken(), finalTime, largestState,
                Double.isNaN(radius) ? "-" : String.format(Locale.ROOT, "%.4g", radius));
        return ExitCode.SUCCESS;
    }

    /**
     * Rejects a sample interval that is not a whole number of steps, because the integrator would
     * then shorten every step to land on the sample times and the run would not use --dt-ms.
     */
    private void requireSampleOnStepGrid() {
        double ratio = sampleMs / stepMs;
        long steps = Math.round(ratio);
        if (steps < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--sample-ms %s is shorter than --dt-ms %s; expected --dt-ms <= --sample-ms", sampleMs, stepMs));
        }
        if (Math.abs(ratio - steps) > GRID_TOLERANCE * ratio) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--sample-ms %s is not a whole multiple of --dt-ms %s; choose a multiple of the step",
                    sampleMs, stepMs));
        }
    }

    /**
     * Rejects a run longer than the library can integrate or store, with the options' own names:
     * more than 2^53 fixed steps, beyond which t + dt rounds to t, or more samples of all
     * neurons than one Java array holds.
     */
    private void requireRunFitsLimits(int neurons) {
        double steps = durationMs / stepMs;
        if (scheme != Integrator.DORMAND_PRINCE && steps > MAX_STEPS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--duration-ms %s needs %.3g steps of --dt-ms %s, more than 2^53 = %.3g, beyond which t + dt "
                            + "rounds to t; choose a shorter --duration-ms or a larger --dt-ms",
                    durationMs, steps, stepMs, MAX_STEPS));
        }
        double samples = Math.floor(durationMs / sampleMs) + 1;
        if (samples > (double) Integer.MAX_VALUE / neurons) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--duration-ms %s with --sample-ms %s gives %.3g samples of %d neurons, more values than one "
                            + "Java array holds (2^31 - 1); choose a shorter --duration-ms or a larger --sample-ms",
                    durationMs, sampleMs, samples, neurons));
        }
    }

    /** Rounds a time in ms to 1e-9 ms, so that k * 0.1 prints as 9.9 rather than 9.899999999999999. */
    static double roundToGrid(double timeMs) {
        return Math.round(timeMs * 1e9) / 1e9;
    }

    /** Draws x(0) ~ N(0, initialStd^2) from its own generator, so x(0) does not reuse the draws behind W. */
    private double[] initialState(int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = initialStd * random.nextGaussian();
        }
        return x0;
    }

    private void requireAbsentUnlessPower(Double value, String option) {
        if (value != null) {
            throw new IllegalArgumentException(String.format(
                    "%s applies only to --nonlinearity power, found --nonlinearity %s; remove it or choose power",
                    option, nonlinearity));
        }
    }

    private Nonlinearity powerNonlinearity() {
        double gain = powerGain != null ? powerGain : DEFAULT_POWER_GAIN;
        double exponent = powerExponent != null ? powerExponent : DEFAULT_POWER_EXPONENT;
        Arguments.requirePositive(gain, "--power-gain");
        if (!(exponent >= 1.0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("--power-exponent must be a finite number of at least 1, found " + exponent);
        }
        return Nonlinearity.rectifiedPower(gain, exponent);
    }

    private Nonlinearity parseNonlinearity() {
        String label = nonlinearity.toLowerCase(Locale.ROOT);
        if (!"power".equals(label)) {
            requireAbsentUnlessPower(powerGain, "--power-gain");
            requireAbsentUnlessPower(powerExponent, "--power-exponent");
        }
        switch (label) {
            case "tanh":
                return Nonlinearity.tanh();
            case "relu":
                return Nonlinearity.relu();
            case "identity":
                return Nonlinearity.identity();
            case "softplus":
                return Nonlinearity.softplus();
            case "power":
                return powerNonlinearity();
            default:
                throw new IllegalArgumentException(String.format("--nonlinearity must be one of %s, found '%s'",
                        String.join(", ", NONLINEARITIES), nonlinearity));
        }
    }

    static Integrator parseIntegrator(String label) {
        for (Integrator candidate : Integrator.values()) {
            if (label(candidate).equals(label.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(String.format("--integrator must be one of %s, found '%s'",
                Arrays.stream(Integrator.values()).map(SimulateCommand::label).collect(Collectors.joining(", ")),
                label));
    }

    /** Returns the command-line label of an integrator, for example {@code exponential-euler}. */
    static String label(Integrator integrator) {
        return integrator.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            max = Math.max(max, Math.abs(m.data[k]));
        }
        return max;
    }

    /** Returns rows {all, excitatory, inhibitory} of mean rates per sample; a missing type gives NaN. */
    private double[][] populationRates(DMatrixRMaj rates) {
        int n = rates.numRows;
        int samples = rates.numCols;
        int excitatory = connectivity.followsDale() ? connectivity.excitatoryCount() : 0;
        double[][] means = new double[3][samples];
        for (int k = 0; k < samples; k++) {
            double excitatorySum = 0;
            double inhibitorySum = 0;
            for (int i = 0; i < n; i++) {
                if (i < excitatory) {
                    excitatorySum += rates.get(i, k);
                } else {
                    inhibitorySum += rates.get(i, k);
                }
            }
            means[0][k] = (excitatorySum + inhibitorySum) / n;
            means[1][k] = connectivity.followsDale() && excitatory > 0 ? excitatorySum / excitatory : Double.NaN;
            means[2][k] = connectivity.followsDale() && excitatory < n ? inhibitorySum / (n - excitatory) : Double.NaN;
        }
        return means;
    }

    private static CsvTable stateTable(double[] timesMs, DMatrixRMaj states) {
        List<String> header = new ArrayList<>();
        header.add("time_ms");
        for (int i = 0; i < states.numRows; i++) {
            header.add("x_" + i);
        }
        CsvTable table = new CsvTable(header);
        for (int k = 0; k < timesMs.length; k++) {
            Object[] row = new Object[states.numRows + 1];
            row[0] = timesMs[k];
            for (int i = 0; i < states.numRows; i++) {
                row[i + 1] = states.get(i, k);
            }
            table.row(row);
        }
        return table;
    }

    private static CsvTable populationTable(double[] timesMs, double[][] means) {
        CsvTable table = new CsvTable("time_ms", "mean_rate_all", "mean_rate_excitatory", "mean_rate_inhibitory");
        for (int k = 0; k < timesMs.length; k++) {
            table.row(timesMs[k], means[0][k], finiteOrBlank(means[1][k]), finiteOrBlank(means[2][k]));
        }
        return table;
    }

    private static Object finiteOrBlank(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private XYChart traceChart(double[] timesMs, DMatrixRMaj states) {
        int n = states.numRows;
        int count = Math.min(plotNeurons, n);
        XYChart chart = Plots.lineChart(String.format(Locale.ROOT, "States of %d of %d neurons (%s network)",
                count, n, network.kind().label()), "time (ms)", "state x (dimensionless)");
        chart.getStyler().setXAxisDecimalPattern("0.###");
        for (int c = 0; c < count; c++) {
            int neuron = (int) ((long) c * n / count);
            double[] trace = new double[timesMs.length];
            for (int k = 0; k < trace.length; k++) {
                trace[k] = states.get(neuron, k);
            }
            Plots.addLine(chart, "neuron " + neuron + cellType(neuron), timesMs, trace);
        }
        return chart;
    }

    private String cellType(int neuron) {
        if (!connectivity.followsDale()) {
            return "";
        }
        return neuron < connectivity.excitatoryCount() ? " (E)" : " (I)";
    }

    private XYChart populationChart(double[] timesMs, double[][] means) {
        XYChart chart = Plots.lineChart("Population mean rates, phi = " + rateNetwork.nonlinearity().name(),
                "time (ms)", "mean rate phi(x) (dimensionless)");
        Plots.addLine(chart, "all neurons", timesMs, means[0]);
        if (Double.isFinite(means[1][0])) {
            Plots.addLine(chart, "excitatory", timesMs, means[1]);
        }
        if (Double.isFinite(means[2][0])) {
            Plots.addLine(chart, "inhibitory", timesMs, means[2]);
        }
        return chart;
    }
}
