package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpcaCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CONDITIONS = 6;
    private static final int BINS = 30;
    private static final int NEURONS = 8;

    @TempDir
    Path dir;

    /**
     * Writes a recording of three latent planes rotating at 0.15, 0.08 and 0.04 rad per 10 ms
     * bin with decreasing amplitude, plus small seeded noise. Seeded random orthonormal
     * columns mix the planes into the neurons, so the rotations stay rotations.
     */
    private Path writeRotatingCsv() throws IOException {
        Random random = new Random(11);
        double[] speeds = {0.15, 0.08, 0.04};
        double[] amplitudes = {1.0, 0.6, 0.3};
        double[][] mixing = orthonormalColumns(NEURONS, 2 * speeds.length, random);
        StringBuilder text = new StringBuilder("condition,time_ms");
        for (int n = 1; n <= NEURONS; n++) {
            text.append(",n").append(n);
        }
        text.append('\n');
        for (int c = 0; c < CONDITIONS; c++) {
            double[] phases = {random.nextDouble() * 6.3, random.nextDouble() * 6.3, random.nextDouble() * 6.3};
            for (int t = 0; t < BINS; t++) {
                double[] latent = new double[2 * speeds.length];
                for (int p = 0; p < speeds.length; p++) {
                    latent[2 * p] = amplitudes[p] * Math.cos(phases[p] + speeds[p] * t);
                    latent[2 * p + 1] = amplitudes[p] * Math.sin(phases[p] + speeds[p] * t);
                }
                text.append("reach").append(c + 1).append(',').append(-100 + 10 * t);
                for (int n = 0; n < NEURONS; n++) {
                    double rate = 1e-4 * random.nextGaussian();
                    for (int j = 0; j < latent.length; j++) {
                        rate += mixing[n][j] * latent[j];
                    }
                    text.append(',').append(String.format(Locale.ROOT, "%.17g", rate));
                }
                text.append('\n');
            }
        }
        Path file = dir.resolve("rates.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    /** Returns Gram-Schmidt orthonormalised Gaussian columns as an n x k array. */
    private static double[][] orthonormalColumns(int n, int k, Random random) {
        double[][] m = new double[n][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                m[i][j] = random.nextGaussian();
            }
            for (int previous = 0; previous < j; previous++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += m[i][j] * m[i][previous];
                }
                for (int i = 0; i < n; i++) {
                    m[i][j] -= dot * m[i][previous];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += m[i][j] * m[i][j];
            }
            for (int i = 0; i < n; i++) {
                m[i][j] /= Math.sqrt(norm);
            }
        }
        return m;
    }

    @Test
    void writesProjectionsPlotsAndSummary() throws IOException {
        Path data = writeRotatingCsv();
        Path out = dir.resolve("out");
        int status = NeurodynCommand.execute("jpca", "--data", data.toString(), "--window", "-50,150",
                "--out", out.toString());
        assertEquals(ExitCode.SUCCESS, status);

        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("conditions", "neurons", "analysedTimeBins", "pcs", "varianceCapturedPerPc",
                "varianceCapturedByPcs", "planeFrequenciesRadPerSecond", "r2Best", "r2Skew", "r2BestPlane1",
                "r2SkewPlane1", "varianceCapturedPerPlane")) {
            assertTrue(summary.has(key), "summary has " + key);
        }
        assertEquals(CONDITIONS, summary.get("conditions").asInt());
        assertEquals(NEURONS, summary.get("neurons").asInt());
        assertEquals(21, summary.get("analysedTimeBins").asInt());
        assertEquals(6, summary.get("pcs").asInt());
        assertEquals(6, summary.get("varianceCapturedPerPc").size());
        assertEquals(3, summary.get("planeFrequenciesRadPerSecond").size());
        assertEquals(3, summary.get("varianceCapturedPerPlane").size());
        assertTrue(summary.get("r2SkewPlane1").asDouble() > 0.9, "plane 1 is rotational");
        assertEquals(Math.sin(0.15) / 0.010, summary.get("planeFrequenciesRadPerSecond").get(0).asDouble(), 0.1);

        List<String> rows = Files.readAllLines(out.resolve("jpc_projections.csv"));
        assertEquals("condition,time_ms,jpc1,jpc2,jpc3,jpc4,jpc5,jpc6", rows.get(0));
        assertEquals(1 + CONDITIONS * 21, rows.size());
        assertEquals(1 + CONDITIONS * BINS, Files.readAllLines(out.resolve("jpc_projections_all_times.csv")).size());
        for (String file : List.of("planes.csv", "jpc_plane1.png", "jpc_plane2.png", "jpc_plane3.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " is written");
        }
    }

    @Test
    void malformedFileExitsTwoWithoutOutput() throws IOException {
        Path data = dir.resolve("broken.csv");
        Files.writeString(data, "condition,time_ms,n1,n2\nreach1,0,1.0\n");
        Path out = dir.resolve("out");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--data", data.toString(), "--out",
                out.toString()));
        assertFalse(Files.exists(out), "no output folder is created for bad input");
    }

    @Test
    void modelIsNotAvailableYet() {
        Path out = dir.resolve("out");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--model", "--out", out.toString()));
        assertFalse(Files.exists(out), "no output folder is created for bad input");
    }

    @Test
    void badOptionsExitTwo() throws IOException {
        Path data = writeRotatingCsv();
        String out = dir.resolve("out").toString();
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--data", data.toString(), "--pcs", "5",
                "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--data", data.toString(), "--window",
                "150,-50", "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--data", data.toString(), "--window",
                "500,900", "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("jpca", "--data", dir.resolve("absent.csv").toString(),
                "--out", out));
        assertFalse(Files.exists(dir.resolve("out")), "no output folder is created for bad input");
    }

    @Test
    void parseWindowReadsNegativeStart() {
        double[] bounds = JpcaCommand.parseWindow("-50,150");
        assertEquals(-50.0, bounds[0]);
        assertEquals(150.0, bounds[1]);
    }
}
