package io.github.neurodyn.cli;

import io.github.neurodyn.api.NeurodynException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The {@code neurodyn} command line. Each subcommand writes CSV files, PNG plots and a
 * {@code summary.json} into its output folder and prints a short table.
 *
 * <p>Exit statuses: 0 success; 1 a check failed (for {@code solve}) or an internal error;
 * 2 bad input or usage, reported in one line without a stack trace unless
 * {@code --verbose} is given; 3 a numerical failure, after which the summary is still
 * written with {@code converged} false and the reason.
 */
@Command(name = "neurodyn",
        mixinStandardHelpOptions = true,
        versionProvider = NeurodynCommand.Version.class,
        description = "Rate-network models of motor cortex and the control theory around them.",
        subcommands = {
            MovementCommand.class,
            PrepareCommand.class,
            SimulateCommand.class,
            SolveCommand.class,
            SocCommand.class,
            IspCommand.class,
            JpcaCommand.class,
            GpfaCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class NeurodynCommand implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors and log at DEBUG level.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing subcommand; see 'neurodyn --help'");
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args command-line arguments
     * @return the exit status
     */
    public static int execute(String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        CommandLine commandLine = new CommandLine(new NeurodynCommand());
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            PrintWriter err = failed.getErr();
            // The missing-subcommand error comes from its own CommandLine, which has no parent either.
            err.println(parseErrorMessage(ex, failed.getParent() == null));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd, parseResult, verbose));
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError ex) {
            // Reached when a size option requests more memory than the JVM has, which is bad input rather than a bug.
            System.err.println("neurodyn: out of memory (maximum heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB); reduce --neurons or the number of trials, or raise the heap with java -Xmx");
            return ExitCode.BAD_INPUT;
        }
    }

    /**
     * Formats a parse error with the subcommand that rejected it, and names an unknown
     * subcommand as such rather than as an unmatched argument.
     */
    static String parseErrorMessage(CommandLine.ParameterException ex, boolean topLevel) {
        if (!topLevel) {
            return "neurodyn " + ex.getCommandLine().getCommandName() + ": " + oneLine(ex.getMessage());
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException) {
            List<String> unmatched = ((CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                return "neurodyn: unknown subcommand '" + unmatched.get(0) + "'; see 'neurodyn --help'";
            }
        }
        return "neurodyn: " + oneLine(ex.getMessage());
    }

    private static int handle(Exception ex, CommandLine cmd, ParseResult parseResult, boolean verbose) {
        PrintWriter err = cmd.getErr();
        String prefix = "neurodyn " + cmd.getCommandName() + ": ";
        int status;
        if (ex instanceof IllegalArgumentException || ex instanceof UncheckedIOException
                || ex instanceof CommandLine.ParameterException) {
            err.println(prefix + oneLine(ex.getMessage()));
            status = ExitCode.BAD_INPUT;
        } else if (ex instanceof NeurodynException) {
            err.println(prefix + "numerical failure: " + oneLine(ex.getMessage()));
            status = ExitCode.NUMERICAL_FAILURE;
        } else {
            err.println(prefix + "internal error: " + ex);
            status = ExitCode.CHECK_FAILED;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        return status;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replace('\n', ' ');
    }

    /** Reads the version that Maven writes into {@code neurodyn-version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = NeurodynCommand.class.getResourceAsStream("/neurodyn-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"neurodyn " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
