package io.github.neurodyn.api;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise transfer function phi that maps a neuron's state x to its rate phi(x).
 *
 * <p>The scalar forms serve set-up code such as linearisation; the array forms are the ones
 * the integrators call once per step, and the built-in implementations write them as plain
 * loops that allocate nothing.
 *
 * <p>Every factory validates its parameters and throws {@link IllegalArgumentException}
 * naming the parameter, the value found and the range expected.
 */
public interface Nonlinearity {

    /**
     * Evaluates phi at one point.
     *
     * @param x the state, dimensionless
     * @return phi(x)
     */
    double value(double x);

    /**
     * Evaluates the derivative phi'(x) at one point. At a kink (ReLU at 0) the right
     * derivative is returned for x &gt; 0 and the left one for x &lt;= 0.
     *
     * @param x the state
     * @return phi'(x)
     */
    double derivative(double x);

    /**
     * Writes {@code out[i] = phi(x[i])} for {@code i < length}; {@code out} may be {@code x}.
     *
     * @param x the states, at least {@code length} long
     * @param out the caller's buffer for the rates, at least {@code length} long
     * @param length how many entries to evaluate
     */
    default void values(double[] x, double[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = value(x[i]);
        }
    }

    /**
     * Writes {@code out[i] = phi'(x[i])} for {@code i < length}; {@code out} may be {@code x}.
     *
     * @param x the states, at least {@code length} long
     * @param out the caller's buffer for the derivatives, at least {@code length} long
     * @param length how many entries to evaluate
     */
    default void derivatives(double[] x, double[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = derivative(x[i]);
        }
    }

    /**
     * Returns a short name for logs and file headers, for example {@code "relu"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns phi(x) = x, the nonlinearity of a linear network.
     *
     * @return the identity
     */
    static Nonlinearity identity() {
        return Nonlinearities.IDENTITY;
    }

    /**
     * Returns phi(x) = max(x, 0).
     *
     * @return the rectified linear function
     */
    static Nonlinearity relu() {
        return Nonlinearities.RELU;
    }

    /**
     * Returns the rectified power law phi(x) = k [x]_+^n with derivative k n [x]_+^(n-1).
     * Hennequin, Vogels and Gerstner (Neuron 82, 2014) use k = 0.3, n = 2.
     *
     * @param gain the factor k, positive and finite
     * @param exponent the power n, at least 1 so that phi' stays finite at 0
     * @return the rectified power law
     * @throws IllegalArgumentException if {@code gain <= 0}, {@code exponent < 1} or either is not finite
     */
    static Nonlinearity rectifiedPower(double gain, double exponent) {
        Arguments.requirePositive(gain, "gain");
        Arguments.requireFinite(exponent, "exponent");
        Arguments.requireInRange(exponent, 1.0, Double.MAX_VALUE, "exponent");
        return new Nonlinearities.RectifiedPower(gain, exponent);
    }

    /**
     * Returns phi(x) = tanh(x) with derivative 1 - tanh(x)^2.
     *
     * @return the hyperbolic tangent
     */
    static Nonlinearity tanh() {
        return Nonlinearities.TANH;
    }

    /**
     * Returns phi(x) = log(1 + e^x) with derivative 1 / (1 + e^-x), evaluated without
     * overflow for large |x|.
     *
     * @return the softplus function
     */
    static Nonlinearity softplus() {
        return Nonlinearities.SOFTPLUS;
    }

    /**
     * Wraps a user function and its derivative. The array forms call the scalar functions
     * once per entry, so they are slower than the built-in nonlinearities.
     *
     * @param value phi
     * @param derivative phi'
     * @param name a short name for logs
     * @return the nonlinearity
     * @throws IllegalArgumentException if an argument is null or the name is blank
     */
    static Nonlinearity of(DoubleUnaryOperator value, DoubleUnaryOperator derivative, String name) {
        Arguments.requireNonNull(value, "value");
        Arguments.requireNonNull(derivative, "derivative");
        Arguments.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, found \"" + name + "\"");
        }
        return new Nonlinearities.Custom(value, derivative, name);
    }
}
