package io.github.neurodyn.api;

import java.util.function.DoubleUnaryOperator;

/** Built-in implementations behind the {@link Nonlinearity} factories. */
final class Nonlinearities {

    static final Nonlinearity IDENTITY = new Identity();
    static final Nonlinearity RELU = new Relu();
    static final Nonlinearity TANH = new Tanh();
    static final Nonlinearity SOFTPLUS = new Softplus();

    private Nonlinearities() {
    }

    private static final class Identity implements Nonlinearity {
        @Override
        public double value(double x) {
            return x;
        }

        @Override
        public double derivative(double x) {
            return 1.0;
        }

        @Override
        public void values(double[] x, double[] out, int length) {
            System.arraycopy(x, 0, out, 0, length);
        }

        @Override
        public String name() {
            return "identity";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Relu implements Nonlinearity {
        @Override
        public double value(double x) {
            return Math.max(x, 0.0);
        }

        @Override
        public double derivative(double x) {
            return x > 0 ? 1.0 : 0.0;
        }

        @Override
        public void values(double[] x, double[] out, int length) {
            for (int i = 0; i < length; i++) {
                out[i] = Math.max(x[i], 0.0);
            }
        }

        @Override
        public String name() {
            return "relu";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static final class RectifiedPower implements Nonlinearity {
        private final double gain;
        private final double exponent;

        RectifiedPower(double gain, double exponent) {
            this.gain = gain;
            this.exponent = exponent;
        }

        @Override
        public double value(double x) {
            if (x <= 0) {
                return 0.0;
            }
            return exponent == 2.0 ? gain * x * x : gain * Math.pow(x, exponent);
        }

        @Override
        public double derivative(double x) {
            if (x <= 0) {
                return 0.0;
            }
            return exponent == 2.0 ? 2.0 * gain * x : gain * exponent * Math.pow(x, exponent - 1.0);
        }

        @Override
        public void values(double[] x, double[] out, int length) {
            if (exponent == 2.0) {
                // The common quadratic case as a branch-free loop that the JIT vectorises.
                for (int i = 0; i < length; i++) {
                    double p = Math.max(x[i], 0.0);
                    out[i] = gain * p * p;
                }
                return;
            }
            for (int i = 0; i < length; i++) {
                out[i] = value(x[i]);
            }
        }

        @Override
        public String name() {
            return "rectifiedPower(k=" + gain + ", n=" + exponent + ")";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Tanh implements Nonlinearity {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1.0 - t * t;
        }

        @Override
        public String name() {
            return "tanh";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private static final class Softplus implements Nonlinearity {
        @Override
        public double value(double x) {
            // log(1 + e^x) = x + log(1 + e^-x) for x > 0 avoids overflow of e^x.
            return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }

        @Override
        public double derivative(double x) {
            if (x >= 0) {
                return 1.0 / (1.0 + Math.exp(-x));
            }
            double e = Math.exp(x);
            return e / (1.0 + e);
        }

        @Override
        public String name() {
            return "softplus";
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static final class Custom implements Nonlinearity {
        private final DoubleUnaryOperator value;
        private final DoubleUnaryOperator derivative;
        private final String name;

        Custom(DoubleUnaryOperator value, DoubleUnaryOperator derivative, String name) {
            this.value = value;
            this.derivative = derivative;
            this.name = name;
        }

        @Override
        public double value(double x) {
            return value.applyAsDouble(x);
        }

        @Override
        public double derivative(double x) {
            return derivative.applyAsDouble(x);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
