package org.uforklab.sasos.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.uforklab.machine.asm.Assembler;
import org.uforklab.machine.asm.AssemblyErrors;
import org.uforklab.machine.asm.LinkException;
import org.uforklab.machine.asm.LinkLayout;
import org.uforklab.machine.asm.LinkedImage;
import org.uforklab.machine.asm.Linker;
import org.uforklab.machine.asm.ObjectFile;
import org.uforklab.machine.asm.Section;
import org.uforklab.machine.asm.Symbol;
import org.uforklab.machine.isa.Encoder;
import org.uforklab.sasos.natives.NativeLibrary;

/**
 * A guest program: one or more assembly sources plus the natives they import, each source assembled as its own
 * object (with the {@link Prelude}'s equates and macros read before it, so every file has {@code sys}, {@code SYS_*}
 * ... and its own local labels), then linked by the multi-object {@link Linker} with two generated objects: the
 * runtime ({@code __sys_trap_N} wrappers of the trap personality) and the stubs of the imported natives. Local
 * labels stay private to their file; files reach each other through {@code .global} symbols. Sections allowed:
 * {@code .text}, {@code .rodata}, {@code .got} (capabilities, {@code .chericap}), {@code .data}, {@code .bss}; the
 * same-named sections of all objects are concatenated ({@code .text} of the first source first).
 *
 * <p>Natives: every undefined symbol that names a native ({@link NativeLibrary#NAMES}) gets a stub,
 * {@code name: hlt #(0x200 + i); ret c30}, so a {@code bl memcpy} reaches the Java native with the caller's
 * registers. Any other undefined symbol is an error naming it and the files that use it.
 */
public final class GuestImage {
    /** Sections a guest may use, in layout order. */
    public static final List<String> SECTIONS = List.of(".text", ".rodata", ".got", ".data", ".bss");
    /** Name of the prelude in assembler messages. */
    public static final String PRELUDE = "prelude.s";
    /** Name of the generated object holding the trap-personality wrappers. */
    public static final String RUNTIME = "<runtime>";
    /** Name of the generated object holding the native stubs. */
    public static final String NATIVE_STUBS = "<native stubs>";

    private final String name;
    private final List<ObjectFile> objects;
    private final LinkLayout layout;
    private final List<String> natives;

    private GuestImage(String name, List<ObjectFile> objects, LinkLayout layout, List<String> natives) {
        this.name = name;
        this.objects = objects;
        this.layout = layout;
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

    /** Collects sources, then assembles each and lays the objects out. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> includes = new LinkedHashMap<>();

        Builder(String name) {
            this.name = name;
        }

        /**
         * Adds a source file, assembled as its own object; the order of sources is the link order.
         *
         * @throws IllegalArgumentException if the file name was added before or is one the image reserves
         */
        public Builder source(String fileName, String text) {
            if (fileName.equals(PRELUDE) || fileName.equals(RUNTIME) || fileName.equals(NATIVE_STUBS)) {
                throw new IllegalArgumentException("source name " + fileName + " is reserved (image " + name + ")");
            }
            if (sources.put(fileName, text) != null) {
                throw new IllegalArgumentException("source " + fileName + " added twice to image " + name);
            }
            return this;
        }

        /**
         * Adds a header read at the top of every source after the prelude, as {@code gcc -include} does: its
         * equates and macros (a build configuration, shared macros) are each object's own, and errors in it name
         * {@code fileName} and its lines. Headers should emit no code or data, since every object would get a copy.
         *
         * @throws IllegalArgumentException if the name was used before or is one the image reserves
         */
        public Builder include(String fileName, String text) {
            if (fileName.equals(PRELUDE) || fileName.equals(RUNTIME) || fileName.equals(NATIVE_STUBS)
                    || sources.containsKey(fileName) || includes.put(fileName, text) != null) {
                throw new IllegalArgumentException("header " + fileName + " is reserved or added twice (image " + name + ")");
            }
            return this;
        }

        /**
         * Assembles each source with the prelude and the headers, adds the runtime and the stubs of the natives they import, and
         * lays the objects out.
         *
         * @throws IllegalArgumentException with the assembler's messages (file, line, column), the undefined
         *                                  symbols with the files using them, duplicate definitions, or sections
         *                                  a guest may not use
         */
        public GuestImage build() {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("image " + name + " has no sources");
            }
            Assembler asm = new Assembler(new Encoder()).withPrelude(PRELUDE, Prelude.source());
            for (Map.Entry<String, String> header : includes.entrySet()) {
                asm = asm.withPrelude(header.getKey(), header.getValue());
            }
            Assembler withHeaders = asm;
            List<ObjectFile> objects = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            sources.forEach((file, text) -> {
                try {
                    objects.add(withHeaders.assemble(file, text));
                } catch (AssemblyErrors e) {
                    failures.add(e.getMessage());
                }
            });
            if (!failures.isEmpty()) {
                throw new IllegalArgumentException("image " + name + " does not assemble:\n" + String.join("\n", failures));
            }
            objects.add(assemble(RUNTIME, Prelude.trapWrappers()));
            List<String> natives = imports(objects);
            if (!natives.isEmpty()) {
                objects.add(assemble(NATIVE_STUBS, stubs(natives)));
            }
            for (ObjectFile o : objects) {
                for (Section s : o.sections()) {
                    if (!SECTIONS.contains(s.name())) {
                        throw new IllegalArgumentException("image " + name + ": section " + s.name() + " of "
                                + o.name() + " is not one a guest may use " + SECTIONS);
                    }
                }
            }
            List<String> starts = objects.stream().filter(o -> o.symbol("_start").filter(Symbol::isDefined).isPresent())
                    .map(ObjectFile::name).toList();
            if (starts.isEmpty()) {
                throw new IllegalArgumentException("image " + name + " defines no _start");
            }
            if (starts.size() > 1 && !globallyDefined(objects).contains("_start")) {
                throw new IllegalArgumentException("image " + name + ": _start is local to several files " + starts
                        + "; make the entry point .global in one");
            }
            try {
                return new GuestImage(name, List.copyOf(objects), Linker.layout(objects), List.copyOf(natives));
            } catch (LinkException e) {
                throw new IllegalArgumentException("image " + name + " does not link: " + e.getMessage(), e);
            }
        }

        /**
         * The natives the objects import: names some object references but none defines globally. Any other such
         * name is an error listing it with the files that use it (weak references may stay undefined).
         */
        private List<String> imports(List<ObjectFile> objects) {
            Set<String> defined = globallyDefined(objects);
            Set<String> natives = new LinkedHashSet<>();
            Map<String, Set<String>> unknown = new TreeMap<>();
            for (ObjectFile o : objects) {
                for (Symbol s : o.symbols()) {
                    if (s.isDefined() || s.type() == Symbol.Type.SECTION || defined.contains(s.name())) {
                        continue;
                    }
                    if (NativeLibrary.indexOf(s.name()) >= 0) {
                        natives.add(s.name());
                    } else if (s.binding() != Symbol.Binding.WEAK) {
                        unknown.computeIfAbsent(s.name(), k -> new LinkedHashSet<>()).add(o.name());
                    }
                }
            }
            if (!unknown.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                unknown.forEach((sym, files) -> sb.append(sb.length() == 0 ? "" : ", ").append(sym).append(" (used in ")
                        .append(String.join(", ", files)).append(')'));
                throw new IllegalArgumentException("image " + name + ": undefined symbols " + unknown.keySet() + ": " + sb
                        + " (natives available: " + NativeLibrary.NAMES + ")");
            }
            return List.copyOf(natives);
        }

        private static Set<String> globallyDefined(List<ObjectFile> objects) {
            Set<String> defined = new LinkedHashSet<>();
            for (ObjectFile o : objects) {
                for (Symbol s : o.symbols()) {
                    if (s.isDefined() && s.binding() != Symbol.Binding.LOCAL) {
                        defined.add(s.name());
                    }
                }
            }
            return defined;
        }

        /** {@code name: hlt #(BASE + i); ret c30} for each native, global so every file's calls reach it. */
        private static String stubs(List<String> natives) {
            StringBuilder sb = new StringBuilder(".text\n.balign 4\n");
            for (String n : natives) {
                sb.append(".global ").append(n).append("\n.type ").append(n).append(", @function\n")
                        .append(n).append(":\n    hlt #").append(NativeLibrary.BASE + NativeLibrary.indexOf(n))
                        .append("\n    ret c30\n.size ").append(n).append(", 8\n");
            }
            return sb.toString();
        }

        /** A generated object (no prelude); an error here is a bug of this class, reported with the text. */
        private ObjectFile assemble(String file, String text) {
            try {
                return Assembler.assemble(file, text, new Encoder());
            } catch (AssemblyErrors e) {
                throw new IllegalStateException("generated " + file + " of image " + name + " does not assemble:\n"
                        + e.getMessage(), e);
            }
        }
    }

    /** The image's name. */
    public String name() {
        return name;
    }

    /** The objects, in link order: one per source, then the runtime, then the native stubs (if any). */
    public List<ObjectFile> objects() {
        return objects;
    }

    /** How the objects' sections combine (output section sizes and the input sections making them). */
    public LinkLayout layout() {
        return layout;
    }

    /**
     * The symbol {@code symbolName} as the image knows it: the global (or weak) definition, else the only file's
     * local one.
     */
    public Optional<Symbol> symbol(String symbolName) {
        List<Symbol> found = objects.stream().flatMap(o -> o.symbol(symbolName).filter(Symbol::isDefined).stream())
                .toList();
        return found.stream().filter(x -> x.binding() != Symbol.Binding.LOCAL).findFirst()
                .or(() -> found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty());
    }

    /** The natives the image imports. */
    public List<String> natives() {
        return natives;
    }

    /** Size of an output section: the sum of the objects' parts with their alignment (0 if absent). */
    public long sectionSize(String section) {
        return layout.size(section);
    }

    /**
     * Links the objects, each output section at the given address (a multiple of its alignment).
     *
     * @throws IllegalArgumentException with every link problem (duplicate or undefined symbols, values out of
     *                                  range, sections without an address), each naming its file
     */
    public LinkedImage link(Map<String, Long> addresses) {
        Map<String, Long> at = new LinkedHashMap<>();
        for (LinkLayout.OutputSection s : layout.sections()) {
            Long a = addresses.get(s.name());
            if (a == null) {
                throw new IllegalArgumentException("no address for section " + s.name() + " of image " + name);
            }
            at.put(s.name(), a);
        }
        try {
            return Linker.link(layout, at);
        } catch (LinkException e) {
            throw new IllegalArgumentException("image " + name + " does not link: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GuestImage ").append(name).append(':');
        int sources = objects.size() - (natives.isEmpty() ? 1 : 2);
        sb.append(' ').append(sources).append(sources == 1 ? " source," : " sources,");
        for (String s : SECTIONS) {
            if (layout.section(s).isPresent()) {
                sb.append(' ').append(s).append(' ').append(sectionSize(s)).append(" B");
            }
        }
        if (!natives.isEmpty()) {
            sb.append(", natives ").append(natives);
        }
        return sb.toString();
    }
}
