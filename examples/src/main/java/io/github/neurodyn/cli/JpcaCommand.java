package io.github.neurodyn.cli;

import io.github.neurodyn.analysis.Jpca;
import io.github.neurodyn.analysis.JpcaOptions;
import io.github.neurodyn.analysis.JpcaResult;
import io.github.neurodyn.analysis.Recording;
import io.github.neurodyn.analysis.RecordingCsv;
import io.github.neurodyn.api.Arguments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn jpca}: jPCA of a recording (Churchland, Cunningham et al., Nature 487,
 * 2012), written as projections, plots and a summary.
 *
 * <p>Outputs in the {@code --out} folder: {@code jpc_projections.csv} (one row per condition
 * and analysed bin, columns {@code condition,time_ms,jpc1..jpck}),
 * {@code jpc_projections_all_times.csv} (the same for every bin of the recording, projected
 * with the window's preprocessing), {@code planes.csv} (one
 * row per jPC plane: frequency and variance captured), {@code jpc_plane<j>.png} (the
 * trajectories of every condition in plane j, coloured by condition) and
 * {@code summary.json}. The data file is read and analysed before anything is written, so
 * bad input exits with status 2 and leaves no file.
 */
@Command(name = "jpca", mixinStandardHelpOptions = true,
        description = "jPCA of a recording: rotational planes, fit quality and projections.")
final class JpcaCommand extends CommandSupport {

    @Option(names = "--data", paramLabel = "FILE",
            description = "Recording as CSV with the header condition,time_ms,<one column per neuron>.")
    Path data;

    @Option(names = "--model",
            description = "Analyse the movement-epoch rates (10 ms bins, time 0 at movement onset) of the "
                    + "library's default movement-generating network instead of a recording.")
    boolean model;

    @Option(names = "--neurons", defaultValue = "200", paramLabel = "N",
            description = "Network size N for --model, half excitatory (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the --model network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--window", paramLabel = "START,END",
            description = "Analysed time window in ms, inclusive, matching the time_ms column (default: all bins).")
    String window;

    @Option(names = "--pcs", paramLabel = "K", defaultValue = "" + JpcaOptions.DEFAULT_PCS,
            description = "Number of principal components, even (default: ${DEFAULT-VALUE}).")
    int pcs;

    @Option(names = "--soften", paramLabel = "C",
            description = "Soft normalisation x / (range + C) per neuron, C in the unit of the rates "
                    + "(default: off).")
    Double soften;

    /** Diameter of the start markers; trajectory lines have no markers. */
    private static final int START_MARKER_PIXELS = 7;

    /** Bin width of the model's movement-epoch activity, in ms. */
    static final double MODEL_BIN_MS = 10.0;

    private JpcaOptions jpcaOptions;
    private Recording recording;
    private JpcaResult result;

    @Override
    protected String name() {
        return "jpca";
    }

    @Override
    protected void validate() {
        if (model && data != null) {
            throw new IllegalArgumentException("give either --data FILE or --model, not both");
        }
        if (!model && data == null) {
            throw new IllegalArgumentException("missing --data FILE (a CSV with columns condition,time_ms,<neurons>)");
        }
        JpcaOptions options = options(pcs, window, soften, "--");
        if (model && neurons < 20) {
            throw new IllegalArgumentException("--neurons must be at least 20 for --model, found " + neurons);
        }
        if (model) {
            requireMatrixSize(neurons);
        }
        jpcaOptions = options;
        if (!model) {
            recording = RecordingCsv.read(data);
            result = analyse(recording, options, "--");
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        if (model) {
            recording = DefaultMovementModel.build(neurons, seed).movementActivity(MODEL_BIN_MS);
            result = analyse(recording, jpcaOptions, "--");
        }
        out.writeText("jpc_projections.csv", projectionTable(result.analysedTimesMs(), result.projections()));
        out.writeText("jpc_projections_all_times.csv",
                projectionTable(result.allTimesMs(), result.projectionsAllTimes()));
        out.writeText("planes.csv", planeTable());
        for (int plane = 0; plane < result.planes(); plane++) {
            Plots.save(out, "jpc_plane" + (plane + 1) + ".png", planeChart(result, plane, ""));
        }
        fillSummary(summary);
        printTable();
        return ExitCode.SUCCESS;
    }

    /**
     * Builds the jPCA settings from command-line values, so that {@code jpca} and
     * {@code prepare --data} analyse with the same rules.
     *
     * @param pcs number of principal components, even and at least 2
     * @param window {@code START,END} in ms, or null for every bin
     * @param soften soft normalisation constant in the unit of the rates, or null for none
     * @param optionPrefix prefix of the option names in messages, {@code "--"} or {@code "--jpca-"}
     * @return the settings
     * @throws IllegalArgumentException naming the option whose value is invalid
     */
    static JpcaOptions options(int pcs, String window, Double soften, String optionPrefix) {
        if (pcs < 2 || pcs % 2 != 0) {
            throw new IllegalArgumentException(optionPrefix + "pcs must be an even number of at least 2, because "
                    + "jPC planes come in pairs, found " + pcs);
        }
        JpcaOptions options = JpcaOptions.defaults().withPcs(pcs);
        if (window != null) {
            double[] bounds = parseWindow(window, optionPrefix + "window");
            options = options.withWindowMs(bounds[0], bounds[1]);
        }
        if (soften != null) {
            Arguments.requireNonNegative(soften, optionPrefix + "soften");
            options = options.withSoftNormalisation(soften);
        }
        return options;
    }

    /**
     * Runs jPCA and rewrites a rejection of the recording so that it names the options the user
     * typed: the library's "pcs", "the window", "a positive constant" and "a soft normalisation
     * constant" become {@code <prefix>pcs}, "the {@code <prefix>window}", "a positive
     * {@code <prefix>soften}" and "a {@code <prefix>soften} value".
     *
     * @param recording the recording
     * @param options settings built by {@link #options}
     * @param optionPrefix prefix of the option names in messages, {@code "--"} or {@code "--jpca-"}
     * @return the jPCA result
     * @throws IllegalArgumentException when the recording cannot support the settings, naming the options
     */
    static JpcaResult analyse(Recording recording, JpcaOptions options, String optionPrefix) {
        try {
            return Jpca.of(recording, options);
        } catch (IllegalArgumentException ex) {
            throw OptionNames.rename(ex, "pcs", optionPrefix + "pcs", "the window", "the " + optionPrefix + "window",
                    "a positive constant", "a positive " + optionPrefix + "soften",
                    "a soft normalisation constant", "a " + optionPrefix + "soften value");
        }
    }

    /**
     * Parses {@code START,END} in ms.
     *
     * @param text the option value
     * @return {start, end}
     * @throws IllegalArgumentException when the text is not two finite numbers in order
     */
    static double[] parseWindow(String text) {
        return parseWindow(text, "--window");
    }

    private static double[] parseWindow(String text, String option) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(option + " must be START,END in ms, for example -50,150; found '"
                    + text + "'");
        }
        double[] bounds = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                bounds[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(option + " bound '" + parts[i].trim()
                        + "' is not a number; expected START,END in ms, for example -50,150");
            }
            if (!Double.isFinite(bounds[i])) {
                throw new IllegalArgumentException(option + " bound " + parts[i].trim() + " is not finite");
            }
        }
        if (bounds[0] > bounds[1]) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s start %s ms is after its end %s ms", option, bounds[0], bounds[1]));
        }
        return bounds;
    }

    private CsvTable projectionTable(double[] times, double[][][] projections) {
        List<String> header = new ArrayList<>(List.of("condition", "time_ms"));
        for (int j = 0; j < result.pcs(); j++) {
            header.add("jpc" + (j + 1));
        }
        CsvTable table = new CsvTable(header);
        for (int c = 0; c < projections.length; c++) {
            for (int t = 0; t < times.length; t++) {
                Object[] row = new Object[header.size()];
                row[0] = result.conditions().get(c);
                row[1] = times[t];
                for (int j = 0; j < result.pcs(); j++) {
                    row[2 + j] = projections[c][t][j];
                }
                table.row(row);
            }
        }
        return table;
    }

    private CsvTable planeTable() {
        CsvTable table = new CsvTable("plane", "frequency_rad_per_second", "frequency_hz", "variance_captured");
        double[] radPerSecond = result.planeFrequenciesRadPerSecond();
        double[] hz = result.planeFrequenciesHz();
        double[] variance = result.varianceCapturedPerPlane();
        for (int plane = 0; plane < result.planes(); plane++) {
            table.row(plane + 1, radPerSecond[plane], hz[plane], variance[plane]);
        }
        return table;
    }

    /**
     * Plots every condition's trajectory in one jPC plane, with the start points marked.
     *
     * @param result the jPCA result
     * @param plane plane index, from 0
     * @param source text put before the title, for example {@code "model: "}, or empty
     * @return the chart
     */
    static XYChart planeChart(JpcaResult result, int plane, String source) {
        String title = source + String.format(Locale.ROOT, "jPC plane %d: %.2f Hz, %.1f%% of variance", plane + 1,
                result.planeFrequenciesHz()[plane], 100 * result.varianceCapturedPerPlane()[plane]);
        if (plane == 0) {
            title += String.format(Locale.ROOT, ", R^2 skew %.2f / best %.2f", result.r2SkewPlane1(),
                    result.r2BestPlane1());
        }
        XYChart chart = Plots.lineChart(title, "jPC" + (2 * plane + 1) + " (a.u.)", "jPC" + (2 * plane + 2) + " (a.u.)");
        int conditions = result.conditions().size();
        double[] startX = new double[conditions];
        double[] startY = new double[conditions];
        for (int c = 0; c < conditions; c++) {
            DMatrixRMaj trajectory = result.planeProjection(c, plane);
            double[] x = new double[trajectory.numRows];
            double[] y = new double[trajectory.numRows];
            for (int t = 0; t < x.length; t++) {
                x[t] = trajectory.get(t, 0);
                y[t] = trajectory.get(t, 1);
            }
            startX[c] = x[0];
            startY[c] = y[0];
            Plots.addLine(chart, "condition " + result.conditions().get(c), x, y);
        }
        XYSeries starts = Plots.addPoints(chart, String.format(Locale.ROOT, "start (%s ms)",
                result.analysedTimesMs()[0]), startX, startY);
        starts.setMarker(SeriesMarkers.CIRCLE);
        starts.setMarkerColor(java.awt.Color.BLACK);
        chart.getStyler().setMarkerSize(START_MARKER_PIXELS);
        return chart;
    }

    private void fillSummary(Summary summary) {
        double[] times = result.analysedTimesMs();
        summary.put("data", model ? "model" : data.getFileName().toString())
                .put("conditions", result.conditions().size())
                .put("conditionLabels", result.conditions())
                .put("neurons", result.neurons())
                .put("timeBins", recording.timeBinCount())
                .put("analysedTimeBins", result.analysedTimeBins())
                .put("windowStartSeconds", times[0] / 1000.0)
                .put("windowEndSeconds", times[times.length - 1] / 1000.0)
                .put("binWidthSeconds", result.binWidthSeconds())
                .put("softNormalisation", soften)
                .put("pcs", result.pcs())
                .put("varianceCapturedPerPc", result.varianceCapturedPerPc())
                .put("varianceCapturedByPcs", result.varianceCapturedByPcs())
                .put("planeFrequenciesRadPerSecond", result.planeFrequenciesRadPerSecond())
                .put("planeFrequenciesHz", result.planeFrequenciesHz())
                .put("varianceCapturedPerPlane", result.varianceCapturedPerPlane())
                .put("r2Best", result.r2Best())
                .put("r2Skew", result.r2Skew())
                .put("r2BestPlane1", result.r2BestPlane1())
                .put("r2SkewPlane1", result.r2SkewPlane1());
    }

    private void printTable() {
        System.out.printf(Locale.ROOT, "jPCA of %s: %d conditions, %d neurons, %d analysed bins (%s..%s ms), %d PCs "
                + "capture %.3f of the variance%n", model ? "model" : data.getFileName(), result.conditions().size(), result.neurons(),
                result.analysedTimeBins(), result.analysedTimesMs()[0],
                result.analysedTimesMs()[result.analysedTimeBins() - 1], result.pcs(), result.varianceCapturedByPcs());
        System.out.printf(Locale.ROOT, "R^2 best %.4f, skew %.4f; plane 1: best %.4f, skew %.4f%n",
                result.r2Best(), result.r2Skew(), result.r2BestPlane1(), result.r2SkewPlane1());
        System.out.printf(Locale.ROOT, "%-6s %-14s %-12s %s%n", "plane", "rad/s", "Hz", "variance");
        for (int plane = 0; plane < result.planes(); plane++) {
            System.out.printf(Locale.ROOT, "%-6d %-14.4f %-12.4f %.4f%n", plane + 1,
                    result.planeFrequenciesRadPerSecond()[plane], result.planeFrequenciesHz()[plane],
                    result.varianceCapturedPerPlane()[plane]);
        }
    }
}
