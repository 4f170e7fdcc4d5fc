package org.uforklab.machine.asm;

/**
 * An entry of an object's symbol table.
 *
 * @param name    the symbol's name (for a section symbol, the section's name)
 * @param section the defining section's name, {@link #UNDEFINED} for a reference to another object, or
 *                {@link #ABSOLUTE} for a constant ({@code .equ})
 * @param value   offset in the section, or the constant
 * @param size    from {@code .size}, else 0
 * @param type    from {@code .type}
 * @param binding local, global ({@code .global}) or weak ({@code .weak})
 */
public record Symbol(String name, String section, long value, long size, Type type, Binding binding) {

    /** Section name of an undefined symbol (as objdump prints it). */
    public static final String UNDEFINED = "*UND*";
    /** Section name of an absolute symbol. */
    public static final String ABSOLUTE = "*ABS*";

    /** ELF symbol types ({@code .type sym, @function}). */
    public enum Type { NOTYPE, FUNC, OBJECT, SECTION }

    /** ELF symbol bindings. */
    public enum Binding { LOCAL, GLOBAL, WEAK }

    public boolean isDefined() {
        return !UNDEFINED.equals(section);
    }

    public boolean isAbsolute() {
        return ABSOLUTE.equals(section);
    }

    /** A line like objdump -t prints: value, binding, type, section, size, name. */
    @Override
    public String toString() {
        char bind = switch (binding) {
            case LOCAL -> 'l';
            case GLOBAL -> 'g';
            case WEAK -> 'w';
        };
        if (!isDefined() && binding == Binding.GLOBAL) {
            bind = ' ';
        }
        char t = switch (type) {
            case FUNC -> 'F';
            case OBJECT -> 'O';
            case SECTION -> 'd';
            case NOTYPE -> ' ';
        };
        return String.format("%016x %c     %c %-10s %016x %s", value, bind, t, section, size, name);
    }
}
