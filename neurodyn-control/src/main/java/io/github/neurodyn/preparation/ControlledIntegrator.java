package io.github.neurodyn.preparation;

import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.SimulationDivergedException;
import org.ejml.data.DMatrixRMaj;

/**
 * Classical fourth-order Runge-Kutta integration of the controlled rate network
 *
 * <pre>
 *     tau dx/dt = -x + W phi(x) + h + u_ff + B v,    v from a {@link FeedbackLaw}
 * </pre>
 *
 * with the law's internal states and the running costs {@code e^T Q_C e} and {@code ||v||^2}, so that the cost
 * integrals share the state's fourth-order accuracy. States are recorded on a uniform grid.
 * Each grid interval is split into substeps so that substep times the closed-loop rate bound
 * stays below 1/4, because the finite-horizon gain grows steeply just before the go cue.
 * All work arrays are allocated once.
 *
 * <p>W and Q_C are stored by column for vectorised axpy products ({@link ColumnProducts}).
 * An input matrix with one nonzero entry per column, such as the identity, is applied in
 * O(m), and a law without inputs skips the feedback term.
 */
final class ControlledIntegrator {

    /** Largest product of substep and closed-loop rate bound; RK4 is stable up to about 2.8. */
    private static final double SUBSTEP_RESOLUTION = 0.25;

    private final int n;
    private final int m;
    private final double[][] wColumns;
    private final double[] inverseTau;
    private final double[] drive;
    private final double[] b;
    private final SelectionInput selection;
    private final double[] xStar;
    private final double[][] qColumns;
    private final Nonlinearity phi;
    private final double maxAbsState;

    private final double[] rates;
    private final double[] error;
    private final double[] product;
    private final double[] v;
    private final double[][] stages;
    private double[] trial;
    private double[] internal = new double[0];
    private double[] internalRate = new double[0];
    private double[] pulse;
    private double pulseStartSeconds;
    private double pulseEndSeconds;

    ControlledIntegrator(DMatrixRMaj weights, double[] timeConstants, double[] bias, double[] feedforward,
            DMatrixRMaj inputMatrix, double[] xStar, DMatrixRMaj stateCost, Nonlinearity phi, double maxAbsState) {
        this.n = weights.numRows;
        this.m = inputMatrix.numCols;
        this.wColumns = ColumnProducts.columns(weights.data, n);
        this.inverseTau = new double[n];
        this.drive = new double[n];
        for (int i = 0; i < n; i++) {
            inverseTau[i] = 1.0 / timeConstants[i];
            drive[i] = bias[i] + feedforward[i];
        }
        this.b = inputMatrix.data.clone();
        this.selection = SelectionInput.of(inputMatrix);
        this.xStar = xStar.clone();
        // Q_C is symmetric, so its rows are its columns
        this.qColumns = ColumnProducts.columns(stateCost.data, n);
        this.phi = phi;
        this.maxAbsState = maxAbsState;
        this.rates = new double[n];
        this.error = new double[n];
        this.product = new double[n];
        this.v = new double[m];
        this.stages = new double[4][];
        this.trial = new double[0];
    }

    /**
     * Adds the constant input {@code pulse} (length N) to u while {@code start <= t < end}.
     * Pass null to remove it.
     */
    void setPulse(double[] pulse, double startSeconds, double endSeconds) {
        this.pulse = pulse == null ? null : pulse.clone();
        this.pulseStartSeconds = startSeconds;
        this.pulseEndSeconds = endSeconds;
    }

    /**
     * Integrates over [0, T] in {@code steps} equal steps from x0 and records every step.
     *
     * @return the samples: states (N x (steps + 1)), the prospective cost series, and in
     *     {@code integrals} the state cost and the input energy at T
     */
    DMatrixRMaj integrate(double[] x0, double horizonSeconds, int steps, FeedbackLaw law,
            double[] costSeries, double[] integrals) {
        DMatrixRMaj states = new DMatrixRMaj(n, steps + 1);
        int size = n + 2 + law.internalStates();
        prepareBuffers(law, size);
        double[] y = new double[size];
        System.arraycopy(x0, 0, y, 0, n);
        law.initialInternalStates(internal);
        System.arraycopy(internal, 0, y, n + 2, internal.length);
        record(states, 0, y, costSeries);
        double h = steps == 0 ? 0 : horizonSeconds / steps;

        for (int step = 0; step < steps; step++) {
            io.github.neurodyn.api.CancelledException.checkInterrupted("Preparation run", step);
            double start = step * h;
            double end = step == steps - 1 ? horizonSeconds : (step + 1) * h;

            // Substeps short enough for the fastest feedback in this interval
            double rate = law.maxRate(start, end);
            int substeps = (int) Math.max(1, Math.ceil((end - start) * rate / SUBSTEP_RESOLUTION));
            double dt = (end - start) / substeps;
            for (int sub = 0; sub < substeps; sub++) {
                rungeKuttaStep(start + sub * dt, dt, y, law);
            }

            // Reject a state that is not finite or out of bounds
            for (int i = 0; i < n; i++) {
                if (!(Math.abs(y[i]) <= maxAbsState)) {
                    throw new SimulationDivergedException(end, i, y[i], maxAbsState);
                }
            }
            record(states, step + 1, y, costSeries);
        }
        integrals[0] = y[n];
        integrals[1] = y[n + 1];
        return states;
    }

    /** Advances y by one classical fourth-order Runge-Kutta step of length dt from time t. */
    private void rungeKuttaStep(double t, double dt, double[] y, FeedbackLaw law) {
        derivative(t, y, law, stages[0]);
        combine(y, stages[0], 0.5 * dt, trial);
        derivative(t + 0.5 * dt, trial, law, stages[1]);
        combine(y, stages[1], 0.5 * dt, trial);
        derivative(t + 0.5 * dt, trial, law, stages[2]);
        combine(y, stages[2], dt, trial);
        derivative(t + dt, trial, law, stages[3]);
        for (int i = 0; i < y.length; i++) {
            y[i] += dt / 6 * (stages[0][i] + 2 * stages[1][i] + 2 * stages[2][i] + stages[3][i]);
        }
    }

    private void record(DMatrixRMaj states, int column, double[] y, double[] costSeries) {
        for (int i = 0; i < n; i++) {
            states.set(i, column, y[i]);
            error[i] = y[i] - xStar[i];
        }
        costSeries[column] = quadratic(error);
    }

    private static void combine(double[] y, double[] slope, double h, double[] out) {
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + h * slope[i];
        }
    }

    /** Allocates the stage buffers for an augmented state of the given size, once per size. */
    private void prepareBuffers(FeedbackLaw law, int size) {
        if (trial.length != size) {
            for (int k = 0; k < 4; k++) {
                stages[k] = new double[size];
            }
            trial = new double[size];
            internal = new double[law.internalStates()];
            internalRate = new double[law.internalStates()];
        }
    }

    /**
     * Writes the drift of the augmented state (x, state cost, input energy, internal states of
     * the law) into {@code out}.
     */
    private void derivative(double t, double[] y, FeedbackLaw law, double[] out) {
        for (int i = 0; i < n; i++) {
            error[i] = y[i] - xStar[i];
        }
        phi.values(y, rates, n);
        System.arraycopy(y, n + 2, internal, 0, internal.length);
        law.evaluate(t, error, rates, internal, v, internalRate);
        System.arraycopy(internalRate, 0, out, n + 2, internalRate.length);

        // Leak, bias, feedforward and recurrent input
        for (int i = 0; i < n; i++) {
            out[i] = -y[i] + drive[i];
        }
        if (pulse != null && t >= pulseStartSeconds && t < pulseEndSeconds) {
            for (int i = 0; i < n; i++) {
                out[i] += pulse[i];
            }
        }
        ColumnProducts.multiplyAdd(wColumns, rates, out, n);

        // Feedback through B and the input energy
        double energy = 0;
        if (law.inputs() > 0) {
            for (int k = 0; k < m; k++) {
                energy += v[k] * v[k];
            }
            if (selection != null) {
                selection.multiplyAdd(v, out);
            } else {
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    int offset = i * m;
                    for (int k = 0; k < m; k++) {
                        sum += b[offset + k] * v[k];
                    }
                    out[i] += sum;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] *= inverseTau[i];
        }
        out[n] = quadratic(error);
        out[n + 1] = energy;
    }

    private double quadratic(double[] e) {
        return ColumnProducts.quadraticForm(qColumns, e, product, n);
    }
}
