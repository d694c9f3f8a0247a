package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neurodyn.io.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Files every successful run writes. */
    private static final List<String> OUTPUT_FILES = List.of(
            "states.csv", "states.npy", "population.csv", "traces.png", "population-rates.png", "summary.json");
    /** Relative error allowed for RK4 with dt = 0.1 ms on a decay with tau = 150 ms. */
    private static final double RK4_DECAY_TOLERANCE = 1e-10;
    /** Rounding allowed on sample times, in seconds; the times are sums of steps. */
    private static final double TIME_TOLERANCE_SECONDS = 1e-12;
    /** Relative error allowed for exact propagation, which only rounds. */
    private static final double EXACT_TOLERANCE = 1e-12;

    @TempDir
    Path dir;

    private int simulate(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString()));
        args.addAll(List.of(options));
        return NeurodynCommand.execute(args.toArray(String[]::new));
    }

    private static JsonNode summary(Path out) throws IOException {
        return MAPPER.readTree(out.resolve("summary.json").toFile());
    }

    /** Checks that the sample at 100 ms equals the one at 0 ms times exp(-100 ms / 150 ms). */
    private static void assertDecayedOverTau(Path out, double relativeTolerance) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("states.csv"));
        String[] first = lines.get(1).split(",");
        String[] last = lines.get(2).split(",");
        double decay = Math.exp(-0.1 / 0.15);
        for (int i = 1; i < first.length; i++) {
            double expected = Double.parseDouble(first[i]) * decay;
            assertEquals(expected, Double.parseDouble(last[i]), relativeTolerance * Math.abs(expected),
                    "x_" + (i - 1) + " after 100 ms");
        }
    }

    @Test
    void smallDefaultRunWritesFilesAndKeys() throws IOException {
        Path out = dir.resolve("default");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "40", "--duration-ms", "100"));
        for (String file : OUTPUT_FILES) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is written and not empty");
        }

        JsonNode summary = summary(out);
        assertEquals(40, summary.get("neurons").asInt());
        assertEquals(1000, summary.get("steps").asLong(), "100 ms in steps of 0.1 ms");
        assertEquals("rk4", summary.get("integrator").asText());
        assertEquals(0.1, summary.get("finalTimeSeconds").asDouble(), TIME_TOLERANCE_SECONDS);
        assertTrue(summary.get("maxAbsState").asDouble() > 0, "maxAbsState " + summary.get("maxAbsState"));
        assertTrue(summary.get("seconds").asDouble() > 0, "seconds " + summary.get("seconds"));
        assertTrue(summary.get("converged").asBoolean());
        assertEquals("ei", summary.get("network").asText());
        assertEquals(20, summary.get("excitatory").asInt());
    }

    @Test
    void sampleTimesPrintOnGrid() throws IOException {
        Path out = dir.resolve("grid");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "4", "--duration-ms", "10", "--sample-ms", "0.1"));
        List<String> lines = Files.readAllLines(out.resolve("states.csv"));
        for (int k = 1; k < lines.size(); k++) {
            String time = lines.get(k).split(",")[0];
            assertTrue(time.length() <= 5, "time_ms off the 0.1 ms grid: " + time);
        }
    }

    @Test
    void sampleOffStepGridIsRejected() {
        assertEquals(ExitCode.BAD_INPUT, simulate(dir.resolve("off-grid"), "--neurons", "4", "--duration-ms", "10",
                "--sample-ms", "0.15"));
    }

    @Test
    void shortRunReportsTrueFinalTime() throws IOException {
        Path out = dir.resolve("short");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "4", "--duration-ms", "0.05"));
        } finally {
            System.setOut(original);
        }
        assertEquals(5e-5, summary(out).get("finalTimeSeconds").asDouble(), TIME_TOLERANCE_SECONDS);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains(" 0.00005 "), captured.toString());
    }

    @Test
    void adaptiveRunReportsMeanStep() throws IOException {
        Path out = dir.resolve("adaptive");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "4", "--duration-ms", "10",
                "--integrator", "dormand-prince"));
        JsonNode summary = summary(out);
        assertTrue(summary.get("stepSeconds").isNull(), "stepSeconds " + summary.get("stepSeconds"));
        assertEquals(0.01 / summary.get("steps").asDouble(), summary.get("meanStepSeconds").asDouble(),
                TIME_TOLERANCE_SECONDS);
    }

    @Test
    void statesTableHasUnitsAndEverySample() throws IOException {
        Path out = dir.resolve("table");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "12", "--duration-ms", "50", "--sample-ms", "5"));
        List<String> lines = Files.readAllLines(out.resolve("states.csv"));
        String[] header = lines.get(0).split(",");
        assertEquals("time_ms", header[0]);
        assertEquals(13, header.length, "time_ms and one column per neuron");
        assertEquals(1 + 11, lines.size(), "header and samples at 0, 5, ..., 50 ms");
        assertEquals(50.0, Double.parseDouble(lines.get(11).split(",")[0]), 1e3 * TIME_TOLERANCE_SECONDS);
        assertEquals("time_ms,mean_rate_all,mean_rate_excitatory,mean_rate_inhibitory",
                Files.readAllLines(out.resolve("population.csv")).get(0));
    }

    @Test
    void npyStatesMatchCsv() throws IOException {
        Path out = dir.resolve("npy");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--neurons", "6", "--duration-ms", "20", "--sample-ms", "10"));
        DMatrixRMaj states = Npy.readMatrix(out.resolve("states.npy"));
        List<String> lines = Files.readAllLines(out.resolve("states.csv"));
        assertEquals(lines.size() - 1, states.numRows, "one row per sample");
        assertEquals(6, states.numCols, "one column per neuron");
        for (int k = 0; k < states.numRows; k++) {
            String[] row = lines.get(k + 1).split(",");
            for (int i = 0; i < states.numCols; i++) {
                assertEquals(Double.parseDouble(row[i + 1]), states.get(k, i), "sample " + k + ", x_" + i);
            }
        }
    }

    @Test
    void uncoupledNeuronsDecayWithTau() throws IOException {
        Path out = dir.resolve("decay");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--network", "chain", "--weight", "0", "--neurons", "5",
                "--nonlinearity", "identity", "--duration-ms", "100", "--sample-ms", "100"));
        assertDecayedOverTau(out, RK4_DECAY_TOLERANCE);
    }

    @Test
    void skippedSpectrumIsNull() throws IOException {
        Path out = dir.resolve("nospectrum");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--network", "gaussian", "--neurons", "10", "--duration-ms", "10",
                "--skip-spectrum"));
        JsonNode summary = summary(out);
        assertTrue(summary.get("spectralRadius").isNull(), "spectralRadius " + summary.get("spectralRadius"));
        assertTrue(summary.get("spectralAbscissa").isNull(), "spectralAbscissa " + summary.get("spectralAbscissa"));
    }

    @Test
    void exactLinearDecayIsExact() throws IOException {
        Path out = dir.resolve("exact");
        assertEquals(ExitCode.SUCCESS, simulate(out, "--network", "chain", "--weight", "0", "--neurons", "3",
                "--nonlinearity", "identity", "--integrator", "exact-linear", "--dt-ms", "50",
                "--duration-ms", "100", "--sample-ms", "100"));
        assertDecayedOverTau(out, EXACT_TOLERANCE);
    }

    @Test
    void sameSeedRepeatsStates() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        String[] options = {"--neurons", "20", "--duration-ms", "40", "--noise", "0.1", "--seed", "7"};
        assertEquals(ExitCode.SUCCESS, simulate(first, options));
        assertEquals(ExitCode.SUCCESS, simulate(second, options));
        assertEquals(Files.readString(first.resolve("states.csv")), Files.readString(second.resolve("states.csv")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--neurons 0",
        "--dt-ms -1",
        "--duration-ms 0",
        "--tau-ms NaN",
        "--network hopfield",
        "--integrator leapfrog",
        "--nonlinearity sigmoid",
        "--connection-probability 1.5",
        "--gain 2",
        "--network chain --balance-rows 0",
        "--network chain --skip-spectrum",
        "--network balanced --neurons 7",
        "--radius 1 --weight-scale 2",
        "--integrator dormand-prince --noise 0.1",
        "--integrator exact-linear",
        "--nonlinearity power --power-exponent 0.5",
        "--neurons ten",
        "--no-such-option"})
    void badOptionExitsTwoWithoutOutput(String options) {
        Path out = dir.resolve("bad");
        assertEquals(ExitCode.BAD_INPUT, simulate(out, options.split(" ")), options);
        assertFalse(Files.exists(out), "no output folder for " + options);
    }

    @Test
    void badOptionPrintsOneLine() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            simulate(dir.resolve("bad"), "--connection-probability", "1.5");
        } finally {
            System.setErr(original);
        }
        String message = captured.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("--connection-probability must lie in [0.0, 1.0], found 1.5"), message);
    }

    @Test
    void divergenceExitsThreeWithSummary() throws IOException {
        Path out = dir.resolve("diverged");
        int status = simulate(out, "--network", "gaussian", "--gain", "4", "--nonlinearity", "identity",
                "--neurons", "30", "--max-abs-state", "100");
        assertEquals(ExitCode.NUMERICAL_FAILURE, status);

        JsonNode summary = summary(out);
        assertFalse(summary.get("converged").asBoolean());
        assertNotNull(summary.get("reason"), "reason");
        assertTrue(summary.get("reason").asText().contains("diverged"), summary.get("reason").asText());
        assertTrue(summary.get("finalTimeSeconds").asDouble() < 1.0, "stopped before the duration");
        assertTrue(summary.get("maxAbsState").asDouble() > 100, "maxAbsState " + summary.get("maxAbsState"));
        assertFalse(Files.exists(out.resolve("states.csv")), "no trajectory after divergence");
    }
}
