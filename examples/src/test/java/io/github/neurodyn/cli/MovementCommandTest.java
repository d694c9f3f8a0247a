package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovementCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> OUTPUT_FILES = List.of("hand-paths.csv", "hand-paths.png", "torques.csv",
            "torques-shoulder.png", "torques-elbow.png", "energy.csv", "energy.png", "summary.json");
    private static final List<String> SUMMARY_KEYS = List.of("movements", "meanEndpointErrorMeters",
            "maxEndpointErrorMeters", "torqueFitR2", "seconds", "converged");

    @TempDir
    Path dir;

    private int movement(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("movement", "--out", out.toString()));
        args.addAll(List.of(options));
        return NeurodynCommand.execute(args.toArray(String[]::new));
    }

    @Test
    void reducedRunWritesFilesAndSummaryKeys() throws IOException {
        Path out = dir.resolve("small");
        assertEquals(ExitCode.SUCCESS, movement(out, "--neurons", "40", "--reaches", "4", "--iterations", "3"));
        for (String file : OUTPUT_FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is written and not empty");
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : SUMMARY_KEYS) {
            assertTrue(summary.has(key), "summary key " + key);
        }
        assertEquals(4, summary.get("movements").asInt());
        double mean = summary.get("meanEndpointErrorMeters").asDouble();
        assertTrue(mean > 0, "mean error " + mean);
        assertTrue(mean <= summary.get("maxEndpointErrorMeters").asDouble(), "mean error at most the max");
        assertTrue(summary.get("torqueFitR2").asDouble() <= 1.0, "R^2 at most 1");
        assertTrue(summary.get("converged").asBoolean());
        // One header plus 4 reaches of 601 samples.
        assertEquals(1 + 4 * 601, Files.readAllLines(out.resolve("hand-paths.csv")).size(), "hand-path rows");
    }

    @Test
    void badOptionsExitWithTwoAndWriteNothing() {
        List<String[]> cases = List.of(
                new String[] {"--neurons", "10"},
                new String[] {"--reaches", "0"},
                new String[] {"--neurons", "40", "--directions", "41"},
                new String[] {"--deviation-norm", "-1"},
                new String[] {"--ridge", "0"},
                new String[] {"--iterations", "0"});
        for (int i = 0; i < cases.size(); i++) {
            Path out = dir.resolve("bad" + i);
            assertEquals(ExitCode.BAD_INPUT, movement(out, cases.get(i)), "exit status of case " + i);
            assertFalse(Files.exists(out.resolve("summary.json")), "no summary for case " + i);
        }
    }

    /**
     * A prepared deviation of norm 1e9 makes the network simulation leave its state bound
     * after the energy spectrum is written, so the run fails part-way.
     */
    private static final String[] DIVERGING = {"--neurons", "20", "--reaches", "2", "--iterations", "1",
        "--deviation-norm", "1e9"};

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void divergedRunLeavesOnlySummary() throws IOException {
        Path out = dir.resolve("diverged");

        assertEquals(ExitCode.NUMERICAL_FAILURE, movement(out, DIVERGING), "exit status");

        assertEquals(List.of("summary.json"), namesIn(out), "files after the failed run");
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("converged").asBoolean(), "converged");
        assertTrue(summary.get("reason").asText().startsWith("simulation diverged"), "reason " + summary.get("reason"));
    }

    @Test
    void divergedRunKeepsEarlierResults() throws IOException {
        Path out = dir.resolve("reused");
        assertEquals(ExitCode.SUCCESS, movement(out, "--neurons", "20", "--reaches", "2", "--iterations", "1"));
        byte[] earlierEnergy = Files.readAllBytes(out.resolve("energy.csv"));
        byte[] earlierPlot = Files.readAllBytes(out.resolve("energy.png"));

        assertEquals(ExitCode.NUMERICAL_FAILURE, movement(out, DIVERGING), "exit status of the second run");

        List<String> expected = new ArrayList<>(OUTPUT_FILES);
        expected.sort(null);
        assertEquals(expected, namesIn(out), "files after the failed run, with no temporary file");
        assertArrayEquals(earlierEnergy, Files.readAllBytes(out.resolve("energy.csv")), "energy.csv of the earlier run");
        assertArrayEquals(earlierPlot, Files.readAllBytes(out.resolve("energy.png")), "energy.png of the earlier run");
        assertFalse(MAPPER.readTree(out.resolve("summary.json").toFile()).get("converged").asBoolean(),
                "summary of the failed run");
    }
}
