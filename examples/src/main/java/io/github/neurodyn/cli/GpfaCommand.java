package io.github.neurodyn.cli;

import io.github.neurodyn.analysis.gpfa.GpfaData;
import io.github.neurodyn.analysis.gpfa.GpfaDataFiles;
import io.github.neurodyn.analysis.gpfa.LatentMarginals;
import io.github.neurodyn.analysis.gpfa.NoiseModel;
import io.github.neurodyn.analysis.gpfa.PoissonLink;
import io.github.neurodyn.analysis.gpfa.SparseGpfa;
import io.github.neurodyn.analysis.gpfa.SparseGpfaFit;
import io.github.neurodyn.analysis.gpfa.SparseGpfaOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn gpfa}: sparse variational GPFA with ARD of a recording.
 *
 * <p>Outputs in the {@code --out} folder: {@code latents.csv} (columns
 * {@code window,time_ms,latent1..latentD}, the posterior means), {@code latents.png} (the
 * retained latents with the largest ARD scales, first window), {@code ard_scales.png},
 * {@code elbo.csv} (columns {@code iteration,elbo}) and {@code summary.json}. A latent is
 * retained when its ARD scale exceeds {@code retentionThreshold} (0.01) times the largest. The
 * data file is read before anything is written, so bad input exits with status 2 and leaves no
 * file. With {@code --noise poisson} every value must be a non-negative integer count, and
 * {@code --link} picks the rate {@code f(C x + d)} in counts per bin.
 */
@Command(name = "gpfa", mixinStandardHelpOptions = true,
        description = "Bayesian GPFA with automatic relevance determination of a recording.")
final class GpfaCommand extends CommandSupport {

    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "Recording as CSV (header time_ms,<one column per neuron>) or float64 NPY (T x N).")
    Path data;

    @Option(names = "--bin-ms", paramLabel = "MS",
            description = "Bin width of an NPY file in ms; a CSV file has its own time_ms column (default: "
                    + DEFAULT_NPY_BIN_MS + ").")
    Double binMs;

    /** Bin width assumed for an NPY file without --bin-ms. */
    static final double DEFAULT_NPY_BIN_MS = 20;

    @Option(names = "--latents", defaultValue = "10", paramLabel = "COUNT",
            description = "Latents requested; ARD decides how many are retained (default: ${DEFAULT-VALUE}).")
    int latents;

    @Option(names = "--noise", defaultValue = "gaussian", paramLabel = "MODEL",
            description = "Observation noise, gaussian or poisson (poisson needs non-negative integer counts) "
                    + "(default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--link", defaultValue = "exp", paramLabel = "LINK",
            description = "Link of the Poisson rate in counts per bin, exp or softplus, used only with --noise poisson "
                    + "(default: ${DEFAULT-VALUE}).")
    String link;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "COUNT",
            description = "Adam iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--window-bins", defaultValue = "100", paramLabel = "BINS",
            description = "Bins per time window; longer segments are cut into windows (default: ${DEFAULT-VALUE}).")
    int windowBins;

    @Option(names = "--window-batch", defaultValue = "8", paramLabel = "COUNT",
            description = "Windows per minibatch (default: ${DEFAULT-VALUE}).")
    int windowBatch;

    @Option(names = "--neuron-batch", defaultValue = "1000", paramLabel = "COUNT",
            description = "Neurons per minibatch; all neurons when the recording has fewer (default: ${DEFAULT-VALUE}).")
    int neuronBatch;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed of the minibatch draws (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Retained latents drawn in latents.png at most. */
    private static final int PLOTTED_LATENTS = 3;

    private GpfaData windows;
    private SparseGpfaOptions options;
    private NoiseModel model;
    private PoissonLink poissonLink;

    @Override
    protected String name() {
        return "gpfa";
    }

    @Override
    protected void validate() {
        model = switch (noise.toLowerCase(Locale.ROOT)) {
            case "gaussian" -> NoiseModel.GAUSSIAN;
            case "poisson" -> NoiseModel.POISSON;
            default -> throw new IllegalArgumentException("--noise must be gaussian or poisson, found '" + noise + "'");
        };
        poissonLink = switch (link.toLowerCase(Locale.ROOT)) {
            case "exp" -> PoissonLink.EXP;
            case "softplus" -> PoissonLink.SOFTPLUS;
            default -> throw new IllegalArgumentException("--link must be exp or softplus, found '" + link + "'");
        };
        if (latents < 1) {
            throw new IllegalArgumentException("--latents must be at least 1, found " + latents);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, found " + iterations);
        }
        if (windowBins < 2) {
            throw new IllegalArgumentException("--window-bins must be at least 2, found " + windowBins);
        }
        if (windowBatch < 1 || neuronBatch < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--window-batch and --neuron-batch must be at least 1, found %d and %d", windowBatch, neuronBatch));
        }
        boolean npy = data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (binMs != null && !npy) {
            throw new IllegalArgumentException("--bin-ms applies only to NPY files, found it with " + data.getFileName()
                    + "; a CSV file gives its bin times in the time_ms column");
        }
        if (binMs != null && !(binMs > 0 && Double.isFinite(binMs))) {
            throw new IllegalArgumentException("--bin-ms must be positive and finite, found " + binMs);
        }
        GpfaData recording = npy
                ? GpfaDataFiles.readNpy(data, binMs == null ? DEFAULT_NPY_BIN_MS : binMs, model)
                : GpfaDataFiles.readCsv(data, model);
        windows = cut(recording, windowBins);
        SparseGpfaOptions defaults = SparseGpfaOptions.defaults(latents);
        options = new SparseGpfaOptions(latents, model, Math.min(defaults.inducingPoints(), windowBins), iterations,
                defaults.learningRate(), windowBatch, neuronBatch,
                defaults.relativeTolerance(), defaults.retentionThreshold(), seed, null);
        if (latents > recording.neuronCount()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--latents is %d but the recording has %d neurons; expected at most %d",
                    latents, recording.neuronCount(), recording.neuronCount()));
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        SparseGpfaFit fit = model == NoiseModel.POISSON
                ? SparseGpfa.fit(windows, options, poissonLink)
                : SparseGpfa.fit(windows, options);
        Integer[] order = byArdScale(fit.ardScales());

        out.writeText("latents.csv", latentTable(fit));
        CsvTable elbo = new CsvTable("iteration", "elbo");
        double[] history = fit.elboHistory();
        for (int i = 0; i < history.length; i++) {
            elbo.row(i + 1, history[i]);
        }
        out.writeText("elbo.csv", elbo);
        Plots.save(out, "latents.png", latentChart(fit, order));
        Plots.save(out, "ard_scales.png", ardChart(fit.ardScales(), model));

        summary.put("data", data.getFileName().toString())
                .put("neurons", windows.neuronCount())
                .put("timeBins", windows.timeBinCount())
                .put("windows", windows.segmentCount())
                .put("noise", model.name().toLowerCase(Locale.ROOT))
                .put("latentsRequested", latents)
                .put("latentsRetained", fit.retainedLatents())
                .put("retentionThreshold", options.retentionThreshold())
                .put("ardScales", fit.ardScales())
                .put("finalElbo", fit.finalElbo())
                .put("iterations", history.length)
                .put("lengthScalesSeconds", fit.parameters().lengthScalesSeconds())
                .put("converged", fit.converged());
        if (model == NoiseModel.POISSON) {
            summary.put("link", poissonLink.name().toLowerCase(Locale.ROOT));
        }
        System.out.printf(Locale.ROOT, "GPFA of %s: %d neurons, %d bins in %d windows, %d of %d latents retained, "
                + "final ELBO %.3f nats after %d iterations%n", data.getFileName(), windows.neuronCount(),
                windows.timeBinCount(), windows.segmentCount(), fit.retainedLatents(), latents, fit.finalElbo(),
                history.length);
        return ExitCode.SUCCESS;
    }

    /** Cuts every segment into consecutive windows of at most {@code size} bins. */
    static GpfaData cut(GpfaData recording, int size) {
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int k = 0; k < recording.segmentCount(); k++) {
            double[] t = recording.timesMs(k);
            DMatrixRMaj y = recording.activity(k);
            for (int start = 0; start < t.length; start += size) {
                int end = Math.min(start + size, t.length);
                if (end - start < 2 && start > 0) {
                    break;
                }
                times.add(Arrays.copyOfRange(t, start, end));
                activity.add(org.ejml.dense.row.CommonOps_DDRM.extract(y, start, end, 0, y.numCols));
            }
        }
        return GpfaData.of(recording.neuronNames(), times, activity);
    }

    private static Integer[] byArdScale(double[] scales) {
        Integer[] order = new Integer[scales.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> scales[j]).reversed());
        return order;
    }

    private CsvTable latentTable(SparseGpfaFit fit) {
        List<String> header = new ArrayList<>(List.of("window", "time_ms"));
        for (int j = 0; j < latents; j++) {
            header.add("latent" + (j + 1));
        }
        CsvTable table = new CsvTable(header);
        for (int k = 0; k < windows.segmentCount(); k++) {
            double[] times = windows.timesMs(k);
            DMatrixRMaj means = fit.latents(k, times).means();
            for (int t = 0; t < times.length; t++) {
                Object[] row = new Object[header.size()];
                row[0] = k + 1;
                row[1] = times[t];
                for (int j = 0; j < latents; j++) {
                    row[2 + j] = means.get(t, j);
                }
                table.row(row);
            }
        }
        return table;
    }

    private XYChart latentChart(SparseGpfaFit fit, Integer[] order) {
        XYChart chart = Plots.lineChart("Posterior means of the top latents, window 1", "time (ms)", "latent (a.u.)");
        double[] times = windows.timesMs(0);
        LatentMarginals marginals = fit.latents(0, times);
        int plotted = Math.min(PLOTTED_LATENTS, Math.max(fit.retainedLatents(), 1));
        for (int i = 0; i < plotted; i++) {
            int j = order[i];
            double[] values = new double[times.length];
            for (int t = 0; t < times.length; t++) {
                values[t] = marginals.means().get(t, j);
            }
            Plots.addLine(chart, "latent " + (j + 1), times, values);
        }
        return chart;
    }

    private static CategoryChart ardChart(double[] scales, NoiseModel model) {
        // Poisson loadings act on the linear predictor, which has no unit
        String unit = model == NoiseModel.POISSON ? "ARD scale" : "ARD scale (activity unit squared)";
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("ARD scales (prior variance of each column of C)").xAxisTitle("latent")
                .yAxisTitle(unit).build();
        List<Integer> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < scales.length; j++) {
            labels.add(j + 1);
            values.add(scales[j]);
        }
        chart.addSeries("ARD scale", labels, values);
        return chart;
    }
}
