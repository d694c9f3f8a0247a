package io.github.neurodyn.movement;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.plant.ArmTrajectory;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Result of the closed chain network, readout and arm for K reaches.
 *
 * @param trajectories the arm trajectory of each reach (angles, velocities, hand positions)
 * @param torques the T x 2 torques read out from the network for each reach, in N m
 * @param endpointErrorsMeters per reach, the distance between the hand at the end of the reach
 *     and the target end point, in m
 * @param torqueR2 coefficient of determination of the torques against the target torques over
 *     all reaches, time samples and both joints
 */
public record ReachOutcome(List<ArmTrajectory> trajectories, List<DMatrixRMaj> torques,
        double[] endpointErrorsMeters, double torqueR2) {

    /**
     * Validates and copies.
     *
     * @param trajectories the arm trajectory of each reach (angles, velocities, hand positions)
     * @param torques the T x 2 torques read out from the network for each reach, in N m
     * @param endpointErrorsMeters per reach, the distance between the hand at the end of the reach
     *     and the target end point, in m
     * @param torqueR2 coefficient of determination of the torques against the target torques over
     *     all reaches, time samples and both joints
     *
     * @throws IllegalArgumentException if an argument is null or the counts differ
     */
    public ReachOutcome {
        Arguments.requireNonNull(trajectories, "trajectories");
        Arguments.requireNonNull(torques, "torques");
        Arguments.requireLength(endpointErrorsMeters, trajectories.size(), "endpointErrorsMeters");
        if (torques.size() != trajectories.size()) {
            throw new IllegalArgumentException("torques must contain " + trajectories.size() + " matrices, found "
                    + torques.size());
        }
        trajectories = List.copyOf(trajectories);
        torques = torques.stream().map(DMatrixRMaj::copy).toList();
        endpointErrorsMeters = endpointErrorsMeters.clone();
    }

    /** @return copies of the torque matrices */
    @Override
    public List<DMatrixRMaj> torques() {
        return torques.stream().map(DMatrixRMaj::copy).toList();
    }

    /** @return a copy of the end-point errors, in m */
    @Override
    public double[] endpointErrorsMeters() {
        return endpointErrorsMeters.clone();
    }

    /** @return the mean end-point error over the reaches, in m */
    public double meanEndpointErrorMeters() {
        double sum = 0;
        for (double e : endpointErrorsMeters) {
            sum += e;
        }
        return sum / endpointErrorsMeters.length;
    }

    /** @return the largest end-point error over the reaches, in m */
    public double maxEndpointErrorMeters() {
        double max = 0;
        for (double e : endpointErrorsMeters) {
            max = Math.max(max, e);
        }
        return max;
    }
}
