package io.github.neurodyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.neurodyn.api.NeurodynException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code neurodyn solve}: solves Lyapunov and Riccati problems stored as JSON case files and
 * checks each solution independently.
 *
 * <p>A solution passes when its relative residual and relative forward error are within the
 * chosen tolerance level (a null bound is not checked), X is symmetric and, for
 * {@code care} and {@code dare}, stabilising. A case with {@code expect: error} passes only
 * when the solver raises {@link IllegalArgumentException} or a {@link NeurodynException}
 * subtype; {@code solution-or-error} passes on such an error or on a passing X.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve Lyapunov and Riccati problems stored as JSON case files and check each solution.")
final class SolveCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Tolerance levels of the case format. */
    enum Level {
        parity, stretch
    }

    @Parameters(arity = "1..*", paramLabel = "CASE.json", description = "Case files to solve.")
    List<Path> files;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the per-case results as a JSON list to FILE.")
    Path json;

    @Option(names = "--tolerance", paramLabel = "LEVEL", defaultValue = "parity",
            description = "Tolerance level to check: parity or stretch (default: ${DEFAULT-VALUE}).")
    Level level;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder for results.csv and summary.json (default: neurodyn-out/solve).")
    Path outFolder;

    @Override
    public Integer call() {
        List<MatrixCase> cases = new ArrayList<>();
        for (Path file : files) {
            cases.add(MatrixCase.read(file));
        }
        // Check the report's path before writing anything, so a bad --json leaves no results behind.
        if (json != null && Files.isDirectory(json)) {
            throw new IllegalArgumentException("--json must name a file, but " + json.toAbsolutePath()
                    + " is a folder");
        }
        requireReportIsNoCaseFile();
        OutputDirectory jsonFolder = json == null ? null : OutputDirectory.staged(json.toAbsolutePath().getParent());
        OutputDirectory out = OutputDirectory.staged(outFolder != null ? outFolder : Path.of("neurodyn-out", "solve"));
        try {
            return solveAndReport(cases, out, jsonFolder);
        } finally {
            out.discard();
            if (jsonFolder != null) {
                jsonFolder.discard();
            }
        }
    }

    /** Solves and checks every case, then moves the results table, the report and the summary into place together. */
    private int solveAndReport(List<MatrixCase> cases, OutputDirectory out, OutputDirectory jsonFolder) {
        long start = System.nanoTime();
        List<Map<String, Object>> results = new ArrayList<>();
        for (MatrixCase c : cases) {
            results.add(check(c, level.name()));
        }
        double seconds = (System.nanoTime() - start) * 1e-9;

        int passed = (int) results.stream().filter(r -> Boolean.TRUE.equals(r.get("pass"))).count();
        writeResults(out, results);
        if (jsonFolder != null) {
            writeJson(jsonFolder, json, results);
        }
        Summary summary = new Summary().put("cases", results.size()).put("passed", passed)
                .put("failed", results.size() - passed).put("tolerance", level.name()).put("seconds", seconds);
        summary.writeTo(out);
        out.commit();
        if (jsonFolder != null) {
            jsonFolder.commit();
        }
        printTable(results);
        System.out.printf(Locale.ROOT, "%d of %d cases pass at %s%n", passed, results.size(), level.name());
        return passed == results.size() ? ExitCode.SUCCESS : ExitCode.CHECK_FAILED;
    }

    /** Rejects a {@code --json} path that names one of the case files, which the report would overwrite. */
    private void requireReportIsNoCaseFile() {
        if (json == null || !Files.exists(json)) {
            return;
        }
        for (Path file : files) {
            try {
                if (Files.isSameFile(json, file)) {
                    throw new IllegalArgumentException("--json " + json + " is also a case file, which the report"
                            + " would overwrite; choose another report file");
                }
            } catch (IOException ex) {
                throw new IllegalArgumentException("cannot compare --json " + json + " with case file " + file
                        + ": " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * Solves one case and checks the outcome.
     *
     * @param c the case
     * @param levelName {@code parity} or {@code stretch}
     * @return the result fields in output order
     */
    static Map<String, Object> check(MatrixCase c, String levelName) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", c.name());
        result.put("kind", c.kind());
        result.put("expect", c.expect());
        result.put("outcome", null);
        result.put("exception", null);
        result.put("relResidual", null);
        result.put("relForwardError", null);
        result.put("symmetric", null);
        result.put("stabilising", null);
        result.put("pass", false);
        result.put("reason", null);

        Function<MatrixCase, DMatrixRMaj> solver = CaseSolvers.forKind(c.kind());
        if (solver == null) {
            result.put("reason", "unsupported: kind '" + c.kind() + "' is not one of " + CaseSolvers.kinds());
            return result;
        }

        DMatrixRMaj x;
        try {
            x = solver.apply(c);
        } catch (IllegalArgumentException | NeurodynException ex) {
            result.put("outcome", "error");
            result.put("exception", ex.getClass().getSimpleName());
            boolean errorAccepted = !c.expect().equals("solution");
            result.put("pass", errorAccepted);
            result.put("reason", errorAccepted ? "expected error: " + ex.getMessage()
                    : "unexpected error: " + ex.getMessage());
            return result;
        } catch (RuntimeException ex) {
            result.put("outcome", "error");
            result.put("exception", ex.getClass().getSimpleName());
            result.put("reason", "solver raised " + ex.getClass().getSimpleName()
                    + ", which is neither IllegalArgumentException nor a NeurodynException: " + ex.getMessage());
            return result;
        }

        result.put("outcome", "solution");
        if (c.expect().equals("error")) {
            result.put("reason", "expected an error, but the solver returned X");
            return result;
        }
        double residual = CaseChecks.relativeResidual(c, x);
        double forward = CaseChecks.relativeForwardError(c, x);
        boolean symmetric = CaseChecks.isSymmetric(x);
        boolean stabilising = CaseChecks.isStabilising(c, x);
        result.put("relResidual", Summary.normalise(residual));
        result.put("relForwardError", Summary.normalise(forward));
        result.put("symmetric", symmetric);
        result.put("stabilising", stabilising);

        List<String> failures = new ArrayList<>();
        MatrixCase.Bounds bounds = c.bounds(levelName);
        if (!Double.isFinite(residual)) {
            failures.add("residual is not finite");
        } else if (bounds != null && bounds.relResidual() != null && residual > bounds.relResidual()) {
            failures.add(String.format(Locale.ROOT, "relative residual %.3e exceeds %.3e", residual,
                    bounds.relResidual()));
        }
        if (bounds != null && bounds.relForwardError() != null && !(forward <= bounds.relForwardError())) {
            failures.add(String.format(Locale.ROOT, "relative forward error %.3e exceeds %.3e", forward,
                    bounds.relForwardError()));
        }
        if (!symmetric) {
            failures.add("X is not symmetric");
        }
        if (!stabilising) {
            failures.add("X is not stabilising");
        }
        result.put("pass", failures.isEmpty());
        result.put("reason", failures.isEmpty() ? null : String.join("; ", failures));
        return result;
    }

    private static void writeResults(OutputDirectory out, List<Map<String, Object>> results) {
        CsvTable table = new CsvTable(new ArrayList<>(results.get(0).keySet()));
        for (Map<String, Object> r : results) {
            table.row(r.values().toArray());
        }
        out.writeText("results.csv", table);
    }

    private static void writeJson(OutputDirectory folder, Path file, List<Map<String, Object>> results) {
        folder.writeText(file.getFileName().toString(), writer -> writer.write(
                MAPPER.writeValueAsString(results) + "\n"));
    }

    private static void printTable(List<Map<String, Object>> results) {
        System.out.printf(Locale.ROOT, "%-44s %-6s %-9s %-11s %-11s %-5s %s%n", "case", "kind", "outcome",
                "relResidual", "relFwdError", "pass", "reason");
        for (Map<String, Object> r : results) {
            System.out.printf(Locale.ROOT, "%-44s %-6s %-9s %-11s %-11s %-5s %s%n", r.get("name"), r.get("kind"),
                    r.get("outcome") == null ? "-" : r.get("outcome"), scientific(r.get("relResidual")), scientific(r.get("relForwardError")),
                    r.get("pass"), r.get("reason") == null ? "" : r.get("reason"));
        }
    }

    private static String scientific(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.2e", d) : "-";
    }
}
