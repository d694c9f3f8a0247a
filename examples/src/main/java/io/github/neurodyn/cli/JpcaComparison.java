package io.github.neurodyn.cli;

import io.github.neurodyn.analysis.JpcaResult;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * jPCA of the model's movement-epoch rates and of a recording, run with the same settings, for
 * {@code neurodyn prepare --data FILE}. Rotational dynamics show as a first-plane ratio
 * {@code R^2(M_skew) / R^2(M_best)} near 1: the rotation-only fit then explains nearly as much
 * of the one-bin changes as the unconstrained linear fit.
 *
 * @param model jPCA of the model's movement-epoch rates
 * @param data jPCA of the recording
 */
record JpcaComparison(JpcaResult model, JpcaResult data) {

    /** Returns the first-plane ratio {@code R^2(M_skew) / R^2(M_best)} of a jPCA result. */
    static double skewOverBest(JpcaResult result) {
        return result.r2SkewPlane1() / result.r2BestPlane1();
    }

    /**
     * Writes {@code jpca-model-vs-data.png}, the first jPC plane of the model beside that of
     * the recording, and {@code jpca-model-vs-data.csv} with the plotted points.
     *
     * @param out output folder
     */
    void write(OutputDirectory out) {
        CsvTable table = new CsvTable("source", "condition", "time_ms", "jpc1", "jpc2");
        addPlane(table, "model", model);
        addPlane(table, "data", data);
        out.writeText("jpca-model-vs-data.csv", table);
        Plots.saveSideBySide(out, "jpca-model-vs-data.png",
                List.of(JpcaCommand.planeChart(model, 0, "model: "), JpcaCommand.planeChart(data, 0, "data: ")));
    }

    /**
     * Puts {@code modelPlane1RadPerSecond}, {@code dataPlane1RadPerSecond},
     * {@code modelR2SkewOverBest} and {@code dataR2SkewOverBest} into the summary.
     *
     * @param summary the summary to fill
     */
    void fillSummary(Summary summary) {
        summary.put("modelPlane1RadPerSecond", model.planeFrequenciesRadPerSecond()[0]);
        summary.put("dataPlane1RadPerSecond", data.planeFrequenciesRadPerSecond()[0]);
        summary.put("modelR2SkewOverBest", skewOverBest(model));
        summary.put("dataR2SkewOverBest", skewOverBest(data));
    }

    /** Prints the first-plane frequency and R^2 ratio of both. */
    void print() {
        System.out.printf(Locale.ROOT, "jPCA plane 1: model %.2f rad/s, R^2 skew/best %.3f; data %.2f rad/s, "
                + "R^2 skew/best %.3f%n", model.planeFrequenciesRadPerSecond()[0], skewOverBest(model),
                data.planeFrequenciesRadPerSecond()[0], skewOverBest(data));
    }

    private static void addPlane(CsvTable table, String source, JpcaResult result) {
        double[] times = result.analysedTimesMs();
        for (int c = 0; c < result.conditions().size(); c++) {
            DMatrixRMaj trajectory = result.planeProjection(c, 0);
            for (int t = 0; t < trajectory.numRows; t++) {
                table.row(source, result.conditions().get(c), times[t], trajectory.get(t, 0), trajectory.get(t, 1));
            }
        }
    }
}
