package org.uforklab.machine.asm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small static linker for one {@link ObjectFile}: places its sections at given addresses (or one after
 * another from a start address, each aligned), resolves symbols and applies relocations (branches, ADR/ADRP,
 * :lo12:, ABS64/ABS32). CAPINIT relocations are listed in the {@link LinkedImage} for the loader.
 */
public final class Linker {
    private Linker() {
    }

    /** Places sections one after another from {@code start}, each at its alignment (and at least 16). */
    public static LinkedImage link(ObjectFile object, long start) throws AsmException {
        Map<String, Long> at = new LinkedHashMap<>();
        long a = start;
        for (Section s : object.sections()) {
            long align = Math.max(16, s.alignment());
            a = (a + align - 1) & -align;
            at.put(s.name(), a);
            a += s.size();
        }
        return link(object, at);
    }

    /**
     * Places each section at the given address.
     *
     * @throws AsmException naming the symbol and place for undefined symbols or values that do not fit
     */
    public static LinkedImage link(ObjectFile object, Map<String, Long> addresses) throws AsmException {
        Map<String, LinkedImage.SymbolAddress> symbols = new LinkedHashMap<>();
        for (Symbol sym : object.symbols()) {
            if (!sym.isDefined()) {
                continue;
            }
            long base;
            if (sym.isAbsolute()) {
                base = 0;
            } else {
                Long sa = addresses.get(sym.section());
                if (sa == null) {
                    throw new AsmException("section " + sym.section() + " of symbol " + sym.name() + " has no address");
                }
                base = sa;
            }
            symbols.put(sym.name(), new LinkedImage.SymbolAddress(sym.name(), base + sym.value(), sym.size(), sym.type()));
        }
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (Section s : object.sections()) {
            if (!addresses.containsKey(s.name())) {
                throw new AsmException("section " + s.name() + " has no address");
            }
            images.put(s.name(), s.nobits() ? new byte[(int) s.size()] : s.bytes().clone());
        }
        List<LinkedImage.CapInit> caps = new ArrayList<>();
        for (Relocation r : object.relocations()) {
            byte[] img = images.get(r.section());
            long p = addresses.get(r.section()) + r.offset();
            LinkedImage.SymbolAddress target = resolve(symbols, addresses, r);
            long s = target.address() + r.addend();
            ByteBuffer bb = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
            int off = (int) r.offset();
            switch (r.type()) {
                case ABS64 -> bb.putLong(off, s);
                case ABS32 -> {
                    if (s < Integer.MIN_VALUE || s > 0xFFFF_FFFFL) {
                        throw new AsmException(String.format("%s+0x%x: value 0x%x of %s does not fit 32 bits", r.section(), r.offset(), s, r.symbol()));
                    }
                    bb.putInt(off, (int) s);
                }
                case CAPINIT -> caps.add(new LinkedImage.CapInit(p, r.symbol(), target.address(),
                        Math.max(target.size(), 1), s, target.type() == Symbol.Type.FUNC));
                default -> {
                    try {
                        bb.putInt(off, r.type().apply(bb.getInt(off), s, p));
                    } catch (AsmException e) {
                        throw new AsmException(String.format("%s+0x%x (%s to %s): %s", r.section(), r.offset(), r.type(), r.symbol(), e.getMessage()));
                    }
                }
            }
        }
        List<LinkedImage.Placed> placed = new ArrayList<>();
        for (Section s : object.sections()) {
            placed.add(new LinkedImage.Placed(s.name(), addresses.get(s.name()), s.size(), images.get(s.name()), s.nobits(), s.flags()));
        }
        return new LinkedImage(List.copyOf(placed), Map.copyOf(symbols), List.copyOf(caps));
    }

    private static LinkedImage.SymbolAddress resolve(Map<String, LinkedImage.SymbolAddress> symbols, Map<String, Long> sections, Relocation r)
            throws AsmException {
        LinkedImage.SymbolAddress t = symbols.get(r.symbol());
        if (t == null && sections.containsKey(r.symbol())) {
            t = new LinkedImage.SymbolAddress(r.symbol(), sections.get(r.symbol()), 0, Symbol.Type.SECTION);
        }
        if (t == null) {
            throw new AsmException(String.format("%s+0x%x: undefined symbol '%s'", r.section(), r.offset(), r.symbol()));
        }
        return t;
    }
}
