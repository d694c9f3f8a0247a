package io.github.neurodyn.analysis.gpfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starting points of the sparse fit: a warm start reproduces the fit it came from, a start from
 * the true model reaches at least the bound of the principal-axes start, and malformed starts are
 * rejected by name.
 */
class GpfaStartTest {

    /** Relative tolerance on a state that went through a Cholesky factorisation and back. */
    private static final double ROUND_TRIP_TOLERANCE = 1e-12;
    /** Share of the bound's magnitude by which the true start may fall short of the default start. */
    private static final double BOUND_TOLERANCE = 1e-6;
    private static final double[] TRUE_LENGTH_SCALES = {0.06, 0.12, 0.25};
    private static final int NEURONS = 12;
    private static final int SEGMENTS = 6;
    private static final int BINS = 40;
    private static final double BIN_MS = 20;

    private static GpfaParameters truth;
    private static GpfaData data;
    private static GpfaData counts;

    @BeforeAll
    static void draw() {
        Random random = new Random(2021);
        truth = SyntheticGpfa.model(NEURONS, TRUE_LENGTH_SCALES, random);
        data = SyntheticGpfa.draw(truth, SEGMENTS, BINS, BIN_MS, random);
        counts = SyntheticGpfa.drawCounts(truth, PoissonLink.SOFTPLUS, SEGMENTS, BINS, BIN_MS, random);
    }

    /** Full batches, so that the reported objective is the exact bound. */
    private static SparseGpfaOptions options(int latents, int iterations) {
        return new SparseGpfaOptions(latents, NoiseModel.GAUSSIAN, 8, iterations, 0.05, SEGMENTS, NEURONS, 0,
                SparseGpfaOptions.DEFAULT_RETENTION_THRESHOLD, 5L, null);
    }

    @Test
    void warmStartReproducesGaussianFit() {
        SparseGpfaFit fit = SparseGpfa.fit(data, options(5, 30));
        SparseGpfaFit again = SparseGpfa.initialState(data, options(5, 30), GpfaStart.from(fit),
                GaussianPredictorLikelihood.INSTANCE);
        assertSameState(fit, again);
    }

    @Test
    void warmStartReproducesPoissonFit() {
        SparseGpfaOptions options = options(3, 20).withNoise(NoiseModel.POISSON);
        SparseGpfaFit fit = SparseGpfa.fit(counts, options, PoissonLink.SOFTPLUS);
        SparseGpfaFit again = SparseGpfa.initialState(counts, options, GpfaStart.from(fit),
                new PoissonPredictorLikelihood(PoissonLink.SOFTPLUS));
        assertSameState(fit, again);
    }

    @Test
    void principalAxesStartMatchesDefaultFit() {
        SparseGpfaOptions options = options(5, 25);
        SparseGpfaFit byDefault = SparseGpfa.fit(data, options);
        GpfaStart start = SparseGpfa.principalAxesStart(data, options, GaussianPredictorLikelihood.INSTANCE);
        SparseGpfaFit explicit = SparseGpfa.fit(data, options, start);
        assertArrayEquals(byDefault.elboHistory(), explicit.elboHistory());
    }

    @Test
    void warmStartContinuesFit() {
        SparseGpfaFit first = SparseGpfa.fit(data, options(5, 100));
        SparseGpfaFit continued = SparseGpfa.fit(data, options(5, 100), GpfaStart.from(first));
        double before = first.finalElbo();
        double after = continued.finalElbo();
        assertTrue(after >= before - BOUND_TOLERANCE * Math.abs(before),
                "bound " + after + " nats after continuing, " + before + " nats before");
    }

    @Test
    void trueStartReachesDefaultBound() {
        int requested = 5;
        SparseGpfaOptions options = options(requested, 400);
        SparseGpfaFit byDefault = SparseGpfa.fit(data, options);
        SparseGpfaFit fromTruth = SparseGpfa.fit(data, options, paddedTruth(requested));
        double expected = byDefault.finalElbo();
        double found = fromTruth.finalElbo();
        assertTrue(found >= expected - BOUND_TOLERANCE * Math.abs(expected),
                "bound from the true start " + found + " nats, from the principal axes " + expected + " nats");
        assertEquals(TRUE_LENGTH_SCALES.length, fromTruth.retainedLatents(),
                "ARD scales " + Arrays.toString(fromTruth.ardScales()));
    }

    @Test
    void poissonStartOverloadRuns() {
        SparseGpfaOptions options = options(3, 10).withNoise(NoiseModel.POISSON);
        GpfaStart start = new GpfaStart(truth.loadings(), null, truth.offsets(), truth.noiseVariances(),
                TRUE_LENGTH_SCALES, null);
        SparseGpfaFit fit = SparseGpfa.fit(counts, options, start);
        assertEquals(10, fit.elboHistory().length);
    }

    @Test
    void ofScalesLoadingsByPriorDeviation() {
        double[] priorVariances = {4, 1, 0.25};
        GpfaParameters scaled = new GpfaParameters(truth.loadings(), truth.offsets(), truth.noiseVariances(),
                TRUE_LENGTH_SCALES, priorVariances);
        DMatrixRMaj c = GpfaStart.of(scaled).loadings();
        for (int j = 0; j < priorVariances.length; j++) {
            assertEquals(truth.loadings().get(0, j) * Math.sqrt(priorVariances[j]), c.get(0, j), 0,
                    "column " + j);
        }
    }

    @Test
    void zeroColumnsStayPruned() {
        DMatrixRMaj c = new DMatrixRMaj(NEURONS, 5);
        DMatrixRMaj trueLoadings = truth.loadings();
        for (int n = 0; n < NEURONS; n++) {
            for (int j = 0; j < 3; j++) {
                c.set(n, j, trueLoadings.get(n, j));
            }
        }
        double[] lengths = {0.06, 0.12, 0.25, 0.1, 0.1};
        GpfaStart start = new GpfaStart(c, null, truth.offsets(), truth.noiseVariances(), lengths, null);
        SparseGpfaFit fit = SparseGpfa.fit(data, options(5, 50), start);
        assertTrue(Double.isFinite(fit.finalElbo()), "bound " + fit.finalElbo());
        assertEquals(3, fit.retainedLatents(), "ARD scales " + Arrays.toString(fit.ardScales()));
    }

    @Test
    void coarseInducingPointsFlagShortLatents() {
        double[] lengths = {0.03, 0.2, 0.05, 0.11, 0.02};
        int[] retained = {1, 0, 3, 2};
        assertArrayEquals(new int[] {0, 2}, SparseGpfa.coarselySampled(lengths, retained, 0.11));
    }

    private record BadStart(String name, String expectedWord, Supplier<GpfaStart> start) {
    }

    @Test
    void malformedStartsAreRejected() {
        DMatrixRMaj c = truth.loadings();
        double[] d = truth.offsets();
        double[] r = truth.noiseVariances();
        double[] l = TRUE_LENGTH_SCALES;
        DMatrixRMaj[] identities = identities(NEURONS, 3);

        DMatrixRMaj notFinite = c.copy();
        notFinite.set(2, 1, Double.NaN);
        DMatrixRMaj[] indefinite = identities(NEURONS, 3);
        indefinite[4].set(1, 1, -1);
        DMatrixRMaj[] asymmetric = identities(NEURONS, 3);
        asymmetric[3].set(0, 2, 0.5);
        DMatrixRMaj[] wrongShape = identities(NEURONS, 3);
        wrongShape[1] = new DMatrixRMaj(2, 2);

        List<InducingPosterior> twoLatents = new ArrayList<>();
        twoLatents.add(new InducingPosterior(new double[] {0, 100}, new DMatrixRMaj(2, 2), identities(2, 2)));

        List<BadStart> cases = List.of(
                new BadStart("null loadings", "loadings", () -> new GpfaStart(null, null, d, r, l, null)),
                new BadStart("zero loadings", "loadings are all zero",
                        () -> new GpfaStart(new DMatrixRMaj(NEURONS, 3), null, d, r, l, null)),
                new BadStart("NaN loading", "loadings", () -> new GpfaStart(notFinite, null, d, r, l, null)),
                new BadStart("short offsets", "offsets",
                        () -> new GpfaStart(c, null, Arrays.copyOf(d, 5), r, l, null)),
                new BadStart("infinite offset", "offsets", () -> new GpfaStart(c, null, with(d, 0,
                        Double.POSITIVE_INFINITY), r, l, null)),
                new BadStart("negative noise", "noiseVariances[3]",
                        () -> new GpfaStart(c, null, d, with(r, 3, -0.1), l, null)),
                new BadStart("zero noise", "noiseVariances[0]",
                        () -> new GpfaStart(c, null, d, with(r, 0, 0), l, null)),
                new BadStart("NaN noise", "noiseVariances", () -> new GpfaStart(c, null, d, with(r, 1, Double.NaN),
                        l, null)),
                new BadStart("long length scales", "lengthScalesSeconds",
                        () -> new GpfaStart(c, null, d, r, new double[] {0.1, 0.1, 0.1, 0.1}, null)),
                new BadStart("zero length scale", "lengthScalesSeconds[2]",
                        () -> new GpfaStart(c, null, d, r, with(l, 2, 0), null)),
                new BadStart("too few covariances", "loadingCovariances",
                        () -> new GpfaStart(c, Arrays.copyOf(identities, 4), d, r, l, null)),
                new BadStart("indefinite covariance", "loadingCovariances[4]",
                        () -> new GpfaStart(c, indefinite, d, r, l, null)),
                new BadStart("asymmetric covariance", "loadingCovariances[3]",
                        () -> new GpfaStart(c, asymmetric, d, r, l, null)),
                new BadStart("covariance of wrong shape", "loadingCovariances[1]",
                        () -> new GpfaStart(c, wrongShape, d, r, l, null)),
                new BadStart("posterior with other D", "segmentPosteriors[0]",
                        () -> new GpfaStart(c, null, d, r, l, twoLatents)));

        for (BadStart bad : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, bad.start()::get,
                    bad.name());
            assertTrue(error.getMessage().contains(bad.expectedWord()), bad.name() + ": " + error.getMessage());
        }
    }

    @Test
    void startNotMatchingDataIsRejected() {
        GpfaStart three = GpfaStart.of(truth);
        SparseGpfaFit fit = SparseGpfa.fit(data, options(3, 2));
        List<InducingPosterior> posteriors = GpfaStart.from(fit).segmentPosteriors();
        GpfaData fewerNeurons = SyntheticGpfa.draw(SyntheticGpfa.model(NEURONS - 1, TRUE_LENGTH_SCALES,
                new Random(3)), SEGMENTS, BINS, BIN_MS, new Random(4));
        List<BadFit> cases = List.of(
                new BadFit("other neuron count", "start.loadings has 12 rows",
                        () -> SparseGpfa.fit(fewerNeurons, options(3, 2), three)),
                new BadFit("other latent count", "options.latentCount() is 4",
                        () -> SparseGpfa.fit(data, options(4, 2), three)),
                new BadFit("fewer posteriors", "start.segmentPosteriors has 5 entries",
                        () -> SparseGpfa.fit(data, options(3, 2), three.withSegmentPosteriors(
                                posteriors.subList(0, 5)))),
                new BadFit("other inducing count", "options.inducingPoints() is 9",
                        () -> SparseGpfa.fit(data, new SparseGpfaOptions(3, NoiseModel.GAUSSIAN, 9, 2, 0.05,
                                SEGMENTS, NEURONS, 0, 0.01, 5L, null), three.withSegmentPosteriors(posteriors))),
                new BadFit("null start", "start", () -> SparseGpfa.fit(data, options(3, 2), (GpfaStart) null)));
        for (BadFit bad : cases) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, bad.fit()::get,
                    bad.name());
            assertTrue(error.getMessage().contains(bad.expectedWord()), bad.name() + ": " + error.getMessage());
        }
    }

    private record BadFit(String name, String expectedWord, Supplier<SparseGpfaFit> fit) {
    }

    /** Returns the true model padded with columns of loadings 0.1 N(0, 1) and length scale 0.1 s. */
    private static GpfaStart paddedTruth(int requested) {
        Random random = new Random(7);
        DMatrixRMaj c = new DMatrixRMaj(NEURONS, requested);
        DMatrixRMaj trueLoadings = truth.loadings();
        for (int n = 0; n < NEURONS; n++) {
            for (int j = 0; j < requested; j++) {
                c.set(n, j, j < trueLoadings.numCols ? trueLoadings.get(n, j) : 0.1 * random.nextGaussian());
            }
        }
        double[] lengths = new double[requested];
        Arrays.fill(lengths, 0.1);
        System.arraycopy(TRUE_LENGTH_SCALES, 0, lengths, 0, TRUE_LENGTH_SCALES.length);
        return new GpfaStart(c, null, truth.offsets(), truth.noiseVariances(), lengths, null);
    }

    private static void assertSameState(SparseGpfaFit expected, SparseGpfaFit found) {
        assertClose(expected.parameters().loadings().data, found.parameters().loadings().data, "loadings");
        assertClose(expected.parameters().offsets(), found.parameters().offsets(), "offsets");
        assertClose(expected.parameters().noiseVariances(), found.parameters().noiseVariances(), "noise variances");
        assertClose(expected.parameters().lengthScalesSeconds(), found.parameters().lengthScalesSeconds(),
                "length scales");
        assertClose(expected.ardScales(), found.ardScales(), "ARD scales");
        assertEquals(expected.retainedLatents(), found.retainedLatents(), "retained latents");
        DMatrixRMaj[] expectedCovariances = expected.loadingPosterior().covariances();
        DMatrixRMaj[] foundCovariances = found.loadingPosterior().covariances();
        for (int n = 0; n < expectedCovariances.length; n++) {
            assertClose(expectedCovariances[n].data, foundCovariances[n].data, "q(c) covariance of neuron " + n);
        }
        for (int k = 0; k < expected.segmentPosteriors().size(); k++) {
            InducingPosterior before = expected.segmentPosteriors().get(k);
            InducingPosterior after = found.segmentPosteriors().get(k);
            assertArrayEquals(before.inducingTimesMs(), after.inducingTimesMs(), "inducing times of segment " + k);
            assertClose(before.means().data, after.means().data, "q(u) means of segment " + k);
            for (int j = 0; j < before.covariances().length; j++) {
                assertClose(before.covariances()[j].data, after.covariances()[j].data,
                        "q(u) covariance of segment " + k + ", latent " + j);
            }
        }
    }

    private static void assertClose(double[] expected, double[] found, String label) {
        assertEquals(expected.length, found.length, label + " length");
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], found[i], ROUND_TRIP_TOLERANCE * scale, label + " entry " + i);
        }
    }

    private static DMatrixRMaj[] identities(int count, int size) {
        DMatrixRMaj[] matrices = new DMatrixRMaj[count];
        for (int i = 0; i < count; i++) {
            matrices[i] = org.ejml.dense.row.CommonOps_DDRM.identity(size);
        }
        return matrices;
    }

    private static double[] with(double[] values, int index, double value) {
        double[] copy = values.clone();
        copy[index] = value;
        return copy;
    }
}
