package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.MalformedDataException;
import io.github.neurodyn.analysis.Recording;
import io.github.neurodyn.io.Npy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpfaDataFilesTest {

    @TempDir
    Path folder;

    @Test
    void csvReadsTimesNamesAndCounts() {
        String text = "time_ms,a,b\n0,1,0\n\n20,3,2\n40,0,5\n";
        GpfaData data = GpfaDataFiles.readCsv(new StringReader(text), "rec.csv", NoiseModel.POISSON);
        assertEquals(List.of("a", "b"), data.neuronNames());
        assertEquals(1, data.segmentCount());
        assertArrayEquals(new double[] {0, 20, 40}, data.timesMs(0));
        assertEquals(5.0, data.activity(0).get(2, 1));
    }

    /** Each malformed CSV names its line and column (0 when the whole line or file is wrong). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong first column   | t,a\\n0,1            | GAUSSIAN | 1 | 1",
        "no neuron column     | time_ms\\n0          | GAUSSIAN | 1 | 0",
        "repeated neuron      | time_ms,a,a\\n0,1,1  | GAUSSIAN | 1 | 3",
        "ragged row           | time_ms,a,b\\n0,1    | GAUSSIAN | 2 | 0",
        "not a number         | time_ms,a\\n0,x      | GAUSSIAN | 2 | 2",
        "not finite           | time_ms,a\\n0,NaN    | GAUSSIAN | 2 | 2",
        "java suffix          | time_ms,a\\n0,2d     | GAUSSIAN | 2 | 2",
        "time not increasing  | time_ms,a\\n5,1\\n5,2 | GAUSSIAN | 3 | 1",
        "negative count       | time_ms,a\\n0,-1     | POISSON  | 2 | 2",
        "fractional count     | time_ms,a,b\\n0,1,0.5 | POISSON | 2 | 3",
        "header only          | time_ms,a          | GAUSSIAN | 0 | 0",
        "empty                | ''                 | GAUSSIAN | 0 | 0",
    })
    void malformedCsvNamesLineAndColumn(String label, String text, NoiseModel noise, int line, int column) {
        String content = text.replace("\\n", "\n");
        MalformedDataException error = assertThrows(MalformedDataException.class,
                () -> GpfaDataFiles.readCsv(new StringReader(content), "rec.csv", noise));
        assertEquals(line, error.line(), error.getMessage());
        assertEquals(column, error.column(), error.getMessage());
        assertTrue(error.getMessage().startsWith("rec.csv"), error.getMessage());
    }

    @Test
    void gaussianAcceptsNegativeRates() {
        GpfaData data = GpfaDataFiles.readCsv(new StringReader("time_ms,a\n0,-1.5\n"), "rec.csv", NoiseModel.GAUSSIAN);
        assertEquals(-1.5, data.activity(0).get(0, 0));
    }

    @Test
    void npyRoundTripsWithBinWidth() throws IOException {
        DMatrixRMaj counts = new DMatrixRMaj(new double[][] {{1, 2}, {0, 3}, {4, 0}});
        Path file = folder.resolve("counts.npy");
        Npy.write(file, counts);
        GpfaData data = GpfaDataFiles.readNpy(file, 10, NoiseModel.POISSON);
        assertArrayEquals(new double[] {0, 10, 20}, data.timesMs(0));
        assertEquals(List.of("n1", "n2"), data.neuronNames());
        assertEquals(3.0, data.activity(0).get(1, 1));
    }

    @Test
    void npyNegativeCountNamesRowAndColumn() throws IOException {
        Path file = folder.resolve("bad.npy");
        Npy.write(file, new DMatrixRMaj(new double[][] {{1, 2}, {0, -3}}));
        MalformedDataException error = assertThrows(MalformedDataException.class,
                () -> GpfaDataFiles.readNpy(file, 10, NoiseModel.POISSON));
        assertEquals(2, error.line());
        assertEquals(2, error.column());
    }

    @Test
    void npyMessageGivesArrayIndex() throws IOException {
        Path file = folder.resolve("index.npy");
        Npy.write(file, new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}));
        MalformedDataException error = assertThrows(MalformedDataException.class,
                () -> GpfaDataFiles.readNpy(file, 10, NoiseModel.GAUSSIAN));
        assertTrue(error.getMessage().contains("at array index [1, 1]"), error.getMessage());
    }

    @Test
    void npyNanIsRejected() throws IOException {
        Path file = folder.resolve("nan.npy");
        Npy.write(file, new DMatrixRMaj(new double[][] {{1, Double.NaN}}));
        MalformedDataException error = assertThrows(MalformedDataException.class,
                () -> GpfaDataFiles.readNpy(file, 10, NoiseModel.GAUSSIAN));
        assertEquals(2, error.column());
    }

    @Test
    void recordingBecomesOneSegmentPerCondition() {
        double[][][] rates = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, {{0, 1}, {1, 0}}};
        Recording recording = Recording.of(List.of("left", "right", "up"), new double[] {0, 10}, rates);
        GpfaData data = GpfaData.fromRecording(recording);
        assertEquals(3, data.segmentCount());
        assertEquals(6, data.timeBinCount());
        assertEquals(7.0, data.activity(1).get(1, 0));
    }

    @Test
    void requireCountsNamesNeuron() {
        GpfaData data = GpfaData.continuous(List.of("a", "b"), new double[] {0, 1},
                new DMatrixRMaj(new double[][] {{1, 2}, {0.5, 3}}));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, data::requireCounts);
        assertTrue(error.getMessage().contains("neuron a"), error.getMessage());
    }

    @Test
    void constructorRejectsBadShapes() {
        DMatrixRMaj wrongShape = new DMatrixRMaj(3, 2);
        assertThrows(IllegalArgumentException.class,
                () -> GpfaData.continuous(List.of("a", "b"), new double[] {0, 1}, wrongShape));
        assertThrows(IllegalArgumentException.class,
                () -> GpfaData.continuous(List.of("a", "b"), new double[] {1, 0}, new DMatrixRMaj(2, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> GpfaData.of(List.of("a"), List.of(new double[] {0}), List.of()));
    }
}
