package org.uforklab.machine.asm;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Helpers for the assembler tests: assemble with {@link TestEncoder}, read bytes, collect errors. */
final class Asm {

    private Asm() {
    }

    static ObjectFile assemble(String source) {
        try {
            return Assembler.assemble("t.s", source, new TestEncoder());
        } catch (AssemblyErrors e) {
            return fail("expected the source to assemble, got:\n" + e.getMessage());
        }
    }

    /** The errors, each as {@code file:line:column: message}. */
    static List<String> errors(String source) {
        try {
            Assembler.assemble("t.s", source, new TestEncoder());
        } catch (AssemblyErrors e) {
            return e.errors().stream().map(AssemblyError::toString).toList();
        }
        return fail("expected errors from:\n" + source);
    }

    static void assertFails(String source) {
        assertThatThrownBy(() -> Assembler.assemble("t.s", source, new TestEncoder())).isInstanceOf(AssemblyErrors.class);
    }

    /** Bytes of a section as unsigned ints, for readable assertions. */
    static int[] bytes(ObjectFile o, String section) {
        byte[] b = o.requireSection(section).bytes();
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] & 0xff;
        }
        return r;
    }

    static int[] u8(int... v) {
        return v;
    }
}
