package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FILES = List.of("eigenvalues.csv", "eigenvalues.png", "history.csv",
            "history.png", "energy.csv", "energy.png", "weights.csv", "summary.json");
    private static final List<String> SUMMARY_KEYS = List.of("neurons", "iterations", "initialAbscissa",
            "finalAbscissa", "seconds", "millisPerIteration", "topAmplification", "amplifiedOver10", "converged");

    @TempDir
    Path dir;

    @Test
    void smallRunWritesEveryOutput() throws IOException {
        Path out = dir.resolve("soc");
        int status = NeurodynCommand.execute("soc", "--neurons", "30", "--seed", "3", "--out", out.toString());
        assertEquals(ExitCode.SUCCESS, status);
        for (String file : FILES) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "missing " + file);
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : SUMMARY_KEYS) {
            assertTrue(summary.has(key), "summary lacks " + key);
        }
        assertTrue(summary.get("converged").asBoolean(), "run did not converge");
        assertEquals(30, summary.get("neurons").asInt());
        assertEquals(10, summary.get("topAmplification").size());
        assertTrue(summary.get("finalAbscissa").asDouble() <= 0.15, "final abscissa above target");
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        // Header, one row per iteration, and the final row for the returned W.
        assertEquals(summary.get("iterations").asInt() + 2, history.size());
        assertFalse(history.get(1).contains(",,"), "smoothed abscissa missing in " + history.get(1));
        String[] last = history.get(history.size() - 1).split(",", -1);
        assertEquals(summary.get("finalAbscissa").asDouble(), Double.parseDouble(last[1]));
    }

    @Test
    void iterationCapExitsThreeWithSummary() throws IOException {
        Path out = dir.resolve("capped");
        int status = NeurodynCommand.execute("soc", "--neurons", "30", "--max-iterations", "1", "--out", out.toString());
        assertEquals(ExitCode.NUMERICAL_FAILURE, status);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("converged").asBoolean());
        assertEquals(1, summary.get("iterations").asInt());
        assertTrue(summary.has("reason"), "summary lacks the reason");
        assertFalse(summary.get("reason").asText().contains("--epsilon"), summary.get("reason").asText());
    }

    @Test
    void hugeEpsilonStopsAtIterationCap() throws IOException {
        // At epsilon = 1e200 the smoothed abscissa lies near 1e201, where the Gramians are about 1e-201.
        Path out = dir.resolve("huge-epsilon");
        int status = NeurodynCommand.execute("soc", "--neurons", "20", "--epsilon", "1e200", "--max-iterations", "5",
                "--out", out.toString());
        assertEquals(ExitCode.NUMERICAL_FAILURE, status);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("ITERATION_CAP", summary.get("stopReason").asText());
        assertTrue(summary.get("reason").asText().contains("lower --epsilon"), summary.get("reason").asText());
        assertTrue(Double.isFinite(summary.get("finalAbscissa").asDouble()), "final abscissa not finite");
    }

    @Test
    void hugeShiftFloorStopsAtIterationCap() throws IOException {
        Path out = dir.resolve("huge-floor");
        int status = NeurodynCommand.execute("soc", "--neurons", "20", "--gradient", "shift", "--shift-floor", "1e200",
                "--max-iterations", "5", "--out", out.toString());
        assertEquals(ExitCode.NUMERICAL_FAILURE, status);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("reason").asText().contains("--shift-floor"), summary.get("reason").asText());
    }

    @Test
    void kaoPresetWithSmoothedGradientRuns() throws IOException {
        Path out = dir.resolve("kao");
        int status = NeurodynCommand.execute("soc", "--preset", "kao", "--neurons", "30", "--gradient", "ssa",
                "--max-iterations", "3", "--out", out.toString());
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals("ssa", summary.get("gradient").asText());
        assertEquals(summary.get("converged").asBoolean() ? ExitCode.SUCCESS : ExitCode.NUMERICAL_FAILURE, status);
    }

    @Test
    void badOptionsExitTwoWithoutOutput() {
        Path out = dir.resolve("bad");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--neurons", "2", "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--gradient", "exact", "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--preset", "kao", "--gamma", "2",
                "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--learning-rate", "-1", "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--probability", "1.5", "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--epsilon", "0", "--out", out.toString()));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("soc", "--shift-offset", "-0.1", "--out", out.toString()));
        assertFalse(Files.exists(out), "no output folder is created for bad input");
    }
}
