package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordingCsvTest {

    private static final String HEADER = "condition,time_ms,a,b\n";

    private static Recording parse(String text) {
        return RecordingCsv.read(new StringReader(text), "rates.csv");
    }

    @Test
    void readsTableInAnyRowOrder() {
        Recording r = parse(HEADER
                + "left,10,3,4\n"
                + "left,0,1,2\n"
                + "\n"
                + "right,0,5,6\n"
                + "right,10,7,8.5e-1\n");
        assertEquals(List.of("left", "right"), r.conditions());
        assertEquals(List.of("a", "b"), r.neuronNames());
        assertArrayEquals(new double[] {0, 10}, r.timesMs());
        assertEquals(1, r.rate(0, 0, 0));
        assertEquals(4, r.rate(0, 1, 1));
        assertEquals(0.85, r.rate(1, 1, 1));
    }

    @Test
    void acceptsByteOrderMarkAndCrLf() {
        Recording r = parse("\uFEFFcondition,time_ms,a\r\nc1,0,1\r\nc1,5,2\r\n");
        assertEquals(1, r.neuronCount());
        assertEquals(2, r.timeBinCount());
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        Recording original = Recording.of(List.of("c1", "c2"), List.of("n1", "n2", "n3"), new double[] {-50, -40},
                new double[][][] {{{0.1, -2e-17, 3}, {4, 5, 6}}, {{Math.PI, 8, 9}, {10, 11, 1.0 / 3}}});
        StringWriter text = new StringWriter();
        RecordingCsv.write(original, text);
        Recording copy = parse(text.toString());
        assertEquals(original.conditions(), copy.conditions());
        assertEquals(original.neuronNames(), copy.neuronNames());
        assertArrayEquals(original.timesMs(), copy.timesMs());
        assertArrayEquals(original.stacked().data, copy.stacked().data);
    }

    @Test
    void readsFileAndNamesItInErrors(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("broken.csv");
        Files.writeString(file, HEADER + "c1,0,1\n");
        MalformedDataException error = assertThrows(MalformedDataException.class, () -> RecordingCsv.read(file));
        assertEquals("broken.csv", error.source());
        assertTrue(error.getMessage().startsWith("broken.csv line 2, column 4"), error.getMessage());
    }

    @Test
    void missingFileIsUncheckedIoError(@TempDir Path folder) {
        assertThrows(UncheckedIOException.class, () -> RecordingCsv.read(folder.resolve("absent.csv")));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty file", "", 1, MalformedDataException.NONE, "empty"),
                Arguments.of("header missing", "c1,0,1,2\n", 1, 1, "expected 'condition'"),
                Arguments.of("time column misnamed", "condition,time,a\nc1,0,1\n", 1, 2, "expected 'time_ms'"),
                Arguments.of("no neuron column", "condition,time_ms\nc1,0\n", 1, 3, "no neuron column"),
                Arguments.of("empty neuron name", "condition,time_ms,a,,b\n", 1, 4, "empty"),
                Arguments.of("repeated neuron name", "condition,time_ms,a,a\n", 1, 4, "appears twice"),
                Arguments.of("header only", HEADER, 1, MalformedDataException.NONE, "any data row"),
                Arguments.of("short row", HEADER + "c1,0,1,2\nc1,10,1\n", 3, 4, "has 3 fields, expected 4"),
                Arguments.of("long row", HEADER + "c1,0,1,2,3\n", 2, 5, "has 5 fields, expected 4"),
                Arguments.of("empty label", HEADER + ",0,1,2\n", 2, 1, "label is empty"),
                Arguments.of("time not a number", HEADER + "c1,soon,1,2\n", 2, 2, "'soon', which is not a number"),
                Arguments.of("rate not a number", HEADER + "c1,0,1,x2\n", 2, 4, "b is 'x2'"),
                Arguments.of("empty rate", HEADER + "c1,0,,2\n", 2, 3, "a is ''"),
                Arguments.of("NaN rate", HEADER + "c1,0,NaN,2\n", 2, 3, "finite"),
                Arguments.of("infinite time", HEADER + "c1,Infinity,1,2\n", 2, 2, "finite"),
                Arguments.of("quoted field", HEADER + "\"c,1\",0,1,2\n", 2, 1, "quoted"),
                Arguments.of("duplicate row", HEADER + "c1,0,1,2\nc1,10,1,2\nc1,0,3,4\n", 4, 2,
                        "already given at line 2"),
                Arguments.of("extra time bin", HEADER + "c1,0,1,2\nc2,0,1,2\nc2,10,1,2\n", 4, 2,
                        "time_ms 10.0, but condition 'c1' has no such bin"),
                Arguments.of("missing time bin", HEADER + "c1,0,1,2\nc1,10,1,2\nc2,10,1,2\n", 4, 2,
                        "no row for time_ms 0.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputNamesLineAndColumn(String description, String text, int line, int column, String fragment) {
        MalformedDataException error = assertThrows(MalformedDataException.class, () -> parse(text));
        assertEquals(line, error.line(), error.getMessage());
        assertEquals(column, error.column(), error.getMessage());
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
        assertTrue(error.getMessage().startsWith("rates.csv line " + line), error.getMessage());
    }

    @Test
    void writeRejectsLabelWithComma() {
        Recording r = Recording.of(List.of("a,b"), new double[] {0}, new double[][][] {{{1}}});
        assertThrows(IllegalArgumentException.class, () -> RecordingCsv.write(r, new StringWriter()));
    }
}
