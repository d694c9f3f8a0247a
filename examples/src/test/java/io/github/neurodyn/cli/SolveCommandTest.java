package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolveCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path writeCase(String fileName, String json) throws IOException {
        Path file = dir.resolve(fileName);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void malformedJsonExitsTwoWithoutOutput() throws IOException {
        Path file = writeCase("broken.json", "{\"name\": \"x\", ");
        Path out = dir.resolve("out");
        int status = NeurodynCommand.execute("solve", file.toString(), "--out", out.toString());
        assertEquals(ExitCode.BAD_INPUT, status);
        assertFalse(Files.exists(out), "no output folder is created for bad input");
    }

    @Test
    void missingFileExitsTwo() {
        int status = NeurodynCommand.execute("solve", dir.resolve("absent.json").toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(ExitCode.BAD_INPUT, status);
    }

    @Test
    void missingMatrixExitsTwo() throws IOException {
        Path file = writeCase("noq.json", "{\"name\": \"noq\", \"kind\": \"lyap\", \"expect\": \"solution\","
                + " \"A\": [[-1.0]]}");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("solve", file.toString(), "--out",
                dir.resolve("out").toString()));
    }

    @Test
    void raggedMatrixExitsTwo() throws IOException {
        Path file = writeCase("ragged.json", "{\"name\": \"r\", \"kind\": \"lyap\", \"expect\": \"solution\","
                + " \"A\": [[-1.0, 0.0], [1.0]], \"Q\": [[1.0, 0.0], [0.0, 1.0]]}");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("solve", file.toString(), "--out",
                dir.resolve("out").toString()));
    }

    @Test
    void unknownKindFailsAsUnsupported() throws IOException {
        Path file = writeCase("future.json", "{\"name\": \"future\", \"kind\": \"sylvester4d\","
                + " \"expect\": \"solution\", \"A\": [[-1.0]], \"Q\": [[1.0]]}");
        Path report = dir.resolve("report.json");
        int status = NeurodynCommand.execute("solve", file.toString(), "--json", report.toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(ExitCode.CHECK_FAILED, status);
        JsonNode first = MAPPER.readTree(report.toFile()).get(0);
        assertTrue(first.get("reason").asText().startsWith("unsupported: kind "), first.get("reason").asText());
        assertTrue(first.get("reason").asText().endsWith("care, dare, dlyap, lyap"), first.get("reason").asText());
        assertFalse(first.get("pass").asBoolean());
    }

    @Test
    void jsonReportHasContractFields() throws IOException {
        Path file = writeCase("future.json", "{\"name\": \"future\", \"kind\": \"sylvester4d\","
                + " \"expect\": \"solution\", \"A\": [[-1.0]], \"Q\": [[1.0]]}");
        Path report = dir.resolve("sub").resolve("report.json");
        NeurodynCommand.execute("solve", file.toString(), "--json", report.toString(), "--out",
                dir.resolve("out").toString());
        JsonNode first = MAPPER.readTree(report.toFile()).get(0);
        for (String field : new String[] {"name", "kind", "expect", "outcome", "exception", "relResidual",
            "relForwardError", "symmetric", "stabilising", "pass", "reason"}) {
            assertTrue(first.has(field), "field " + field + " present");
        }
    }

    @Test
    void unknownToleranceLevelExitsTwo() throws IOException {
        Path file = writeCase("future.json", "{\"name\": \"f\", \"kind\": \"lyap\", \"expect\": \"solution\","
                + " \"A\": [[-1.0]], \"Q\": [[1.0]]}");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("solve", file.toString(), "--tolerance", "loose",
                "--out", dir.resolve("out").toString()));
    }

    @Test
    void outputLeavesNoTemporaryFiles() throws IOException {
        Path file = writeCase("future.json", "{\"name\": \"f\", \"kind\": \"other\", \"expect\": \"solution\","
                + " \"A\": [[-1.0]], \"Q\": [[1.0]]}");
        Path out = dir.resolve("out");
        NeurodynCommand.execute("solve", file.toString(), "--out", out.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void missingSubcommandExitsTwo() {
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute());
    }
}
