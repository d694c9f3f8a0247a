package io.github.neurodyn.cli;

/** Exit statuses of the {@code neurodyn} command line; other tools read them. */
public final class ExitCode {

    /** The command did its job. */
    public static final int SUCCESS = 0;
    /** A check failed, for example a reference case that {@code solve} did not pass. */
    public static final int CHECK_FAILED = 1;
    /** Bad input or usage: a one-line message on standard error, no output files. */
    public static final int BAD_INPUT = 2;
    /** A numerical failure: the summary is still written, with {@code converged} false. */
    public static final int NUMERICAL_FAILURE = 3;

    private ExitCode() {
    }
}
