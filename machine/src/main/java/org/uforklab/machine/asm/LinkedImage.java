package org.uforklab.machine.asm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects placed at addresses with every relocation applied, except the CAPINIT ones, which only a loader can
 * satisfy (it must derive tagged capabilities): they are listed for it.
 *
 * @param sections    placed output sections, in placement order
 * @param symbols     the symbols a name alone identifies: every global (or weak) definition, every local symbol
 *                    whose name no other object defines and no global uses, and each output section's name
 * @param capInits    capability relocations still to perform, at absolute addresses
 * @param symbolTable every defined symbol of every object, with the object it came from (locals included, so
 *                    two objects' {@code loop} can both be found, see {@link #symbol(String, String)})
 */
public record LinkedImage(List<Placed> sections, Map<String, SymbolAddress> symbols, List<CapInit> capInits,
        List<SymbolAddress> symbolTable) {

    public LinkedImage {
        sections = List.copyOf(sections);
        symbols = Map.copyOf(symbols);
        capInits = List.copyOf(capInits);
        symbolTable = List.copyOf(symbolTable);
    }

    /**
     * An output section at its address; {@code bytes} has relocations applied (zeros for NOBITS sections).
     *
     * @param inputs the input sections it is made of, with their offsets (the link map)
     */
    public record Placed(String name, long address, long size, byte[] bytes, boolean nobits, Set<Section.Flag> flags,
            List<LinkLayout.Input> inputs) {
        @Override
        public String toString() {
            return String.format("%-10s 0x%x +0x%x%s", name, address, size, nobits ? " nobits" : "");
        }
    }

    /**
     * A symbol's final address and size (the size bounds CAPINIT capabilities).
     *
     * @param binding its binding in the defining object
     * @param object  the defining object's name (for an output section's name: {@code "*linker*"})
     */
    public record SymbolAddress(String name, long address, long size, Symbol.Type type, Symbol.Binding binding,
            String object) {
        @Override
        public String toString() {
            return String.format("%016x %-6s %-7s %6d %s (%s)", address, binding, type, size, name, object);
        }
    }

    /**
     * A 16-byte capability to write at {@code address}: bounded to the symbol's object ({@code base},
     * {@code length}), value {@code target} (symbol address plus addend); executable when the symbol is a function.
     */
    public record CapInit(long address, String symbol, long base, long length, long target, boolean function) {
    }

    /** The address of a symbol (see {@link #symbols()} for which names are known alone). */
    public long address(String symbol) {
        SymbolAddress s = symbols.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("no symbol '" + symbol + "' in the linked image"
                    + (symbolTable.stream().anyMatch(t -> t.name().equals(symbol))
                            ? " that its name alone identifies: it is local to several objects, ask symbol(object, name)"
                            : ""));
        }
        return s.address();
    }

    /** The symbol {@code name} as object {@code object} defines it (local or global). */
    public Optional<SymbolAddress> symbol(String object, String name) {
        return symbolTable.stream().filter(s -> s.object().equals(object) && s.name().equals(name)).findFirst();
    }

    /** The placed section. */
    public Placed section(String name) {
        return sections.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section '" + name + "' in the linked image"));
    }

    /** Sections with the inputs they are made of (a link map), then counts. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LinkedImage\n");
        for (Placed p : sections) {
            sb.append("  ").append(p).append('\n');
            if (p.inputs().size() > 1) {
                for (LinkLayout.Input in : p.inputs()) {
                    sb.append(String.format("      0x%x +0x%x %s%n", p.address() + in.offset(), in.section().size(),
                            in.object()));
                }
            }
        }
        sb.append("  ").append(symbolTable.size()).append(" symbols, ").append(capInits.size()).append(" CAPINIT relocations");
        return sb.toString();
    }
}
