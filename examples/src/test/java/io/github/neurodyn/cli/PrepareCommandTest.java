package io.github.neurodyn.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> OUTPUT_FILES = List.of("curves.csv", "cost.png", "endpoint-error.png",
            "hand-paths-short.csv", "hand-paths-long.png", "summary.json");
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
