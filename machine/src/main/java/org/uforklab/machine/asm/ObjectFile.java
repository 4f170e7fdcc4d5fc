package org.uforklab.machine.asm;

import java.util.List;
import java.util.Optional;

/**
 * A relocatable object, what the assembler makes of one source file: sections with their contents, a symbol
 * table and the relocations the linker or loader must apply. Immutable.
 *
 * @param name        the source file name it was assembled from
 * @param sections    in order of first use
 * @param symbols     section symbols, then local symbols, then global and undefined ones (ELF order)
 * @param relocations in section order, then offset order
 */
public record ObjectFile(String name, List<Section> sections, List<Symbol> symbols, List<Relocation> relocations) {

    public ObjectFile {
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
        relocations = List.copyOf(relocations);
    }

    public Optional<Section> section(String sectionName) {
        return sections.stream().filter(s -> s.name().equals(sectionName)).findFirst();
    }

    /** The section, or an exception naming what exists. */
    public Section requireSection(String sectionName) {
        return section(sectionName).orElseThrow(() -> new IllegalArgumentException("no section " + sectionName
                + " in " + name + " (sections: " + sections.stream().map(Section::name).toList() + ")"));
    }

    public Optional<Symbol> symbol(String symbolName) {
        return symbols.stream().filter(s -> s.name().equals(symbolName) && s.type() != Symbol.Type.SECTION).findFirst();
    }

    /** The symbol, or an exception naming it. */
    public Symbol requireSymbol(String symbolName) {
        return symbol(symbolName).orElseThrow(() -> new IllegalArgumentException("no symbol " + symbolName + " in " + name));
    }

    /** The relocations that patch one section. */
    public List<Relocation> relocations(String sectionName) {
        return relocations.stream().filter(r -> r.section().equals(sectionName)).toList();
    }

    /** Section headers, symbol table and relocations, like {@code objdump -h -t -r}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(":     relocatable object, A64 + Morello (little-endian)\n\n");
        sb.append("Sections:\nIdx Name            Size      Align  Flags\n");
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            sb.append(String.format("%3d %-15s %08x  2**%-3d %s%n", i, s.name(), s.size(),
                    Integer.numberOfTrailingZeros(s.alignment()), s.flagText()));
        }
        sb.append("\nSYMBOL TABLE:\n");
        for (Symbol s : symbols) {
            sb.append(s).append('\n');
        }
        for (Section s : sections) {
            List<Relocation> rs = relocations(s.name());
            if (rs.isEmpty()) {
                continue;
            }
            sb.append("\nRELOCATION RECORDS FOR [").append(s.name()).append("]:\n");
            sb.append(String.format("%-16s %-16s %s%n", "OFFSET", "TYPE", "VALUE"));
            for (Relocation r : rs) {
                sb.append(r).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@link #toString()} followed by each section's contents in hex, like {@code objdump -s}. */
    public String dump() {
        StringBuilder sb = new StringBuilder(toString());
        for (Section s : sections) {
            if (s.nobits() || s.size() == 0) {
                continue;
            }
            sb.append("\nContents of section ").append(s.name()).append(":\n");
            byte[] b = s.bytes();
            for (int row = 0; row < b.length; row += 16) {
                sb.append(String.format(" %04x ", row));
                StringBuilder ascii = new StringBuilder();
                for (int i = 0; i < 16; i++) {
                    if (row + i < b.length) {
                        int v = b[row + i] & 0xff;
                        sb.append(String.format("%02x", v));
                        ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                    } else {
                        sb.append("  ");
                    }
                    if (i % 4 == 3) {
                        sb.append(' ');
                    }
                }
                sb.append(' ').append(ascii).append('\n');
            }
        }
        return sb.toString();
    }
}
