package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.neurodyn.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs {@code neurodyn solve} on the public reference cases of every kind the build solves. */
class SolveReferenceCasesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> caseFiles(String... prefixes) throws IOException {
        Path folder = SharedData.require("reference/cases");
        List<String> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.map(Path::toString).sorted().forEach(name -> {
                String fileName = Path.of(name).getFileName().toString();
                for (String prefix : prefixes) {
                    if (fileName.startsWith(prefix + "_")) {
                        files.add(name);
                    }
                }
            });
        }
        return files;
    }

    @ParameterizedTest
    @CsvSource({"lyap, parity", "lyap, stretch", "dlyap, parity", "dlyap, stretch"})
    void everyCasePasses(String kind, String level) throws IOException {
        List<String> files = caseFiles(kind);
        assertTrue(!files.isEmpty(), "the shared folder holds " + kind + " cases");

        Path report = dir.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("solve", "--tolerance", level, "--json", report.toString(),
                "--out", dir.resolve("out").toString()));
        args.addAll(files);
        int status = NeurodynCommand.execute(args.toArray(String[]::new));

        for (JsonNode result : MAPPER.readTree(report.toFile())) {
            assertTrue(result.get("pass").asBoolean(),
                    result.get("name").asText() + " fails at " + level + ": " + result.get("reason").asText());
        }
        assertEquals(ExitCode.SUCCESS, status);
    }
}
