package org.uforklab.machine.asm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small static linker, GNU ld style, for one or more {@link ObjectFile}s:
 * <ul>
 * <li>same-named sections are concatenated in object order, each input at its alignment ({@link LinkLayout});</li>
 * <li>global symbols are resolved across objects: a GLOBAL definition wins over WEAK ones, two GLOBAL definitions
 *     of one name are an error, an undefined WEAK reference resolves to 0 (and its CAPINIT to a null capability);
 *     LOCAL symbols stay private to their object, so two objects may both have a {@code loop};</li>
 * <li>relocations are applied: branches (26/19/14 bits, 17-bit capability literals), ADR/ADRP (also the C64
 *     ADRP), {@code :lo12:} in its scaled forms, ABS32/ABS64 data words; CAPINIT relocations (from
 *     {@code .chericap} and the {@code :got:} slots) are listed with the target symbol's final address and size
 *     so the loader can derive bounded capabilities.</li>
 * </ul>
 * All problems found are reported together in one {@link LinkException}, each naming the object, the place and
 * the symbol.
 *
 * <p>Stateless: every method links independently.
 */
public final class Linker {
    /** The object name recorded for the output sections' own symbols. */
    static final String LINKER = "*linker*";

    private Linker() {
    }

    /**
     * How {@code objects}' sections combine, with output section sizes and alignments, before choosing addresses.
     *
     * @throws LinkException if there are no objects or an output section would be too large
     */
    public static LinkLayout layout(List<ObjectFile> objects) throws LinkException {
        return LinkLayout.of(List.copyOf(objects));
    }

    /** Places one object's sections one after another from {@code start}, each at its alignment (and at least 16). */
    public static LinkedImage link(ObjectFile object, long start) throws AsmException {
        return link(List.of(object), start);
    }

    /**
     * Places each section of one object at the given address.
     *
     * @throws AsmException naming the symbol and place for undefined symbols or values that do not fit
     */
    public static LinkedImage link(ObjectFile object, Map<String, Long> addresses) throws AsmException {
        return link(List.of(object), addresses);
    }

    /** Links {@code objects}, placing the output sections one after another from {@code start} (see {@link LinkLayout#sequential}). */
    public static LinkedImage link(List<ObjectFile> objects, long start) throws LinkException {
        LinkLayout layout = layout(objects);
        return link(layout, layout.sequential(start));
    }

    /**
     * Links {@code objects}, placing each output section at the given address.
     *
     * @throws LinkException listing duplicate and undefined symbols, sections without an address or misaligned,
     *                       overlapping sections, and values that do not fit their fields
     */
    public static LinkedImage link(List<ObjectFile> objects, Map<String, Long> addresses) throws LinkException {
        return link(layout(objects), addresses);
    }

    /** Links a layout made by {@link #layout(List)}, placing each output section at the given address. */
    public static LinkedImage link(LinkLayout layout, Map<String, Long> addresses) throws LinkException {
        return new Run(layout, addresses).run();
    }

    /** One link: the state of resolving and patching. */
    private static final class Run {
        private final LinkLayout layout;
        private final Map<String, Long> addresses;
        private final List<ObjectFile> objects;
        private final List<String> problems = new ArrayList<>();
        /** Per object: its LOCAL definitions by name. */
        private final List<Map<String, LinkedImage.SymbolAddress>> locals = new ArrayList<>();
        /** Per object: where each of its sections went, as a section symbol. */
        private final List<Map<String, LinkedImage.SymbolAddress>> sectionSymbols = new ArrayList<>();
        /** Per object: names it references as WEAK undefined. */
        private final List<Set<String>> weakRefs = new ArrayList<>();
        private final Map<String, LinkedImage.SymbolAddress> globals = new LinkedHashMap<>();
        private final List<LinkedImage.SymbolAddress> table = new ArrayList<>();
        /** Undefined names already reported, with the objects that reported them (one line per name and object). */
        private final Set<String> reportedUndefined = new HashSet<>();

        Run(LinkLayout layout, Map<String, Long> addresses) {
            this.layout = layout;
            this.addresses = addresses;
            this.objects = layout.objects();
        }

        LinkedImage run() throws LinkException {
            checkPlacement();
            fail();
            defineSymbols();
            fail();
            Map<String, byte[]> images = new LinkedHashMap<>();
            for (LinkLayout.OutputSection s : layout.sections()) {
                byte[] img = new byte[(int) s.size()];
                for (LinkLayout.Input in : s.inputs()) {
                    if (!in.section().nobits()) {
                        System.arraycopy(in.section().bytes(), 0, img, (int) in.offset(), (int) in.section().size());
                    }
                }
                images.put(s.name(), img);
            }
            List<LinkedImage.CapInit> caps = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                for (Relocation r : objects.get(i).relocations()) {
                    apply(i, r, images, caps);
                }
            }
            fail();
            List<LinkedImage.Placed> placed = new ArrayList<>();
            for (LinkLayout.OutputSection s : layout.sections()) {
                placed.add(new LinkedImage.Placed(s.name(), addresses.get(s.name()), s.size(), images.get(s.name()),
                        s.nobits(), s.flags(), s.inputs()));
            }
            return new LinkedImage(placed, nameMap(), caps, table);
        }

        private void fail() throws LinkException {
            if (!problems.isEmpty()) {
                throw new LinkException(problems);
            }
        }

        /** Every output section has an address that is a multiple of its alignment, and none overlap. */
        private void checkPlacement() {
            for (LinkLayout.OutputSection s : layout.sections()) {
                Long a = addresses.get(s.name());
                if (a == null) {
                    problems.add("section " + s.name() + " (from " + objectNames(s) + ") has no address");
                } else if ((a & (s.alignment() - 1)) != 0) {
                    problems.add(String.format("section %s at 0x%x is not aligned to %d, the largest alignment of its inputs",
                            s.name(), a, s.alignment()));
                }
            }
            if (!problems.isEmpty()) {
                return;
            }
            List<LinkLayout.OutputSection> byAddress = new ArrayList<>(layout.sections());
            byAddress.removeIf(s -> s.size() == 0);
            byAddress.sort(Comparator.comparing((LinkLayout.OutputSection s) -> addresses.get(s.name()), Long::compareUnsigned));
            for (int i = 1; i < byAddress.size(); i++) {
                LinkLayout.OutputSection prev = byAddress.get(i - 1);
                LinkLayout.OutputSection cur = byAddress.get(i);
                long prevEnd = addresses.get(prev.name()) + prev.size();
                if (Long.compareUnsigned(prevEnd, addresses.get(cur.name())) > 0) {
                    problems.add(String.format("section %s at 0x%x overlaps %s (0x%x..0x%x)", cur.name(),
                            addresses.get(cur.name()), prev.name(), addresses.get(prev.name()), prevEnd));
                }
            }
        }

        private static String objectNames(LinkLayout.OutputSection s) {
            return String.join(", ", s.inputs().stream().map(LinkLayout.Input::object).distinct().toList());
        }

        /** Gives every defined symbol its address; builds the global table, reporting duplicates. */
        private void defineSymbols() {
            Map<String, String> strongDefiner = new HashMap<>();
            for (int i = 0; i < objects.size(); i++) {
                ObjectFile o = objects.get(i);
                Map<String, LinkedImage.SymbolAddress> loc = new LinkedHashMap<>();
                Map<String, LinkedImage.SymbolAddress> secs = new LinkedHashMap<>();
                Set<String> weak = new HashSet<>();
                for (Section s : o.sections()) {
                    LinkLayout.Input in = layout.input(i, s.name()).orElseThrow();
                    secs.put(s.name(), new LinkedImage.SymbolAddress(s.name(), addresses.get(s.name()) + in.offset(),
                            s.size(), Symbol.Type.SECTION, Symbol.Binding.LOCAL, o.name()));
                }
                for (Symbol sym : o.symbols()) {
                    if (sym.type() == Symbol.Type.SECTION) {
                        continue;
                    }
                    if (!sym.isDefined()) {
                        if (sym.binding() == Symbol.Binding.WEAK) {
                            weak.add(sym.name());
                        }
                        continue;
                    }
                    long address;
                    if (sym.isAbsolute()) {
                        address = sym.value();
                    } else {
                        LinkedImage.SymbolAddress sec = secs.get(sym.section());
                        if (sec == null) {
                            problems.add(o.name() + ": symbol " + sym.name() + " is in section " + sym.section()
                                    + ", which the object does not have");
                            continue;
                        }
                        address = sec.address() + sym.value();
                    }
                    LinkedImage.SymbolAddress sa = new LinkedImage.SymbolAddress(sym.name(), address, sym.size(),
                            sym.type(), sym.binding(), o.name());
                    table.add(sa);
                    switch (sym.binding()) {
                        case LOCAL -> loc.putIfAbsent(sym.name(), sa);
                        case GLOBAL -> {
                            String first = strongDefiner.putIfAbsent(sym.name(), o.name());
                            if (first != null) {
                                problems.add("duplicate symbol '" + sym.name() + "': defined in " + first + " and in "
                                        + o.name());
                            } else {
                                globals.put(sym.name(), sa);
                            }
                        }
                        case WEAK -> globals.putIfAbsent(sym.name(), sa);
                    }
                }
                locals.add(loc);
                sectionSymbols.add(secs);
                weakRefs.add(weak);
            }
        }

        /**
         * What {@code name}, as object {@code i} uses it, stands for: its own local symbol, then its own section,
         * then the global definition; null for an undefined weak reference (value 0).
         */
        private LinkedImage.SymbolAddress resolve(int i, String name, Relocation r) throws MissingSymbol {
            if (Symbol.ABSOLUTE.equals(name)) {
                return new LinkedImage.SymbolAddress(name, 0, 0, Symbol.Type.NOTYPE, Symbol.Binding.LOCAL, LINKER);
            }
            LinkedImage.SymbolAddress t = locals.get(i).get(name);
            if (t == null) {
                t = sectionSymbols.get(i).get(name);
            }
            if (t == null) {
                t = globals.get(name);
            }
            if (t == null && !weakRefs.get(i).contains(name)) {
                String where = objects.get(i).name() + ": " + r.section() + "+0x" + Long.toHexString(r.offset());
                if (reportedUndefined.add(objects.get(i).name() + '\0' + name)) {
                    problems.add(where + ": undefined symbol '" + name + "' (" + r.type() + ")");
                }
                throw new MissingSymbol();
            }
            return t;
        }

        private void apply(int i, Relocation r, Map<String, byte[]> images, List<LinkedImage.CapInit> caps) {
            ObjectFile o = objects.get(i);
            LinkLayout.Input in = layout.input(i, r.section()).orElse(null);
            if (in == null) {
                problems.add(o.name() + ": relocation in section " + r.section() + ", which the object does not have");
                return;
            }
            String where = String.format("%s: %s+0x%x (%s to %s)", o.name(), r.section(), r.offset(), r.type(), r.symbol());
            int width = r.type() == RelocationType.CAPINIT ? 16 : r.type() == RelocationType.ABS64 ? 8 : 4;
            if (r.offset() < 0 || r.offset() + width > in.section().size()) {
                problems.add(where + ": place is outside the section (size 0x" + Long.toHexString(in.section().size()) + ")");
                return;
            }
            if (in.section().nobits() && r.type() != RelocationType.CAPINIT) {
                problems.add(where + ": cannot patch a NOBITS section");
                return;
            }
            LinkedImage.SymbolAddress target;
            try {
                target = resolve(i, r.symbol(), r);
            } catch (MissingSymbol e) {
                return;
            }
            long sValue = (target == null ? 0 : target.address()) + r.addend();
            long p = addresses.get(r.section()) + in.offset() + r.offset();
            int off = (int) (in.offset() + r.offset());
            ByteBuffer bb = ByteBuffer.wrap(images.get(r.section())).order(ByteOrder.LITTLE_ENDIAN);
            switch (r.type()) {
                case ABS64 -> bb.putLong(off, sValue);
                case ABS32 -> {
                    if (sValue < Integer.MIN_VALUE || sValue > 0xFFFF_FFFFL) {
                        problems.add(String.format("%s: value 0x%x does not fit 32 bits", where, sValue));
                    } else {
                        bb.putInt(off, (int) sValue);
                    }
                }
                case CAPINIT -> {
                    if (target != null) {
                        caps.add(capInit(p, r.symbol(), target, sValue));
                    }
                }
                default -> {
                    try {
                        bb.putInt(off, r.type().apply(bb.getInt(off), sValue, p));
                    } catch (AsmException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
            }
        }

        /**
         * The capability a CAPINIT asks for: bounded to the symbol's object (its {@code .size}, at least one byte),
         * or, when the relocation names a section (a {@code .L} label or an alias), to that object's part of the section.
         */
        private static LinkedImage.CapInit capInit(long p, String symbol, LinkedImage.SymbolAddress target, long value) {
            return new LinkedImage.CapInit(p, symbol, target.address(), Math.max(target.size(), 1), value,
                    target.type() == Symbol.Type.FUNC);
        }

        /** Names that identify one symbol: globals, output sections, then locals defined by one object only. */
        private Map<String, LinkedImage.SymbolAddress> nameMap() {
            Map<String, LinkedImage.SymbolAddress> m = new LinkedHashMap<>();
            for (LinkLayout.OutputSection s : layout.sections()) {
                m.put(s.name(), new LinkedImage.SymbolAddress(s.name(), addresses.get(s.name()), s.size(),
                        Symbol.Type.SECTION, Symbol.Binding.LOCAL, LINKER));
            }
            m.putAll(globals);
            Map<String, Integer> localCount = new HashMap<>();
            for (Map<String, LinkedImage.SymbolAddress> loc : locals) {
                loc.keySet().forEach(n -> localCount.merge(n, 1, Integer::sum));
            }
            Set<String> added = new LinkedHashSet<>();
            for (Map<String, LinkedImage.SymbolAddress> loc : locals) {
                for (LinkedImage.SymbolAddress sa : loc.values()) {
                    if (localCount.get(sa.name()) == 1 && !m.containsKey(sa.name()) && added.add(sa.name())) {
                        m.put(sa.name(), sa);
                    }
                }
            }
            return m;
        }
    }

    /** Control flow for a relocation whose symbol is undefined (already reported). */
    private static final class MissingSymbol extends Exception {
        private static final long serialVersionUID = 1L;

        MissingSymbol() {
            super(null, null, false, false);
        }
    }
}
