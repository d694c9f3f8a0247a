package io.github.neurodyn.dynamics;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix-vector kernels on a matrix stored by column, {@code columns[j][i] = W(i, j)}.
 *
 * <p>Each kernel is an axpy sweep, y += W(:, j) r_j, over a caller-given list of columns in
 * increasing order, applied five columns per pass over y. The inner loops index separate
 * column arrays at the same offset, a form that HotSpot C2 vectorises. On JDK 17 and a 2-core
 * AMD EPYC, one flat array indexed at several offsets ran about 2.5 times slower. On JDK 17
 * and a Xeon with AVX-512, passes of five columns took 5 to 11 % less time than passes of
 * four, with C2 limited to AVX-512, AVX2, AVX or SSE code alike ({@code -XX:UseAVX=3} to
 * {@code 0}). With the fused update below, passes of six columns were no faster than five,
 * and passes of seven or eight ran twice as slowly: their loop body exceeds C2's default
 * {@code LoopUnrollLimit}, so C2 unrolls it too little to fill a vector. A JDK or CPU whose C2
 * unrolls differently may need another width; measure with {@code StepBenchmark}.
 *
 * <h2>Fused multiply-add</h2>
 * Where the JVM compiles {@link Math#fma} to the CPU's fused multiply-add instruction, every
 * kernel adds each product with it: y_i = fma(W(i, j), r_j, y_i), one rounding per column
 * instead of two. On the Xeon above the product took 14 % less time at N = 200 (one vector
 * instruction per column instead of two) and is slightly more accurate. {@link Math#fma} is
 * exactly rounded by specification, so its results do not depend on the CPU; on a JVM without
 * the instruction, though, it runs in software, more than 50 times slower than the unfused
 * loop. The kernels therefore ask HotSpot whether {@code -XX:+UseFMA} is in effect (true on
 * Intel CPUs since Haswell, AMD CPUs since Piledriver and every 64-bit ARM CPU) and use
 * y_i = fl(y_i + fl(W(i, j) r_j)) when it is not. The system property {@value #FUSED_PROPERTY} ({@code true} or
 * {@code false}) overrides that choice; when the JVM cannot answer the question, the fused
 * form is used. The two forms differ in the last bits, so a run reproduces bit for bit on
 * machines that use the same form.
 *
 * <h2>Summation order</h2>
 * Every kernel adds the products to y_i one column at a time, in increasing column order,
 * with the fused or the unfused update above. A pass of several columns writes that chain as
 * one nested expression, so the result does not depend on how the columns are grouped into
 * passes. Two consequences follow.
 * <ul>
 *   <li>Leaving out a column with r_j = 0 changes no bit of y except possibly the sign of a
 *       zero, because its products are zeros and adding a zero is exact. This holds for
 *       finite W, which {@link io.github.neurodyn.api.RateNetwork} enforces. An infinite
 *       W(i, j) times 0 would be NaN, so a hook that writes an infinite weight into the live
 *       columns of a silent unit goes unnoticed until that unit becomes active.
 *       {@link #activeColumns} lists the columns to keep.</li>
 *   <li>{@link #multiplyAddBatch} gives each trial bit for bit the result of
 *       {@link #multiplyAdd} on that trial alone, whatever the blocking.</li>
 * </ul>
 */
final class ColumnKernels {

    /** The system property that forces the fused ({@code true}) or unfused ({@code false}) update. */
    static final String FUSED_PROPERTY = "neurodyn.fusedMultiplyAdd";

    /** Declared before {@link #FUSED}, whose initialiser may log. */
    private static final Logger LOG = LoggerFactory.getLogger(ColumnKernels.class);

    /** Whether the kernels add each product with {@link Math#fma}; fixed for the life of the JVM. */
    static final boolean FUSED = useFusedMultiplyAdd(System.getProperty(FUSED_PROPERTY),
            ColumnKernels::hotSpotUsesFma);

    static {
        LOG.debug("column kernels add products with {}", FUSED ? "Math.fma" : "a multiply and an add");
    }

    /**
     * Columns per block of {@link #multiplyAddBatch}. Every trial uses a block before the
     * next one is read: 16 columns take 25 KB at N = 200, within a 32 KB L1 cache, and
     * 128 KB at N = 1000, within L2.
     */
    static final int BATCH_BLOCK_COLUMNS = 16;

    private ColumnKernels() {
    }

    /**
     * Writes the indices j in [0, n) with r_j != 0, in increasing order, to the start of
     * {@code active} and returns how many there are. A NaN rate counts as non-zero, so it
     * still reaches y. Costs n comparisons.
     *
     * @param active a buffer of length at least n
     */
    static int activeColumns(double[] r, int n, int[] active) {
        // The leading run of non-zero rates, with a branch that is predictable when every
        // unit is active (tanh, softplus) and exits within a few entries for ReLU states.
        int j = 0;
        while (j < n && r[j] != 0.0) {
            active[j] = j;
            j++;
        }

        // The rest branch-free: the index is always written and kept by advancing past it,
        // because the signs of rectified units are random and a branch would often mispredict.
        int count = j;
        for (; j < n; j++) {
            active[count] = j;
            count += r[j] != 0.0 ? 1 : 0;
        }
        return count;
    }

    /**
     * Returns the list 0, 1, ..., n - 1, which makes {@link #multiplyAdd} a dense product.
     */
    static int[] allColumns(int n) {
        int[] all = new int[n];
        for (int j = 0; j < n; j++) {
            all[j] = j;
        }
        return all;
    }

    /**
     * Computes y += sum over the listed columns j of W(:, j) r_j, for an n x n matrix W given
     * by columns, in the summation order of the class comment. Costs 2 n count flops.
     *
     * @param active column indices in increasing order, for example from {@link #activeColumns}
     * @param count how many entries of {@code active} to use
     */
    static void multiplyAdd(double[][] columns, double[] r, int[] active, int count, double[] y, int n) {
        if (count == n) {
            // Every column is listed, so the list is 0, ..., n - 1 and needs no lookups.
            addConsecutiveColumns(columns, r, n, y);
        } else {
            addColumns(columns, r, active, 0, count, y, n);
        }
    }

    /**
     * Computes y_b += sum over the listed columns j of W(:, j) r_b,j for trials b in
     * [0, trials), each with its own column list. The loop over trials sits inside the loop
     * over blocks of {@link #BATCH_BLOCK_COLUMNS} columns, so each block stays in cache while
     * every trial uses it. Each y_b receives the operations of {@link #multiplyAdd} in the
     * same order, so the results are bit-identical. Costs 2 n (sum of counts) flops.
     *
     * @param active per trial, column indices in increasing order
     * @param counts per trial, how many entries of its list to use
     * @param cursors a work buffer of length at least {@code trials}
     */
    static void multiplyAddBatch(double[][] columns, double[][] r, int[][] active, int[] counts, int[] cursors,
            double[][] y, int n, int trials) {
        boolean allActive = true;
        for (int b = 0; b < trials; b++) {
            cursors[b] = 0;
            allActive &= counts[b] == n;
        }
        if (allActive) {
            // Every list is 0, ..., n - 1: blocks of four columns need no lookups and took about
            // 10 % less time than blocks of 16 listed columns (N = 200, B = 64).
            addConsecutiveColumnsBatch(columns, r, y, n, trials);
            return;
        }
        for (int blockStart = 0; blockStart < n; blockStart += BATCH_BLOCK_COLUMNS) {
            int blockEnd = blockStart + BATCH_BLOCK_COLUMNS;
            for (int b = 0; b < trials; b++) {
                int[] list = active[b];
                int from = cursors[b];
                int to = from;
                while (to < counts[b] && list[to] < blockEnd) {
                    to++;
                }
                addColumns(columns, r[b], list, from, to, y[b], n);
                cursors[b] = to;
            }
        }
    }

    /**
     * Computes y_b += W r_b for every trial, looping over the trials inside each block of four
     * consecutive columns. The passes differ in width from {@link #addConsecutiveColumns}, but
     * the summation order is the same, so every bit of the result is too.
     */
    private static void addConsecutiveColumnsBatch(double[][] columns, double[][] r, double[][] y, int n,
            int trials) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            for (int b = 0; b < trials; b++) {
                double[] rb = r[b];
                addFourColumns(columns[j], columns[j + 1], columns[j + 2], columns[j + 3], rb[j], rb[j + 1],
                        rb[j + 2], rb[j + 3], y[b], n);
            }
        }
        int remaining = n - j;
        for (int b = 0; b < trials; b++) {
            double[] rb = r[b];
            if (remaining == 3) {
                addThreeColumns(columns[j], columns[j + 1], columns[j + 2], rb[j], rb[j + 1], rb[j + 2], y[b], n);
            } else if (remaining == 2) {
                addTwoColumns(columns[j], columns[j + 1], rb[j], rb[j + 1], y[b], n);
            } else if (remaining == 1) {
                addOneColumn(columns[j], rb[j], y[b], n);
            }
        }
    }

    /**
     * Computes y += W(:, j) r_j for j = active[from], ..., active[to - 1], five columns per
     * pass over y and one pass for the remaining one to four.
     */
    private static void addColumns(double[][] columns, double[] r, int[] active, int from, int to, double[] y,
            int n) {
        int k = from;
        for (; k + 5 <= to; k += 5) {
            int j0 = active[k];
            int j1 = active[k + 1];
            int j2 = active[k + 2];
            int j3 = active[k + 3];
            int j4 = active[k + 4];
            addFiveColumns(columns[j0], columns[j1], columns[j2], columns[j3], columns[j4],
                    r[j0], r[j1], r[j2], r[j3], r[j4], y, n);
        }
        switch (to - k) {
            case 4:
                addFourColumns(columns[active[k]], columns[active[k + 1]], columns[active[k + 2]],
                        columns[active[k + 3]], r[active[k]], r[active[k + 1]], r[active[k + 2]], r[active[k + 3]],
                        y, n);
                break;
            case 3:
                addThreeColumns(columns[active[k]], columns[active[k + 1]], columns[active[k + 2]],
                        r[active[k]], r[active[k + 1]], r[active[k + 2]], y, n);
                break;
            case 2:
                addTwoColumns(columns[active[k]], columns[active[k + 1]], r[active[k]], r[active[k + 1]], y, n);
                break;
            case 1:
                addOneColumn(columns[active[k]], r[active[k]], y, n);
                break;
            default:
                break;
        }
    }

    /** Computes y += W(:, j) r_j for j = 0, ..., n - 1, with the passes of {@link #addColumns}. */
    private static void addConsecutiveColumns(double[][] columns, double[] r, int n, double[] y) {
        int j = 0;
        for (; j + 5 <= n; j += 5) {
            addFiveColumns(columns[j], columns[j + 1], columns[j + 2], columns[j + 3], columns[j + 4],
                    r[j], r[j + 1], r[j + 2], r[j + 3], r[j + 4], y, n);
        }
        switch (n - j) {
            case 4:
                addFourColumns(columns[j], columns[j + 1], columns[j + 2], columns[j + 3], r[j], r[j + 1], r[j + 2],
                        r[j + 3], y, n);
                break;
            case 3:
                addThreeColumns(columns[j], columns[j + 1], columns[j + 2], r[j], r[j + 1], r[j + 2], y, n);
                break;
            case 2:
                addTwoColumns(columns[j], columns[j + 1], r[j], r[j + 1], y, n);
                break;
            case 1:
                addOneColumn(columns[j], r[j], y, n);
                break;
            default:
                break;
        }
    }

    // Each kernel below has a fused and an unfused loop. FUSED is a static final constant, so C2
    // compiles only the branch in use.

    private static void addFiveColumns(double[] c0, double[] c1, double[] c2, double[] c3, double[] c4, double r0,
            double r1, double r2, double r3, double r4, double[] y, int n) {
        if (FUSED) {
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(c4[i], r4, Math.fma(c3[i], r3, Math.fma(c2[i], r2, Math.fma(c1[i], r1,
                        Math.fma(c0[i], r0, y[i])))));
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = y[i] + c0[i] * r0 + c1[i] * r1 + c2[i] * r2 + c3[i] * r3 + c4[i] * r4;
            }
        }
    }

    private static void addFourColumns(double[] c0, double[] c1, double[] c2, double[] c3, double r0, double r1,
            double r2, double r3, double[] y, int n) {
        if (FUSED) {
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(c3[i], r3, Math.fma(c2[i], r2, Math.fma(c1[i], r1, Math.fma(c0[i], r0, y[i]))));
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = y[i] + c0[i] * r0 + c1[i] * r1 + c2[i] * r2 + c3[i] * r3;
            }
        }
    }

    private static void addThreeColumns(double[] c0, double[] c1, double[] c2, double r0, double r1, double r2,
            double[] y, int n) {
        if (FUSED) {
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(c2[i], r2, Math.fma(c1[i], r1, Math.fma(c0[i], r0, y[i])));
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = y[i] + c0[i] * r0 + c1[i] * r1 + c2[i] * r2;
            }
        }
    }

    private static void addTwoColumns(double[] c0, double[] c1, double r0, double r1, double[] y, int n) {
        if (FUSED) {
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(c1[i], r1, Math.fma(c0[i], r0, y[i]));
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = y[i] + c0[i] * r0 + c1[i] * r1;
            }
        }
    }

    private static void addOneColumn(double[] c, double rj, double[] y, int n) {
        if (FUSED) {
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(c[i], rj, y[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = y[i] + c[i] * rj;
            }
        }
    }

    /**
     * Computes y += M e for an n x m matrix M given by its m columns of length n.
     */
    static void multiplyAddRectangular(double[][] columns, double[] e, double[] y, int n) {
        for (int j = 0; j < columns.length; j++) {
            addOneColumn(columns[j], e[j], y, n);
        }
    }

    /**
     * Returns the columns of a row-major rows x cols array as cols arrays of length rows.
     */
    static double[][] toColumns(double[] rowMajor, int rows, int cols) {
        double[][] columns = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                columns[j][i] = rowMajor[i * cols + j];
            }
        }
        return columns;
    }

    /**
     * Decides between the fused and the unfused update. An explicit {@code true} or
     * {@code false} in {@code property} decides first. Otherwise the JVM's {@code UseFMA} flag
     * decides, and the fused form is used when the flag cannot be read. Any other value of the
     * property is logged as a warning and ignored: this runs in a class initialiser, where an
     * exception would leave this class unloadable and every simulation failing.
     *
     * @param property the value of {@link #FUSED_PROPERTY}, or null when it is not set
     * @param hardwareFma the value of {@code UseFMA}, empty when it cannot be read
     */
    static boolean useFusedMultiplyAdd(String property, Supplier<Optional<Boolean>> hardwareFma) {
        if (property != null) {
            String value = property.trim();
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            LOG.warn("system property {} is '{}', expected true or false; ignoring it", FUSED_PROPERTY, property);
        }
        return hardwareFma.get().orElse(true);
    }

    /** Reads HotSpot's {@code UseFMA} flag; empty on a JVM without the HotSpot diagnostic bean. */
    private static Optional<Boolean> hotSpotUsesFma() {
        try {
            com.sun.management.HotSpotDiagnosticMXBean bean =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return Optional.empty();
            }
            return Optional.of(Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue()));
        } catch (RuntimeException | LinkageError e) {
            // No such option (another JVM) or no jdk.management module in a trimmed runtime.
            return Optional.empty();
        }
    }
}
