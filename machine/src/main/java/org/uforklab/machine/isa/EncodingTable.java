package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All encodings of the ISA subset, registered by their {@link EncodingFamily families}: decodes words through a
 * {@link DecodeTree}, finds encodings by id or name, and indexes syntaxes by mnemonic for the assembler.
 * Immutable once built; {@link #standard()} is the table of everything uforklab supports.
 */
public final class EncodingTable {

    private static final EncodingTable STANDARD = new Builder()
        // One line per family; a family owns the ids familyNumber << 8 | n (numbers in ISA.md).
        .add(new MorelloCapabilityOps())
        .add(new MorelloLoadStore())
        .add(new MorelloBranches())
        .add(new MorelloSystem())
        .add(new A64Branches())
        .add(new A64System())
        .add(new A64DataProcessingImmediate())
        .add(new A64DataProcessingRegister())
        .add(new A64LoadStore())
        .add(new A64Atomics())
        .build();

    private final List<Encoding> encodings;
    private final Encoding[] byId;
    private final Map<String, List<Encoding>> byName;
    private final Map<String, List<Syntax>> byMnemonic;
    private final Map<String, List<Syntax>> byMnemonicA64;
    private final DecodeTree tree;
    private final Encoding unsupported = Encoding.unsupported();

    private EncodingTable(List<Encoding> encodings) {
        this.encodings = List.copyOf(encodings);
        int maxId = 0;
        for (Encoding e : encodings) {
            maxId = Math.max(maxId, e.id());
        }
        this.byId = new Encoding[maxId + 1];
        Map<String, List<Encoding>> names = new LinkedHashMap<>();
        Map<String, List<Syntax>> mnemonics = new LinkedHashMap<>();
        Map<String, List<Syntax>> mnemonicsA64 = new LinkedHashMap<>();
        for (Encoding e : encodings) {
            if (byId[e.id()] != null) {
                throw new IllegalStateException("id 0x" + Integer.toHexString(e.id()) + " used by both "
                    + byId[e.id()].name() + " and " + e.name());
            }
            byId[e.id()] = e;
            names.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
            for (Syntax s : e.syntaxes()) {
                for (String m : s.mnemonics()) {
                    mnemonics.computeIfAbsent(m, k -> new ArrayList<>()).add(s);
                }
            }
            for (Syntax s : e.syntaxes(IsaState.A64)) {
                for (String m : s.mnemonics()) {
                    mnemonicsA64.computeIfAbsent(m, k -> new ArrayList<>()).add(s);
                }
            }
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        mnemonics.replaceAll((k, v) -> List.copyOf(v));
        mnemonicsA64.replaceAll((k, v) -> List.copyOf(v));
        this.byMnemonicA64 = Collections.unmodifiableMap(mnemonicsA64);
        this.byName = Collections.unmodifiableMap(names);
        this.byMnemonic = Collections.unmodifiableMap(mnemonics);
        this.tree = DecodeTree.build(this.encodings);
    }

    /** The table of every encoding uforklab supports. */
    public static EncodingTable standard() {
        return STANDARD;
    }

    /** Decodes a word; never null, never throws: unclaimed words give an unsupported instruction. */
    public Instruction decode(int word) {
        Encoding e = tree.find(word);
        return new Instruction(word, e == null ? unsupported : e);
    }

    /** The encoding that claims the word, or the unsupported placeholder. */
    public Encoding encodingOf(int word) {
        Encoding e = tree.find(word);
        return e == null ? unsupported : e;
    }

    /** Every encoding, in registration order. */
    public List<Encoding> encodings() {
        return encodings;
    }

    /** The encoding with that id, or the unsupported placeholder. */
    public Encoding byId(int id) {
        return id > 0 && id < byId.length && byId[id] != null ? byId[id] : unsupported;
    }

    /** The encodings with an architecture name (several when a name covers several addressing modes). */
    public List<Encoding> byName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** The architecture names this table supports. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** The syntaxes that answer to a mnemonic (lower case), in registration order. */
    public List<Syntax> syntaxes(String mnemonic) {
        return syntaxes(mnemonic, IsaState.C64);
    }

    /** The syntaxes that answer to a mnemonic (lower case) in an instruction-set state, in registration order. */
    public List<Syntax> syntaxes(String mnemonic, IsaState state) {
        return (state == IsaState.A64 ? byMnemonicA64 : byMnemonic)
            .getOrDefault(mnemonic.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every mnemonic the assembler knows. */
    public java.util.Set<String> mnemonics() {
        return byMnemonic.keySet();
    }

    /** A short description of the decode tree. */
    public String decodeTreeStats() {
        return tree.stats();
    }

    @Override
    public String toString() {
        return "EncodingTable[" + encodings.size() + " encodings, " + byName.size() + " names, " + byMnemonic.size()
            + " mnemonics]";
    }

    /** Collects encodings from families. */
    public static final class Builder {
        private final List<Encoding> encodings = new ArrayList<>();
        private String family = "?";

        public Builder add(EncodingFamily f) {
            String saved = family;
            family = f.getClass().getSimpleName();
            f.register(this);
            family = saved;
            return this;
        }

        /** Adds one encoding (called by families). */
        public Builder add(Encoding.Builder e) {
            encodings.add(e.family(family).build());
            return this;
        }

        public EncodingTable build() {
            return new EncodingTable(encodings);
        }
    }
}
