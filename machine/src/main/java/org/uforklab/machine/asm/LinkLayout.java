package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How several objects' sections combine into output sections, before any address is known: same-named input
 * sections are concatenated in object order, each at its own alignment (GNU ld's default: {@code .text} of
 * {@code a.o}, then {@code .text} of {@code b.o}, ...). Offsets inside an output section do not depend on where
 * it is placed as long as its address is a multiple of its {@link OutputSection#alignment()} (the largest input
 * alignment), so sizes can be asked for first (to lay out a region) and addresses chosen afterwards.
 *
 * <p>Made by {@link Linker#layout(List)}. Immutable.
 */
public final class LinkLayout {

    /** Output sections larger than this are rejected (an emulated guest image is far smaller). */
    static final long MAX_SECTION_SIZE = 1L << 30;

    private final List<ObjectFile> objects;
    private final List<OutputSection> sections;

    /**
     * One input section at its offset in an output section.
     *
     * @param objectIndex position of the object in the linker's input list
     * @param object      the object's name (the source file it came from)
     * @param section     the input section
     * @param offset      where it starts in the output section
     */
    public record Input(int objectIndex, String object, Section section, long offset) {
        @Override
        public String toString() {
            return String.format("+0x%-6x %-10s 0x%-6x %s", offset, section.name(), section.size(), object);
        }
    }

    /**
     * An output section: the union of the inputs' flags; NOBITS only if every input is.
     *
     * @param alignment the largest input alignment; the output section's address must be a multiple of it
     * @param size      end of the last input
     * @param inputs    in placement order
     */
    public record OutputSection(String name, Set<Section.Flag> flags, boolean nobits, int alignment, long size,
            List<Input> inputs) {
        public OutputSection {
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
            inputs = List.copyOf(inputs);
        }

        @Override
        public String toString() {
            return String.format("%-10s size 0x%x, align %d, %d input%s%s", name, size, alignment, inputs.size(),
                    inputs.size() == 1 ? "" : "s", nobits ? ", nobits" : "");
        }
    }

    private LinkLayout(List<ObjectFile> objects, List<OutputSection> sections) {
        this.objects = objects;
        this.sections = sections;
    }

    /** Merges the objects' sections; output sections come in order of first appearance. */
    static LinkLayout of(List<ObjectFile> objects) throws LinkException {
        if (objects.isEmpty()) {
            throw new LinkException(List.of("nothing to link: no objects"));
        }
        Map<String, List<Input>> inputs = new LinkedHashMap<>();
        Map<String, Long> ends = new LinkedHashMap<>();
        Map<String, Integer> aligns = new LinkedHashMap<>();
        Map<String, Set<Section.Flag>> flags = new LinkedHashMap<>();
        Map<String, Boolean> nobits = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ObjectFile o = objects.get(i);
            for (Section s : o.sections()) {
                String n = s.name();
                long end = ends.getOrDefault(n, 0L);
                long at = (end + s.alignment() - 1) & -(long) s.alignment();
                if (at + s.size() > MAX_SECTION_SIZE) {
                    problems.add("section " + n + " would grow beyond " + (MAX_SECTION_SIZE >> 20) + " MiB with "
                            + o.name());
                    continue;
                }
                inputs.computeIfAbsent(n, k -> new ArrayList<>()).add(new Input(i, o.name(), s, at));
                ends.put(n, at + s.size());
                aligns.merge(n, s.alignment(), Math::max);
                flags.computeIfAbsent(n, k -> EnumSet.noneOf(Section.Flag.class)).addAll(s.flags());
                nobits.merge(n, s.nobits(), Boolean::logicalAnd);
            }
        }
        if (!problems.isEmpty()) {
            throw new LinkException(problems);
        }
        List<OutputSection> out = new ArrayList<>();
        for (String n : inputs.keySet()) {
            out.add(new OutputSection(n, flags.get(n), nobits.get(n), aligns.get(n), ends.get(n), inputs.get(n)));
        }
        return new LinkLayout(List.copyOf(objects), List.copyOf(out));
    }

    /** The objects, in link order. */
    public List<ObjectFile> objects() {
        return objects;
    }

    /** The output sections, in order of first appearance. */
    public List<OutputSection> sections() {
        return sections;
    }

    /** The output section of that name, if any input has it. */
    public Optional<OutputSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Size of an output section, 0 if no input has it. */
    public long size(String name) {
        return section(name).map(OutputSection::size).orElse(0L);
    }

    /** Where object {@code objectIndex}'s section {@code name} went, if it has one. */
    Optional<Input> input(int objectIndex, String name) {
        return section(name).flatMap(o -> o.inputs().stream().filter(in -> in.objectIndex() == objectIndex).findFirst());
    }

    /**
     * Addresses placing the output sections one after another from {@code start}, each at its alignment and at
     * least 16 bytes (capability) aligned.
     */
    public Map<String, Long> sequential(long start) {
        Map<String, Long> at = new LinkedHashMap<>();
        long a = start;
        for (OutputSection s : sections) {
            long align = Math.max(16, s.alignment());
            a = (a + align - 1) & -align;
            at.put(s.name(), a);
            a += s.size();
        }
        return at;
    }

    /** The output sections with their inputs, like the memory map of {@code ld -Map}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LinkLayout of ").append(objects.stream().map(ObjectFile::name).toList());
        for (OutputSection s : sections) {
            sb.append("\n  ").append(s);
            s.inputs().forEach(in -> sb.append("\n    ").append(in));
        }
        return sb.toString();
    }
}
