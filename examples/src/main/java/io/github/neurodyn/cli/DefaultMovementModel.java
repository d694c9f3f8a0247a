package io.github.neurodyn.cli;

import io.github.neurodyn.analysis.Recording;
import io.github.neurodyn.api.NeurodynException;
import io.github.neurodyn.api.Trajectory;
import io.github.neurodyn.dynamics.Integrator;
import io.github.neurodyn.dynamics.Simulation;
import io.github.neurodyn.movement.MovementFit;
import io.github.neurodyn.movement.MovementFitter;
import io.github.neurodyn.movement.SpontaneousNetwork;
import io.github.neurodyn.network.Connectivity;
import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.spectral.SocPresets;
import io.github.neurodyn.spectral.SocResult;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The library's default movement-generating model, as {@code neurodyn movement} builds it: the
 * Hennequin 2014 start network stabilised by the optimiser, held at a positive spontaneous
 * state (ReLU, tau = 0.15 s), with one prepared state per default reach and a fitted readout.
 *
 * @param network the spontaneous network
 * @param fit prepared states and readout
 * @param reaches the reach targets the fit was made for
 */
record DefaultMovementModel(SpontaneousNetwork network, MovementFit fit, List<Reach> reaches) {

    /** Time constant of every neuron, in seconds. */
    static final double TAU_SECONDS = 0.15;

    /**
     * Builds the model.
     *
     * @param neurons network size N (half excitatory)
     * @param seed seed of the network, the spontaneous state and the fit
     * @return the fitted model
     * @throws NeurodynException when the optimiser leaves the network unstable
     */
    static DefaultMovementModel build(int neurons, long seed) {
        SpontaneousNetwork network = spontaneousNetwork(optimise(neurons, seed), neurons, seed);
        List<Reach> reaches = ReachTargets.DEFAULT.reaches(TwoLinkArm.withDefaults());
        MovementFit fit = MovementFitter.builder(network, reaches.stream().map(Reach::torques).toList(),
                ReachTargets.DEFAULT.timeStepSeconds()).build().fit();
        return new DefaultMovementModel(network, fit, reaches);
    }

    /**
     * Stabilises the Hennequin 2014 start network of N neurons with the library preset.
     *
     * @param neurons network size N (half excitatory)
     * @param seed seed of the start network
     * @return the optimiser's result, stable or not
     */
    static SocResult optimise(int neurons, long seed) {
        return SocPresets.hennequin2014(neurons, seed).build().run();
    }

    /**
     * Holds the optimised network at a positive spontaneous state (ReLU, tau = 0.15 s), with the
     * excitatory count of the Hennequin start network.
     *
     * @param soc result of {@link #optimise}
     * @param neurons network size N
     * @param seed seed of the spontaneous state
     * @return the spontaneous network
     * @throws NeurodynException when the optimiser left alpha(W) at or above 1, so no stable
     *     spontaneous state exists
     */
    static SpontaneousNetwork spontaneousNetwork(SocResult soc, int neurons, long seed) {
        if (!(soc.finalAbscissa() < 1.0)) {
            throw new NeurodynException("the stability optimiser stopped at alpha(W) = " + soc.finalAbscissa()
                    + ", so the network has no stable spontaneous state");
        }
        Connectivity start = SocPresets.hennequinNetwork(neurons, SocPresets.HENNEQUIN_EXCITATORY_FRACTION,
                SocPresets.HENNEQUIN_PROBABILITY, SocPresets.HENNEQUIN_GAMMA, SocPresets.HENNEQUIN_RADIUS, seed);
        return SpontaneousNetwork.around(soc.weights(), start.excitatoryCount(), TAU_SECONDS, seed);
    }

    /**
     * Simulates the nonlinear network from every prepared state over the reach and returns the
     * rates as a recording, one condition per reach, with time 0 at movement onset.
     *
     * @param binMs bin width of the recording in ms
     * @return the movement-epoch activity
     */
    Recording movementActivity(double binMs) {
        int reachCount = fit.movements();
        int n = network.size();
        DMatrixRMaj initial = new DMatrixRMaj(n, reachCount);
        for (int k = 0; k < reachCount; k++) {
            double[] x0 = fit.initialState(k);
            for (int i = 0; i < n; i++) {
                initial.set(i, k, x0[i]);
            }
        }
        Trajectory run = Simulation.of(network.network()).integrator(Integrator.RK4).stepSeconds(5e-4)
                .durationSeconds(ReachTargets.DEFAULT.durationSeconds()).sampleEverySeconds(binMs * 1e-3)
                .initialStates(initial).trials(reachCount).run();
        List<String> conditions = new ArrayList<>();
        for (Reach reach : reaches) {
            conditions.add(String.format(java.util.Locale.ROOT, "reach%.0fdeg", Math.toDegrees(reach.directionRadians())));
        }
        return Recording.fromSimulation(conditions, run);
    }
}
