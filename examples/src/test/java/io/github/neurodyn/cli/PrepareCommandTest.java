package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neurodyn.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> OUTPUT_FILES = List.of("curves.csv", "cost.png", "endpoint-error.png",
            "hand-paths-short.csv", "hand-paths-long.png", "potent-null.csv", "potent-null.png", "loop-vs-lqr.csv",
            "loop-vs-lqr.png", "summary.json");
    private static final List<String> JPCA_FILES = List.of("jpca-model-vs-data.csv", "jpca-model-vs-data.png");
    private static final List<String> JPCA_KEYS = List.of("modelPlane1RadPerSecond", "dataPlane1RadPerSecond",
            "modelR2SkewOverBest", "dataR2SkewOverBest");
    /** Smallest first-plane ratio R^2(M_skew) / R^2(M_best) that counts as rotational. */
    private static final double ROTATIONAL_RATIO = 0.5;
    /** Half the 1 ms sample interval of potent-null.csv, to find the go-cue row. */
    private static final double HALF_STEP_MS = 0.5;
    /** Options of the smallest run that still has a window long enough for every analysis. */
    private static final String[] REDUCED = {"--neurons", "40", "--reaches", "3", "--iterations", "3",
        "--prep-times-ms", "0,300", "--null-draws", "50"};
    private static final List<String> ARRAY_KEYS = List.of("optimalCost", "naiveCost",
            "optimalEndpointErrorMeters", "naiveEndpointErrorMeters");
    private static final List<String> SCALAR_KEYS = List.of("alignmentIndexPrepVsMove", "loopRelativeCostExcess",
            "perturbationDelaySecondsOptimal", "perturbationDelaySecondsNaive", "seconds");

    @TempDir
    Path dir;

    private int prepare(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("prepare", "--out", out.toString()));
        args.addAll(List.of(options));
        return NeurodynCommand.execute(args.toArray(String[]::new));
    }

    @Test
    void reducedRunWritesSummary() throws IOException {
        Path out = dir.resolve("small");

        assertEquals(ExitCode.SUCCESS, prepare(out, "--neurons", "30", "--reaches", "4", "--iterations", "3",
                "--prep-times-ms", "0,100,300", "--null-draws", "50"));

        for (String file : OUTPUT_FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is written and not empty");
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(3, summary.get("prepTimesSeconds").size());
        for (String key : ARRAY_KEYS) {
            assertEquals(3, summary.get(key).size(), "length of " + key);
        }
        for (String key : SCALAR_KEYS) {
            assertTrue(summary.has(key), "summary key " + key);
        }
        double optimal = summary.get("optimalCost").get(2).asDouble();
        double naive = summary.get("naiveCost").get(2).asDouble();
        assertTrue(optimal < naive, "optimal cost " + optimal + ", naive " + naive);
        assertTrue(summary.get("potentDimensions").asInt() >= 1, "potent dimension is at least 1");
        for (String file : JPCA_FILES) {
            assertFalse(Files.exists(out.resolve(file)), file + " is written only with --data");
        }
        assertFalse(summary.has("dataR2SkewOverBest"), "no jPCA keys without --data");
        checkSubspaceAndLoopFiles(out);
    }

    /** Checks potent-null.csv and loop-vs-lqr.csv of a finished run. */
    private static void checkSubspaceAndLoopFiles(Path out) throws IOException {
        // At the go cue (time_ms 0) the optimal strategy has corrected the potent error more than the naive one
        double optimalPotent = Double.NaN;
        double naivePotent = Double.NaN;
        double optimalNull = Double.NaN;
        List<String> rows = Files.readAllLines(out.resolve("potent-null.csv"));
        assertEquals("strategy,time_ms,potent_error_norm,null_error_norm", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] fields = row.split(",");
            boolean atGoCue = Math.abs(Double.parseDouble(fields[1])) < HALF_STEP_MS;
            if (atGoCue && fields[0].equals("optimal")) {
                optimalPotent = Double.parseDouble(fields[2]);
                optimalNull = Double.parseDouble(fields[3]);
            } else if (atGoCue && fields[0].equals("naive")) {
                naivePotent = Double.parseDouble(fields[2]);
            }
        }
        assertTrue(optimalPotent < naivePotent, "potent error at go: optimal " + optimalPotent + ", naive "
                + naivePotent);
        assertTrue(optimalPotent < optimalNull, "optimal strategy: potent " + optimalPotent + ", null " + optimalNull);
        List<String> loopRows = Files.readAllLines(out.resolve("loop-vs-lqr.csv"));
        assertEquals("controller,time_ms,prospective_cost,total_cost", loopRows.get(0));
        for (String controller : List.of("loop", "lqr", "naive")) {
            assertTrue(loopRows.stream().anyMatch(row -> row.startsWith(controller + ",")), "rows of " + controller);
        }
    }

    @Test
    void dataRecordingGivesJpcaKeys() throws IOException {
        Path recording = SharedData.require("data/churchland2012_tme_subset/rates.csv");
        Path out = dir.resolve("data");
        List<String> options = new ArrayList<>(List.of(REDUCED));
        options.addAll(List.of("--data", recording.toString()));

        assertEquals(ExitCode.SUCCESS, prepare(out, options.toArray(String[]::new)));

        for (String file : JPCA_FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is written and not empty");
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : JPCA_KEYS) {
            assertTrue(summary.path(key).isNumber(), "summary key " + key + " is a finite number");
        }
        assertTrue(summary.get("modelPlane1RadPerSecond").asDouble() > 0, "model plane 1 rotates");
        assertTrue(summary.get("dataPlane1RadPerSecond").asDouble() > 0, "data plane 1 rotates");
        assertTrue(summary.get("modelR2SkewOverBest").asDouble() >= ROTATIONAL_RATIO, "model ratio "
                + summary.get("modelR2SkewOverBest"));
        assertTrue(summary.get("dataR2SkewOverBest").asDouble() >= ROTATIONAL_RATIO, "data ratio "
                + summary.get("dataR2SkewOverBest"));

        // The recording has bins before movement onset, the model does not
        Path early = dir.resolve("early");
        options.addAll(List.of("--jpca-window", "-50,-10"));
        assertEquals(ExitCode.BAD_INPUT, prepare(early, options.toArray(String[]::new)), "window before onset");
        assertFalse(Files.exists(early), "no output folder for a window before onset");
    }

    @Test
    void badDataExitsTwoWithoutOutput() throws IOException {
        Path malformed = dir.resolve("broken.csv");
        Files.writeString(malformed, "condition,time_ms,n1,n2\nreach1,0,1.0\n");
        List<String[]> cases = List.of(
                new String[] {"--data", dir.resolve("absent.csv").toString()},
                new String[] {"--data", malformed.toString()},
                new String[] {"--jpca-pcs", "5"},
                new String[] {"--jpca-window", "150,-50"});
        for (int i = 0; i < cases.size(); i++) {
            Path out = dir.resolve("bad-data" + i);
            List<String> options = new ArrayList<>(List.of(REDUCED));
            options.addAll(List.of(cases.get(i)));
            assertEquals(ExitCode.BAD_INPUT, prepare(out, options.toArray(String[]::new)), "exit status of case " + i);
            assertFalse(Files.exists(out), "no output folder for case " + i);
        }
    }

    @Test
    void badOptionsExitWithTwo() {
        List<String[]> cases = List.of(
                new String[] {"--neurons", "10"},
                new String[] {"--reaches", "0"},
                new String[] {"--prep-times-ms", "0,100"},
                new String[] {"--prep-times-ms", "-5,300"},
                new String[] {"--null-draws", "0"});
        for (int i = 0; i < cases.size(); i++) {
            Path out = dir.resolve("bad" + i);
            assertEquals(ExitCode.BAD_INPUT, prepare(out, cases.get(i)), "exit status of case " + i);
            assertFalse(Files.exists(out.resolve("summary.json")), "no summary for case " + i);
        }
    }
}
