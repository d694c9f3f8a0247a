package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path dir;

    private List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createdFolderWritesAtOnce() throws IOException {
        OutputDirectory out = OutputDirectory.create(dir);

        out.writeText("a.csv", writer -> writer.write("x\n"));

        assertEquals("x\n", Files.readString(dir.resolve("a.csv")));
        assertEquals(List.of(dir.resolve("a.csv")), out.written());
    }

    @Test
    void stagedFileAppearsOnlyOnCommit() throws IOException {
        OutputDirectory out = OutputDirectory.staged(dir);

        out.writeText("a.csv", writer -> writer.write("x\n"));

        assertFalse(Files.exists(dir.resolve("a.csv")), "a.csv before commit");
        out.commit();
        assertEquals(List.of("a.csv"), namesIn(dir), "files after commit");
        assertEquals("x\n", Files.readString(dir.resolve("a.csv")));
    }

    @Test
    void discardKeepsEarlierFiles() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "earlier run\n");
        OutputDirectory out = OutputDirectory.staged(dir);
        out.writeText("a.csv", writer -> writer.write("failed run\n"));
        out.writeText("b.csv", writer -> writer.write("failed run\n"));

        out.discard();
        out.commit();

        assertEquals(List.of("a.csv"), namesIn(dir), "only the earlier file, no temporary file");
        assertEquals("earlier run\n", Files.readString(dir.resolve("a.csv")));
        assertTrue(out.written().isEmpty(), "nothing moved into place");
    }

    @Test
    void stagedRewriteKeepsLastContent() throws IOException {
        OutputDirectory out = OutputDirectory.staged(dir);
        out.writeText("a.csv", writer -> writer.write("first\n"));
        out.writeText("a.csv", writer -> writer.write("second\n"));

        out.commit();

        assertEquals(List.of("a.csv"), namesIn(dir), "one file, no leftover temporary file");
        assertEquals("second\n", Files.readString(dir.resolve("a.csv")));
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        OutputDirectory out = OutputDirectory.staged(dir);

        assertThrows(UncheckedIOException.class, () -> out.writeText("a.csv", writer -> {
            writer.write("partial");
            throw new IOException("disk full");
        }));

        assertEquals(List.of(), namesIn(dir), "files after a failed write");
    }

    @Test
    void abandonDeletesLaterWrites() throws IOException {
        OutputDirectory out = OutputDirectory.staged(dir);
        out.writeText("a.csv", writer -> writer.write("before\n"));

        out.abandon();
        out.writeText("b.csv", writer -> writer.write("after\n"));
        out.commit();

        assertEquals(List.of(), namesIn(dir), "files after abandon, a later write and commit");
    }
}
