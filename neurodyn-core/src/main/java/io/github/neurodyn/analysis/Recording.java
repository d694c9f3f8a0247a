package io.github.neurodyn.analysis;

import io.github.neurodyn.api.Arguments;
import io.github.neurodyn.api.Trajectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * Trial-averaged population activity as a condition x time x neuron table: one rate (or
 * any other per-neuron signal) for every condition, time bin and neuron, with one time base
 * shared by all conditions.
 *
 * <p>Instances are immutable because factories copy their arguments and accessors return
 * copies. Times are in milliseconds and strictly increasing. Rates are finite and keep the
 * unit of the source (spikes per second for raw rates, dimensionless after normalisation).
 */
public final class Recording {

    private final List<String> conditions;
    private final List<String> neuronNames;
    private final double[] timesMs;
    private final double[][][] rates;

    private Recording(List<String> conditions, List<String> neuronNames, double[] timesMs, double[][][] rates) {
        this.conditions = conditions;
        this.neuronNames = neuronNames;
        this.timesMs = timesMs;
        this.rates = rates;
    }

    /**
     * Creates a recording from an array indexed {@code rates[condition][time][neuron]}, naming
     * the neurons {@code n1, n2, ...}.
     *
     * @param conditions one unique, non-blank label per condition
     * @param timesMs time of each bin in ms, finite and strictly increasing
     * @param rates the table, {@code conditions.size() x timesMs.length x N} with N at least 1
     * @return the recording
     * @throws IllegalArgumentException when a label is blank or repeated, the times are not
     *     strictly increasing, the array is ragged or an entry is not finite
     */
    public static Recording of(List<String> conditions, double[] timesMs, double[][][] rates) {
        Arguments.requireNonNull(rates, "rates");
        int neurons = rates.length > 0 && rates[0] != null && rates[0].length > 0 && rates[0][0] != null
                ? rates[0][0].length : 0;
        List<String> names = new ArrayList<>(neurons);
        for (int n = 0; n < neurons; n++) {
            names.add("n" + (n + 1));
        }
        return of(conditions, names, timesMs, rates);
    }

    /**
     * Creates a recording from an array indexed {@code rates[condition][time][neuron]}.
     *
     * @param conditions one unique, non-blank label per condition
     * @param neuronNames one unique, non-blank name per neuron
     * @param timesMs time of each bin in ms, finite and strictly increasing
     * @param rates the table, {@code conditions.size() x timesMs.length x neuronNames.size()}
     * @return the recording
     * @throws IllegalArgumentException when a label or name is blank or repeated, the times are
     *     not strictly increasing, the array has another shape or an entry is not finite
     */
    public static Recording of(List<String> conditions, List<String> neuronNames, double[] timesMs,
            double[][][] rates) {
        List<String> conditionCopy = requireLabels(conditions, "conditions");
        List<String> nameCopy = requireLabels(neuronNames, "neuronNames");
        double[] timeCopy = requireTimes(timesMs);
        Arguments.requireNonNull(rates, "rates");
        int c = conditionCopy.size();
        int t = timeCopy.length;
        int n = nameCopy.size();
        if (rates.length != c) {
            throw new IllegalArgumentException(String.format(
                    "rates has %d conditions, expected %d (one per label)", rates.length, c));
        }
        double[][][] copy = new double[c][t][];
        for (int ci = 0; ci < c; ci++) {
            if (rates[ci] == null || rates[ci].length != t) {
                throw new IllegalArgumentException(String.format(
                        "rates[%d] has %s time bins, expected %d", ci,
                        rates[ci] == null ? "null instead of" : String.valueOf(rates[ci].length), t));
            }
            for (int ti = 0; ti < t; ti++) {
                copy[ci][ti] = Arguments.requireLength(rates[ci][ti], n,
                        "rates[" + ci + "][" + ti + "]").clone();
            }
        }
        return new Recording(conditionCopy, nameCopy, timeCopy, copy);
    }

    /**
     * Creates a recording from simulated or otherwise stored trajectories, one
     * {@code N x T} matrix per condition (neuron i in row i, time bin j in column j), naming
     * the neurons {@code n1, n2, ...}.
     *
     * @param conditions one unique, non-blank label per condition
     * @param timesMs time of each column in ms, finite and strictly increasing
     * @param states one {@code N x T} matrix per condition, all of the same shape
     * @return the recording
     * @throws IllegalArgumentException when the shapes disagree or an entry is not finite
     */
    public static Recording fromTrajectories(List<String> conditions, double[] timesMs, List<DMatrixRMaj> states) {
        Arguments.requireNonNull(states, "states");
        Arguments.requireNonNull(timesMs, "timesMs");
        if (states.isEmpty() || states.get(0) == null) {
            throw new IllegalArgumentException("states must contain at least one non-null N x T matrix, found "
                    + (states.isEmpty() ? "none" : "null at index 0"));
        }
        int neurons = states.get(0).numRows;
        double[][][] rates = new double[states.size()][timesMs.length][neurons];
        for (int c = 0; c < states.size(); c++) {
            DMatrixRMaj x = Arguments.requireShape(states.get(c), neurons, timesMs.length, "states[" + c + "]");
            for (int t = 0; t < timesMs.length; t++) {
                for (int n = 0; n < neurons; n++) {
                    rates[c][t][n] = x.get(n, t);
                }
            }
        }
        return of(conditions, timesMs, rates);
    }

    /**
     * Creates a recording from a simulation with one trial per condition, taking the rates
     * {@code phi(x)} of each trial and converting the sample times from seconds to ms.
     *
     * @param conditions one unique, non-blank label per trial of the trajectory
     * @param trajectory the simulation, with strictly increasing sample times
     * @return the recording
     * @throws IllegalArgumentException when the label count differs from the trial count, the
     *     sample times repeat or a rate is not finite
     */
    public static Recording fromSimulation(List<String> conditions, Trajectory trajectory) {
        Arguments.requireNonNull(conditions, "conditions");
        Arguments.requireNonNull(trajectory, "trajectory");
        if (conditions.size() != trajectory.trials()) {
            throw new IllegalArgumentException(String.format(
                    "conditions has %d labels but the trajectory has %d trials; expected one label per trial",
                    conditions.size(), trajectory.trials()));
        }
        double[] timesMs = trajectory.times();
        for (int t = 0; t < timesMs.length; t++) {
            timesMs[t] *= 1000.0;
        }
        List<DMatrixRMaj> rates = new ArrayList<>(trajectory.trials());
        for (int trial = 0; trial < trajectory.trials(); trial++) {
            rates.add(trajectory.rates(trial));
        }
        return fromTrajectories(conditions, timesMs, rates);
    }

    /** @return the number of conditions */
    public int conditionCount() {
        return conditions.size();
    }

    /** @return the number of time bins per condition */
    public int timeBinCount() {
        return timesMs.length;
    }

    /** @return the number of neurons */
    public int neuronCount() {
        return neuronNames.size();
    }

    /** @return the condition labels, in table order (unmodifiable) */
    public List<String> conditions() {
        return conditions;
    }

    /** @return the neuron names, in column order (unmodifiable) */
    public List<String> neuronNames() {
        return neuronNames;
    }

    /** @return a copy of the time base in ms, strictly increasing */
    public double[] timesMs() {
        return timesMs.clone();
    }

    /**
     * Returns one entry of the table.
     *
     * @param condition condition index, from 0
     * @param timeBin time-bin index, from 0
     * @param neuron neuron index, from 0
     * @return the rate
     */
    public double rate(int condition, int timeBin, int neuron) {
        return rates[condition][timeBin][neuron];
    }

    /**
     * Copies one condition into a new {@code T x N} matrix (time bins in rows).
     *
     * @param condition condition index, from 0
     * @return the matrix
     */
    public DMatrixRMaj condition(int condition) {
        int t = timesMs.length;
        int n = neuronNames.size();
        DMatrixRMaj m = new DMatrixRMaj(t, n);
        for (int ti = 0; ti < t; ti++) {
            System.arraycopy(rates[condition][ti], 0, m.data, ti * n, n);
        }
        return m;
    }

    /**
     * Copies the whole table into a new {@code (C T) x N} matrix, condition by condition: row
     * {@code c T + t} is condition c at time bin t.
     *
     * @return the stacked samples
     */
    public DMatrixRMaj stacked() {
        int t = timesMs.length;
        int n = neuronNames.size();
        DMatrixRMaj m = new DMatrixRMaj(conditions.size() * t, n);
        for (int c = 0; c < conditions.size(); c++) {
            for (int ti = 0; ti < t; ti++) {
                System.arraycopy(rates[c][ti], 0, m.data, (c * t + ti) * n, n);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format("Recording[%d conditions x %d time bins (%s..%s ms) x %d neurons]",
                conditions.size(), timesMs.length, timesMs[0], timesMs[timesMs.length - 1], neuronNames.size());
    }

    private static List<String> requireLabels(List<String> labels, String name) {
        Arguments.requireNonNull(labels, name);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(name + " must contain at least one label, found none");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException(String.format(
                        "%s[%d] is %s; expected a non-blank label", name, i, label == null ? "null" : "blank"));
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException(String.format(
                        "%s[%d] repeats the label '%s'; expected unique labels", name, i, label));
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(labels));
    }

    private static double[] requireTimes(double[] timesMs) {
        Arguments.requireFinite(timesMs, "timesMs");
        if (timesMs.length == 0) {
            throw new IllegalArgumentException("timesMs must contain at least one time bin, found none");
        }
        for (int t = 1; t < timesMs.length; t++) {
            if (!(timesMs[t] > timesMs[t - 1])) {
                throw new IllegalArgumentException(String.format(
                        "timesMs must be strictly increasing, but timesMs[%d] = %s follows %s",
                        t, timesMs[t], timesMs[t - 1]));
            }
        }
        return timesMs.clone();
    }
}
