package io.github.neurodyn.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * One matrix-equation problem read from a JSON case file.
 *
 * <p>The file holds {@code name}, {@code kind} ({@code lyap}, {@code dlyap}, {@code care} or
 * {@code dare}), {@code expect} ({@code solution}, {@code error} or
 * {@code solution-or-error}), the matrices {@code A}, {@code Q} and, by kind, {@code B},
 * {@code R}, {@code S}, {@code E} as row-major lists of lists, an optional reference
 * solution {@code X}, and optional {@code tolerance.parity} and {@code tolerance.stretch}
 * objects with {@code rel_residual} and {@code rel_forward_error} bounds (null means
 * unchecked).
 *
 * @param file the file it was read from
 * @param name case name
 * @param kind equation kind
 * @param expect expected outcome
 * @param a A
 * @param b B, null when absent
 * @param q Q
 * @param r R, null when absent
 * @param s S, null when absent (zero)
 * @param e E, null when absent (identity)
 * @param x reference solution, null when absent
 * @param parity bounds at the parity level, null when absent
 * @param stretch bounds at the stretch level, null when absent
 */
public record MatrixCase(Path file, String name, String kind, String expect, DMatrixRMaj a, DMatrixRMaj b,
        DMatrixRMaj q, DMatrixRMaj r, DMatrixRMaj s, DMatrixRMaj e, DMatrixRMaj x,
        Bounds parity, Bounds stretch) {

    /**
     * Bounds on the relative residual and the relative forward error; null is unchecked.
     *
     * @param relResidual bound on the relative residual
     * @param relForwardError bound on ||X - X_ref||_F / ||X_ref||_F
     */
    public record Bounds(Double relResidual, Double relForwardError) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parser factory that reads NaN and Infinity as numbers, only so that they can be reported. */
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Set<String> EXPECTATIONS = Set.of("solution", "error", "solution-or-error");

    /**
     * Reads and checks a case file.
     *
     * @param file the JSON file
     * @return the case
     * @throws IllegalArgumentException when the file is missing, is not JSON, or lacks a
     *     required field; the message names the file and the field
     */
    public static MatrixCase read(Path file) {
        JsonNode root;
        try {
            String content = Files.readString(file);
            requireFiniteNumbers(content, file);
            root = MAPPER.readTree(content);
        } catch (NoSuchFileException ex) {
            throw new IllegalArgumentException("case file " + file + " not found", ex);
        } catch (JsonProcessingException ex) {
            // Jackson quotes a start marker as "[Source: REDACTED (...); line: 1, column: 1]"; keep the position only.
            String problem = ex.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
            throw new IllegalArgumentException("case file " + file + " is not valid JSON: "
                    + problem + " at line " + ex.getLocation().getLineNr(), ex);
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot read case file " + file + ": " + ex.getMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("case file " + file + " must hold a JSON object");
        }
        String name = text(root, "name", file);
        String kind = text(root, "kind", file);
        String expect = text(root, "expect", file);
        if (!EXPECTATIONS.contains(expect)) {
            throw new IllegalArgumentException("case file " + file + ": expect must be one of " + EXPECTATIONS
                    + ", found '" + expect + "'");
        }
        DMatrixRMaj a = matrix(root, "A", file, true);
        DMatrixRMaj q = matrix(root, "Q", file, true);
        JsonNode tolerance = root.path("tolerance");
        return new MatrixCase(file, name, kind, expect, a, matrix(root, "B", file, false), q,
                matrix(root, "R", file, false), matrix(root, "S", file, false), matrix(root, "E", file, false),
                matrix(root, "X", file, false), bounds(tolerance.path("parity"), file, "tolerance.parity"),
                bounds(tolerance.path("stretch"), file, "tolerance.stretch"));
    }

    /**
     * Rejects NaN, Infinity and numbers that overflow to infinity (such as 1e999), naming the
     * line. Python's json.dump writes NaN and Infinity as bare words, which strict JSON lacks.
     */
    private static void requireFiniteNumbers(String content, Path file) throws IOException {
        try (JsonParser parser = LENIENT.createParser(content)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    if (!Double.isFinite(parser.getValueAsDouble())) {
                        throw new IllegalArgumentException("case file " + file + ": non-finite number at line "
                                + parser.currentTokenLocation().getLineNr() + "; the case format needs finite numbers");
                    }
                }
            }
        }
    }

    /**
     * Returns the bounds of a tolerance level.
     *
     * @param level {@code parity} or {@code stretch}
     * @return the bounds, or null when the case has none
     */
    public Bounds bounds(String level) {
        return level.equals("stretch") ? stretch : parity;
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("case file " + file + ": missing string field '" + field + "'");
        }
        return node.asText();
    }

    private static Bounds bounds(JsonNode node, Path file, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("case file " + file + ": " + where + " must be an object");
        }
        return new Bounds(number(node.get("rel_residual"), file, where + ".rel_residual"),
                number(node.get("rel_forward_error"), file, where + ".rel_forward_error"));
    }

    private static Double number(JsonNode node, Path file, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("case file " + file + ": " + where + " must be a number or null");
        }
        return node.asDouble();
    }

    private static DMatrixRMaj matrix(JsonNode root, String field, Path file, boolean required) {
        JsonNode rows = root.get(field);
        if (rows == null || rows.isNull()) {
            if (required) {
                throw new IllegalArgumentException("case file " + file + ": missing matrix '" + field + "'");
            }
            return null;
        }
        if (!rows.isArray()) {
            throw new IllegalArgumentException("case file " + file + ": " + field + " must be a list of rows");
        }
        int m = rows.size();
        int n = m == 0 ? 0 : rows.get(0).size();
        DMatrixRMaj result = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.size() != n) {
                throw new IllegalArgumentException("case file " + file + ": " + field + " row " + i
                        + " has " + row.size() + " entries, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                JsonNode entry = row.get(j);
                if (!entry.isNumber()) {
                    throw new IllegalArgumentException("case file " + file + ": " + field + "[" + i + "][" + j
                            + "] is not a number: " + entry);
                }
                result.set(i, j, entry.asDouble());
            }
        }
        return result;
    }
}
