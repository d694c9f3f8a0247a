package io.github.neurodyn.movement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.plant.Reach;
import io.github.neurodyn.plant.ReachTargets;
import io.github.neurodyn.plant.TwoLinkArm;
import io.github.neurodyn.spectral.SocPresets;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The default job: an optimised 200-neuron network and the 8 default reaches (about 60 s). */
@Tag("slow")
class MovementDefaultsSlowTest {

    private static final double REQUIRED_R2 = 0.95;
    private static final double REQUIRED_MEAN_ENDPOINT_METERS = 0.01;

    @Test
    void defaultNetworkReachesTargets() {
        int neurons = 200;
        DMatrixRMaj weights = SocPresets.hennequin2014(neurons, 1).build().run().weights();
        SpontaneousNetwork network = SpontaneousNetwork.around(weights, neurons / 2, 0.15, 1);
        TwoLinkArm arm = TwoLinkArm.withDefaults();
        List<Reach> reaches = ReachTargets.DEFAULT.reaches(arm);
        MovementFit fit = MovementFitter.builder(network, reaches.stream().map(Reach::torques).toList(), 0.001)
                .build().fit();
        ReachOutcome outcome = ReachChain.run(network, fit, arm, reaches);
        assertTrue(outcome.torqueR2() > REQUIRED_R2, "torque R^2 " + outcome.torqueR2());
        assertTrue(outcome.meanEndpointErrorMeters() < REQUIRED_MEAN_ENDPOINT_METERS,
                "mean end-point error " + outcome.meanEndpointErrorMeters() + " m");
    }
}
