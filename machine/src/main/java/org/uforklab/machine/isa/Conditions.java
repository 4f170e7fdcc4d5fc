package org.uforklab.machine.isa;

import java.util.List;
import java.util.Locale;

/** The A64 condition codes ({@code cond} fields): names, parsing and inversion. */
public final class Conditions {
    private Conditions() {
    }

    private static final String[] NAMES = {
        "eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    /** Every accepted spelling, including {@code cs} (= hs) and {@code cc} (= lo). */
    public static final List<String> ALL_NAMES = List.of(
        "eq", "ne", "hs", "cs", "lo", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv");

    /** GNU's name of condition {@code c} (0..15). */
    public static String name(int c) {
        return NAMES[c & 15];
    }

    /** The condition's number, or -1 if {@code s} is not a condition name. */
    public static int parse(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "cs":
                return 2;
            case "cc":
                return 3;
            default:
                for (int i = 0; i < NAMES.length; i++) {
                    if (NAMES[i].equals(l)) {
                        return i;
                    }
                }
                return -1;
        }
    }
}
