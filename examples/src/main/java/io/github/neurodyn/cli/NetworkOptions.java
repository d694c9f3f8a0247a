package io.github.neurodyn.cli;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.network.ExcitatoryInhibitoryBuilder;
import io.github.neurodyn.network.Networks;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Command-line options that choose a network builder and its parameters. A command adds them
 * with {@code @Mixin} and calls {@link #build(long)} while it validates its options, so that a
 * bad value exits with status 2 before any file is written.
 *
 * <p>Each parameter applies to some kinds only; giving it for another kind is rejected rather
 * than ignored, so a typo in {@code --network} cannot silently change the experiment.
 */
public final class NetworkOptions {

    /** Network kinds, by their command-line label. */
    public enum Kind {
        /** Sparse excitatory/inhibitory network with Dale's law. */
        EI("ei"),
        /** Dense Gaussian network, W ~ N(0, g^2/N). */
        GAUSSIAN("gaussian"),
        /** Feedforward chain, W[i + 1][i] = w. */
        CHAIN("chain"),
        /** Balanced-amplification network of Murphy and Miller, N/2 neurons per population. */
        BALANCED("balanced");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return the command-line label */
        public String label() {
            return label;
        }

        static Kind parse(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(String.format("--network must be one of %s, found '%s'",
                    Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")), label));
        }
    }

    /** Default number of neurons. */
    public static final int DEFAULT_NEURONS = 200;
    /** Default bulk spectral radius of the ei network; above 1, so for large N x = 0 is unstable under tanh. */
    public static final double DEFAULT_RADIUS = 1.5;
    /** Default gain of the Gaussian network, in its chaotic regime (g &gt; 1). */
    public static final double DEFAULT_GAIN = 1.5;
    /** Default link weight of the feedforward chain. */
    public static final double DEFAULT_CHAIN_WEIGHT = 2.0;
    /** Default weight w of the balanced-amplification network. */
    public static final double DEFAULT_BALANCED_WEIGHT = 4.0;
    /** Default inhibition ratio k of the balanced-amplification network. */
    public static final double DEFAULT_INHIBITION_RATIO = 1.1;

    @Option(names = "--network", paramLabel = "KIND", defaultValue = "ei",
            description = "Network kind: ei (sparse excitatory/inhibitory, Dale's law), gaussian, "
                    + "chain (feedforward) or balanced (balanced amplification) (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--neurons", paramLabel = "N", defaultValue = "" + DEFAULT_NEURONS,
            description = "Number of neurons N; balanced needs an even N (default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--excitatory-fraction", paramLabel = "F",
            description = "ei: fraction f of excitatory neurons, in [0, 1] (default 0.5).")
    Double excitatoryFraction;

    @Option(names = "--connection-probability", paramLabel = "P",
            description = "ei: connection probability p, in [0, 1] (default 0.1).")
    Double connectionProbability;

    @Option(names = "--inhibition-dominance", paramLabel = "GAMMA",
            description = "ei: ratio gamma of inhibitory to excitatory weight magnitudes (default 3).")
    Double inhibitionDominance;

    @Option(names = "--radius", paramLabel = "R",
            description = "ei: bulk spectral radius R of W, which sets w0 (default " + DEFAULT_RADIUS + ").")
    Double radius;

    @Option(names = "--weight-scale", paramLabel = "W0",
            description = "ei: weight scale w0 (excitatory weight w0/sqrt(N)), instead of --radius.")
    Double weightScale;

    @Option(names = "--log-normal-sigma", paramLabel = "SIGMA",
            description = "ei: draw excitatory weights log-normally with this sigma, keeping their mean; at most 26.64"
                    + " (default 0).")
    Double logNormalSigma;

    @Option(names = "--balance-rows", paramLabel = "SUM",
            description = "ei, gaussian: make every row of W sum to SUM.")
    Double rowSum;

    @Option(names = "--gain", paramLabel = "G",
            description = "gaussian: gain g, weights N(0, g^2/N) (default " + DEFAULT_GAIN + ").")
    Double gain;

    @Option(names = "--weight", paramLabel = "W",
            description = "chain: link weight (default " + DEFAULT_CHAIN_WEIGHT + "); balanced: weight w (default "
                    + DEFAULT_BALANCED_WEIGHT + ").")
    Double weight;

    @Option(names = "--inhibition-ratio", paramLabel = "K",
            description = "balanced: inhibition ratio k, W = [[w, -k w], [w, -k w]] (default "
                    + DEFAULT_INHIBITION_RATIO + ").")
    Double inhibitionRatio;

    @Option(names = "--skip-spectrum",
            description = "ei, gaussian: skip the spectral radius and abscissa of W, an O(N^3) eigenvalue "
                    + "computation that dominates the run time for large N; summary.json then has null for both.")
    boolean skipSpectrum;

    /**
     * Returns the chosen kind.
     *
     * @return the kind
     * @throws IllegalArgumentException if {@code --network} names no kind
     */
    public Kind kind() {
        return Kind.parse(kind);
    }

    /**
     * Returns the number of neurons.
     *
     * @return N as given, not yet validated
     */
    public int neurons() {
        return neurons;
    }

    /**
     * Validates the options and builds the network.
     *
     * @param seed seed of the random builders; the deterministic kinds ignore it
     * @return the network with its diagnostics
     * @throws IllegalArgumentException if an option is invalid or does not apply to the kind
     */
    public Connectivity build(long seed) {
        Kind chosen = kind();
        requireOptionValues();
        requireOnly(chosen, Kind.EI, excitatoryFraction, "--excitatory-fraction");
        requireOnly(chosen, Kind.EI, connectionProbability, "--connection-probability");
        requireOnly(chosen, Kind.EI, inhibitionDominance, "--inhibition-dominance");
        requireOnly(chosen, Kind.EI, radius, "--radius");
        requireOnly(chosen, Kind.EI, weightScale, "--weight-scale");
        requireOnly(chosen, Kind.EI, logNormalSigma, "--log-normal-sigma");
        requireOnly(chosen, Kind.GAUSSIAN, gain, "--gain");
        requireOnly(chosen, Kind.BALANCED, inhibitionRatio, "--inhibition-ratio");
        if (rowSum != null && chosen != Kind.EI && chosen != Kind.GAUSSIAN) {
            throw notApplicable("--balance-rows", chosen);
        }
        if (weight != null && chosen != Kind.CHAIN && chosen != Kind.BALANCED) {
            throw notApplicable("--weight", chosen);
        }
        if (skipSpectrum && chosen != Kind.EI && chosen != Kind.GAUSSIAN) {
            throw notApplicable("--skip-spectrum", chosen);
        }

        switch (chosen) {
            case EI:
                return buildExcitatoryInhibitory(seed);
            case GAUSSIAN:
                var gaussian = Networks.gaussian(neurons).gain(orDefault(gain, DEFAULT_GAIN)).seed(seed)
                        .spectrum(!skipSpectrum);
                if (rowSum != null) {
                    gaussian.balanceRows(rowSum);
                }
                try {
                    return gaussian.build();
                } catch (IllegalArgumentException ex) {
                    throw OptionNames.rename(ex, "rowSum", "--balance-rows", "g", "--gain", "N", "--neurons");
                }
            case CHAIN:
                if (weight != null) {
                    Arguments.requireFinite(weight, "--weight");
                }
                return Networks.feedforwardChain(neurons, orDefault(weight, DEFAULT_CHAIN_WEIGHT));
            case BALANCED:
                if (neurons < 2 || neurons % 2 != 0) {
                    throw new IllegalArgumentException(String.format(
                            "--neurons must be even and at least 2 for --network balanced (N/2 neurons per population), "
                                    + "found %d", neurons));
                }
                if (weight != null) {
                    Arguments.requireNonNegative(weight, "--weight");
                }
                return Networks.balancedAmplification(neurons / 2, orDefault(weight, DEFAULT_BALANCED_WEIGHT),
                        orDefault(inhibitionRatio, DEFAULT_INHIBITION_RATIO));
            default:
                throw new IllegalStateException("unhandled network kind " + chosen);
        }
    }

    private Connectivity buildExcitatoryInhibitory(long seed) {
        if (radius != null && weightScale != null) {
            throw new IllegalArgumentException(String.format(
                    "set either --radius or --weight-scale, not both (found --radius %s and --weight-scale %s)",
                    radius, weightScale));
        }
        ExcitatoryInhibitoryBuilder builder = Networks.excitatoryInhibitory(neurons).seed(seed)
                .spectrum(!skipSpectrum);
        if (excitatoryFraction != null) {
            builder.excitatoryFraction(excitatoryFraction);
        }
        if (connectionProbability != null) {
            builder.connectionProbability(connectionProbability);
        }
        if (inhibitionDominance != null) {
            builder.inhibitionDominance(inhibitionDominance);
        }
        if (weightScale != null) {
            builder.weightScale(weightScale);
        } else {
            builder.bulkRadius(orDefault(radius, DEFAULT_RADIUS));
        }
        if (logNormalSigma != null) {
            builder.logNormalExcitatory(logNormalSigma);
        }
        if (rowSum != null) {
            builder.balanceRows(rowSum);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException ex) {
            // Whether R or a row sum can be reached shows only once the weights are drawn.
            throw OptionNames.rename(ex, "bulkRadius R", "--radius", "weightScale w0", "--weight-scale",
                    "rowSum", "--balance-rows", "p", "--connection-probability", "f", "excitatory fraction",
                    "gamma", "--inhibition-dominance", "sigma", "--log-normal-sigma", "N", "--neurons", "the seed", "--seed");
        }
    }

    /**
     * Checks the values against the builders' ranges here, so that a message names the option
     * the user typed rather than the builder's parameter.
     */
    private void requireOptionValues() {
        Arguments.requireAtLeast(neurons, 1, "--neurons");
        CommandSupport.requireMatrixSize(neurons);
        if (excitatoryFraction != null) {
            Arguments.requireProbability(excitatoryFraction, "--excitatory-fraction");
        }
        if (connectionProbability != null) {
            Arguments.requireProbability(connectionProbability, "--connection-probability");
        }
        if (inhibitionDominance != null) {
            Arguments.requireNonNegative(inhibitionDominance, "--inhibition-dominance");
        }
        if (radius != null) {
            Arguments.requirePositive(radius, "--radius");
        }
        if (weightScale != null) {
            Arguments.requirePositive(weightScale, "--weight-scale");
        }
        if (logNormalSigma != null) {
            Arguments.requireNonNegative(logNormalSigma, "--log-normal-sigma");
            if (logNormalSigma > ExcitatoryInhibitoryBuilder.MAX_LOG_NORMAL_SIGMA) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--log-normal-sigma must be at most %.2f, where exp(sigma^2) overflows, found %s",
                        ExcitatoryInhibitoryBuilder.MAX_LOG_NORMAL_SIGMA, logNormalSigma));
            }
        }
        if (rowSum != null) {
            Arguments.requireFinite(rowSum, "--balance-rows");
        }
        if (gain != null) {
            Arguments.requireNonNegative(gain, "--gain");
        }
        if (inhibitionRatio != null) {
            Arguments.requireNonNegative(inhibitionRatio, "--inhibition-ratio");
        }
    }

    private static void requireOnly(Kind chosen, Kind owner, Double value, String option) {
        if (value != null && chosen != owner) {
            throw notApplicable(option, chosen);
        }
    }

    private static IllegalArgumentException notApplicable(String option, Kind chosen) {
        return new IllegalArgumentException(String.format(
                "%s does not apply to --network %s; remove it or choose a network kind that uses it",
                option, chosen.label()));
    }

    private static double orDefault(Double value, double fallback) {
        return value != null ? value : fallback;
    }
}
