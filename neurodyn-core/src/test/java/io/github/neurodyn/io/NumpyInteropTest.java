package io.github.neurodyn.io;

import static io.github.neurodyn.io.NpyTest.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exchanges files with a local numpy through {@code python3}: numpy loads what neurodyn
 * wrote and writes files in other layouts that neurodyn reads back. Skipped with a message
 * when python3 or numpy is not installed. Only files in a temporary directory are used.
 */
class NumpyInteropTest {

    private static final long TIMEOUT_SECONDS = 60;

    /**
     * Loads the files neurodyn wrote, checks them against each other, and writes numpy's own
     * versions: C order, big-endian Fortran order, format 2.0, a 1-D array and a CSV.
     */
    private static final String SCRIPT = String.join("\n",
            "import sys",
            "import numpy as np",
            "from numpy.lib import format as npy_format",
            "d = sys.argv[1]",
            "a = np.load(d + '/java_c.npy')",
            "f = np.load(d + '/java_fortran_big.npy')",
            "v = np.load(d + '/java_vector.npy')",
            "c = np.loadtxt(d + '/java.csv', delimiter=',', skiprows=1, ndmin=2)",
            "assert a.dtype == np.float64 and a.shape == (7, 4), (a.dtype, a.shape)",
            "assert f.dtype.byteorder == '>' and f.flags.f_contiguous, (f.dtype, f.flags)",
            "assert np.array_equal(a, f)",
            "assert np.array_equal(a.view(np.int64), f.astype('<f8').view(np.int64))",
            "assert v.shape == (4,) and np.array_equal(v, a[0, :])",
            "assert np.array_equal(a.view(np.int64), c.view(np.int64))",
            "np.save(d + '/numpy_c.npy', a)",
            "np.save(d + '/numpy_fortran_big.npy', np.asfortranarray(a).astype('>f8'))",
            "with open(d + '/numpy_v2.npy', 'wb') as out:",
            "    npy_format.write_array(out, a, version=(2, 0))",
            "np.save(d + '/numpy_vector.npy', a[:, 1].copy())",
            "np.savetxt(d + '/numpy.csv', a, delimiter=',', fmt='%.17g')",
            "print('ok')");

    @TempDir
    Path directory;

    @Test
    void numpyReadsAndWritesNeurodynFiles() throws Exception {
        assumeTrue(run(List.of("python3", "-c", "import numpy")) == 0,
                "python3 with numpy is not available; skipping the numpy exchange test");

        // neurodyn writes
        DMatrixRMaj matrix = new DMatrixRMaj(7, 4);
        Random random = new Random(3);
        for (int k = 0; k < matrix.data.length; k++) {
            matrix.data[k] = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        }
        matrix.data[1] = -0.0;
        matrix.data[2] = Double.MIN_VALUE;
        double[] firstRow = new double[4];
        System.arraycopy(matrix.data, 0, firstRow, 0, 4);
        Npy.write(directory.resolve("java_c.npy"), matrix);
        Npy.write(directory.resolve("java_fortran_big.npy"), matrix, new NpyFormat(ByteOrder.BIG_ENDIAN, true, 1));
        Npy.write(directory.resolve("java_vector.npy"), firstRow);
        Csv.write(directory.resolve("java.csv"), matrix, List.of("a", "b", "c", "d"));

        // numpy checks and writes
        List<String> output = new ArrayList<>();
        int status = run(List.of("python3", "-c", SCRIPT, directory.toString()), output);
        assertEquals(0, status, "python3 exit status, output: " + output);

        // neurodyn reads numpy's files
        for (String name : new String[] {"numpy_c.npy", "numpy_fortran_big.npy", "numpy_v2.npy"}) {
            assertBitsEqual(matrix.data, Npy.readMatrix(directory.resolve(name)).data, name);
        }
        assertEquals(2, Npy.readHeader(directory.resolve("numpy_v2.npy")).majorVersion(), "numpy_v2.npy version");
        double[] column = Npy.readVector(directory.resolve("numpy_vector.npy"));
        for (int i = 0; i < 7; i++) {
            assertEquals(Double.doubleToRawLongBits(matrix.get(i, 1)), Double.doubleToRawLongBits(column[i]),
                    "numpy_vector.npy element " + i);
        }
        assertBitsEqual(matrix.data, Csv.readMatrix(directory.resolve("numpy.csv"), false).data, "numpy.csv");
    }

    private static int run(List<String> command) throws InterruptedException {
        return run(command, new ArrayList<>());
    }

    private static int run(List<String> command, List<String> output) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            output.add(e.getMessage());
            return -1;
        }
        StringBuilder text = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                text.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.append(e.getMessage());
            }
        });
        reader.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(1000);
            output.add("timed out after " + TIMEOUT_SECONDS + " s: " + text);
            return -1;
        }
        reader.join();
        output.add(text.toString());
        return process.exitValue();
    }
}
