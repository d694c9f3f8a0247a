package io.github.neurodyn.plasticity;

/**
 * Mean population rates with and without extra input to the inhibitory neurons, measured by
 * {@link ParadoxicalProbe}. In an inhibition-stabilised network the steady-state inhibitory
 * rate falls when the inhibitory neurons receive more input: the paradoxical response.
 *
 * @param extraInput the input added to every inhibitory neuron, in state units
 * @param baselineExcitatoryRate mean excitatory rate without the extra input
 * @param baselineInhibitoryRate mean inhibitory rate without the extra input
 * @param perturbedExcitatoryRate mean excitatory rate with the extra input
 * @param perturbedInhibitoryRate mean inhibitory rate with the extra input
 */
public record ParadoxicalResponse(double extraInput, double baselineExcitatoryRate, double baselineInhibitoryRate,
        double perturbedExcitatoryRate, double perturbedInhibitoryRate) {

    /** @return the change of the mean inhibitory rate, perturbed minus baseline */
    public double inhibitoryRateChange() {
        return perturbedInhibitoryRate - baselineInhibitoryRate;
    }

    /** @return the change of the mean excitatory rate, perturbed minus baseline */
    public double excitatoryRateChange() {
        return perturbedExcitatoryRate - baselineExcitatoryRate;
    }

    /**
     * Returns whether the response is paradoxical: positive extra input lowered the mean
     * inhibitory rate (or negative extra input raised it).
     *
     * @return true for a paradoxical response
     */
    public boolean paradoxical() {
        return extraInput * inhibitoryRateChange() < 0;
    }
}
