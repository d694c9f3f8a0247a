package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad option values of every subcommand. Each must exit with status 2 after one line that starts
 * with the subcommand and names the option as typed with its value or what is expected. The line
 * must show no library parameter name and no stack trace, and no output file may appear. The
 * rows cover zero, negative, NaN, huge and malformed list values, and values that the library
 * rejects only while it computes: an unreachable row sum or bulk radius, or a recording too
 * small for the number of principal components.
 */
class OptionErrorMessagesTest {

    /** Number of neurons in the small recording. The last one, n4, is constant. */
    private static final int NEURONS = 4;

    @TempDir
    Path dir;

    /** Writes a recording of 2 conditions x 5 bins of 10 ms and 4 neurons, the last one constant. */
    private Path writeRecording() throws IOException {
        StringBuilder text = new StringBuilder("condition,time_ms");
        for (int n = 1; n <= NEURONS; n++) {
            text.append(",n").append(n);
        }
        text.append('\n');
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 5; t++) {
                double phase = 0.7 * t + 1.3 * c;
                text.append("reach").append(c + 1).append(',').append(10 * t).append(String.format(Locale.ROOT,
                        ",%.6f,%.6f,%.6f,1.0%n", Math.cos(phase), Math.sin(phase), Math.cos(2.1 * phase + c)));
            }
        }
        Path file = dir.resolve("recording.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    /**
     * Writes a recording of 2 conditions x 4 bins of 10 ms and 5 varying neurons. After the mean
     * over conditions is removed, the 4 bins span 4 dimensions but the 3 states before each step
     * span only 3, because the two conditions are then mirror images.
     */
    private Path writeShortRecording() throws IOException {
        StringBuilder text = new StringBuilder("condition,time_ms,n1,n2,n3,n4,n5\n");
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 4; t++) {
                text.append("reach").append(c + 1).append(',').append(10 * t);
                for (int n = 1; n <= 5; n++) {
                    text.append(String.format(Locale.ROOT, ",%.6f", 10 + Math.sin(1.7 * n * t + 2.3 * c + 0.4 * n * n)));
                }
                text.append('\n');
            }
        }
        Path file = dir.resolve("short.csv");
        Files.writeString(file, text.toString());
        return file;
    }

    /** Runs the command line and returns its exit status and standard error. */
    private static String[] run(List<String> args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = NeurodynCommand.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(original);
        }
        return new String[] {Integer.toString(status), captured.toString(StandardCharsets.UTF_8).strip()};
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "simulate --connection-probability 0 | --radius = 1.5 cannot be reached because the weights have no variance "
                + "(--connection-probability = 0.0",
        "simulate --connection-probability 1 | expected 0 < --connection-probability < 1",
        "simulate --connection-probability NaN | --connection-probability must lie in [0.0, 1.0], found NaN",
        "simulate --excitatory-fraction 1e300 | --excitatory-fraction must lie in [0.0, 1.0], found 1.0E300",
        "simulate --balance-rows 1e300 | --balance-rows = 1.0E300 cannot be reached in row",
        "simulate --balance-rows 1e300 | (raise --connection-probability or --neurons, or change --seed)",
        "simulate --balance-rows NaN | --balance-rows must be finite, found NaN",
        "simulate --network gaussian --gain 0 --balance-rows 1 | --balance-rows = 1.0 cannot be reached in row 0",
        "simulate --network chain --weight NaN | --weight must be finite, found NaN",
        "simulate --network balanced --weight -1 | --weight must be non-negative and finite, found -1.0",
        "simulate --network balanced --neurons 3 | --neurons must be even and at least 2 for --network balanced",
        "simulate --duration-ms 1e15 | --duration-ms 1.0E15 needs 1.00e+16 steps of --dt-ms 0.1",
        "simulate --duration-ms 1e12 | --duration-ms 1.0E12 with --sample-ms 1.0 gives 1.00e+12 samples",
        "simulate --duration-ms 0 | --duration-ms must be positive and finite, found 0.0",
        "simulate --dt-ms NaN | --dt-ms must be positive and finite, found NaN",
        "simulate --dt-ms 1e300 | --sample-ms 1.0 is shorter than --dt-ms 1.0E300; expected --dt-ms <= --sample-ms",
        "simulate --tau-ms -1 | --tau-ms must be positive and finite, found -1.0",
        "simulate --neurons NaN | Invalid value for option '--neurons': 'NaN' is not an int",
        "simulate --plot-neurons 0 | --plot-neurons must be at least 1, found 0",
        "simulate --log-normal-sigma 1e300 | --log-normal-sigma must be at most 26.64",
        "simulate --weight-scale -1 | --weight-scale must be positive and finite, found -1.0",
        "soc --shift-floor NaN | --shift-floor must be finite, found NaN",
        "soc --shift-offset -1 | --shift-offset must be finite and not negative, found -1.0",
        "soc --epsilon 0 | --epsilon must be positive and finite, found 0.0",
        "soc --uniform-eigenvalue 1e20 | --uniform-eigenvalue = 1.0E20 cannot be reached in row 0",
        "soc --probability 1 | --probability must lie strictly between 0 and 1, found 1.0",
        "soc --neurons 0 | --neurons must be at least 5, found 0",
        "soc --max-iterations 1e300 | Invalid value for option '--max-iterations': '1e300' is not an int",
        "isp --target-rate 0 | --target-rate must be positive and finite, found 0.0",
        "isp --learning-rate NaN | --learning-rate must be positive and finite, found NaN",
        "isp --extra-inhibitory-input 0 | --extra-inhibitory-input must be finite and nonzero, found 0.0",
        "isp --report-every-seconds 1e300 | --report-every-seconds (1.0E300) must not exceed --duration-seconds",
        "isp --neurons 3 | --neurons must be at least 10, found 3",
        "movement --ridge NaN | --ridge must be positive and finite, found NaN",
        "movement --directions 1e300 | Invalid value for option '--directions': '1e300' is not an int",
        "movement --reaches -1 | --reaches must be at least 1, found -1",
        "prepare --prep-times-ms NaN | --prep-times-ms must be in [0, 2000.0] ms, found NaN",
        "prepare --prep-times-ms 1,2,3 | --prep-times-ms needs a time of at least 250 ms",
        "prepare --prep-times-ms 300,300 | --prep-times-ms lists 300.0 ms more than once; expected distinct times",
        "prepare --prep-times-ms 0,-0,300 | --prep-times-ms lists -0.0 ms more than once",
        "prepare --null-draws 0 | --null-draws must be at least 1, found 0",
        "prepare --jpca-pcs 3 | --jpca-pcs must be an even number of at least 2",
        "prepare --data RECORDING --jpca-pcs 6 | --jpca-pcs is 6 but the recording has 4 neurons; "
                + "expected --jpca-pcs <= neurons",
        "jpca --model --pcs 3 | --pcs must be an even number of at least 2",
        "jpca --model --neurons 20 --pcs 22 | --pcs is 22 but the recording has 20 neurons",
        "jpca --data SHORT --pcs 4 | have rank 3, below --pcs = 4, so the dynamics fit is not determined; "
                + "use an even --pcs of at most 2",
        "prepare --data SHORT --jpca-pcs 4 | have rank 3, below --jpca-pcs = 4",
        "prepare --data SHORT --jpca-pcs 4 | use an even --jpca-pcs of at most 2",
        "jpca --data RECORDING --pcs 6 | --pcs is 6 but the recording has 4 neurons; expected --pcs <= neurons",
        "jpca --data RECORDING --pcs 2 --soften 0 | neuron n4 is constant and the soft normalisation constant is 0, "
                + "so x / (range + c) divides by zero; use a positive --soften",
        "jpca --data RECORDING --pcs 2 --window 0,5 | the --window [0.0, 5.0] ms contains 1 time bins",
        "jpca --data RECORDING --pcs 2 --soften 1e300 | the analysed data have zero variance; expected rates",
        "jpca --data RECORDING --pcs 2 --soften 1e300 | and a --soften value small enough",
        "prepare --data RECORDING --jpca-pcs 2 --jpca-soften 1e300 | and a --jpca-soften value small enough",
        "jpca --data RECORDING --window 5 | --window must be START,END in ms",
        "jpca --model --neurons 3 | --neurons must be at least 20 for --model, found 3",
        "gpfa --data missing.csv --latents 0 | --latents must be at least 1, found 0",
        "gpfa --data missing.csv --iterations -1 | --iterations must be at least 1, found -1",
        "gpfa --data missing.csv --window-bins 1 | --window-bins must be at least 2, found 1",
        "gpfa --data missing.csv --neuron-batch 0 | --window-batch and --neuron-batch must be at least 1",
        "gpfa --data missing.npy --bin-ms NaN | --bin-ms must be positive",
    })
    void badValueNamesOption(String command, String expected) throws IOException {
        String recording = writeRecording().toString();
        String shortRecording = writeShortRecording().toString();
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.equals("RECORDING") ? recording : word.equals("SHORT") ? shortRecording : word);
        }
        Path out = dir.resolve("out");
        args.addAll(List.of("--out", out.toString()));

        String[] result = run(args);
        String message = result[1];

        assertEquals(Integer.toString(ExitCode.BAD_INPUT), result[0], command + ": exit status; stderr: " + message);
        assertEquals(1, message.lines().count(), command + ": one line expected, found: " + message);
        assertTrue(message.startsWith("neurodyn " + args.get(0) + ": "), command + ": prefix of " + message);
        assertTrue(message.contains(expected), command + ": expected '" + expected + "' in " + message);
        assertFalse(message.contains("Exception"), command + ": stack trace or exception name in " + message);
        assertFalse(Files.exists(out) && out.toFile().list().length > 0, command + ": output written");
    }
}
