package io.github.neurodyn.cli;

import io.github.neurodyn.movement.InitialConditions;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.OptimalInitialConditions;
import io.github.neurodyn.movement.ReachChain;
import io.github.neurodyn.movement.ReachOutcome;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.plant.ArmTrajectory;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SocResult;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurodyn movement}: stabilises an excitatory/inhibitory network (Hennequin preset),
 * fits one prepared initial state per reach and a torque readout, and drives the two-link arm
 * with the read-out torques. Writes hand paths, torques against their targets, the
 * evoked-energy spectrum and {@code summary.json}.
 */
@Command(name = "movement", mixinStandardHelpOptions = true,
        description = "Fit prepared initial states and a torque readout of a stabilised network to "
                + "centre-out reaches and drive a two-link arm with them.")
public final class MovementCommand extends CommandSupport {

    /** Time constant of every neuron, in seconds. */
    static final double TAU_SECONDS = DefaultMovementModel.TAU_SECONDS;

    @Option(names = "--neurons", defaultValue = "200", paramLabel = "N", description = "Number of neurons N, half excitatory "
            + "(default: ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
            description = "Seed of the start network and of the spontaneous state (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reaches", defaultValue = "8", paramLabel = "COUNT", description = "Number of reach directions (default: ${DEFAULT-VALUE}).")
    int reaches;

    @Option(names = "--directions", paramLabel = "K", description = "Number k of Gramian eigenvectors that span the prepared "
            + "states (default: min(20, N)).")
    Integer directions;

    @Option(names = "--deviation-norm", paramLabel = "NORM", description = "Norm of every prepared deviation from the spontaneous "
            + "state (dimensionless; default: 0.2 sqrt(N)).")
    Double deviationNorm;

    @Option(names = "--ridge", defaultValue = "1e-3", paramLabel = "RIDGE",
            description = "Ridge penalty on the readout as a share of the mean eigenvalue of the rate Gram "
                    + "matrix (default: ${DEFAULT-VALUE}).")
    double ridge;

    @Option(names = "--iterations", defaultValue = "15", paramLabel = "COUNT",
            description = "Alternating readout and initial-state iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    protected String name() {
        return "movement";
    }

    @Override
    protected void validate() {
        if (reaches < 1) {
            throw new IllegalArgumentException("--reaches must be at least 1, found " + reaches);
        }
        int excitatory = (int) Math.round(SocPresets.HENNEQUIN_EXCITATORY_FRACTION * neurons);
        if (neurons < 4 || excitatory <= reaches + 1) {
            throw new IllegalArgumentException("--neurons must give more than --reaches + 1 = " + (reaches + 1)
                    + " excitatory neurons (half of N), found N = " + neurons);
        }
        requireMatrixSize(neurons);
        if (directions != null && (directions < 1 || directions > neurons)) {
            throw new IllegalArgumentException("--directions must be between 1 and N = " + neurons + ", found "
                    + directions);
        }
        if (deviationNorm != null && !(deviationNorm > 0 && Double.isFinite(deviationNorm))) {
            throw new IllegalArgumentException("--deviation-norm must be positive and finite, found " + deviationNorm);
        }
        if (!(ridge > 0 && Double.isFinite(ridge))) {
            throw new IllegalArgumentException("--ridge must be positive and finite, found " + ridge);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, found " + iterations);
        }
    }

    @Override
    protected int execute(OutputDirectory out, Summary summary) {
        // Network: the Hennequin start network, stabilised, held at a positive spontaneous state.
        SocResult soc = DefaultMovementModel.optimise(neurons, seed);
        summary.put("neurons", neurons);
        summary.put("seed", seed);
        summary.put("abscissa", soc.finalAbscissa());
        summary.put("socConverged", soc.converged());
        SpontaneousNetwork network = DefaultMovementModel.spontaneousNetwork(soc, neurons, seed);
        writeEnergy(out, network);

        // Fit: prepared states and readout against the reach torques.
        TwoLinkArm arm = TwoLinkArm.withDefaults();
        List<Reach> targets = ReachTargets.DEFAULT.withDirectionCount(reaches).reaches(arm);
        double interval = ReachTargets.DEFAULT.timeStepSeconds();
        MovementFitter.Builder builder = MovementFitter.builder(network,
                targets.stream().map(Reach::torques).toList(), interval).ridge(ridge).iterations(iterations);
        if (directions != null) {
            builder.directions(directions);
        }
        if (deviationNorm != null) {
            builder.deviationNorm(deviationNorm);
        }
        long fitStart = System.nanoTime();
        MovementFit fit = builder.build().fit();
        double fitSeconds = (System.nanoTime() - fitStart) * 1e-9;

        // Closed chain: network, readout, arm.
        ReachOutcome outcome = ReachChain.run(network, fit, arm, targets);
        writeHandPaths(out, targets, outcome);
        writeTorques(out, targets, outcome);

        summary.put("movements", reaches);
        summary.put("meanEndpointErrorMeters", outcome.meanEndpointErrorMeters());
        summary.put("maxEndpointErrorMeters", outcome.maxEndpointErrorMeters());
        summary.put("endpointErrorsMeters", outcome.endpointErrorsMeters());
        summary.put("torqueFitR2", outcome.torqueR2());
        summary.put("relativeTorqueErrors", fit.relativeErrors());
        summary.put("directions", fit.directions().count());
        summary.put("deviationNorm", deviationNorm != null ? deviationNorm
                : MovementFitter.DEFAULT_DEVIATION_PER_NEURON * Math.sqrt(neurons));
        summary.put("ridge", ridge);
        summary.put("iterations", fit.iterations());
        summary.put("bestIteration", fit.bestIteration());
        summary.put("maxConstraintViolation", fit.maxConstraintViolation());
        summary.put("clippedSpontaneousRates", network.clippedCount());
        summary.put("fitSeconds", fitSeconds);

        System.out.printf("%-26s %d%n", "neurons", neurons);
        System.out.printf("%-26s %.4f%n", "abscissa of W", soc.finalAbscissa());
        System.out.printf("%-26s %d%n", "movements", reaches);
        System.out.printf("%-26s %.4f%n", "torque R^2", outcome.torqueR2());
        System.out.printf("%-26s %.2f mm%n", "mean end-point error", 1e3 * outcome.meanEndpointErrorMeters());
        System.out.printf("%-26s %.2f mm%n", "max end-point error", 1e3 * outcome.maxEndpointErrorMeters());
        System.out.printf("%-26s %.1f s%n", "fit time", fitSeconds);
        return ExitCode.SUCCESS;
    }

    private static void writeEnergy(OutputDirectory out, SpontaneousNetwork network) {
        InitialConditions all = OptimalInitialConditions.of(network.linearisation(), null, network.size(),
                TAU_SECONDS);
        double[] amplification = all.amplification();
        double[] rank = new double[amplification.length];
        CsvTable table = new CsvTable("rank", "energy_s", "amplification");
        for (int k = 0; k < amplification.length; k++) {
            rank[k] = k + 1;
            table.row(k + 1, all.energies()[k], amplification[k]);
        }
        out.writeText("energy.csv", table);
        XYChart chart = Plots.lineChart("Evoked energy of optimal initial conditions (C = I)", "rank",
                "energy / energy of a leaky unit (tau/2)");
        Plots.addLine(chart, "amplification", rank, amplification);
        // With the default settings the amplification falls by about three decades over the ranks.
        Plots.logYAxisIfWide(chart);
        Plots.save(out, "energy.png", chart);
    }

    private static void writeHandPaths(OutputDirectory out, List<Reach> targets, ReachOutcome outcome) {
        CsvTable table = new CsvTable("reach", "time_ms", "x_m", "y_m", "target_x_m", "target_y_m");
        XYChart chart = Plots.lineChart("Hand paths of the network-driven arm", "x (m)", "y (m)");
        Color[] palette = chart.getStyler().getSeriesColors();
        for (int i = 0; i < targets.size(); i++) {
            ArmTrajectory trajectory = outcome.trajectories().get(i);
            DMatrixRMaj hand = trajectory.handPositions();
            DMatrixRMaj target = targets.get(i).handPositions();
            double[] time = trajectory.timeSeconds();
            for (int j = 0; j < time.length; j++) {
                table.row(i, 1e3 * time[j], hand.get(j, 0), hand.get(j, 1), target.get(j, 0), target.get(j, 1));
            }
            Color color = palette[i % palette.length];
            Plots.addLine(chart, "reach " + (i + 1), column(hand, 0), column(hand, 1)).setLineColor(color);
            Plots.addDashedLine(chart, "target " + (i + 1), column(target, 0), column(target, 1), color);
        }
        out.writeText("hand-paths.csv", table);
        Plots.equalAxes(chart);
        Plots.save(out, "hand-paths.png", chart);
    }

    private static void writeTorques(OutputDirectory out, List<Reach> targets, ReachOutcome outcome) {
        CsvTable table = new CsvTable("reach", "time_ms", "shoulder_Nm", "elbow_Nm", "target_shoulder_Nm",
                "target_elbow_Nm");
        String[] joints = {"shoulder", "elbow"};
        XYChart[] charts = new XYChart[2];
        for (int joint = 0; joint < 2; joint++) {
            charts[joint] = Plots.lineChart("Read-out " + joints[joint] + " torque against target", "time (ms)",
                    joints[joint] + " torque (N m)");
        }
        for (int i = 0; i < targets.size(); i++) {
            DMatrixRMaj torque = outcome.torques().get(i);
            DMatrixRMaj target = targets.get(i).torques();
            double[] timeMs = Arrays.stream(targets.get(i).timeSeconds()).map(t -> 1e3 * t).toArray();
            for (int j = 0; j < timeMs.length; j++) {
                table.row(i, timeMs[j], torque.get(j, 0), torque.get(j, 1), target.get(j, 0), target.get(j, 1));
            }
            for (int joint = 0; joint < 2; joint++) {
                Color[] palette = charts[joint].getStyler().getSeriesColors();
                Color color = palette[i % palette.length];
                Plots.addLine(charts[joint], "reach " + (i + 1), timeMs, column(torque, joint)).setLineColor(color);
                Plots.addDashedLine(charts[joint], "target " + (i + 1), timeMs, column(target, joint), color);
            }
        }
        out.writeText("torques.csv", table);
        Plots.save(out, "torques-shoulder.png", charts[0]);
        Plots.save(out, "torques-elbow.png", charts[1]);
    }

    private static double[] column(DMatrixRMaj m, int column) {
        double[] out = new double[m.numRows];
        for (int r = 0; r < out.length; r++) {
            out[r] = m.get(r, column);
        }
        return out;
    }
}
