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

class GpfaCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int NEURONS = 8;
    private static final int BINS = 120;

    @TempDir
    Path dir;

    /** Writes 8 neurons mixing two slow sinusoids plus seeded Gaussian noise, 20 ms bins. */
    private Path writeCsv() throws IOException {
        Random random = new Random(5);
        double[][] loadings = new double[NEURONS][2];
        for (double[] row : loadings) {
            row[0] = random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        StringBuilder text = header();
        for (int t = 0; t < BINS; t++) {
            double seconds = 0.02 * t;
            double first = Math.sin(2 * Math.PI * seconds / 1.2);
            double second = Math.cos(2 * Math.PI * seconds / 0.5);
            text.append(20 * t);
            for (double[] row : loadings) {
                double value = row[0] * first + row[1] * second + 0.2 * random.nextGaussian();
                text.append(',').append(String.format(Locale.ROOT, "%.10f", value));
            }
            text.append('\n');
        }
        Path file = dir.resolve("recording.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    /** Writes seeded Gaussian noise of standard deviation {@code scale} on bins {@code binMs} apart. */
    private Path writeGaussianCsv(String name, double binMs, double scale) throws IOException {
        StringBuilder text = header();
        Random random = new Random(9);
        for (int t = 0; t < BINS; t++) {
            text.append(String.format(Locale.ROOT, "%.6e", binMs * t));
            for (int n = 0; n < NEURONS; n++) {
                text.append(',').append(String.format(Locale.ROOT, "%.6e", scale * random.nextGaussian()));
            }
            text.append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    /** Returns the CSV header line {@code time_ms,n1,...,n8}. */
    private static StringBuilder header() {
        StringBuilder text = new StringBuilder("time_ms");
        for (int n = 1; n <= NEURONS; n++) {
            text.append(",n").append(n);
        }
        return text.append('\n');
    }

    @Test
    void writesEveryOutput() throws IOException {
        Path data = writeCsv();
        Path out = dir.resolve("out");
        int status = NeurodynCommand.execute("gpfa", "--data", data.toString(), "--latents", "4", "--iterations",
                "60", "--window-bins", "40", "--out", out.toString());
        assertEquals(ExitCode.SUCCESS, status);
        for (String file : List.of("latents.csv", "latents.png", "ard_scales.png", "elbo.csv", "summary.json")) {
            assertTrue(Files.exists(out.resolve(file)), file + " missing");
        }
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertEquals(NEURONS, summary.get("neurons").asInt());
        assertEquals(BINS, summary.get("timeBins").asInt());
        assertEquals(4, summary.get("latentsRequested").asInt());
        assertTrue(summary.get("latentsRetained").asInt() >= 1);
        assertTrue(Double.isFinite(summary.get("finalElbo").asDouble()));
        assertEquals(4, summary.get("lengthScalesSeconds").size());
        assertTrue(summary.has("seconds"));
        assertEquals(BINS + 1, Files.readAllLines(out.resolve("latents.csv")).size());
        assertEquals(61, Files.readAllLines(out.resolve("elbo.csv")).size());
    }

    /** Writes 8 neurons of spike counts driven by two slow sinusoids through an exp rate, 20 ms bins. */
    private Path writeCountCsv() throws IOException {
        Random random = new Random(6);
        StringBuilder text = header();
        for (int t = 0; t < BINS; t++) {
            double seconds = 0.02 * t;
            double first = Math.sin(2 * Math.PI * seconds / 1.2);
            double second = Math.cos(2 * Math.PI * seconds / 0.5);
            text.append(20 * t);
            for (int n = 0; n < NEURONS; n++) {
                double rate = Math.exp(0.3 + 0.6 * (n % 2 == 0 ? first : second));
                int count = 0;
                double product = random.nextDouble();
                // Poisson draw by multiplying uniforms until the product falls below exp(-rate)
                while (product > Math.exp(-rate)) {
                    count++;
                    product *= random.nextDouble();
                }
                text.append(',').append(count);
            }
            text.append('\n');
        }
        Path file = dir.resolve("counts.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    @Test
    void poissonNoiseFitsCounts() throws IOException {
        Path data = writeCountCsv();
        for (String link : List.of("exp", "softplus")) {
            Path out = dir.resolve("poisson-" + link);
            int status = NeurodynCommand.execute("gpfa", "--data", data.toString(), "--noise", "poisson", "--link",
                    link, "--latents", "3", "--iterations", "40", "--window-bins", "40", "--out", out.toString());
            assertEquals(ExitCode.SUCCESS, status, link);
            JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
            assertEquals("poisson", summary.get("noise").asText(), link);
            assertEquals(link, summary.get("link").asText());
            assertTrue(Double.isFinite(summary.get("finalElbo").asDouble()), link);
            assertEquals(BINS + 1, Files.readAllLines(out.resolve("latents.csv")).size(), link);
        }
    }

    @Test
    void poissonRejectsNonCounts() throws IOException {
        Path out = dir.resolve("poisson");
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--data", writeCsv().toString(), "--noise",
                "poisson", "--out", out.toString()));
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void overflowingVarianceExitsTwo() throws IOException {
        // Finite entries near 1e300 whose squares overflow the sample covariance.
        Path file = writeGaussianCsv("huge.csv", 20, 1e300);
        Path out = dir.resolve("huge");

        int status = NeurodynCommand.execute("gpfa", "--data", file.toString(), "--latents", "3", "--iterations", "5", "--out",
                out.toString());

        assertEquals(ExitCode.BAD_INPUT, status);
        assertFalse(Files.exists(out.resolve("summary.json")), "summary written for bad input");
    }

    @Test
    void hugeBinSpacingExitsThree() throws IOException {
        Path file = writeGaussianCsv("spread.csv", 1e300, 1);
        Path out = dir.resolve("spread");

        int status = NeurodynCommand.execute("gpfa", "--data", file.toString(), "--latents", "3", "--iterations", "5", "--out",
                out.toString());

        assertEquals(ExitCode.NUMERICAL_FAILURE, status);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertFalse(summary.get("converged").asBoolean());
        assertTrue(summary.get("reason").asText().contains("length scale"), summary.get("reason").asText());
    }

    @Test
    void badOptionsRejected() throws IOException {
        Path data = writeCsv();
        String out = dir.resolve("bad").toString();
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--data", data.toString(), "--latents", "9",
                "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--data", data.toString(), "--noise", "cauchy",
                "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--data", data.toString(), "--noise", "poisson",
                "--link", "probit", "--out", out));
        assertEquals(ExitCode.BAD_INPUT, NeurodynCommand.execute("gpfa", "--data", dir.resolve("none.csv").toString(),
                "--out", out));
    }
}
