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

class IspCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FILES = List.of("abscissa.csv", "abscissa.png", "rates.png",
            "eigenvalues.csv", "eigenvalues.png", "energy.csv", "energy.png", "weights.csv", "summary.json");
    private static final List<String> SUMMARY_KEYS = List.of("initialAbscissa", "finalAbscissa",
            "excitatorySubnetworkAbscissa", "paradoxical", "meanRateError", "learningSeconds", "topAmplification",
            "converged", "seconds");

    @TempDir
    Path dir;

    @Test
    void reducedRunWritesSummaryKeys() throws IOException {
        Path out = dir.resolve("isp");
        int status = NeurodynCommand.execute("isp", "--neurons", "100", "--seed", "2", "--duration-seconds", "15",
                "--out", out.toString());

        assertEquals(ExitCode.SUCCESS, status);
        for (String file : FILES) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "missing " + file);
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : SUMMARY_KEYS) {
            assertTrue(summary.has(key), "summary lacks " + key);
        }
        assertTrue(summary.get("initialAbscissa").asDouble() > 1, "start is not unstable");
        assertTrue(summary.get("finalAbscissa").asDouble() < 1, "end is not stable");
        assertTrue(summary.get("excitatorySubnetworkAbscissa").asDouble() > 1, "excitatory block is stable");
        assertTrue(summary.get("paradoxical").asBoolean(), "no paradoxical response");
        assertEquals(10, summary.get("topAmplification").size());
        List<String> history = Files.readAllLines(out.resolve("abscissa.csv"));
        assertTrue(history.get(0).startsWith("time_s,abscissa"), "header " + history.get(0));
        assertTrue(history.get(1).startsWith("0.0,"), "first row is not t = 0: " + history.get(1));
        String[] start = history.get(1).split(",", -1);
        String[] firstWindow = history.get(2).split(",", -1);
        assertFalse(start[2].equals(firstWindow[2]), "row 0 repeats the first window's rate: " + start[2]);
        assertEquals(summary.get("learningRate").asDouble(), Double.parseDouble(start[5]), 0.0,
                "learning_rate of row 0");
    }

    @Test
    void shortRunExitsThreeWithSummary() throws IOException {
        Path out = dir.resolve("short");
        int status = NeurodynCommand.execute("isp", "--neurons", "40", "--learning-rate", "1e-6",
                "--duration-seconds", "0.2", "--report-every-seconds", "0.1", "--no-soc", "--out", out.toString());

        assertEquals(ExitCode.NUMERICAL_FAILURE, status);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("converged").asBoolean());
        assertTrue(summary.has("reason"), "summary lacks the reason");
        assertTrue(summary.get("paradoxical").isNull(), "paradoxical " + summary.get("paradoxical"));
        assertEquals(IspCommand.UNSTABLE_PROBE_REASON, summary.get("paradoxicalReason").asText());
        assertFalse(summary.get("inhibitionStabilised").asBoolean());
    }

    @Test
    void shortReportWindowsDoNotStopEarly() throws IOException {
        // With 1 ms windows the rate passes through rho0 for 6 reports within about 0.08 s.
        Path out = dir.resolve("short-windows");
        NeurodynCommand.execute("isp", "--neurons", "20", "--duration-seconds", "1", "--report-every-seconds",
                "0.001", "--no-soc", "--out", out.toString());

        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("stoppedWhenStable").asBoolean(), "stopped after " + summary.get("learningSeconds"));
        assertEquals(1.0, summary.get("learningSeconds").asDouble(), 1e-9);
    }

    @Test
    void badOptionsExitTwoWithoutOutput() {
        Path out = dir.resolve("bad");
        String folder = out.toString();
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--neurons", "5", "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--learning-rate", "-1", "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--target-rate", "0", "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--duration-seconds", "NaN", "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--noise", "-0.1", "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--extra-inhibitory-input", "0",
                "--out", folder));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("isp", "--report-every-seconds", "40",
                "--out", folder));
        assertFalse(Files.exists(out), "no output folder is created for bad input");
    }
}
