package io.github.neurodyn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.Trajectory;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RecordingTest {

    @Test
    void fromTrajectoriesTransposesEachCondition() {
        DMatrixRMaj first = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
        DMatrixRMaj second = new DMatrixRMaj(new double[][] {{7, 8, 9}, {10, 11, 12}});
        Recording r = Recording.fromTrajectories(List.of("a", "b"), new double[] {0, 10, 20}, List.of(first, second));
        assertEquals(2, r.neuronCount());
        assertEquals(3, r.timeBinCount());
        assertEquals(6, r.rate(0, 2, 1));
        assertEquals(10, r.rate(1, 0, 1));
        assertArrayEquals(new double[] {7, 10, 8, 11, 9, 12}, r.condition(1).data);
        assertEquals(List.of("n1", "n2"), r.neuronNames());
    }

    @Test
    void fromSimulationTakesRatesPerTrial() {
        double[][] states = {{-1, 2, 3, -4}, {5, -6, 7, 8}};
        Trajectory trajectory = new Trajectory(new double[] {0.0, 0.01}, states, 2, Nonlinearity.relu(),
                new DMatrixRMaj(2, 2), "test", 1, 0, false);
        Recording r = Recording.fromSimulation(List.of("left", "right"), trajectory);
        assertArrayEquals(new double[] {0.0, 10.0}, r.timesMs());
        assertEquals(0.0, r.rate(0, 0, 0), "relu of -1");
        assertEquals(3.0, r.rate(0, 1, 0));
        assertEquals(0.0, r.rate(1, 0, 1), "relu of -6");
        assertEquals(8.0, r.rate(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Recording.fromSimulation(List.of("only"), trajectory));
    }

    @Test
    void copiesItsInput() {
        double[][][] rates = {{{1}}};
        double[] times = {0};
        Recording r = Recording.of(List.of("a"), times, rates);
        rates[0][0][0] = 99;
        times[0] = 99;
        assertEquals(1, r.rate(0, 0, 0));
        assertEquals(0, r.timesMs()[0]);
    }

    @Test
    void rejectsBadInput() {
        double[][][] single = {{{1}}};
        assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of("a", "a"), new double[] {0},
                new double[][][] {{{1}}, {{2}}}));
        assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of(" "), new double[] {0}, single));
        assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of("a"), new double[] {0, 0},
                new double[][][] {{{1}, {2}}}));
        assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of("a"), new double[] {0},
                new double[][][] {{{Double.NaN}}}));
        assertThrows(IllegalArgumentException.class, () -> Recording.of(List.of("a"), new double[] {0, 1}, single));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> Recording.of(
                List.of("a"), new double[] {0, 1}, new double[][][] {{{1, 2}, {3}}}));
        assertTrue(ragged.getMessage().contains("rates[0][1]"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recording.fromTrajectories(List.of("a", "b"),
                new double[] {0}, List.of(new DMatrixRMaj(2, 1), new DMatrixRMaj(3, 1))));
    }
}
