package io.github.neurodyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

class PlotsTest {

    private static final double SPAN_TOLERANCE = 1e-12;

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
}
