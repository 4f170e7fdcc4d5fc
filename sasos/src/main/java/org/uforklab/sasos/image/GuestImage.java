package org.uforklab.sasos.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.Assembler;
import org.uforklab.machine.asm.AssemblyErrors;
import org.uforklab.machine.asm.LinkedImage;
import org.uforklab.machine.asm.Linker;
import org.uforklab.machine.asm.ObjectFile;
import org.uforklab.machine.asm.Relocation;
import org.uforklab.machine.asm.Section;
import org.uforklab.machine.asm.Symbol;
import org.uforklab.machine.isa.Encoder;
import org.uforklab.sasos.natives.NativeLibrary;

/**
 * A guest program: one or more assembly sources plus the natives they import, assembled into one object
 * (sources are concatenated after the {@link Prelude}, so they form one translation unit: local labels must
 * not clash), ready to be linked at a µprocess's region by {@link #link}. Sections allowed: {@code .text},
 * {@code .rodata}, {@code .got} (capabilities, {@code .chericap}), {@code .data}, {@code .bss}.
 *
 * <p>Natives: every undefined symbol that names a native ({@link NativeLibrary#NAMES}) gets a stub in the
 * text, {@code name: hlt #(0x200 + i); ret c30}, so a {@code bl memcpy} reaches the Java native with the
 * caller's registers. Any other undefined symbol is an error naming it.
 */
public final class GuestImage {
    /** Sections a guest may use, in layout order. */
    public static final List<String> SECTIONS = List.of(".text", ".rodata", ".got", ".data", ".bss");

    private final String name;
    private final ObjectFile object;
    private final List<String> natives;

    private GuestImage(String name, ObjectFile object, List<String> natives) {
        this.name = name;
        this.object = object;
        this.natives = natives;
    }

    /** An image from one source. */
    public static GuestImage of(String name, String source) {
        return builder(name).source(name + ".s", source).build();
    }

    /** A builder collecting sources. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The image of a guest shipped in this module ({@code sasos/src/main/resources/guests/NAME.s}).
     *
     * @throws IllegalArgumentException naming the guest if there is no such resource
     */
    public static GuestImage bundled(String guest) {
        String path = "/guests/" + guest + ".s";
        try (InputStream in = GuestImage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled guest '" + guest + "' (looked for resource " + path
                        + "); bundled guests: " + bundledNames());
            }
            return of(guest, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read guest " + path + ": " + e.getMessage(), e);
        }
    }

    /** Names of the guests bundled in this module. */
    public static List<String> bundledNames() {
        try (InputStream in = GuestImage.class.getResourceAsStream("/guests/INDEX")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Collects sources, then assembles. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> sources = new LinkedHashMap<>();

        Builder(String name) {
            this.name = name;
        }

        /** Adds a source file. */
        public Builder source(String fileName, String text) {
            if (sources.put(fileName, text) != null) {
                throw new IllegalArgumentException("source " + fileName + " added twice to image " + name);
            }
            return this;
        }

        /**
         * Assembles the sources with the prelude and the stubs of the natives they import.
         *
         * @throws IllegalArgumentException with the assembler's messages (file, line, column) or the undefined symbols
         */
        public GuestImage build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("image " + name + " has no sources");
            }
            StringBuilder unit = new StringBuilder(Prelude.source());
            sources.forEach((file, text) -> unit.append("\n// ---- ").append(file).append("\n").append(text).append("\n.text\n"));
            unit.append(Prelude.trapWrappers());
            ObjectFile first = assemble(unit.toString());
            Set<String> undefined = undefinedSymbols(first);
            List<String> natives = new ArrayList<>();
            Set<String> unknown = new TreeSet<>();
            for (String u : undefined) {
                if (NativeLibrary.indexOf(u) >= 0) {
                    natives.add(u);
                } else {
                    unknown.add(u);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("image " + name + ": undefined symbols " + unknown
                        + " (natives available: " + NativeLibrary.NAMES + ")");
            }
            ObjectFile object = first;
            if (!natives.isEmpty()) {
                unit.append("\n// ---- native stubs\n.text\n.balign 4\n");
                for (String n : natives) {
                    unit.append(".global ").append(n).append("\n.type ").append(n).append(", @function\n")
                            .append(n).append(":\n    hlt #").append(NativeLibrary.BASE + NativeLibrary.indexOf(n))
                            .append("\n    ret c30\n.size ").append(n).append(", 8\n");
                }
                object = assemble(unit.toString());
            }
            for (Section s : object.sections()) {
                if (!SECTIONS.contains(s.name())) {
                    throw new IllegalArgumentException("image " + name + ": section " + s.name()
                            + " is not one a guest may use " + SECTIONS);
                }
            }
            if (object.symbol("_start").filter(Symbol::isDefined).isEmpty()) {
                throw new IllegalArgumentException("image " + name + " defines no _start");
            }
            return new GuestImage(name, object, List.copyOf(natives));
        }

        private ObjectFile assemble(String text) {
            try {
                return Assembler.assemble(name + ".s", text, new Encoder());
            } catch (AssemblyErrors e) {
                throw new IllegalArgumentException("image " + name + " does not assemble:\n" + e.getMessage(), e);
            }
        }

        private static Set<String> undefinedSymbols(ObjectFile o) {
            Set<String> defined = new LinkedHashSet<>();
            for (Symbol s : o.symbols()) {
                if (s.isDefined()) {
                    defined.add(s.name());
                }
            }
            Set<String> sectionNames = new LinkedHashSet<>();
            o.sections().forEach(s -> sectionNames.add(s.name()));
            Set<String> undefined = new LinkedHashSet<>();
            for (Relocation r : o.relocations()) {
                if (!defined.contains(r.symbol()) && !sectionNames.contains(r.symbol())) {
                    undefined.add(r.symbol());
                }
            }
            return undefined;
        }
    }

    /** The image's name. */
    public String name() {
        return name;
    }

    /** The assembled object. */
    public ObjectFile object() {
        return object;
    }

    /** The natives the image imports. */
    public List<String> natives() {
        return natives;
    }

    /** Size of a section (0 if absent). */
    public long sectionSize(String section) {
        return object.section(section).map(Section::size).orElse(0L);
    }

    /** Links every section at the given addresses. */
    public LinkedImage link(Map<String, Long> addresses) {
        Map<String, Long> at = new LinkedHashMap<>();
        for (Section s : object.sections()) {
            Long a = addresses.get(s.name());
            if (a == null) {
                throw new IllegalArgumentException("no address for section " + s.name() + " of image " + name);
            }
            at.put(s.name(), a);
        }
        try {
            return Linker.link(object, at);
        } catch (AsmException e) {
            throw new IllegalArgumentException("image " + name + " does not link: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GuestImage ").append(name).append(':');
        for (String s : SECTIONS) {
            if (object.section(s).isPresent()) {
                sb.append(' ').append(s).append(' ').append(sectionSize(s)).append(" B");
            }
        }
        if (!natives.isEmpty()) {
            sb.append(", natives ").append(natives);
        }
        return sb.toString();
    }
}
