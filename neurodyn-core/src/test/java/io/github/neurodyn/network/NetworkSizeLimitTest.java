package io.github.neurodyn.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.neurodyn.spectral.SocPresets;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every network builder rejects an N whose N x N weight matrix would not fit one Java array,
 * naming N, the value and the largest N allowed.
 */
class NetworkSizeLimitTest {

    /** Largest array length that HotSpot allocates. */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;

    static Stream<Arguments> builders() {
        return Stream.of(
                Arguments.of("gaussian", (IntConsumer) n -> Networks.gaussian(n).build()),
                Arguments.of("excitatoryInhibitory", (IntConsumer) n -> Networks.excitatoryInhibitory(n).build()),
                Arguments.of("lowRank", (IntConsumer) n -> Networks.lowRank(n)
                        .structure(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1)).build()),
                Arguments.of("feedforwardChain", (IntConsumer) n -> Networks.feedforwardChain(n, 1.0)),
                Arguments.of("kaoNetwork", (IntConsumer) n -> SocPresets.kaoNetwork(n, 1L)));
    }

    @Test
    void limitIsLargestFittingSize() {
        long max = Networks.MAX_NEURONS;

        assertTrue(max * max <= MAX_ARRAY_LENGTH, "MAX_NEURONS^2 = " + max * max);
        assertTrue((max + 1) * (max + 1) > MAX_ARRAY_LENGTH, "(MAX_NEURONS + 1)^2 = " + (max + 1) * (max + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void builderRejectsHugeNetwork(String builder, IntConsumer build) {
        for (int neurons : new int[] {Networks.MAX_NEURONS + 1, 100_000, Integer.MAX_VALUE}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> build.accept(neurons),
                    builder + " with N = " + neurons);
            String message = ex.getMessage();

            assertTrue(message.contains("found " + neurons), builder + ": value missing in " + message);
            assertTrue(message.contains("at most " + Networks.MAX_NEURONS), builder + ": limit missing in " + message);
        }
    }

    @Test
    void balancedAmplificationRejectsHugePopulation() {
        int perPopulation = Networks.MAX_NEURONS / 2 + 1;

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Networks.balancedAmplification(perPopulation, 1.0, 1.0));

        assertTrue(ex.getMessage().contains("neuronsPerPopulation m must be at most " + Networks.MAX_NEURONS / 2),
                ex.getMessage());
        assertTrue(ex.getMessage().contains("found " + perPopulation), ex.getMessage());
    }
}
