package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.analysis.Jpca;
import io.github.neurodyn.analysis.JpcaOptions;
import io.github.neurodyn.analysis.JpcaResult;
import io.github.neurodyn.analysis.Recording;
import org.ejml.data.DMatrixRMaj;

/** jPCA of the GPFA latents of a trial-structured recording, for the rotation checks. */
final class RecordingRotation {

    private RecordingRotation() {
    }

    /**
     * Runs jPCA on the posterior means of the retained latents with as many components as jPCA
     * of the rates uses by default (6), or the largest even count the retained latents allow.
     */
    static JpcaResult latentPlane(Recording recording, SparseGpfaFit fit, double startMs, double endMs) {
        int[] retainedIndices = fit.retainedIndices(SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD);
        double[] times = recording.timesMs();
        double[][][] latents = new double[recording.conditionCount()][times.length][retainedIndices.length];
        for (int c = 0; c < recording.conditionCount(); c++) {
            DMatrixRMaj means = fit.latents(c, times).means();
            for (int t = 0; t < times.length; t++) {
                for (int i = 0; i < retainedIndices.length; i++) {
                    latents[c][t][i] = means.get(t, retainedIndices[i]);
                }
            }
        }
        Recording trajectories = Recording.of(recording.conditions(), times, latents);
        return Jpca.of(trajectories, JpcaOptions.defaults().withPcs(components(retainedIndices.length)).withWindowMs(startMs, endMs));
    }

    /** Returns the jPCA component count for a number of retained latents, at least 2. */
    static int components(int retained) {
        return Math.max(2, Math.min(JpcaOptions.DEFAULT_PCS, retained - retained % 2));
    }
}
