package org.uforklab.machine.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A tree of named counters addressed by dotted paths ({@code core0.mmu.tlb.hits}, {@code mem.bytesCopied},
 * {@code core1.faults.capBounds}). A {@code Stats} is either the root of a tree or a view of one subtree
 * ({@link #scope(String)}): components get a scope and create their counters relative to it, once, then
 * increment the {@link Counter} objects directly.
 *
 * <p>Not thread-safe by design: each machine (and each core's counters) is driven by one thread at a time.
 */
public final class Stats {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_]+");

    private final TreeMap<String, Counter> counters;
    private final String prefix;

    /** A new, empty tree. */
    public Stats() {
        this(new TreeMap<>(), "");
    }

    private Stats(TreeMap<String, Counter> counters, String prefix) {
        this.counters = counters;
        this.prefix = prefix;
    }

    /** A view of the subtree under {@code path} (relative to this view); counters created through it live in this tree. */
    public Stats scope(String path) {
        return new Stats(counters, absolute(path) + ".");
    }

    /** The dotted prefix of this view ("" for the root). */
    public String prefix() {
        return prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
    }

    /** The counter at {@code path} (relative to this view), created at zero if it does not exist yet. */
    public Counter counter(String path) {
        String abs = absolute(path);
        return counters.computeIfAbsent(abs, Counter::new);
    }

    /**
     * The value of the counter at {@code path}.
     *
     * @throws IllegalArgumentException naming the path if there is no such counter
     */
    public long get(String path) {
        Counter c = counters.get(absolute(path));
        if (c == null) {
            throw new IllegalArgumentException("no counter '" + absolute(path) + "' (known: "
                    + String.join(", ", snapshot().keySet()) + ")");
        }
        return c.get();
    }

    /** The value of the counter at {@code path}, or empty if there is none. */
    public OptionalLong find(String path) {
        Counter c = counters.get(absolute(path));
        return c == null ? OptionalLong.empty() : OptionalLong.of(c.get());
    }

    /** The sum of every counter at or below {@code path} (e.g. {@code sum("core0.faults")}). */
    public long sum(String path) {
        String abs = absolute(path);
        long total = 0;
        for (Counter c : subtree(abs)) {
            total += c.get();
        }
        return total;
    }

    /** Zeroes every counter in this view. */
    public void reset() {
        for (Counter c : subtree(prefix())) {
            c.reset();
        }
    }

    /** All counters of this view, by path relative to it, in path order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : subtree(prefix())) {
            out.put(c.path().substring(prefix.length()), c.get());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The counters of this view as an indented tree, one node per line, values right-aligned. */
    public String dump() {
        return dump(false);
    }

    /** As {@link #dump()}, leaving out counters that are zero when {@code nonZeroOnly}. */
    public String dump(boolean nonZeroOnly) {
        List<Counter> list = subtree(prefix());
        if (nonZeroOnly) {
            list.removeIf(c -> c.get() == 0);
        }
        if (list.isEmpty()) {
            return "(no counters)\n";
        }
        int width = 0;
        int valueWidth = 1;
        for (Counter c : list) {
            String[] segs = c.path().substring(prefix.length()).split("\\.");
            width = Math.max(width, 2 * (segs.length - 1) + segs[segs.length - 1].length());
            valueWidth = Math.max(valueWidth, String.format("%,d", c.get()).length());
        }
        StringBuilder sb = new StringBuilder();
        String[] previous = new String[0];
        for (Counter c : list) {
            String[] segs = c.path().substring(prefix.length()).split("\\.");
            int common = 0;
            while (common < previous.length && common < segs.length - 1 && previous[common].equals(segs[common])) {
                common++;
            }
            for (int i = common; i < segs.length - 1; i++) {
                sb.append("  ".repeat(i)).append(segs[i]).append('\n');
            }
            String name = "  ".repeat(segs.length - 1) + segs[segs.length - 1];
            sb.append(name).append(" ".repeat(width - name.length() + 2))
                    .append(String.format("%" + valueWidth + "s", String.format("%,d", c.get()))).append('\n');
            previous = segs;
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return dump();
    }

    private List<Counter> subtree(String abs) {
        List<Counter> out = new ArrayList<>();
        if (abs.isEmpty()) {
            out.addAll(counters.values());
            return out;
        }
        Counter exact = counters.get(abs);
        if (exact != null) {
            out.add(exact);
        }
        // Keys under "a.b." sort between "a.b." and "a.b/" ('/' follows '.').
        out.addAll(counters.subMap(abs + ".", true, abs + "/", false).values());
        return out;
    }

    private String absolute(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("counter path is empty");
        }
        for (String seg : path.split("\\.", -1)) {
            if (!SEGMENT.matcher(seg).matches()) {
                throw new IllegalArgumentException("bad counter path '" + path
                        + "': segments are letters, digits and '_' separated by '.'");
            }
        }
        return prefix + path;
    }
}
