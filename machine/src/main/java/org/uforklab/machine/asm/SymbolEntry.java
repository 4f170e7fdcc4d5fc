package org.uforklab.machine.asm;

/**
 * The assembler's working record of one symbol while it assembles: a label (section and offset), a constant or
 * alias ({@code .equ}, {@code .set}, {@code =}), or a name used but not defined here (an external reference).
 * Becomes a {@link Symbol} in the finished object.
 */
final class SymbolEntry {

    enum Kind { UNDEFINED, LABEL, EQU }

    final String name;
    Kind kind = Kind.UNDEFINED;
    /** For LABEL: the section and offset. */
    SectionBuffer section;
    long offset;
    /** For EQU: the value, or null while only {@link #pending} (which names symbols defined later) is known. */
    Value value;
    Expr pending;
    /** Guards against {@code .equ a, b} / {@code .equ b, a}. */
    boolean evaluating;
    Symbol.Binding binding = Symbol.Binding.LOCAL;
    Symbol.Type type = Symbol.Type.NOTYPE;
    long size;
    /** Where it was defined ({@code line N}, or {@code file:N} in a prelude), for "already defined" messages. */
    String definedAt;
    /** Named by a relocation or a binding directive, so an undefined one still goes into the symbol table. */
    boolean referenced;

    SymbolEntry(String name) {
        this.name = name;
    }

    /**
     * Whether the symbol goes into the object's symbol table. As in GNU as, names starting with {@code .L}
     * (and the numeric local labels, which the assembler renames to such names) are assembler-local.
     */
    boolean kept() {
        return !name.startsWith(".L");
    }

    boolean defined() {
        return kind != Kind.UNDEFINED;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LABEL -> name + " = " + section.name + "+0x" + Long.toHexString(offset);
            case EQU -> name + " = " + (value != null ? value : "(pending)");
            case UNDEFINED -> name + " (undefined)";
        };
    }
}
