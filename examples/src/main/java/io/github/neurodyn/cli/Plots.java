package io.github.neurodyn.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Chart helpers on top of XChart. Every chart gets a title, axis labels that carry units,
 * and a legend; {@link #save} writes it as PNG through {@link OutputDirectory}, so a failed
 * run leaves no partial image.
 */
public final class Plots {

    /** Default image width in pixels. */
    public static final int WIDTH = 900;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

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
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        return chart;
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
     * Adds a line series without markers.
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
     * Sets the x and y ranges of a chart to the same span, centred on its data, so that one
     * metre is as long on both axes when the plot area is square.
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
        return out.write(fileName, tmp -> Files.write(tmp,
                BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
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
        List<BufferedImage> panels = charts.stream().map(BitmapEncoder::getBufferedImage).toList();
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
