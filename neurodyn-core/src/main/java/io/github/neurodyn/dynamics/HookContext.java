package io.github.neurodyn.dynamics;

import io.github.neurodyn.api.StepHook;

/** The reusable view handed to a {@link StepHook}; the integrator sets its fields before each call. */
final class HookContext implements StepHook.StepContext {

    private final double[][] weightColumns;
    final double[] rates;
    double time;
    long steps;
    int trial;
    double[] state;
    boolean stopRequested;

    HookContext(double[][] weightColumns, int n) {
        this.weightColumns = weightColumns;
        this.rates = new double[n];
    }

    @Override
    public double timeSeconds() {
        return time;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    @Override
    public int trial() {
        return trial;
    }

    @Override
    public int neuronCount() {
        return rates.length;
    }

    @Override
    public double[] state() {
        return state;
    }

    @Override
    public double[] rates() {
        return rates;
    }

    @Override
    public double[][] weightColumns() {
        return weightColumns;
    }

    @Override
    public void requestStop() {
        stopRequested = true;
    }
}
