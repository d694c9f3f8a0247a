package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input to the command line: unwritable output folders, malformed case files and
 * out-of-range options. Each must exit with status 2 after a one-line message and leave no
 * output file behind. Rejected matrices in a well-formed case exit 1, and a diverged
 * simulation exits 3 with only its summary.
 */
class HostileInputTest {

    /** A valid, tiny lyap case, so that only the hostile part of each call can fail. */
    private static final String VALID_CASE = "{\"name\": \"tiny\", \"kind\": \"lyap\", \"expect\": \"solution\","
            + " \"A\": [[-1.0]], \"Q\": [[2.0]]}";

    @TempDir
    Path dir;

    /** Result of one command-line call: the exit status and what it printed on standard error. */
    private record Run(int status, String error) {
    }

    private static Run execute(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = NeurodynCommand.execute(args);
        } finally {
            System.setErr(original);
        }
        return new Run(status, captured.toString(StandardCharsets.UTF_8).strip());
    }

    private static void assertBadInput(Run run, String label) {
        assertEquals(ExitCode.BAD_INPUT, run.status(), label + ": exit status; stderr: " + run.error());
        assertEquals(1, run.error().lines().count(), label + ": one-line message expected, found: " + run.error());
        assertFalse(run.error().contains("Exception"), label + ": message shows an exception: " + run.error());
    }

    private Path regularFile() throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "not a folder");
        return file;
    }

    private Path validCase() throws IOException {
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, VALID_CASE);
        return file;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void simulateIntoPathUnderFileExitsTwo() throws IOException {
        Path out = regularFile().resolve("out");

        Run run = execute("simulate", "--neurons", "4", "--duration-ms", "2", "--out", out.toString());

        assertBadInput(run, "simulate --out under a file");
        assertEquals("not a folder", Files.readString(dir.resolve("plain-file")), "the file is left alone");
    }

    @Test
    void solveIntoPathUnderFileExitsTwo() throws IOException {
        Path out = regularFile().resolve("out");

        Run run = execute("solve", validCase().toString(), "--out", out.toString());

        assertBadInput(run, "solve --out under a file");
    }

    @Test
    void solveReportUnderFileExitsTwo() throws IOException {
        Path report = regularFile().resolve("report.json");
        Path out = dir.resolve("out");

        Run run = execute("solve", validCase().toString(), "--json", report.toString(), "--out", out.toString());

        assertBadInput(run, "solve --json under a file");
        assertTrue(filesUnder(out).isEmpty(), "no partial output: " + filesUnder(out));
    }

    @Test
    void solveReportOverCaseFileExitsTwo() throws IOException {
        Path caseFile = validCase();

        Run run = execute("solve", caseFile.toString(), "--json", caseFile.toString(),
                "--out", dir.resolve("out").toString());

        assertBadInput(run, "solve --json naming the case file");
        assertEquals(VALID_CASE, Files.readString(caseFile), "the case file is left alone");
        assertTrue(filesUnder(dir.resolve("out")).isEmpty(), "no partial output: " + filesUnder(dir.resolve("out")));
    }

    @Test
    void singleBinRecordingExitsTwo() throws IOException {
        Path recording = dir.resolve("one-bin.csv");
        Files.writeString(recording, "condition,time_ms,n0,n1\na,0,1.0,2.0\nb,0,3.0,1.0\n");

        Run run = execute("jpca", "--data", recording.toString(), "--pcs", "2", "--out", dir.resolve("out").toString());

        assertBadInput(run, "jpca of a single time bin");
        assertTrue(run.error().endsWith("the recording has 1 time bins (0.0..0.0 ms); expected at least 2"),
                "message: " + run.error());
    }

    @Test
    void simulateIntoExistingFileExitsTwo() throws IOException {
        Path out = regularFile();

        Run run = execute("simulate", "--neurons", "4", "--duration-ms", "2", "--out", out.toString());

        assertBadInput(run, "simulate --out naming a file");
        assertTrue(run.error().contains("is a file, expected a folder"), "message: " + run.error());
    }

    @Test
    void simulateIntoPathUnderFileGivesReason() throws IOException {
        Path out = regularFile().resolve("out");

        Run run = execute("simulate", "--neurons", "4", "--duration-ms", "2", "--out", out.toString());

        assertTrue(run.error().matches(".*cannot create output folder \\S+: \\S.*"), "reason missing: " + run.error());
    }

    @Test
    void emptyOutFolderExitsTwo() throws IOException {
        Run run = execute("simulate", "--neurons", "4", "--duration-ms", "2", "--out", "");

        assertBadInput(run, "simulate --out empty");
        assertTrue(run.error().contains("--out is empty"), "message: " + run.error());
    }

    @Test
    void unknownSubcommandIsNamed() {
        Run run = execute("simulat");

        assertBadInput(run, "unknown subcommand");
        assertEquals("neurodyn: unknown subcommand 'simulat'; see 'neurodyn --help'", run.error());
    }

    @Test
    void missingSubcommandIsNamedOnce() {
        Run run = execute();

        assertBadInput(run, "missing subcommand");
        assertEquals("neurodyn: missing subcommand; see 'neurodyn --help'", run.error());
    }

    @Test
    void parseErrorNamesSubcommand() {
        Run run = execute("simulate", "--no-such-option");

        assertBadInput(run, "unknown option");
        assertTrue(run.error().startsWith("neurodyn simulate: "), "prefix missing: " + run.error());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "simulate --connection-probability 2 | --connection-probability must",
        "simulate --excitatory-fraction -0.5 | --excitatory-fraction must",
        "simulate --neurons 0 | --neurons must",
        "simulate --nonlinearity power --power-exponent 0.5 | --power-exponent must be a finite number of at least 1",
        "simulate --nonlinearity power --power-gain 0 | --power-gain must",
        "simulate --nonlinearity tanh --power-gain 2 | --power-gain applies only to --nonlinearity power",
        "simulate --power-exponent 3 | --power-exponent applies only to --nonlinearity power",
        "simulate --log-normal-sigma 30 | --log-normal-sigma must be at most 26.64, where exp(sigma^2) overflows",
        "simulate --neurons 46341 | --neurons must be at most 46340",
        "soc --neurons 100000 | --neurons must be at most 46340",
        "isp --neurons 100000 | --neurons must be at most 46340",
        "movement --neurons 100000 | --neurons must be at most 46340",
        "jpca --model --neurons 100000 | --neurons must be at most 46340",
        "jpca --model --pcs 3 | --pcs must be an even number",
        "jpca --model --soften -1 | --soften must",
        "prepare --neurons 100000 | --neurons must be at most 46340",
        "prepare --prep-times-ms 0,5000 | --prep-times-ms must be in [0, 2000.0] ms, found 5000.0",
        "gpfa --data missing.csv --latents 0 | --latents must be at least 1",
        "gpfa --data missing.csv --iterations 0 | --iterations must be at least 1",
        "gpfa --data missing.csv --bin-ms 5 | --bin-ms applies only to NPY files",
        "gpfa --data missing.npy --bin-ms 0 | --bin-ms must be positive",
        "gpfa --data missing.csv | failed to read missing.csv: file not found",
    })
    void optionErrorNamesOption(String command, String expected) throws IOException {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--out", dir.resolve("out").toString()));

        Run run = execute(args.toArray(String[]::new));

        assertBadInput(run, command);
        assertTrue(run.error().startsWith("neurodyn " + args.get(0) + ": " + expected), command + ": " + run.error());
        assertTrue(filesUnder(dir.resolve("out")).isEmpty(), command + ": no output expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e999"})
    void nonFiniteNumberNamesLine(String entry) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\",\n"
                + "\"A\": [[" + entry + "]], \"Q\": [[1.0]]}");

        Run run = execute("solve", file.toString(), "--out", dir.resolve("out").toString());

        assertBadInput(run, entry);
        assertTrue(run.error().endsWith("non-finite number at line 2; the case format needs finite numbers"),
                entry + ": " + run.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "[]",
        "[1, 2, 3]",
        "\"lyap\"",
        "{}",
        "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\", \"A\": \"minus one\", \"Q\": [[1.0]]}",
        "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\", \"A\": [[\"a\"]], \"Q\": [[1.0]]}",
        "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\", \"A\": [[NaN]], \"Q\": [[1.0]]}",
        "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"maybe\", \"A\": [[-1.0]], \"Q\": [[1.0]]}",
        "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\", \"A\": [[-1.0]], \"Q\": [[1.0]]",
    })
    void malformedCaseFileExitsTwo(String json) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, json);
        Path out = dir.resolve("out");
        Path report = dir.resolve("report.json");

        Run run = execute("solve", file.toString(), "--json", report.toString(), "--out", out.toString());

        assertBadInput(run, "case " + json);
        assertTrue(filesUnder(out).isEmpty(), "no partial output for " + json + ": " + filesUnder(out));
        assertFalse(Files.exists(report), "no report for " + json);
    }

    @Test
    void truncatedCaseFileNamesPosition() throws IOException {
        Path file = dir.resolve("truncated.json");
        Files.writeString(file, "{\"name\": \"x\", \"kind\": \"lyap\"");

        Run run = execute("solve", file.toString(), "--out", dir.resolve("out").toString());

        assertBadInput(run, "truncated case");
        assertTrue(run.error().contains("(start marker at [line: 1, column: 1])"), run.error());
        assertFalse(run.error().contains("Source"), run.error());
    }

    /**
     * Well-formed files whose matrices a solver rejects are cases, not malformed files, because the
     * case format uses such inputs with {@code expect: error}. With {@code expect: solution}
     * the case fails (exit 1) and the report names the exception.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "\"A\": [[-1.0]], \"Q\": [[1.0, 2.0]]",
        "\"A\": [[-1.0, 0.0]], \"Q\": [[1.0]]",
        "\"A\": [], \"Q\": [[1.0]]",
    })
    void rejectedMatricesFailTheCase(String matrices) throws IOException {
        Path file = dir.resolve("case.json");
        Files.writeString(file, "{\"name\": \"x\", \"kind\": \"lyap\", \"expect\": \"solution\", " + matrices + "}");
        Path report = dir.resolve("report.json");

        Run run = execute("solve", file.toString(), "--json", report.toString(), "--out", dir.resolve("out").toString());

        assertEquals(ExitCode.CHECK_FAILED, run.status(), matrices + ": exit status; stderr: " + run.error());
        JsonNode result = new ObjectMapper().readTree(report.toFile()).get(0);
        assertEquals("error", result.get("outcome").asText(), matrices);
        assertEquals("IllegalArgumentException", result.get("exception").asText(), matrices);
        assertFalse(result.get("pass").asBoolean(), matrices);
    }

    @Test
    void binaryCaseFileExitsTwo() throws IOException {
        Path file = dir.resolve("binary.json");
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 0, 0, (byte) 0xff, (byte) 0xfe});

        Run run = execute("solve", file.toString(), "--out", dir.resolve("out").toString());

        assertBadInput(run, "binary case file");
    }

    @Test
    void folderAsCaseFileExitsTwo() {
        Run run = execute("solve", dir.toString(), "--out", dir.resolve("out").toString());

        assertBadInput(run, "folder as case file");
    }

    @Test
    void missingCaseAmongValidOnesExitsTwo() throws IOException {
        Path out = dir.resolve("out");

        Run run = execute("solve", validCase().toString(), dir.resolve("absent.json").toString(),
                "--out", out.toString());

        assertBadInput(run, "one missing case file");
        assertTrue(filesUnder(out).isEmpty(), "no partial output: " + filesUnder(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--dt-ms 0",
        "--dt-ms 1e-300",
        "--dt-ms NaN",
        "--dt-ms Infinity",
        "--duration-ms -5",
        "--duration-ms Infinity",
        "--sample-ms 0",
        "--sample-ms -1",
        "--tau-ms 0",
        "--tau-ms -150",
        "--max-abs-state 0",
        "--max-abs-state NaN",
        "--neurons -3",
        "--noise -0.1",
        "--noise NaN",
        "--noise 0.1 --noise-tau-ms 0",
        "--initial-std -1",
        "--initial-std Infinity",
        "--bias NaN",
        "--plot-neurons -1",
        "--excitatory-fraction 1.5",
        "--connection-probability -0.1",
        "--inhibition-dominance -1",
        "--seed seven",
        "--dt-ms",
    })
    void outOfRangeOptionExitsTwo(String options) throws IOException {
        Path out = dir.resolve("bad");
        List<String> args = new ArrayList<>(List.of("simulate", "--neurons", "4", "--duration-ms", "2",
                "--out", out.toString()));
        args.addAll(List.of(options.split(" ")));

        Run run = execute(args.toArray(String[]::new));

        assertBadInput(run, options);
        assertTrue(filesUnder(out).isEmpty(), "no partial output for " + options + ": " + filesUnder(out));
    }

    @Test
    void divergenceLeavesOnlySummary() throws IOException {
        Path out = dir.resolve("diverged");

        Run run = execute("simulate", "--network", "gaussian", "--gain", "4", "--nonlinearity", "identity",
                "--neurons", "20", "--duration-ms", "500", "--max-abs-state", "50", "--out", out.toString());

        assertEquals(ExitCode.NUMERICAL_FAILURE, run.status(), "stderr: " + run.error());
        assertEquals(1, run.error().lines().count(), "one-line message expected, found: " + run.error());
        List<String> names = filesUnder(out).stream().map(path -> path.getFileName().toString()).toList();
        assertEquals(List.of("summary.json"), names, "only the summary after divergence");
    }

    /** A diverged run used to leave the previous run's trajectory beside its own summary. */
    @Test
    void divergenceRemovesStaleResults() throws IOException {
        Path out = dir.resolve("reused");
        Run first = execute("simulate", "--neurons", "6", "--duration-ms", "5", "--out", out.toString());
        assertEquals(ExitCode.SUCCESS, first.status(), "first run; stderr: " + first.error());

        Run second = execute("simulate", "--network", "gaussian", "--gain", "4", "--nonlinearity", "identity",
                "--neurons", "20", "--duration-ms", "500", "--max-abs-state", "50", "--out", out.toString());

        assertEquals(ExitCode.NUMERICAL_FAILURE, second.status(), "stderr: " + second.error());
        List<String> names = filesUnder(out).stream().map(path -> path.getFileName().toString()).toList();
        assertEquals(List.of("summary.json"), names, "only the summary of the failed run");
    }
}
