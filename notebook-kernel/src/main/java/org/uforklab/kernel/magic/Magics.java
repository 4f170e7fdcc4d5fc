package org.uforklab.kernel.magic;

import java.util.Map;
import java.util.TreeMap;

/** The registry of line and cell magics of one kernel. */
public final class Magics {

    private final Map<String, LineMagic> lineMagics = new TreeMap<>();
    private final Map<String, CellMagic> cellMagics = new TreeMap<>();
    private final Map<String, String> help = new TreeMap<>();

    /** An empty registry. */
    public Magics() {
    }

    /** The registry with the standard magics ({@link StandardMagics}). */
    public static Magics standard() {
        Magics m = new Magics();
        StandardMagics.registerAll(m);
        return m;
    }

    /** Registers {@code %name}. */
    public Magics line(String name, String description, LineMagic magic) {
        lineMagics.put(name, magic);
        help.put("%" + name, description);
        return this;
    }

    /** Registers {@code %%name}. */
    public Magics cell(String name, String description, CellMagic magic) {
        cellMagics.put(name, magic);
        help.put("%%" + name, description);
        return this;
    }

    /** The line magic {@code name}, or null. */
    public LineMagic line(String name) {
        return lineMagics.get(name);
    }

    /** The cell magic {@code name}, or null. */
    public CellMagic cell(String name) {
        return cellMagics.get(name);
    }

    /** "%name" / "%%name" to a one-line description, sorted. */
    public Map<String, String> descriptions() {
        return Map.copyOf(help);
    }

    /** Names with their % or %% prefix, sorted. */
    public java.util.List<String> names() {
        return new java.util.ArrayList<>(new TreeMap<>(help).keySet());
    }
}
