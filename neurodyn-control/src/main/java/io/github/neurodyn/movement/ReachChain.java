package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.plant.ArmTrajectory;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.TorqueProfile;
import io.github.neurodyn.plant.TwoLinkArm;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The closed chain of a movement: the nonlinear network starts at each prepared state, the
 * readout turns its excitatory rates into joint torques {@code torque(t) = C r_E(t)}, and the
 * torques drive the two-link arm from the reach's start posture at rest. Reports hand paths,
 * the end-point error against each reach's target and the torque R^2.
 *
 * <p>The network runs with RK4, by default at {@link MovementFitter#DEFAULT_STEP_SECONDS}
 * (shortened to divide the reach's time step). The arm runs with RK4 at the reach's time step
 * under linearly interpolated torques. Cost: K network runs plus K arm runs of T steps each.
 */
public final class ReachChain {

    private ReachChain() {
    }

    /**
     * Runs the chain for every reach.
     *
     * @param network the network at its spontaneous state, as used for the fit
     * @param fit readout and prepared states, one per reach, in the order of {@code reaches}
     * @param arm the arm
     * @param reaches the target reaches on a uniform time grid
     * @return the arm trajectories, torques, end-point errors and torque R^2
     * @throws IllegalArgumentException if an argument is null, the counts differ, or the
     *     readout does not match the network's excitatory count or has other than 2 outputs
     * @throws io.github.neurodyn.api.SimulationDivergedException if the network or the arm diverges
     */
    public static ReachOutcome run(SpontaneousNetwork network, MovementFit fit, TwoLinkArm arm, List<Reach> reaches) {
        return run(network, fit, arm, reaches, MovementFitter.DEFAULT_STEP_SECONDS);
    }

    /**
     * Runs the chain for every reach with a given RK4 step of the network. Pass the step used
     * for the fit, so that the torques equal the fitted ones.
     *
     * @param network the network at its spontaneous state, as used for the fit
     * @param fit readout and prepared states, one per reach, in the order of {@code reaches}
     * @param arm the arm
     * @param reaches the target reaches on a uniform time grid
     * @param stepSeconds RK4 step of the network, in seconds, positive; shortened to divide
     *     the reach's time step
     * @return the arm trajectories, torques, end-point errors and torque R^2
     * @throws IllegalArgumentException if an argument is null, the counts differ, the step is
     *     not positive, or the readout does not match the network's excitatory count or has
     *     other than 2 outputs
     * @throws io.github.neurodyn.api.SimulationDivergedException if the network or the arm diverges
     */
    public static ReachOutcome run(SpontaneousNetwork network, MovementFit fit, TwoLinkArm arm, List<Reach> reaches,
            double stepSeconds) {
        Arguments.requirePositive(stepSeconds, "stepSeconds");
        Arguments.requireNonNull(network, "network");
        Arguments.requireNonNull(fit, "fit");
        Arguments.requireNonNull(arm, "arm");
        Arguments.requireNonNull(reaches, "reaches");
        if (reaches.size() != fit.movements()) {
            throw new IllegalArgumentException("reaches must contain one reach per fitted movement, "
                    + fit.movements() + ", found " + reaches.size());
        }
        DMatrixRMaj readout = fit.readout();
        Arguments.requireShape(readout, 2, network.excitatoryCount(), "fit.readout()");
        Arguments.requireShape(fit.initialStates(), network.size(), reaches.size(), "fit.initialStates()");

        // Network: one batched run from all prepared states on the reach grid.
        Reach first = reaches.get(0);
        double[] time = first.timeSeconds();
        int samples = time.length;
        double interval = time[1] - time[0];
        List<DMatrixRMaj> rates = NetworkRuns.excitatoryRates(network, fit.initialStates(), samples, interval,
                stepSeconds);

        // Arm: each reach driven by its read-out torques.
        List<ArmTrajectory> trajectories = new ArrayList<>(reaches.size());
        List<DMatrixRMaj> torques = new ArrayList<>(reaches.size());
        List<DMatrixRMaj> targets = new ArrayList<>(reaches.size());
        double[] errors = new double[reaches.size()];
        for (int i = 0; i < reaches.size(); i++) {
            Reach reach = reaches.get(i);
            Arguments.requireLength(reach.timeSeconds(), samples, "reaches[" + i + "].timeSeconds()");
            DMatrixRMaj torque = NetworkRuns.outputs(readout, rates.get(i));
            double[] shoulder = new double[samples];
            double[] elbow = new double[samples];
            for (int j = 0; j < samples; j++) {
                shoulder[j] = torque.get(j, 0);
                elbow[j] = torque.get(j, 1);
            }
            TorqueProfile profile = new TorqueProfile(interval, shoulder, elbow, TorqueProfile.Interpolation.LINEAR);
            DMatrixRMaj angles = reach.angles();
            double[] start = {angles.get(0, 0), angles.get(0, 1)};
            ArmTrajectory trajectory = arm.simulate(start, new double[2], profile, interval,
                    (samples - 1) * interval);
            double[] reached = trajectory.finalHandPosition();
            DMatrixRMaj hand = reach.handPositions();
            errors[i] = Math.hypot(reached[0] - hand.get(samples - 1, 0), reached[1] - hand.get(samples - 1, 1));
            trajectories.add(trajectory);
            torques.add(torque);
            targets.add(reach.torques());
        }
        return new ReachOutcome(trajectories, torques, errors, FitStatistics.r2(torques, targets));
    }
}
