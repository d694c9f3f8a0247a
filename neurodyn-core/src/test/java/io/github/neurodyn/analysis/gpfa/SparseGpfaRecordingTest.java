package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.analysis.Jpca;
import io.github.neurodyn.analysis.JpcaOptions;
import io.github.neurodyn.analysis.JpcaResult;
import io.github.neurodyn.analysis.Recording;
import io.github.neurodyn.analysis.RecordingCsv;
import io.github.neurodyn.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fits Gaussian GPFA with ARD to trial-averaged motor cortex rates of a reaching monkey
 * (Churchland et al., Nature 487, 2012: 10 conditions, 61 bins of 10 ms, 50 neurons). The
 * leading jPCA plane of the latents must rotate, as that of the rates does.
 */
class SparseGpfaRecordingTest {

    /** Smallest accepted ratio of the skew-symmetric to the unconstrained R^2 in the plane. */
    private static final double MIN_ROTATION_RATIO = 0.5;
    /** The window jPCA analyses, in ms from movement onset. */
    private static final double WINDOW_START_MS = -50;
    private static final double WINDOW_END_MS = 150;
    private static final int REQUESTED = 10;
    private static final int ITERATIONS = 60;

    private static Recording recording;
    private static SparseGpfaFit fit;

    @BeforeAll
    static void fitRecording() {
        recording = RecordingCsv.read(SharedData.require("data/churchland2012_tme_subset/rates.csv"));
        GpfaData data = GpfaData.fromRecording(recording);
        SparseGpfaOptions options = SparseGpfaOptions.defaults(REQUESTED).withIterations(ITERATIONS)
                .withBatches(data.segmentCount(), data.neuronCount());
        fit = SparseGpfa.fit(data, options);
    }

    /**
     * The rates are trial averages with rich structure, so ARD keeps every requested latent
     * above the threshold. The check is that enough remain for a 6-component jPCA.
     */
    @Test
    void fitRetainsEnoughLatentsForJpca() {
        assertTrue(Double.isFinite(fit.finalElbo()), "final ELBO " + fit.finalElbo());
        assertTrue(fit.retainedLatents() >= JpcaOptions.DEFAULT_PCS, "retained " + fit.retainedLatents());
    }

    @Test
    void leadingLatentPlaneRotates() {
        JpcaResult latents = RecordingRotation.latentPlane(recording, fit, WINDOW_START_MS, WINDOW_END_MS);
        double ratio = latents.r2SkewPlane1() / latents.r2BestPlane1();
        assertTrue(ratio > MIN_ROTATION_RATIO, "latent plane R^2 ratio " + ratio);
        assertTrue(latents.planeFrequenciesRadPerSecond()[0] > 0, "latent plane frequency");
    }

    @Test
    void rotationMatchesJpcaOfRates() {
        JpcaResult latents = RecordingRotation.latentPlane(recording, fit, WINDOW_START_MS, WINDOW_END_MS);
        JpcaResult rates = Jpca.of(recording, JpcaOptions.defaults().withWindowMs(WINDOW_START_MS, WINDOW_END_MS));
        double latentFrequency = latents.planeFrequenciesRadPerSecond()[0];
        double rateFrequency = rates.planeFrequenciesRadPerSecond()[0];
        String frequencies = "latent plane " + latentFrequency + " rad/s, jPCA plane " + rateFrequency + " rad/s";
        assertTrue(latentFrequency > 0.5 * rateFrequency, frequencies);
        assertTrue(latentFrequency < 2 * rateFrequency, frequencies);
    }
}
