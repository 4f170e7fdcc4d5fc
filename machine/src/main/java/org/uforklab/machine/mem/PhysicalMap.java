package org.uforklab.machine.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The machine's physical address map: which ranges are RAM. Accesses anywhere else take a synchronous
 * external abort (DFSC 0x10).
 */
public final class PhysicalMap {

    /** Physical addresses are at most 48 bits (the largest TCR.IPS encoding modelled). */
    public static final long MAX_PA = 1L << 48;
    /** Morello SDP's first DRAM window (morello.md §5, TF-A morello-soc.dts). */
    public static final long MORELLO_DRAM0_BASE = 0x8000_0000L;
    /** Size of the first DRAM window: 2 GiB. */
    public static final long MORELLO_DRAM0_SIZE = 2L << 30;
    /** Morello SDP's second DRAM window, holding the rest of the DRAM. */
    public static final long MORELLO_DRAM1_BASE = 0x80_8000_0000L;

    private final List<MemoryRegion> regions;
    private final long maxEnd;

    /**
     * A map of the given regions.
     *
     * @throws IllegalArgumentException if there are none or two overlap
     */
    public PhysicalMap(List<MemoryRegion> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("a physical map needs at least one memory region");
        }
        List<MemoryRegion> sorted = new ArrayList<>(regions);
        sorted.sort((a, b) -> Long.compare(a.base(), b.base()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).base() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException("memory regions overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.regions = List.copyOf(sorted);
        this.maxEnd = sorted.get(sorted.size() - 1).end();
    }

    /**
     * Morello's map for {@code bytes} of DRAM: the first 2 GiB at 0x8000_0000, the rest at 0x80_8000_0000
     * (a 16 GiB board: 2 GiB + 14 GiB).
     */
    public static PhysicalMap morello(long bytes) {
        if (bytes <= 0 || (bytes & (PhysicalMemory.FRAME_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("memory size " + bytes + " is not a positive multiple of 4 KiB");
        }
        if (bytes <= MORELLO_DRAM0_SIZE) {
            return new PhysicalMap(List.of(new MemoryRegion("DRAM0", MORELLO_DRAM0_BASE, bytes)));
        }
        return new PhysicalMap(List.of(
                new MemoryRegion("DRAM0", MORELLO_DRAM0_BASE, MORELLO_DRAM0_SIZE),
                new MemoryRegion("DRAM1", MORELLO_DRAM1_BASE, bytes - MORELLO_DRAM0_SIZE)));
    }

    /** The regions in address order. */
    public List<MemoryRegion> regions() {
        return regions;
    }

    /** True when {@code [pa, pa+len)} lies inside one region. */
    public boolean contains(long pa, long len) {
        for (MemoryRegion r : regions) {
            if (r.contains(pa, len)) {
                return true;
            }
        }
        return false;
    }

    /** One past the highest RAM address. */
    public long maxEnd() {
        return maxEnd;
    }

    /** Total RAM in bytes. */
    public long totalBytes() {
        long t = 0;
        for (MemoryRegion r : regions) {
            t += r.size();
        }
        return t;
    }

    /** "2 GiB", "14 GiB", "100.0 MiB". */
    static String humanSize(long bytes) {
        if (bytes == 0) {
            return "0 bytes";
        }
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= (1L << 20)) {
            return String.format("%.1f MiB", bytes / (double) (1L << 20));
        }
        return (bytes >> 10) + " KiB";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PhysicalMap (" + humanSize(totalBytes()) + ")");
        for (MemoryRegion r : regions) {
            sb.append("\n  ").append(r);
        }
        return sb.toString();
    }
}
