package org.uforklab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * The inputs (and text outputs) of this kernel session, for Jupyter's history requests: tail, range and
 * glob search, like IPython's history with a single session.
 */
final class CellHistory implements HistoryManager {

    /** The session number reported (this kernel keeps one session per process). */
    static final int SESSION = 1;

    private record Entry(int cell, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records cell {@code cell}'s input and its text output (may be null). */
    synchronized void add(int cell, String input, String output) {
        entries.add(new Entry(cell, input, output));
    }

    /** Number of entries. */
    synchronized int size() {
        return entries.size();
    }

    private static HistoryEntry toEntry(Entry e, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        return new HistoryEntry(SESSION, e.cell(), e.input(), withOutput ? (e.output() == null ? "" : e.output()) : null);
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(0, length));
        List<HistoryEntry> out = new ArrayList<>();
        for (Entry e : entries.subList(from, entries.size())) {
            out.add(toEntry(e, flags));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        if (session != SESSION && session != 0) {
            return out;
        }
        for (Entry e : entries) {
            if (e.cell() >= start && (stop <= 0 || e.cell() < stop)) {
                out.add(toEntry(e, flags));
            }
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern p = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        List<HistoryEntry> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (!p.matcher(e.input()).matches()) {
                continue;
            }
            if (flags.contains(ResultFlag.UNIQUE) && !seen.add(e.input())) {
                continue;
            }
            out.add(0, toEntry(e, flags));
            if (length > 0 && out.size() >= length) {
                break;
            }
        }
        return out;
    }

    /** IPython history patterns: {@code *} any text, {@code ?} one character, the rest literal. */
    static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : (glob == null ? "*" : glob).toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
