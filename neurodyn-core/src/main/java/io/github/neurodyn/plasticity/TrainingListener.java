package io.github.neurodyn.plasticity;

/** Receives the progress of a {@link PlasticityTraining} run after every report window. */
@FunctionalInterface
public interface TrainingListener {

    /**
     * Receives one report; runs on the training thread between windows.
     *
     * @param report the window's report
     * @return true to continue, false to stop the training after this window
     */
    boolean onReport(TrainingReport report);
}
