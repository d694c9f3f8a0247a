package io.github.neurodyn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;

/**
 * One matrix-equation reference case: the matrices, the stored solution and the
 * tolerances a solver must reach.
 *
 * <p>Kinds and equations (E = I and S = 0 when absent):
 * <ul>
 *   <li>{@code lyap}: A X E^T + E X A^T + Q = 0</li>
 *   <li>{@code dlyap}: A X A^T - E X E^T + Q = 0</li>
 *   <li>{@code care}: A^T X E + E^T X A - (E^T X B + S) R^-1 (B^T X E + S^T) + Q = 0, X stabilising</li>
 *   <li>{@code dare}: A^T X A - E^T X E - (A^T X B + S)(R + B^T X B)^-1 (B^T X A + S^T) + Q = 0,
 *       X stabilising</li>
 * </ul>
 *
 * @param name case name
 * @param kind {@code lyap}, {@code dlyap}, {@code care} or {@code dare}
 * @param expect {@code solution}, {@code error} or {@code solution-or-error}
 * @param a matrix A
 * @param b matrix B, null when absent
 * @param q matrix Q
 * @param r matrix R, null when absent
 * @param s cross term S, null when absent
 * @param e matrix E, null when absent
 * @param x stored solution, null when an error is expected
 * @param parity tolerances at the {@code parity} level, null when an error is expected
 * @param stretch tolerances at the {@code stretch} level, null when an error is expected
 */
public record ReferenceCase(String name, String kind, String expect, DMatrixRMaj a, DMatrixRMaj b,
        DMatrixRMaj q, DMatrixRMaj r, DMatrixRMaj s, DMatrixRMaj e, DMatrixRMaj x,
        Tolerance parity, Tolerance stretch) {

    /**
     * Bounds that a computed solution must meet; a null bound is not checked.
     *
     * @param relativeResidual bound on the relative residual, null when unchecked
     * @param relativeForwardError bound on ||X - X_ref||_F / ||X_ref||_F, null when unchecked
     */
    public record Tolerance(Double relativeResidual, Double relativeForwardError) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads every case of the given kind from the shared reference folder, skipping the
     * calling test when the shared data is absent.
     *
     * @param kind case kind, for example {@code "lyap"}
     * @return the cases sorted by file name
     */
    public static List<ReferenceCase> all(String kind) {
        Path folder = SharedData.require("reference/cases");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(ReferenceCase::read)
                    .filter(c -> c.kind().equals(kind))
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads one case file.
     *
     * @param file the JSON file
     * @return the case
     */
    public static ReferenceCase read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            JsonNode tolerance = root.path("tolerance");
            return new ReferenceCase(root.get("name").asText(), root.get("kind").asText(),
                    root.get("expect").asText(), matrix(root, "A"), matrix(root, "B"), matrix(root, "Q"),
                    matrix(root, "R"), matrix(root, "S"), matrix(root, "E"), matrix(root, "X"),
                    tolerance(tolerance.path("parity")), tolerance(tolerance.path("stretch")));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read reference case " + file, ex);
        }
    }

    /** @return true when the case expects the solver to raise an error */
    public boolean expectsError() {
        return expect.equals("error");
    }

    @Override
    public String toString() {
        return name;
    }

    private static Tolerance tolerance(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new Tolerance(number(node.get("rel_residual")), number(node.get("rel_forward_error")));
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static DMatrixRMaj matrix(JsonNode root, String field) {
        JsonNode rows = root.get(field);
        if (rows == null || rows.isNull()) {
            return null;
        }
        int m = rows.size();
        int n = m == 0 ? 0 : rows.get(0).size();
        DMatrixRMaj result = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            JsonNode row = rows.get(i);
            if (row.size() != n) {
                throw new IllegalArgumentException(field + " row " + i + " has " + row.size()
                        + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                result.set(i, j, row.get(j).asDouble());
            }
        }
        return result;
    }
}
