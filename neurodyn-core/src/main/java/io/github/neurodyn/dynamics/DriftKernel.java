package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.InputSignal;
import io.github.neurodyn.api.Nonlinearity;
import io.github.neurodyn.api.RateNetwork;

/**
 * The right-hand side f(t, x) = D^-1 (-x + W phi(x) + h + u(t) + M eta) for a batch of
 * trials, with the weights stored by column and every buffer allocated at construction.
 */
final class DriftKernel {

    final int n;
    final double[][] weightColumns;
    final double[] inverseTau;
    final double[] timeConstants;
    final double[] bias;
    final Nonlinearity phi;
    private final InputSignal input;
    /** Columns of the noise mixing matrix, or null when noise enters each neuron directly. */
    private final double[][] mixingColumns;
    private final double[] u;
    private final double[][] rates;
    /** Per trial, the indices of the non-zero rates, so that W phi(x) skips rectified units. */
    private final int[][] activeColumns;
    private final int[] activeCounts;
    private final int[] batchCursors;
    /** The list 0, ..., N - 1, for dense products such as the exact linear propagator's. */
    final int[] allColumns;

    DriftKernel(RateNetwork network, InputSignal input, double[][] mixingColumns, int trials) {
        this.n = network.size();
        this.weightColumns = ColumnKernels.toColumns(network.weights().data, n, n);
        this.timeConstants = network.timeConstants();
        this.inverseTau = new double[n];
        for (int i = 0; i < n; i++) {
            inverseTau[i] = 1.0 / timeConstants[i];
        }
        this.bias = network.bias();
        this.phi = network.nonlinearity();
        this.input = input;
        this.mixingColumns = mixingColumns;
        this.u = new double[n];
        this.rates = new double[trials][n];
        this.activeColumns = new int[trials][n];
        this.activeCounts = new int[trials];
        this.batchCursors = new int[trials];
        this.allColumns = ColumnKernels.allColumns(n);
    }

    /**
     * Writes the recurrent plus external input y_b = W phi(x_b) + h + u(t) + M eta_b for
     * trials [0, trials); {@code eta} may be null for no noise. The product leaves out the
     * columns of zero rates, which changes no bit of the result but the sign of a zero.
     */
    void totalInput(double t, double[][] x, double[][] eta, double[][] y, int trials) {
        externalInput(t, eta, y, trials);
        for (int b = 0; b < trials; b++) {
            phi.values(x[b], rates[b], n);
            activeCounts[b] = ColumnKernels.activeColumns(rates[b], n, activeColumns[b]);
        }
        if (trials == 1) {
            ColumnKernels.multiplyAdd(weightColumns, rates[0], activeColumns[0], activeCounts[0], y[0], n);
        } else {
            ColumnKernels.multiplyAddBatch(weightColumns, rates, activeColumns, activeCounts, batchCursors, y, n,
                    trials);
        }
    }

    /** Writes the input from outside the network, y_b = h + u(t) + M eta_b, for each trial. */
    void externalInput(double t, double[][] eta, double[][] y, int trials) {
        if (input != null) {
            input.valueAt(t, u);
        }
        for (int b = 0; b < trials; b++) {
            double[] yb = y[b];
            for (int i = 0; i < n; i++) {
                yb[i] = bias[i] + u[i];
            }
            if (eta != null) {
                addNoise(eta[b], yb);
            }
        }
    }

    /** Writes f_b = D^-1 (y_b - x_b) in place of the total input y_b, for each trial. */
    void drift(double t, double[][] x, double[][] eta, double[][] out, int trials) {
        totalInput(t, x, eta, out, trials);
        for (int b = 0; b < trials; b++) {
            double[] xb = x[b];
            double[] fb = out[b];
            for (int i = 0; i < n; i++) {
                fb[i] = (fb[i] - xb[i]) * inverseTau[i];
            }
        }
    }

    private void addNoise(double[] etaB, double[] y) {
        if (mixingColumns == null) {
            for (int i = 0; i < n; i++) {
                y[i] += etaB[i];
            }
        } else {
            ColumnKernels.multiplyAddRectangular(mixingColumns, etaB, y, n);
        }
    }
}
