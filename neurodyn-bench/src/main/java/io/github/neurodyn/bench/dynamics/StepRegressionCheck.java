package io.github.neurodyn.bench.dynamics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Regression guard for the integration step. Runs {@link StepBenchmark} briefly on a few
 * configurations and divides each step time by the EJML product of the same configuration
 * from the same run, which cancels most of the machine's speed and load. Both times are
 * medians over the measurement iterations. A configuration
 * regresses when its ratio exceeds the committed baseline ratio by more than the tolerance
 * (25 % by default).
 *
 * <p>Usage: {@code StepRegressionCheck --baseline FILE [--write] [--tolerance 0.25]}. With
 * {@code --write} it records the measured ratios as the new baseline. Exit status: 0 no
 * regression, 1 a regression, 2 bad usage or an unreadable baseline.
 */
public final class StepRegressionCheck {

    /**
     * Configurations as integrator, nonlinearity, neurons, trials.
     * NOTE: the N = 1000 ratio is bound by memory bandwidth and moved by 25 % between two runs
     * on a loaded 2-core machine, so a failure there alone needs a rerun before it counts.
     */
    private static final String[][] CONFIGURATIONS = {
        {"EULER", "relu", "200", "1"},
        {"EULER", "relu", "200", "64"},
        {"EULER", "relu", "1000", "1"},
        {"RK4", "tanh", "200", "1"},
    };

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*([0-9.eE+-]+)");

    private StepRegressionCheck() {
    }

    /**
     * Runs the check.
     *
     * @param args see the class documentation
     * @throws RunnerException if JMH fails
     * @throws IOException if the baseline cannot be read or written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        Path baseline = null;
        boolean write = false;
        double tolerance = 0.25;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "--baseline":
                    baseline = Path.of(args[++k]);
                    break;
                case "--write":
                    write = true;
                    break;
                case "--tolerance":
                    tolerance = Double.parseDouble(args[++k]);
                    break;
                default:
                    System.err.println("unknown option " + args[k]
                            + "; usage: StepRegressionCheck --baseline FILE [--write] [--tolerance 0.25]");
                    System.exit(2);
            }
        }
        if (baseline == null) {
            System.err.println("missing --baseline FILE");
            System.exit(2);
        }
        Map<String, Double> measured = measureRatios();
        if (write) {
            Files.writeString(baseline, toJson(measured), StandardCharsets.UTF_8);
            System.out.println("wrote " + measured.size() + " ratios to " + baseline);
            return;
        }
        if (!Files.isRegularFile(baseline)) {
            System.err.println("baseline " + baseline + " not found; create it with --write");
            System.exit(2);
        }
        Map<String, Double> expected = parse(Files.readString(baseline, StandardCharsets.UTF_8));
        System.exit(compare(expected, measured, tolerance) ? 0 : 1);
    }

    private static boolean compare(Map<String, Double> expected, Map<String, Double> measured, double tolerance) {
        boolean passed = true;
        System.out.printf(Locale.ROOT, "%-28s %10s %10s %8s%n", "configuration", "baseline", "measured", "change");
        for (Map.Entry<String, Double> entry : measured.entrySet()) {
            Double reference = expected.get(entry.getKey());
            if (reference == null) {
                System.out.printf(Locale.ROOT, "%-28s %10s %10.4f  (not in the baseline)%n",
                        entry.getKey(), "-", entry.getValue());
                continue;
            }
            double change = entry.getValue() / reference - 1.0;
            boolean regressed = change > tolerance;
            passed &= !regressed;
            System.out.printf(Locale.ROOT, "%-28s %10.4f %10.4f %+7.1f%%%s%n", entry.getKey(), reference,
                    entry.getValue(), 100 * change, regressed ? "  REGRESSION" : "");
        }
        return passed;
    }

    /** Returns step time / EJML product time for every configuration, keyed "EULER/relu/N=200/B=1". */
    private static Map<String, Double> measureRatios() throws RunnerException {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String[] c : CONFIGURATIONS) {
            Options options = new OptionsBuilder()
                    .include(StepBenchmark.class.getName() + "\\.(step|ejmlProduct)$")
                    .param("integrator", c[0]).param("nonlinearity", c[1])
                    .param("neurons", c[2]).param("trials", c[3]).param("stateShift", "0")
                    .forks(1).warmupIterations(3).measurementIterations(5)
                    .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                    .build();
            Collection<RunResult> results = new Runner(options).run();
            double step = Double.NaN;
            double product = Double.NaN;
            for (RunResult result : results) {
                String label = result.getPrimaryResult().getLabel();
                // The median of the iterations resists the load spikes of a shared machine.
                double score = result.getPrimaryResult().getStatistics().getPercentile(50);
                if ("step".equals(label)) {
                    step = score;
                } else if ("ejmlProduct".equals(label)) {
                    product = score;
                }
            }
            ratios.put(c[0] + "/" + c[1] + "/N=" + c[2] + "/B=" + c[3], step / product);
        }
        return ratios;
    }

    private static Map<String, Double> parse(String json) {
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher matcher = ENTRY.matcher(json);
        while (matcher.find()) {
            values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return values;
    }

    private static String toJson(Map<String, Double> ratios) {
        StringBuilder json = new StringBuilder("{\n");
        // Where the baseline was recorded; string values are skipped when the file is read.
        json.append(String.format(Locale.ROOT, "  \"recordedWith\": \"JDK %s, %s, %d processors\",%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors()));
        int k = 0;
        for (Map.Entry<String, Double> entry : ratios.entrySet()) {
            json.append(String.format(Locale.ROOT, "  \"%s\": %.4f%s%n", entry.getKey(), entry.getValue(),
                    ++k < ratios.size() ? "," : ""));
        }
        return json.append("}\n").toString();
    }
}
