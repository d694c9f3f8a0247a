package io.github.neurodyn.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Chart helpers on top of XChart 3.8.8. Every chart gets a title, axis labels that carry units,
 * and a legend; {@link #save} writes it as PNG through {@link OutputDirectory}, so a failed
 * run leaves no partial image.
 *
 * <p>Tick marks: every linear axis labels its ticks with {@link #formatTick}, which keeps the
 * leading zero ({@code 0.05}, not {@code .05}). When all series of a chart share one evenly
 * spaced x grid, XChart 3.8.8 places the x ticks on every n-th sample (0, 31, 62, ... ms)
 * instead of on round values; {@link #save} and {@link #saveSideBySide} prevent that for every
 * line and scatter chart, so callers need no per-chart fix.
 */
public final class Plots {

    /** Default image width in pixels. */
    public static final int WIDTH = 900;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

    /** Ratio of the largest to the smallest y value above which {@link #logYAxisIfWide} picks a log axis: two decades. */
    public static final double LOG_AXIS_MIN_RATIO = 100.0;

    /** Significant digits kept in a tick label, enough to hide binary rounding of tick positions. */
    private static final MathContext TICK_PRECISION = new MathContext(10);
    /** Smallest magnitude that a tick label writes without an exponent. */
    private static final double PLAIN_TICK_MIN = 1e-4;
    /** Magnitude from which a tick label is written with an exponent. */
    private static final double PLAIN_TICK_MAX = 1e6;
    /** Name of the invisible one-point series that {@link #render} adds while drawing. */
    private static final String GRID_BREAKER_NAME = "\u0000off-grid tick probe";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /**
     * Creates a line chart.
     *
     * @param title chart title
     * @param xLabel x-axis label with its unit, e.g. {@code "time (ms)"}
     * @param yLabel y-axis label with its unit
     * @return the chart, ready for series
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel) {
        return style(new XYChart(WIDTH, HEIGHT), title, xLabel, yLabel);
    }

    /**
     * Applies the settings that {@link #lineChart} gives every chart: title, axis titles, legend
     * outside on the right, white background, lines without markers and {@link #formatTick} labels.
     *
     * @param chart a new, empty chart
     * @param title chart title
     * @param xLabel x-axis label with its unit
     * @param yLabel y-axis label with its unit
     * @return {@code chart}
     */
    static XYChart style(XYChart chart, String title, String xLabel, String yLabel) {
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        applyTickLabels(chart.getStyler(), true);
        return chart;
    }

    /**
     * Formats a tick value with up to 10 significant digits: plain decimals with a leading zero
     * for magnitudes from 1e-4 up to 1e6 ({@code 0.05}, {@code -0.1}, {@code 300}), otherwise with
     * an exponent ({@code 1.5E-6}, {@code 2E6}). Zero of either sign is {@code 0}.
     *
     * @param value tick position in axis units
     * @return the label
     */
    public static String formatTick(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(TICK_PRECISION).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= PLAIN_TICK_MIN && magnitude < PLAIN_TICK_MAX) {
            return rounded.toPlainString();
        }
        // unscaled value u and scale s mean u * 10^-s; write it as d.ddd E exponent
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "E" + exponent;
    }

    /**
     * Creates a scatter chart.
     *
     * @param title chart title
     * @param xLabel x-axis label with its unit
     * @param yLabel y-axis label with its unit
     * @return the chart, ready for series
     */
    public static XYChart scatterChart(String title, String xLabel, String yLabel) {
        XYChart chart = lineChart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /**
     * Adds a solid line series without markers. The line is solid even from the 13th series on,
     * where the default theme of XChart 3.8.8 has used its 12 colours and switches to a dashed
     * stroke that the plot draws solid (see {@link #addDashedLine}) but the legend draws dashed.
     *
     * @param chart the chart
     * @param name legend entry
     * @param x abscissae
     * @param y ordinates
     * @return the series, for styling
     */
    public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineStyle(SeriesLines.SOLID);
        return series;
    }

    /**
     * Adds a dashed line series without markers, for targets and other reference curves.
     *
     * <p>XChart 3.8.8 strokes a plain line one segment at a time and restarts the dash pattern
     * on each segment, so densely sampled data would look solid while its legend entry looks
     * dashed. The series is therefore drawn as one smoothed path, which keeps the dashes; the
     * cubic segments pass through every sample.
     *
     * @param chart the chart
     * @param name legend entry
     * @param x abscissae
     * @param y ordinates
     * @param color line colour, the same in the plot and the legend
     * @return the series, for styling
     */
    public static XYSeries addDashedLine(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = addLine(chart, name, x, y);
        series.setSmooth(true);
        series.setLineStyle(SeriesLines.DASH_DASH);
        series.setLineColor(color);
        return series;
    }

    /**
     * Adds a scatter series.
     *
     * @param chart the chart
     * @param name legend entry
     * @param x abscissae
     * @param y ordinates
     * @return the series, for styling
     */
    public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return series;
    }

    /**
     * Switches the y axis to a logarithmic scale when every finite y value of every series is
     * positive and the largest exceeds the smallest by more than {@link #LOG_AXIS_MIN_RATIO}, so
     * that values spanning decades stay readable instead of collapsing onto the x axis.
     *
     * @param chart a chart whose series are all added
     * @return true when the y axis is now logarithmic
     */
    public static boolean logYAxisIfWide(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double y : series.getYData()) {
                if (Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        boolean wide = min > 0 && max > LOG_AXIS_MIN_RATIO * min;
        chart.getStyler().setYAxisLogarithmic(wide);
        return wide;
    }

    /**
     * Sets the x and y ranges of a chart to the same span, centred on its data, so that one
     * metre is as long on both axes when the plot area is square. Data that is a single point
     * gets a span of 2e-3 axis units, or 0.2% of its largest coordinate when that is larger.
     *
     * @param chart a chart with at least one series
     */
    public static void equalAxes(XYChart chart) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            xMin = Math.min(xMin, series.getXMin());
            xMax = Math.max(xMax, series.getXMax());
            yMin = Math.min(yMin, series.getYMin());
            yMax = Math.max(yMax, series.getYMax());
        }
        double halfSpan = 0.5 * Math.max(xMax - xMin, yMax - yMin);
        if (halfSpan == 0) {
            // A single point gets a small span, because XChart draws no ticks on an empty range.
            halfSpan = Math.max(1e-3, 1e-3 * Math.max(Math.abs(xMax), Math.abs(yMax)));
        }
        double xCentre = 0.5 * (xMin + xMax);
        double yCentre = 0.5 * (yMin + yMax);
        chart.getStyler().setXAxisMin(xCentre - halfSpan).setXAxisMax(xCentre + halfSpan);
        chart.getStyler().setYAxisMin(yCentre - halfSpan).setYAxisMax(yCentre + halfSpan);
    }

    /**
     * Writes a chart as PNG.
     *
     * @param out output folder
     * @param fileName file name ending in {@code .png}
     * @param chart the chart
     * @return the path written
     */
    public static Path save(OutputDirectory out, String fileName, Chart<?, ?> chart) {
        byte[] png = render(chart, drawn -> {
            try {
                return BitmapEncoder.getBitmapBytes(drawn, BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to encode " + fileName + " as PNG", e);
            }
        });
        return out.write(fileName, tmp -> Files.write(tmp, png));
    }

    /**
     * Draws a chart with the shared tick settings and returns what {@code painter} made of it.
     *
     * <p>For a line or scatter chart whose x values are evenly spaced, XChart 3.8.8
     * ({@code AxisTickCalculator_.calculateForEquallySpacedAxisValues}) puts the ticks on every
     * n-th x value. It decides that from the union of the x values of all series, so an invisible
     * one-point series at an x value between two grid points, added while drawing and removed
     * afterwards, makes XChart choose round tick values. The point lies inside the data range,
     * so it changes neither the axis ranges nor the legend.
     *
     * @param chart the chart
     * @param painter draws the chart, e.g. into PNG bytes
     * @param <C> chart type
     * @param <T> result type
     * @return the painter's result
     */
    static <C extends Chart<?, ?>, T> T render(C chart, Function<C, T> painter) {
        if (chart.getStyler() instanceof AxesChartStyler styler) {
            applyTickLabels(styler, !(chart instanceof CategoryChart));
        }
        if (!(chart instanceof XYChart xyChart) || !addGridBreaker(xyChart)) {
            return painter.apply(chart);
        }
        try {
            return painter.apply(chart);
        } finally {
            xyChart.removeSeries(GRID_BREAKER_NAME);
        }
    }

    /**
     * Sets {@link #formatTick} as the tick label function of each linear axis. A logarithmic
     * axis keeps XChart's own labels, because XChart 3.8.8 lets a label function replace the
     * logarithmic tick positions with linear ones.
     */
    private static void applyTickLabels(AxesChartStyler styler, boolean numericXAxis) {
        Function<Double, String> format = Plots::formatTick;
        if (numericXAxis) {
            styler.setxAxisTickLabelsFormattingFunction(styler.isXAxisLogarithmic() ? null : format);
        }
        styler.setyAxisTickLabelsFormattingFunction(styler.isYAxisLogarithmic() ? null : format);
    }

    /**
     * Adds the invisible one-point series described in {@link #render}.
     *
     * @return false when the chart has fewer than two distinct finite x values, so XChart does not
     *     take its evenly spaced path and nothing was added
     */
    private static boolean addGridBreaker(XYChart chart) {
        TreeSet<Double> xValues = new TreeSet<>();
        double anyY = Double.NaN;
        for (XYSeries series : chart.getSeriesMap().values()) {
            double[] x = series.getXData();
            double[] y = series.getYData();
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    xValues.add(x[i]);
                    anyY = y[i];
                }
            }
        }
        if (xValues.size() < 2) {
            return false;
        }
        double first = xValues.first();
        double between = 0.5 * (first + xValues.higher(first));
        XYSeries breaker = chart.addSeries(GRID_BREAKER_NAME, new double[] {between}, new double[] {anyY});
        breaker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        breaker.setMarker(SeriesMarkers.NONE);
        breaker.setLineColor(new Color(0, 0, 0, 0));
        breaker.setShowInLegend(false);
        return true;
    }

    /**
     * Writes charts side by side, left to right, as one PNG. Each chart keeps its own size,
     * title, axes and legend.
     *
     * @param out output folder
     * @param fileName file name ending in {@code .png}
     * @param charts the charts, at least one
     * @return the path written
     * @throws IllegalArgumentException when {@code charts} is empty
     */
    public static Path saveSideBySide(OutputDirectory out, String fileName, List<? extends Chart<?, ?>> charts) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("charts is empty, expected at least one chart for " + fileName);
        }
        List<BufferedImage> panels = charts.stream()
                .map(chart -> render(chart, BitmapEncoder::getBufferedImage)).toList();
        int width = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = panels.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        int left = 0;
        for (BufferedImage panel : panels) {
            graphics.drawImage(panel, left, 0, null);
            left += panel.getWidth();
        }
        graphics.dispose();
        return out.write(fileName, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer is available");
            }
        });
    }
}
