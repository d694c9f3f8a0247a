package io.github.neurodyn.plasticity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.RateNetwork;
import io.github.neurodyn.network.Connectivity;
import org.junit.jupiter.api.Test;

/** The example of docs/plasticity.md at N = 100, without the printing. */
class PlasticityExampleTest {

    @Test
    void documentedExampleEndsInhibitionStabilised() {
        int n = 100;
        Connectivity start = IspPresets.startNetwork(n, 1);
        RateNetwork network = IspPresets.network(start);
        double[] u = IspPresets.input(n);

        TrainingResult result = PlasticityTraining.of(network, IspPresets.rule(start).build())
                .input(InputSignal.constant(u))
                .noise(IspPresets.noise()).seed(1)
                .durationSeconds(10)
                .listener(report -> true)
                .run();

        IsnDiagnostics isn = InhibitionStabilisation.analyse(result.finalWeights(), network.nonlinearity(),
                result.lastWindow().meanState(), start.excitatoryCount());
        RateNetwork trained = network.toBuilder().weights(result.finalWeights()).build();
        ParadoxicalResponse response = ParadoxicalProbe.of(trained, start.excitatoryCount())
                .baseInput(u).measure();
        assertTrue(isn.inhibitionStabilised(), "abscissa " + isn.abscissa() + ", excitatory block "
                + isn.excitatoryAbscissa());
        assertTrue(response.paradoxical(), "inhibitory rate change " + response.inhibitoryRateChange());
    }
}
