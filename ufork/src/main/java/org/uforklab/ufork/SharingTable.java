package org.uforklab.ufork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * The per-page sharing table: which frames are shared copy-on-(pointer-)access, who owns each, and which
 * µprocesses still map it. Indexed by frame and by virtual page (one address space: a VA names one µprocess's
 * page, owner or sharer).
 */
public final class SharingTable {
    private final Map<Long, SharedFrame> byFrame = new HashMap<>();
    private final Map<Long, SharedFrame> byVa = new HashMap<>();

    /** The shared frame mapped at page {@code va} (as owner or sharer), or null. */
    public SharedFrame atVa(long va) {
        return byVa.get(va & ~0xFFFL);
    }

    /** The entry of frame {@code pa}, or null. */
    public SharedFrame ofFrame(long pa) {
        return byFrame.get(pa);
    }

    /** The entry of the owner's page, created on first share. */
    public SharedFrame ownerEntry(long pa, MicroProcess owner, long va, org.uforklab.machine.mmu.PageAttributes attrs) {
        SharedFrame f = byFrame.get(pa);
        if (f == null) {
            f = new SharedFrame(pa, owner, va, attrs);
            byFrame.put(pa, f);
            byVa.put(va, f);
        }
        return f;
    }

    /** Adds a sharer to {@code f}. */
    public void addSharer(SharedFrame f, Sharer s) {
        f.sharers().add(s);
        byVa.put(s.va(), f);
    }

    /** Removes the sharer at {@code va}; drops the entry when nothing shares the frame any more. */
    public Sharer removeSharer(SharedFrame f, long va) {
        Sharer gone = null;
        for (int i = 0; i < f.sharers().size(); i++) {
            if (f.sharers().get(i).va() == va) {
                gone = f.sharers().remove(i);
                break;
            }
        }
        byVa.remove(va);
        if (f.sharers().isEmpty()) {
            byFrame.remove(f.pa());
            if (f.owner() != null) {
                byVa.remove(f.ownerVa());
            }
        }
        return gone;
    }

    /** The owner was reaped: forget its page; the frame lives on while sharers remain. */
    public void orphan(SharedFrame f) {
        byVa.remove(f.ownerVa());
        f.orphan();
    }

    /** Entries in which {@code p} takes part (owner or sharer). */
    public List<SharedFrame> involving(MicroProcess p) {
        List<SharedFrame> out = new ArrayList<>();
        for (SharedFrame f : byFrame.values()) {
            if (f.owner() == p || f.sharers().stream().anyMatch(s -> s.process() == p)) {
                out.add(f);
            }
        }
        out.sort((a, b) -> Long.compareUnsigned(a.pa(), b.pa()));
        return out;
    }

    /** Every shared frame. */
    public Collection<SharedFrame> frames() {
        return byFrame.values();
    }

    /** Frames shared. */
    public int size() {
        return byFrame.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SharingTable(" + byFrame.size() + " shared frames)");
        byFrame.values().stream().sorted((a, b) -> Long.compareUnsigned(a.pa(), b.pa())).limit(20)
                .forEach(f -> sb.append("\n  ").append(f));
        if (byFrame.size() > 20) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
