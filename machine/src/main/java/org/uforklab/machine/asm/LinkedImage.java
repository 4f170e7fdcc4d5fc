package org.uforklab.machine.asm;

import java.util.List;
import java.util.Map;

/**
 * An ObjectFile placed at addresses with every relocation applied, except the CAPINIT ones, which only a
 * loader can satisfy (it must derive tagged capabilities): they are listed for it.
 *
 * @param sections placed sections, in placement order
 * @param symbols  every defined symbol's absolute address (and size)
 * @param capInits capability relocations still to perform, at absolute addresses
 */
public record LinkedImage(List<Placed> sections, Map<String, SymbolAddress> symbols, List<CapInit> capInits) {

    /** A section at its address; {@code bytes} has relocations applied (zeros for NOBITS sections). */
    public record Placed(String name, long address, long size, byte[] bytes, boolean nobits, java.util.Set<Section.Flag> flags) {
        @Override
        public String toString() {
            return String.format("%-10s 0x%x +0x%x%s", name, address, size, nobits ? " nobits" : "");
        }
    }

    /** A symbol's address and size (the size bounds CAPINIT capabilities). */
    public record SymbolAddress(String name, long address, long size, Symbol.Type type) {
    }

    /**
     * A 16-byte capability to write at {@code address}: bounded to the symbol's object, value
     * {@code target} (symbol address plus addend); executable when the symbol is a function.
     */
    public record CapInit(long address, String symbol, long base, long length, long target, boolean function) {
    }

    /** The address of a symbol. */
    public long address(String symbol) {
        SymbolAddress s = symbols.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("no symbol '" + symbol + "' in the linked image");
        }
        return s.address();
    }

    /** The placed section. */
    public Placed section(String name) {
        return sections.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section '" + name + "' in the linked image"));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LinkedImage\n");
        sections.forEach(s -> sb.append("  ").append(s).append('\n'));
        sb.append("  ").append(symbols.size()).append(" symbols, ").append(capInits.size()).append(" CAPINIT relocations");
        return sb.toString();
    }
}
