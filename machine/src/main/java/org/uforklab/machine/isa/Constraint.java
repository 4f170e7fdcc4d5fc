package org.uforklab.machine.isa;

import java.util.function.IntPredicate;

/**
 * A condition on an instruction word beyond its fixed bits, with a readable description. Encodings use them to
 * give way to the aliases and unallocated patterns the architecture carves out of them (an {@code LDADD} whose
 * {@code Rt} is 31 is {@code STADD}); syntaxes use them to say when GNU prints a preferred alias.
 */
public final class Constraint {

    private final String description;
    private final IntPredicate test;

    private Constraint(String description, IntPredicate test) {
        this.description = description;
        this.test = test;
    }

    public static Constraint of(String description, IntPredicate test) {
        return new Constraint(description, test);
    }

    /** Holds when the bits under {@code mask} equal {@code match}. */
    public static Constraint bits(String description, int mask, int match) {
        return new Constraint(description, w -> (w & mask) == match);
    }

    /** Holds when the field has the given value. */
    public static Constraint field(Field f, int value) {
        return new Constraint(f.name() + " == " + value, w -> f.get(w) == value);
    }

    public boolean test(int word) {
        return test.test(word);
    }

    public Constraint negate() {
        return new Constraint("not (" + description + ")", test.negate());
    }

    public Constraint and(Constraint other) {
        return new Constraint(description + " and " + other.description, test.and(other.test));
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
