package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;

class PlotsTest {

    private static final double SPAN_TOLERANCE = 1e-12;
    /** Sample step of the shared time grid in the tick tests, in ms. */
    private static final double GRID_STEP_MS = 0.1;
    /** Samples of the shared time grid: 0 to 299.9 ms, as in {@code simulate --duration-ms 300}. */
    private static final int GRID_SAMPLES = 3000;
    /** Every round tick step that XChart picks for a 300 ms axis is a multiple of this, in ms. */
    private static final double ROUND_TICK_MS = 5;

    /** Records the x tick labels that XChart computed while painting. */
    private static final class TickRecordingChart extends XYChart {
        private List<String> xTickLabels = List.of();

        TickRecordingChart() {
            super(Plots.WIDTH, Plots.HEIGHT);
        }

        @Override
        public void paint(Graphics2D graphics, int width, int height) {
            super.paint(graphics, width, height);
            xTickLabels = axisPair.getXAxis().getAxisTickCalculator().getTickLabels();
        }
    }

    /** Two series on one evenly spaced grid of {@link #GRID_SAMPLES} steps of {@code step}. */
    private static TickRecordingChart sharedGridChart(double step) {
        TickRecordingChart chart = new TickRecordingChart();
        Plots.style(chart, "traces", "time", "state x (dimensionless)");
        double[] times = new double[GRID_SAMPLES];
        double[] rising = new double[GRID_SAMPLES];
        double[] falling = new double[GRID_SAMPLES];
        for (int i = 0; i < GRID_SAMPLES; i++) {
            times[i] = step * i;
            rising[i] = 0.01 + 1e-4 * i;
            falling[i] = 0.3 - 1e-4 * i;
        }
        Plots.addLine(chart, "rising", times, rising);
        Plots.addLine(chart, "falling", times, falling);
        return chart;
    }

    @Test
    void sharedGridGetsRoundTicks(@TempDir Path dir) {
        TickRecordingChart chart = sharedGridChart(GRID_STEP_MS);

        Plots.save(OutputDirectory.create(dir), "traces.png", chart);

        assertTrue(chart.xTickLabels.size() >= 3, "x tick count " + chart.xTickLabels);
        for (String label : chart.xTickLabels) {
            double value = Double.parseDouble(label);
            assertEquals(0, Math.IEEEremainder(value, ROUND_TICK_MS), SPAN_TOLERANCE,
                    "x tick " + label + " of " + chart.xTickLabels);
        }
    }

    @Test
    void saveRemovesGridBreaker(@TempDir Path dir) {
        TickRecordingChart chart = sharedGridChart(GRID_STEP_MS);

        Plots.save(OutputDirectory.create(dir), "traces.png", chart);

        assertEquals(List.of("rising", "falling"), List.copyOf(chart.getSeriesMap().keySet()), "series after save");
    }

    @Test
    void tickLabelsKeepLeadingZero(@TempDir Path dir) {
        // the same grid in seconds, 0 to 0.2999 s
        TickRecordingChart chart = sharedGridChart(1e-3 * GRID_STEP_MS);

        Plots.save(OutputDirectory.create(dir), "traces.png", chart);

        assertTrue(chart.xTickLabels.contains("0.1"), "x ticks " + chart.xTickLabels);
        for (String label : chart.xTickLabels) {
            assertFalse(label.startsWith(".") || label.startsWith("-."), "x tick " + label);
        }
    }

    @Test
    void everyChartFormatsTicks() {
        List<XYChart> charts = List.of(Plots.lineChart("line", "x (m)", "y (m)"),
                Plots.scatterChart("scatter", "x (m)", "y (m)"));

        for (XYChart chart : charts) {
            assertNotNull(chart.getStyler().getxAxisTickLabelsFormattingFunction(), chart.getTitle() + " x labels");
            assertNotNull(chart.getStyler().getyAxisTickLabelsFormattingFunction(), chart.getTitle() + " y labels");
            assertEquals("0.05", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.05),
                    chart.getTitle() + " y label of 0.05");
        }
    }

    @Test
    void logAxisKeepsXChartLabels(@TempDir Path dir) {
        XYChart chart = Plots.lineChart("cost", "time (ms)", "cost (dimensionless)");
        Plots.addLine(chart, "cost", new double[] {0, 100, 300}, new double[] {11.5, 2e-3, 1.5e-6});
        chart.getStyler().setYAxisLogarithmic(true);

        Plots.save(OutputDirectory.create(dir), "cost.png", chart);

        assertNull(chart.getStyler().getyAxisTickLabelsFormattingFunction(), "y label function on a log axis");
    }

    @Test
    void formatTickCases() {
        assertEquals("0", Plots.formatTick(0.0), "zero");
        assertEquals("0", Plots.formatTick(-0.0), "negative zero");
        assertEquals("0.05", Plots.formatTick(0.05), "leading zero");
        assertEquals("-0.1", Plots.formatTick(-0.1), "negative decimal");
        assertEquals("0.3", Plots.formatTick(0.1 + 0.2), "binary rounding hidden");
        assertEquals("300", Plots.formatTick(300), "integer");
        assertEquals("1.5E-6", Plots.formatTick(1.5e-6), "small value");
        assertEquals("2E6", Plots.formatTick(2e6), "large value");
        assertEquals("-2.5E-5", Plots.formatTick(-2.5e-5), "negative small value");
    }

    @Test
    void dashedLineIsOnePath() {
        XYChart chart = Plots.lineChart("paths", "x (m)", "y (m)");

        XYSeries target = Plots.addDashedLine(chart, "target 1", new double[] {0, 0.1}, new double[] {0.2, 0.3},
                Color.RED);

        assertTrue(target.isSmooth(), "drawn as one smoothed path, so the dashes survive");
        assertEquals(SeriesLines.DASH_DASH, target.getLineStyle(), "line style");
        assertEquals(Color.RED, target.getLineColor(), "line colour");
    }

    @Test
    void thirteenthLineIsSolid() {
        XYChart chart = Plots.lineChart("torques", "time (ms)", "torque (N m)");

        XYSeries last = null;
        for (int i = 0; i < 13; i++) {
            last = Plots.addLine(chart, "reach " + (i + 1), new double[] {0, 1}, new double[] {i, i});
        }

        assertEquals(SeriesLines.SOLID, last.getLineStyle(), "line style of the 13th series");
    }

    @Test
    void equalAxesWidensSinglePoint() {
        XYChart chart = Plots.lineChart("paths", "x (m)", "y (m)");
        Plots.addLine(chart, "still", new double[] {0, 0}, new double[] {0.2, 0.2});

        Plots.equalAxes(chart);

        XYStyler styler = chart.getStyler();
        assertTrue(styler.getXAxisMax() > styler.getXAxisMin(), "x span is positive");
        assertTrue(styler.getYAxisMax() > styler.getYAxisMin(), "y span is positive");
    }

    @Test
    void equalAxesGivesSameSpan() {
        XYChart chart = Plots.lineChart("paths", "x (m)", "y (m)");
        Plots.addLine(chart, "wide", new double[] {-0.1, 0.3}, new double[] {0.2, 0.25});
        Plots.addLine(chart, "tall", new double[] {0.0, 0.05}, new double[] {0.3, 0.4});

        Plots.equalAxes(chart);

        XYStyler styler = chart.getStyler();
        assertEquals(0.4, styler.getXAxisMax() - styler.getXAxisMin(), SPAN_TOLERANCE, "x span");
        assertEquals(0.4, styler.getYAxisMax() - styler.getYAxisMin(), SPAN_TOLERANCE, "y span");
        assertEquals(0.3, 0.5 * (styler.getYAxisMax() + styler.getYAxisMin()), SPAN_TOLERANCE, "y centre");
    }

    @Test
    void sideBySideJoinsWidths(@TempDir Path dir) throws IOException {
        XYChart left = Plots.lineChart("left", "x (m)", "y (m)");
        Plots.addLine(left, "a", new double[] {0, 1}, new double[] {0, 1});
        XYChart right = Plots.lineChart("right", "x (m)", "y (m)");
        Plots.addLine(right, "b", new double[] {0, 1}, new double[] {1, 0});

        Path file = Plots.saveSideBySide(OutputDirectory.create(dir), "pair.png", List.of(left, right));

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(2 * Plots.WIDTH, image.getWidth(), "width of two panels");
        assertEquals(Plots.HEIGHT, image.getHeight(), "height of one panel");
    }

    /** Builds a one-series line chart of the given y values at x = 1, 2, ... */
    private static XYChart chartOf(double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1;
        }
        XYChart chart = Plots.lineChart("energy", "rank", "energy (dimensionless)");
        Plots.addLine(chart, "amplification", x, y);
        return chart;
    }

    @Test
    void threeDecadesGetLogAxis() {
        XYChart chart = chartOf(22.4, 3.1, 0.5, 0.023);

        assertTrue(Plots.logYAxisIfWide(chart), "returned choice");
        assertTrue(chart.getStyler().isYAxisLogarithmic(), "y axis of 22.4 .. 0.023");
    }

    @Test
    void twoDecadesKeepLinearAxis() {
        XYChart chart = chartOf(10.0, 1.0, 0.1);

        assertFalse(Plots.logYAxisIfWide(chart), "returned choice");
        assertFalse(chart.getStyler().isYAxisLogarithmic(), "y axis of exactly two decades");
    }

    @Test
    void nonPositiveValueKeepsLinearAxis() {
        assertFalse(Plots.logYAxisIfWide(chartOf(1e3, 1.0, 0.0)), "a zero value");
        assertFalse(Plots.logYAxisIfWide(chartOf(1e3, 1.0, -1e-3)), "a negative value");
    }

    @Test
    void wideRangeAcrossSeriesGetsLogAxis() {
        XYChart chart = chartOf(5.0, 4.0);
        Plots.addLine(chart, "second", new double[] {1, 2}, new double[] {0.02, 0.01});

        assertTrue(Plots.logYAxisIfWide(chart), "two series spanning 5 .. 0.01");
    }
}
