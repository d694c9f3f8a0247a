package io.github.neurodyn.analysis.gpfa;

import io.github.neurodyn.analysis.Recording;
import io.github.neurodyn.api.Arguments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Activity for GPFA: one or more segments (trials, or a single long recording), each a
 * {@code T_k x N} matrix of activity with time bins in rows and neurons in columns, and its
 * own time base in milliseconds. All segments share the same N neurons. The latent processes
 * are independent across segments.
 *
 * <p>Instances are immutable because the factories copy their arguments and the accessors
 * return copies. Times are finite and strictly increasing within a segment and activity is
 * finite. Use {@link #requireCounts()} before a Poisson fit.
 */
public final class GpfaData {

    private final List<String> neuronNames;
    private final List<double[]> timesMs;
    private final List<DMatrixRMaj> activity;

    private GpfaData(List<String> neuronNames, List<double[]> timesMs, List<DMatrixRMaj> activity) {
        this.neuronNames = neuronNames;
        this.timesMs = timesMs;
        this.activity = activity;
    }

    /**
     * Creates data from one long recording.
     *
     * @param neuronNames one unique, non-blank name per neuron
     * @param timesMs time of each bin in ms, finite and strictly increasing
     * @param activity {@code timesMs.length x neuronNames.size()} matrix, finite
     * @return the data, with one segment
     * @throws IllegalArgumentException when a name is blank or repeated, the times are not
     *     strictly increasing or the matrix has another shape or a non-finite entry
     */
    public static GpfaData continuous(List<String> neuronNames, double[] timesMs, DMatrixRMaj activity) {
        return of(neuronNames, List.of(timesMs), List.of(activity));
    }

    /**
     * Creates data from several segments.
     *
     * @param neuronNames one unique, non-blank name per neuron
     * @param timesMs per segment, the time of each bin in ms, finite and strictly increasing
     * @param activity per segment, a {@code T_k x N} matrix, finite, with {@code T_k} the
     *     length of that segment's times
     * @return the data
     * @throws IllegalArgumentException when a name is blank or repeated, there is no segment,
     *     the lists differ in length, times are not strictly increasing, or a matrix has another
     *     shape or a non-finite entry
     */
    public static GpfaData of(List<String> neuronNames, List<double[]> timesMs, List<DMatrixRMaj> activity) {
        Arguments.requireNonNull(neuronNames, "neuronNames");
        Arguments.requireNonNull(timesMs, "timesMs");
        Arguments.requireNonNull(activity, "activity");
        List<String> names = List.copyOf(neuronNames);
        Arguments.requireAtLeast(names.size(), 1, "neuronNames.size()");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank() || !seen.add(name)) {
                throw new IllegalArgumentException(String.format(
                        "neuronNames contains a blank or repeated name '%s'; expected unique, non-blank names", name));
            }
        }
        Arguments.requireAtLeast(timesMs.size(), 1, "timesMs.size() (segments)");
        if (activity.size() != timesMs.size()) {
            throw new IllegalArgumentException(String.format(
                    "activity has %d segments but timesMs has %d; expected one time base per segment",
                    activity.size(), timesMs.size()));
        }

        List<double[]> timeCopies = new ArrayList<>();
        List<DMatrixRMaj> activityCopies = new ArrayList<>();
        for (int k = 0; k < timesMs.size(); k++) {
            double[] times = Arguments.requireNonNull(timesMs.get(k), "timesMs[" + k + "]");
            String label = "segment " + k;
            Arguments.requireAtLeast(times.length, 1, "timesMs[" + k + "].length");
            Arguments.requireFinite(times, "timesMs[" + k + "]");
            for (int t = 1; t < times.length; t++) {
                if (!(times[t] > times[t - 1])) {
                    throw new IllegalArgumentException(String.format(
                            "timesMs of %s is not strictly increasing at bin %d (%s after %s ms)",
                            label, t, times[t], times[t - 1]));
                }
            }
            DMatrixRMaj y = Arguments.requireNonNull(activity.get(k), "activity[" + k + "]");
            Arguments.requireShape(y, times.length, names.size(), "activity[" + k + "]");
            Arguments.requireFinite(y, "activity[" + k + "]");
            timeCopies.add(times.clone());
            activityCopies.add(y.copy());
        }
        return new GpfaData(names, List.copyOf(timeCopies), List.copyOf(activityCopies));
    }

    /**
     * Creates data from a trial-structured recording, one segment per condition.
     *
     * @param recording the recording
     * @return the data, with the recording's neuron names and time base
     */
    public static GpfaData fromRecording(Recording recording) {
        Arguments.requireNonNull(recording, "recording");
        List<double[]> times = new ArrayList<>();
        List<DMatrixRMaj> activity = new ArrayList<>();
        for (int c = 0; c < recording.conditionCount(); c++) {
            times.add(recording.timesMs());
            activity.add(recording.condition(c));
        }
        return of(recording.neuronNames(), times, activity);
    }

    /**
     * Checks that every entry is a spike count, a non-negative integer, as the Poisson
     * observation model requires.
     *
     * @return this data
     * @throws IllegalArgumentException naming the segment, time bin and neuron of the first
     *     entry that is negative or not an integer
     */
    public GpfaData requireCounts() {
        for (int k = 0; k < activity.size(); k++) {
            DMatrixRMaj y = activity.get(k);
            for (int t = 0; t < y.numRows; t++) {
                for (int n = 0; n < y.numCols; n++) {
                    double value = y.get(t, n);
                    if (!isCount(value)) {
                        throw new IllegalArgumentException(String.format(
                                "activity of segment %d, time bin %d, neuron %s is %s; expected a "
                                        + "non-negative integer spike count for the Poisson model",
                                k, t, neuronNames.get(n), value));
                    }
                }
            }
        }
        return this;
    }

    /** Returns the names {@code n1, n2, ...} used when a source has no neuron names. */
    static List<String> defaultNames(int neurons) {
        List<String> names = new ArrayList<>(neurons);
        for (int n = 0; n < neurons; n++) {
            names.add("n" + (n + 1));
        }
        return names;
    }

    /** Returns whether a value is a valid spike count: a non-negative integer. */
    static boolean isCount(double value) {
        return value >= 0 && value == Math.rint(value);
    }

    /** @return the number of neurons N */
    public int neuronCount() {
        return neuronNames.size();
    }

    /** @return the number of segments */
    public int segmentCount() {
        return activity.size();
    }

    /** @return the total number of time bins over all segments */
    public int timeBinCount() {
        int total = 0;
        for (DMatrixRMaj y : activity) {
            total += y.numRows;
        }
        return total;
    }

    /** @return the neuron names in column order (unmodifiable) */
    public List<String> neuronNames() {
        return neuronNames;
    }

    /**
     * Returns a copy of one segment's time base.
     *
     * @param segment segment index, from 0
     * @return the bin times in ms
     */
    public double[] timesMs(int segment) {
        return timesMs.get(segment).clone();
    }

    /**
     * Returns a copy of one segment's activity.
     *
     * @param segment segment index, from 0
     * @return the {@code T_k x N} matrix
     */
    public DMatrixRMaj activity(int segment) {
        return activity.get(segment).copy();
    }

    /** Returns the stored activity of one segment without copying; callers must not modify it. */
    DMatrixRMaj activityView(int segment) {
        return activity.get(segment);
    }

    @Override
    public String toString() {
        return String.format("GpfaData[%d segments, %d time bins, %d neurons]",
                segmentCount(), timeBinCount(), neuronCount());
    }
}
