package org.uforklab.machine.time;

import java.util.Arrays;

/**
 * An immutable assignment of values to every {@link Cost} parameter. Start from {@link #defaults()} and
 * override with {@link #with(String, long)} or a {@link Builder}; a machine copies the values it needs on
 * its hot paths into final fields when it is built.
 */
public final class CostModel {

    private static final Cost[] PARAMETERS = Cost.values();
    private static final CostModel DEFAULTS = new CostModel(defaultValues());

    private final long[] values;

    private CostModel(long[] values) {
        this.values = values;
    }

    private static long[] defaultValues() {
        long[] v = new long[PARAMETERS.length];
        for (Cost c : PARAMETERS) {
            v[c.ordinal()] = c.defaultValue();
        }
        return v;
    }

    /** Every parameter at its documented default. */
    public static CostModel defaults() {
        return DEFAULTS;
    }

    /** The value of a parameter. */
    public long get(Cost parameter) {
        return values[parameter.ordinal()];
    }

    /** The value of a parameter by name (see {@link Cost#parameterName()}). */
    public long get(String name) {
        return get(Cost.byName(name));
    }

    /** A copy with one parameter changed. */
    public CostModel with(Cost parameter, long value) {
        return toBuilder().set(parameter, value).build();
    }

    /** A copy with one parameter (by name) changed. */
    public CostModel with(String name, long value) {
        return with(Cost.byName(name), value);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this model's values. */
    public Builder toBuilder() {
        return new Builder(values.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostModel other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** A table: name, value, unit, source; overridden values are marked with the default they replace. */
    @Override
    public String toString() {
        int w = 0;
        for (Cost c : PARAMETERS) {
            w = Math.max(w, c.parameterName().length());
        }
        StringBuilder sb = new StringBuilder("CostModel\n");
        for (Cost c : PARAMETERS) {
            long v = get(c);
            sb.append(String.format("  %-" + w + "s %6d %-17s %s%n", c.parameterName(), v, c.unit(),
                    v == c.defaultValue() ? c.source() : "overridden (default " + c.defaultValue() + ")"));
        }
        return sb.toString();
    }

    /** Mutable builder for a {@link CostModel}. */
    public static final class Builder {
        private final long[] values;

        private Builder(long[] values) {
            this.values = values;
        }

        /**
         * Sets a parameter.
         *
         * @throws IllegalArgumentException if the value is negative (time does not run backwards)
         */
        public Builder set(Cost parameter, long value) {
            if (value < 0) {
                throw new IllegalArgumentException("cost parameter " + parameter.parameterName()
                        + " must be >= 0, got " + value);
            }
            values[parameter.ordinal()] = value;
            return this;
        }

        /** Sets a parameter by name. */
        public Builder set(String name, long value) {
            return set(Cost.byName(name), value);
        }

        /** The immutable model. */
        public CostModel build() {
            return new CostModel(values.clone());
        }
    }
}
