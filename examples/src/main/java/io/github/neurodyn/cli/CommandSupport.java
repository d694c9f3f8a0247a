package io.github.neurodyn.cli;

import io.github.neurodyn.api.NeurodynException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Common behaviour of the result-writing subcommands: the {@code --out} folder, validation
 * before any file is written, wall-clock timing, and the numerical-failure path that still
 * writes {@code summary.json} with {@code converged} false and exits with status 3.
 *
 * <p>Results are staged (see {@link OutputDirectory#staged}) and moved into place only when
 * the run ends: all of them after success, only {@code summary.json} after a numerical
 * failure, and none after any other exception. Files that an earlier run left in the folder
 * are kept unless the command deletes them itself.
 */
public abstract class CommandSupport implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSupport.class);

    /** Largest {@code --neurons} whose N x N weight matrix fits one Java array, the library's limit. */
    static final int MAX_NEURONS = io.github.neurodyn.network.Networks.MAX_NEURONS;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder for CSV, PNG and summary.json (default: neurodyn-out/<subcommand>).")
    Path outFolder;

    /** @return the subcommand's name, used for the default output folder */
    protected abstract String name();

    /**
     * Checks the options before anything is written; throws {@link IllegalArgumentException}
     * with a one-line message on bad input.
     */
    protected void validate() {
    }

    /**
     * Runs the job, writing results into {@code out} and filling {@code summary}. The
     * summary is written by the caller after this returns, or after a
     * {@link NeurodynException}, which also discards the results written so far.
     *
     * @param out output folder
     * @param summary summary to fill
     * @return the exit status
     * @throws Exception on failure; {@link IllegalArgumentException} becomes status 2,
     *     {@link NeurodynException} status 3
     */
    protected abstract int execute(OutputDirectory out, Summary summary) throws Exception;

    /**
     * Rejects a {@code --neurons} above {@link #MAX_NEURONS}, because the matrix library would
     * otherwise fail with a message that names no option.
     *
     * @param neurons the value of {@code --neurons}
     * @throws IllegalArgumentException when neurons exceeds {@link #MAX_NEURONS}
     */
    static void requireMatrixSize(int neurons) {
        if (neurons > MAX_NEURONS) {
            throw new IllegalArgumentException(String.format(
                    "--neurons must be at most %d, so that the N x N weight matrix fits one Java array, found %d",
                    MAX_NEURONS, neurons));
        }
    }

    @Override
    public final Integer call() throws Exception {
        validate();
        OutputDirectory out = OutputDirectory.staged(outFolder != null ? outFolder : Path.of("neurodyn-out", name()));
        // Ctrl-C ends the JVM through its shutdown hooks, so an interrupted run removes its staged files too.
        Thread discardOnExit = new Thread(out::abandon, "neurodyn-discard-staged-files");
        Runtime.getRuntime().addShutdownHook(discardOnExit);
        try {
            return runAndCommit(out);
        } finally {
            // Reached with staged files only when the run threw, e.g. bad input found part-way.
            out.discard();
            removeShutdownHook(discardOnExit);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running its hooks, which include this one.
        }
    }

    /**
     * Runs the job and moves its results into place together with the summary. After a
     * {@link NeurodynException} the results written so far are discarded and only the summary,
     * with {@code converged} false and the reason, is moved into place.
     */
    private int runAndCommit(OutputDirectory out) throws Exception {
        Summary summary = new Summary();
        long start = System.nanoTime();
        int status;
        try {
            status = execute(out, summary);
            if (summary.get("converged") == null) {
                summary.put("converged", true);
            }
        } catch (NeurodynException ex) {
            LOG.debug("numerical failure", ex);
            out.discard();
            summary.put("converged", false);
            summary.put("reason", ex.getMessage());
            status = ExitCode.NUMERICAL_FAILURE;
            System.err.println("neurodyn " + name() + ": numerical failure: " + ex.getMessage());
        }
        summary.put("seconds", (System.nanoTime() - start) * 1e-9);
        summary.writeTo(out);
        out.commit();
        System.out.println("results written to " + out.root());
        return status;
    }
}
