package io.github.neurodyn.plasticity;

import io.github.neurodyn.api.StepHook;
import java.util.Arrays;

/**
 * The hook that {@link PlasticityTraining} runs after every step: it sums the state and
 * rates for the window averages, applies the rule every k-th step and copies W at requested
 * steps into preallocated buffers. Allocates nothing.
 */
final class TrainingHook implements StepHook {

    private final InhibitoryPlasticity rule;
    private final int updateEvery;
    private final int n;

    final double[] stateSum;
    final double[] rateSum;
    long samples;

    /** Step after which W is copied into {@link #windowWeights}, or -1 for none. */
    long windowEndStep = -1;
    final double[] windowWeights;

    private final long[] snapshotSteps;
    final double[][] snapshotWeights;
    int snapshotsTaken;

    TrainingHook(InhibitoryPlasticity rule, int updateEvery, int n, long[] snapshotSteps) {
        this.rule = rule;
        this.updateEvery = updateEvery;
        this.n = n;
        this.stateSum = new double[n];
        this.rateSum = new double[n];
        this.windowWeights = new double[n * n];
        this.snapshotSteps = snapshotSteps;
        this.snapshotWeights = new double[snapshotSteps.length][n * n];
    }

    @Override
    public void afterStep(StepContext context) {
        double[] x = context.state();
        double[] r = context.rates();
        for (int i = 0; i < n; i++) {
            stateSum[i] += x[i];
            rateSum[i] += r[i];
        }
        samples++;

        long step = context.stepCount();
        if (step % updateEvery == 0) {
            rule.afterStep(context);
        }
        if (step == windowEndStep) {
            copy(context.weightColumns(), windowWeights);
        }
        while (snapshotsTaken < snapshotSteps.length && snapshotSteps[snapshotsTaken] == step) {
            copy(context.weightColumns(), snapshotWeights[snapshotsTaken]);
            snapshotsTaken++;
        }
    }

    /** Clears the window sums. */
    void startWindow(long endStep) {
        Arrays.fill(stateSum, 0.0);
        Arrays.fill(rateSum, 0.0);
        samples = 0;
        windowEndStep = endStep;
    }

    /** Copies W from columns into a row-major buffer. */
    private void copy(double[][] columns, double[] rowMajor) {
        for (int j = 0; j < n; j++) {
            double[] column = columns[j];
            for (int i = 0; i < n; i++) {
                rowMajor[i * n + j] = column[i];
            }
        }
    }
}
