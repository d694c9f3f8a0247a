package io.github.neurodyn.examples;

import io.github.neurodyn.analysis.SubspaceAngles;
import io.github.neurodyn.analysis.gpfa.GpfaData;
import io.github.neurodyn.analysis.gpfa.GpfaStart;
import io.github.neurodyn.analysis.gpfa.SparseGpfa;
import io.github.neurodyn.analysis.gpfa.SparseGpfaFit;
import io.github.neurodyn.analysis.gpfa.SparseGpfaOptions;
import io.github.neurodyn.analysis.gpfa.SquaredExponentialKernel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Timed run of sparse GPFA with ARD on a long synthetic recording: by default 100 neurons x
 * 100,000 bins of 10 ms (10 million values), 3 true latents, 10 requested, cut into windows of
 * 100 bins. It prints the wall time of the fit, the peak heap use, the retained latents and the
 * largest principal angle between the retained and the true loadings.
 *
 * <p>Each window's latents are exact draws from squared exponential Gaussian processes with unit
 * variance and length scales 0.05, 0.1 and 0.2 s, independent across windows as the fit
 * assumes. The noise is Gaussian with variance in [0.1, 0.3].
 *
 * <p>The fifth argument chooses the starting point. {@code principal} (the default) is the
 * principal-axes start of {@link SparseGpfa#fit(GpfaData, SparseGpfaOptions)}. {@code true}
 * starts from the model that drew the data: the true loadings in the first 3 columns, the true
 * offsets, noise variances and length scales. The other 7 columns get loadings drawn from
 * {@code N(0, 0.1^2)} with a separate seed and a length scale of 0.1 s, so that their ARD scales
 * start near 1% of the true ones and ARD can either prune or grow them. Both starts see the same
 * data and the same minibatches.
 *
 * <p>Usage: {@code java -Xmx512m -cp neurodyn.jar io.github.neurodyn.examples.GpfaScaleRun
 * [neurons] [bins] [iterations] [windowsPerBatch] [principal|true] [inducingPoints]} (defaults
 * 100, 100000, 600, 50, principal, 10). The inducing points are per latent and window.
 */
public final class GpfaScaleRun {

    private static final double BIN_MS = 10;
    private static final int WINDOW_BINS = 100;
    private static final int REQUESTED = 10;
    private static final double[] TRUE_LENGTH_SCALES_SECONDS = {0.05, 0.1, 0.2};
    private static final long SEED = 2021;
    /** Standard deviation of the loadings of the columns beyond the true latents in the true start. */
    private static final double EXTRA_LOADING_DEVIATION = 0.1;
    /** Length scale of the columns beyond the true latents in the true start, in seconds. */
    private static final double EXTRA_LENGTH_SCALE_SECONDS = 0.1;
    /** Iterations whose objective estimates are averaged for the reported bound. */
    private static final int ELBO_AVERAGE_ITERATIONS = 50;

    private GpfaScaleRun() {
    }

    /**
     * Draws the recording, fits it and prints the figures.
     *
     * @param args optional neurons, bins, iterations, windows per minibatch, start
     *     ({@code principal} or {@code true}) and inducing points per latent and window
     */
    public static void main(String[] args) {
        int neurons = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int bins = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        int windowsPerBatch = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        String startName = args.length > 4 ? args[4] : "principal";
        if (!startName.equals("principal") && !startName.equals("true")) {
            throw new IllegalArgumentException("invalid start '" + startName + "'; expected principal or true");
        }
        int inducingPoints = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        Random random = new Random(SEED);
        int latents = TRUE_LENGTH_SCALES_SECONDS.length;
        DMatrixRMaj loadings = new DMatrixRMaj(neurons, latents);
        double[] offsets = new double[neurons];
        double[] noiseDeviations = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            for (int j = 0; j < latents; j++) {
                loadings.set(n, j, random.nextGaussian());
            }
            offsets[n] = random.nextGaussian();
            noiseDeviations[n] = Math.sqrt(0.1 + 0.2 * random.nextDouble());
        }
        GpfaData data = draw(loadings, offsets, noiseDeviations, bins, random);
        System.out.printf(Locale.ROOT, "data: %d neurons x %d bins in %d windows of %d bins%n", neurons,
                data.timeBinCount(), data.segmentCount(), WINDOW_BINS);

        long start = System.nanoTime();
        SparseGpfaOptions options = new SparseGpfaOptions(REQUESTED,
                io.github.neurodyn.analysis.gpfa.NoiseModel.GAUSSIAN, inducingPoints, iterations, 0.05,
                windowsPerBatch, neurons, 0, SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD, SEED,
                (iteration, elbo) -> {
                    if (iteration % 50 == 0) {
                        System.out.printf(Locale.ROOT, "iteration %d: ELBO estimate %.6e nats after %.1f s%n",
                                iteration, elbo, (System.nanoTime() - start) / 1e9);
                    }
                });
        SparseGpfaFit fit = startName.equals("true")
                ? SparseGpfa.fit(data, options, trueStart(loadings, offsets, noiseDeviations))
                : SparseGpfa.fit(data, options);
        double seconds = (System.nanoTime() - start) / 1e9;

        int[] retainedIndices = fit.retainedIndices(SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD);
        DMatrixRMaj c = fit.parameters().loadings();
        DMatrixRMaj retained = new DMatrixRMaj(neurons, retainedIndices.length);
        for (int i = 0; i < retainedIndices.length; i++) {
            CommonOps_DDRM.extract(c, 0, neurons, retainedIndices[i], retainedIndices[i] + 1, retained, 0, i);
        }
        double[] angles = SubspaceAngles.between(retained, loadings);
        System.out.printf(Locale.ROOT, "fit: %.1f s for %d iterations, %d of %d latents retained, "
                + "largest principal angle %.2f degrees%n", seconds, iterations, fit.retainedLatents(), REQUESTED,
                Math.toDegrees(angles[angles.length - 1]));
        System.out.printf(Locale.ROOT, "start %s: principal angles of the retained loadings to the true ones %s "
                + "degrees%n", startName, formatDegrees(angles));
        double[] ard = fit.ardScales();
        double largest = java.util.Arrays.stream(ard).max().orElse(1);
        double[] lengths = fit.parameters().lengthScalesSeconds();
        for (int j = 0; j < REQUESTED; j++) {
            System.out.printf(Locale.ROOT, "column %d: ARD scale %.4e (%.3e of the largest), length scale %.4f s%n",
                    j + 1, ard[j], ard[j] / largest, lengths[j]);
        }
        double[] history = fit.elboHistory();
        int averaged = Math.min(ELBO_AVERAGE_ITERATIONS, history.length);
        double mean = 0;
        for (int i = history.length - averaged; i < history.length; i++) {
            mean += history[i] / averaged;
        }
        System.out.printf(Locale.ROOT, "final ELBO estimate %.6e nats, mean of the last %d estimates %.6e nats%n",
                fit.finalElbo(), averaged, mean);

        // one iteration over all windows from the fit: q(u) moves to its optimum given the rest,
        // and the objective of that iteration is the exact bound because no minibatch scales it
        SparseGpfaOptions full = options.withIterations(1).withBatches(data.segmentCount(), neurons)
                .withListener(null);
        double bound = SparseGpfa.fit(data, full, GpfaStart.from(fit)).finalElbo();
        System.out.printf(Locale.ROOT, "full-data ELBO at the fitted q(C), d, R and length scales with optimal "
                + "q(u): %.6e nats%n", bound);
        for (int index : retainedIndices) {
            DMatrixRMaj column = CommonOps_DDRM.extract(c, 0, neurons, index, index + 1);
            System.out.printf(Locale.ROOT, "latent %d: length scale %.3f s, angle to the true loadings %.2f degrees%n",
                    index + 1, fit.parameters().lengthScalesSeconds()[index],
                    Math.toDegrees(SubspaceAngles.between(column, loadings)[0]));
        }
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap: peak pool use %.1f MB, live after the fit %.1f MB with data and "
                + "fit referenced, data %.1f MB, limit %.1f MB%n", peakHeapBytes() / 1e6,
                (runtime.totalMemory() - runtime.freeMemory()) / 1e6, 8.0 * neurons * data.timeBinCount() / 1e6,
                runtime.maxMemory() / 1e6);
        System.out.println(fit.segmentPosteriors().size() + " window posteriors kept");
    }

    /**
     * Returns the start from the model that drew the data, padded to the requested latents with
     * small random columns.
     */
    private static GpfaStart trueStart(DMatrixRMaj loadings, double[] offsets, double[] noiseDeviations) {
        int neurons = loadings.numRows;
        int latents = loadings.numCols;
        Random random = new Random(SEED + 1);
        DMatrixRMaj c = new DMatrixRMaj(neurons, REQUESTED);
        double[] noiseVariances = new double[neurons];
        for (int n = 0; n < neurons; n++) {
            for (int j = 0; j < REQUESTED; j++) {
                c.set(n, j, j < latents ? loadings.get(n, j) : EXTRA_LOADING_DEVIATION * random.nextGaussian());
            }
            noiseVariances[n] = noiseDeviations[n] * noiseDeviations[n];
        }
        double[] lengths = new double[REQUESTED];
        java.util.Arrays.fill(lengths, EXTRA_LENGTH_SCALE_SECONDS);
        System.arraycopy(TRUE_LENGTH_SCALES_SECONDS, 0, lengths, 0, latents);
        return new GpfaStart(c, null, offsets, noiseVariances, lengths, null);
    }

    private static String formatDegrees(double[] radians) {
        StringBuilder text = new StringBuilder();
        for (double angle : radians) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", Math.toDegrees(angle)));
        }
        return text.toString();
    }

    /**
     * Draws the recording window by window. The latents of each window are independent draws
     * from their Gaussian processes, which is the model the fit assumes for windows.
     */
    private static GpfaData draw(DMatrixRMaj loadings, double[] offsets, double[] noiseDeviations, int bins,
            Random random) {
        int neurons = loadings.numRows;
        int latents = loadings.numCols;
        double[] windowSeconds = new double[WINDOW_BINS];
        for (int t = 0; t < WINDOW_BINS; t++) {
            windowSeconds[t] = t * BIN_MS / 1000;
        }
        DMatrixRMaj[] factors = new DMatrixRMaj[latents];
        for (int j = 0; j < latents; j++) {
            DMatrixRMaj kernel = new DMatrixRMaj(WINDOW_BINS, WINDOW_BINS);
            SquaredExponentialKernel.covariance(windowSeconds, TRUE_LENGTH_SCALES_SECONDS[j], 1, kernel);
            CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(WINDOW_BINS, true);
            if (!cholesky.decompose(kernel)) {
                throw new IllegalStateException("the kernel of latent " + j + " is not positive definite");
            }
            factors[j] = cholesky.getT(null);
        }
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        double[] white = new double[WINDOW_BINS];
        double[][] x = new double[latents][WINDOW_BINS];
        for (int start = 0; start < bins; start += WINDOW_BINS) {
            int length = Math.min(WINDOW_BINS, bins - start);
            for (int j = 0; j < latents; j++) {
                for (int t = 0; t < WINDOW_BINS; t++) {
                    white[t] = random.nextGaussian();
                }
                for (int t = 0; t < WINDOW_BINS; t++) {
                    double sum = 0;
                    for (int s = 0; s <= t; s++) {
                        sum += factors[j].get(t, s) * white[s];
                    }
                    x[j][t] = sum;
                }
            }
            double[] timesMs = new double[length];
            DMatrixRMaj y = new DMatrixRMaj(length, neurons);
            for (int t = 0; t < length; t++) {
                timesMs[t] = (start + t) * BIN_MS;
                for (int n = 0; n < neurons; n++) {
                    double value = offsets[n] + noiseDeviations[n] * random.nextGaussian();
                    for (int j = 0; j < latents; j++) {
                        value += loadings.get(n, j) * x[j][t];
                    }
                    y.set(t, n, value);
                }
            }
            times.add(timesMs);
            activity.add(y);
        }
        List<String> names = new ArrayList<>();
        for (int n = 0; n < neurons; n++) {
            names.add("n" + (n + 1));
        }
        return GpfaData.of(names, times, activity);
    }

    /** Returns the sum of the peak usage of the heap memory pools since the JVM started. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
