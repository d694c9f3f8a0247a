package io.github.neurodyn.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworksTest {

    /** Absolute tolerance for sums and eigenvalues of matrices with O(1) entries. */
    private static final double ROUNDING = 1e-12;
    /** Number of binomial standard deviations allowed between realised density and p. */
    private static final double DENSITY_SIGMAS = 5.0;
    /**
     * Relative gap allowed between the bulk radius at N = 800 and R. The largest eigenvalue
     * modulus of a finite random matrix overshoots the limiting radius by a few percent.
     */
    private static final double BULK_RADIUS_TOLERANCE = 0.08;
    /** Relative gap allowed between the spectral radius of a Gaussian network at N = 400 and g. */
    private static final double CIRCULAR_LAW_TOLERANCE = 0.08;
    /** Relative gap allowed between an outlying eigenvalue and its large-N estimate. */
    private static final double OUTLIER_TOLERANCE = 0.1;
    /** Agreement between the EJML spectral radius and the Hipparchus cross-check. */
    private static final double CROSS_CHECK = 1e-9;

    @Test
    void excitatoryInhibitoryColumnsFollowDale() {
        Connectivity c = Networks.excitatoryInhibitory(300).excitatoryFraction(0.8).seed(7).build();
        assertEquals(240, c.excitatoryCount());
        assertEquals(60, c.inhibitoryCount());
        assertTrue(c.followsDale());
        assertColumnSigns(c);
    }

    @Test
    void logNormalExcitatoryFollowsDaleAndKeepsMean() {
        int n = 400;
        double w0 = 2.0;
        double sigma = 1.0;
        Connectivity c = Networks.excitatoryInhibitory(n).weightScale(w0).logNormalExcitatory(sigma)
                .connectionProbability(0.2).seed(3).build();
        assertColumnSigns(c);

        // Mean of the nonzero excitatory weights against w0 / sqrt(N), within 5 standard errors
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c.excitatoryCount(); j++) {
                if (c.weight(i, j) != 0) {
                    sum += c.weight(i, j);
                    count++;
                }
            }
        }
        double mean = w0 / Math.sqrt(n);
        double standardError = mean * Math.sqrt(Math.expm1(sigma * sigma) / count);
        assertEquals(mean, sum / count, 5 * standardError);
    }

    @Test
    void inhibitoryWeightIsGammaTimesExcitatory() {
        int n = 100;
        double w0 = 1.5;
        double gamma = 4.0;
        Connectivity c = Networks.excitatoryInhibitory(n).weightScale(w0).inhibitionDominance(gamma)
                .connectionProbability(1.0).build();
        assertEquals(w0 / Math.sqrt(n), c.weight(1, 0), ROUNDING);
        assertEquals(-gamma * w0 / Math.sqrt(n), c.weight(0, n - 1), ROUNDING);
    }

    @Test
    void realisedDensityNearProbability() {
        int n = 400;
        double p = 0.1;
        Connectivity c = Networks.excitatoryInhibitory(n).connectionProbability(p).seed(11).build();
        // The count of connections is Binomial(N(N - 1), p)
        double standardDeviation = Math.sqrt(p * (1 - p) / (n * (n - 1.0)));
        assertEquals(p, c.density(), DENSITY_SIGMAS * standardDeviation);
    }

    @Test
    void noSelfConnectionsByDefault() {
        Connectivity c = Networks.excitatoryInhibitory(50).weightScale(1.0).connectionProbability(1.0).build();
        for (int i = 0; i < 50; i++) {
            assertEquals(0.0, c.weight(i, i), "W(" + i + ", " + i + ")");
        }
        assertEquals(1.0, c.density());
    }

    @Test
    void selfConnectionsWhenRequested() {
        Connectivity c = Networks.excitatoryInhibitory(50).weightScale(1.0).connectionProbability(1.0).selfConnections(true).build();
        for (int i = 0; i < 50; i++) {
            assertNotEquals(0.0, c.weight(i, i), "W(" + i + ", " + i + ")");
        }
    }

    @Test
    void bulkRadiusNearRequestedRadius() {
        double radius = 1.0;
        Connectivity c = Networks.excitatoryInhibitory(800).excitatoryFraction(0.5).connectionProbability(0.1)
                .inhibitionDominance(3).bulkRadius(radius).spectrum(false).seed(5).build();
        double[] moduli = eigenvalueModuli(c.weights());

        // The outlier from the mean weights sits near p sqrt(N) w0 (f - (1 - f) gamma), about -4.2
        double w0 = radius / Math.sqrt(0.1 * 0.9 * (0.5 + 0.5 * 9));
        double outlier = 0.1 * Math.sqrt(800) * w0 * (0.5 - 0.5 * 3);
        assertEquals(Math.abs(outlier), moduli[moduli.length - 1], OUTLIER_TOLERANCE * Math.abs(outlier));
        assertEquals(radius, moduli[moduli.length - 2], BULK_RADIUS_TOLERANCE * radius);
    }

    @Test
    void logNormalBulkRadiusNearRequestedRadius() {
        double radius = 1.0;
        Connectivity c = Networks.excitatoryInhibitory(500).connectionProbability(0.2).logNormalExcitatory(0.8)
                .bulkRadius(radius).spectrum(false).seed(5).build();
        double[] moduli = eigenvalueModuli(c.weights());
        assertEquals(radius, moduli[moduli.length - 2], BULK_RADIUS_TOLERANCE * radius);
    }

    @Test
    void balancedRowsRemoveOutlier() {
        double radius = 1.0;
        Connectivity c = Networks.excitatoryInhibitory(400).bulkRadius(radius).connectionProbability(0.2)
                .balanceRows(0.0).seed(9).build();
        assertColumnSigns(c);
        double[] sums = c.rowSums();
        for (int i = 0; i < sums.length; i++) {
            assertEquals(0.0, sums[i], ROUNDING, "row sum " + i);
        }
        // Unbalanced, the outlier would sit near p sqrt(N) w0 (f - (1 - f) gamma), about -4.5
        assertTrue(c.spectralRadius() < 2 * radius, "spectral radius " + c.spectralRadius());
    }

    @Test
    void gaussianRowsSumToTarget() {
        Connectivity c = Networks.gaussian(100).gain(2.0).balanceRows(0.5).selfConnections(false).seed(4).build();
        double[] sums = c.rowSums();
        for (int i = 0; i < sums.length; i++) {
            assertEquals(0.5, sums[i], ROUNDING, "row sum " + i);
            assertEquals(0.0, c.weight(i, i), "W(" + i + ", " + i + ")");
        }
    }

    @Test
    void rowSumsMatchWeights() {
        Connectivity c = Networks.excitatoryInhibitory(60).connectionProbability(0.3).seed(2).build();
        double[] sums = c.rowSums();
        for (int i = 0; i < 60; i++) {
            double expected = 0;
            for (int j = 0; j < 60; j++) {
                expected += c.weight(i, j);
            }
            assertEquals(expected, sums[i], ROUNDING, "row sum " + i);
        }
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Connectivity first = Networks.excitatoryInhibitory(120).logNormalExcitatory(0.5).seed(123).build();
        Connectivity second = Networks.excitatoryInhibitory(120).logNormalExcitatory(0.5).seed(123).build();
        assertTrue(Arrays.equals(first.weights().data, second.weights().data));
        assertEquals(first, second);
        Connectivity gaussian = Networks.gaussian(80).seed(99).build();
        assertEquals(gaussian, Networks.gaussian(80).seed(99).build());
    }

    @Test
    void otherSeedGivesOtherWeights() {
        Connectivity first = Networks.gaussian(80).seed(1).build();
        Connectivity second = Networks.gaussian(80).seed(2).build();
        assertFalse(Arrays.equals(first.weights().data, second.weights().data));
    }

    @Test
    void gaussianRadiusFollowsCircularLaw() {
        double g = 1.5;
        Connectivity c = Networks.gaussian(400).gain(g).seed(17).build();
        assertEquals(g, c.spectralRadius(), CIRCULAR_LAW_TOLERANCE * g);
        assertEquals(0.0, c.excitatoryCount());
        assertFalse(c.followsDale());
    }

    @Test
    void spectralRadiusMatchesHipparchus() {
        Connectivity c = Networks.gaussian(120).gain(1.2).seed(21).build();
        double radius = 0;
        double abscissa = Double.NEGATIVE_INFINITY;
        for (Complex lambda : hipparchusEigenvalues(c.weights())) {
            radius = Math.max(radius, lambda.norm());
            abscissa = Math.max(abscissa, lambda.getReal());
        }
        assertEquals(radius, c.spectralRadius(), CROSS_CHECK);
        assertEquals(abscissa, c.spectralAbscissa(), CROSS_CHECK);
    }

    @Test
    void spectralRadiusFiniteForHugeWeights() {
        // The eigenvalue moduli scale with the weights, so 1e300 W has radius 1e300 times that of W.
        DMatrixRMaj w = Networks.gaussian(60).gain(1.2).seed(22).build().weights();
        double radius = Connectivity.of(w, 0, 0).spectralRadius();
        CommonOps_DDRM.scale(1e300, w);

        double hugeRadius = Connectivity.of(w, 0, 0).spectralRadius();

        assertTrue(Double.isFinite(hugeRadius), "radius " + hugeRadius);
        assertEquals(1.0, hugeRadius / (1e300 * radius), CROSS_CHECK);
    }

    @Test
    void lowRankOutlierAtOverlap() {
        int n = 300;
        Random random = new Random(8);
        double[] m = new double[n];
        double[] right = new double[n];
        double overlap = 0;
        for (int i = 0; i < n; i++) {
            m[i] = random.nextGaussian();
            right[i] = 2.0 * m[i] + random.nextGaussian();
            overlap += right[i] * m[i] / n;
        }
        Connectivity c = Networks.lowRank(n).structure(m, right).gain(0.3).seed(8).build();
        // The rank-one part has the single nonzero eigenvalue n^T m / N; the random bulk has radius 0.3
        assertEquals(overlap, c.spectralRadius(), OUTLIER_TOLERANCE * overlap);
        assertEquals(overlap, c.spectralAbscissa(), OUTLIER_TOLERANCE * overlap);
    }

    @Test
    void lowRankWithoutRandomPartIsExact() {
        double[] m = {1, 2, 3};
        double[] right = {0.5, -1, 2};
        Connectivity c = Networks.lowRank(3).structure(m, right).gain(0).build();
        assertEquals(2.0 * -1 / 3, c.weight(1, 1), ROUNDING);
        assertEquals((0.5 - 2 + 6) / 3, c.spectralRadius(), ROUNDING);
    }

    @Test
    void lowRankMatrixStructureMatchesOverlapSpectrum() {
        // M N^T / N has the nonzero eigenvalues of the r x r overlap matrix N^T M / N
        int n = 6;
        DMatrixRMaj left = new DMatrixRMaj(n, 2);
        DMatrixRMaj right = new DMatrixRMaj(n, 2);
        Random random = new Random(13);
        for (int k = 0; k < 2 * n; k++) {
            left.data[k] = random.nextGaussian();
            right.data[k] = random.nextGaussian();
        }
        Connectivity c = Networks.lowRank(n).structure(left, right).gain(0).build();
        DMatrixRMaj overlap = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.multTransA(1.0 / n, right, left, overlap);
        double radius = 0;
        for (Complex lambda : hipparchusEigenvalues(overlap)) {
            radius = Math.max(radius, lambda.norm());
        }
        assertEquals(radius, c.spectralRadius(), ROUNDING);
    }

    @Test
    void feedforwardChainIsNilpotent() {
        Connectivity c = Networks.feedforwardChain(5, 2.0);
        assertEquals(2.0, c.weight(3, 2));
        assertEquals(0.0, c.weight(2, 3));
        assertEquals(0.0, c.spectralRadius(), ROUNDING);
        assertEquals(5, c.excitatoryCount());
        assertEquals(0, Networks.feedforwardChain(4, -1.0).excitatoryCount());
    }

    @Test
    void balancedAmplificationSpectrum() {
        double w = 4.0;
        double k = 1.1;
        Connectivity c = Networks.balancedAmplification(w, k);
        assertEquals(-k * w, c.weight(1, 1), ROUNDING);
        Complex[] eigenvalues = hipparchusEigenvalues(c.weights());
        Arrays.sort(eigenvalues, (a, b) -> Double.compare(a.getReal(), b.getReal()));
        assertEquals(w * (1 - k), eigenvalues[0].getReal(), ROUNDING);
        assertEquals(0.0, eigenvalues[1].getReal(), ROUNDING);
        assertEquals(Math.abs(w * (1 - k)), c.spectralRadius(), ROUNDING);
        assertEquals(0.0, c.spectralAbscissa(), ROUNDING);
    }

    @Test
    void balancedAmplificationPopulationsKeepSpectrum() {
        double w = 3.0;
        double k = 0.5;
        Connectivity c = Networks.balancedAmplification(4, w, k);
        assertEquals(8, c.size());
        assertEquals(w * (1 - k), c.spectralRadius(), ROUNDING);
        assertEquals(w * (1 - k), c.spectralAbscissa(), ROUNDING);
        assertColumnSigns(c);
    }

    @Test
    void spectrumSkippedWhenRequested() {
        Connectivity c = Networks.excitatoryInhibitory(50).spectrum(false).build();
        assertTrue(Double.isNaN(c.spectralRadius()), "spectral radius " + c.spectralRadius());
        assertTrue(Double.isNaN(c.spectralAbscissa()), "spectral abscissa " + c.spectralAbscissa());
        assertEquals(Networks.excitatoryInhibitory(50).build().weights().data[7], c.weights().data[7]);
    }

    @Test
    void connectivityIsImmutable() {
        Connectivity c = Networks.feedforwardChain(3, 1.0);
        c.weights().set(1, 0, 5.0);
        c.rowSums()[1] = 5.0;
        assertEquals(1.0, c.weight(1, 0));
        assertEquals(1.0, c.rowSums()[1]);
    }

    @Test
    void connectivityRejectsDaleViolation() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{0, 1}, {-1, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Connectivity.of(w, 2, 0));
        assertTrue(e.getMessage().contains("W(1, 0)"), e.getMessage());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("N = 0", () -> Networks.gaussian(0).build(), "number of neurons N"),
                bad("negative gain", () -> Networks.gaussian(10).gain(-1).build(), "gain g"),
                bad("NaN gain", () -> Networks.gaussian(10).gain(Double.NaN).build(), "gain g"),
                bad("infinite row sum", () -> Networks.gaussian(10).balanceRows(Double.POSITIVE_INFINITY).build(),
                        "rowSum"),
                bad("E/I N = -3", () -> Networks.excitatoryInhibitory(-3).build(), "number of neurons N"),
                bad("p above 1", () -> Networks.excitatoryInhibitory(10).connectionProbability(1.5).build(),
                        "connectionProbability p"),
                bad("p NaN", () -> Networks.excitatoryInhibitory(10).connectionProbability(Double.NaN).build(),
                        "connectionProbability p"),
                bad("f below 0", () -> Networks.excitatoryInhibitory(10).excitatoryFraction(-0.1).build(),
                        "excitatoryFraction f"),
                bad("negative gamma", () -> Networks.excitatoryInhibitory(10).inhibitionDominance(-1).build(),
                        "inhibitionDominance gamma"),
                bad("zero radius", () -> Networks.excitatoryInhibitory(10).bulkRadius(0).build(), "bulkRadius R"),
                bad("infinite radius", () -> Networks.excitatoryInhibitory(10).bulkRadius(Double.POSITIVE_INFINITY)
                        .build(), "bulkRadius R"),
                bad("negative w0", () -> Networks.excitatoryInhibitory(10).weightScale(-2).build(), "weightScale w0"),
                bad("radius with p = 1", () -> Networks.excitatoryInhibitory(10).connectionProbability(1).build(),
                        "no variance"),
                bad("negative sigma", () -> Networks.excitatoryInhibitory(10).logNormalExcitatory(-1).build(),
                        "logNormalExcitatory sigma"),
                bad("sigma overflowing the variance", () -> Networks.excitatoryInhibitory(20)
                        .logNormalExcitatory(30).build(), "exp(sigma^2) overflows"),
                bad("sigma overflowing with w0", () -> Networks.excitatoryInhibitory(20).weightScale(1)
                        .logNormalExcitatory(100).build(), "logNormalExcitatory sigma"),
                bad("unreachable row sum", () -> Networks.excitatoryInhibitory(40).balanceRows(100).build(),
                        "cannot be reached"),
                bad("missing structure", () -> Networks.lowRank(5).build(), "structure m"),
                bad("short structure", () -> Networks.lowRank(5).structure(new double[4], new double[5]).build(),
                        "structure m"),
                bad("NaN structure", () -> Networks.lowRank(2).structure(new double[2], new double[] {1, Double.NaN})
                        .build(), "structure n"),
                bad("chain N = 0", () -> Networks.feedforwardChain(0, 1), "number of neurons N"),
                bad("chain NaN weight", () -> Networks.feedforwardChain(3, Double.NaN), "weight"),
                bad("negative w", () -> Networks.balancedAmplification(-1, 1), "weight w"),
                bad("negative k", () -> Networks.balancedAmplification(1, -1), "inhibitionRatio k"),
                bad("m = 0", () -> Networks.balancedAmplification(0, 1, 1), "neuronsPerPopulation m"),
                bad("counts off", () -> Connectivity.of(new DMatrixRMaj(3, 3), 1, 1), "excitatoryCount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputNamesParameter(String label, Executable build, String parameter) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(parameter), e.getMessage());
    }

    private static Arguments bad(String label, Executable build, String parameter) {
        return Arguments.of(label, build, parameter);
    }

    private static void assertColumnSigns(Connectivity c) {
        int n = c.size();
        for (int j = 0; j < n; j++) {
            boolean excitatory = j < c.excitatoryCount();
            for (int i = 0; i < n; i++) {
                double value = c.weight(i, j);
                assertTrue(excitatory ? value >= 0 : value <= 0,
                        String.format("W(%d, %d) = %s in %s column", i, j, value,
                                excitatory ? "an excitatory" : "an inhibitory"));
            }
        }
    }

    /** Returns the eigenvalue moduli of {@code w} in increasing order. */
    private static double[] eigenvalueModuli(DMatrixRMaj w) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(w.numRows, false, false);
        assertTrue(eig.decompose(w), "EJML eigenvalue decomposition converged");
        double[] moduli = new double[eig.getNumberOfEigenvalues()];
        for (int k = 0; k < moduli.length; k++) {
            moduli[k] = eig.getEigenvalue(k).getMagnitude();
        }
        Arrays.sort(moduli);
        return moduli;
    }

    private static Complex[] hipparchusEigenvalues(DMatrixRMaj w) {
        double[][] rows = new double[w.numRows][w.numCols];
        for (int i = 0; i < w.numRows; i++) {
            for (int j = 0; j < w.numCols; j++) {
                rows[i][j] = w.get(i, j);
            }
        }
        return new EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(rows)).getEigenvalues();
    }
}
