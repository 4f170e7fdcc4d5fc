package org.uforklab.ufork.baseline;

/**
 * A COST MODEL, not an emulation: fork by cloning a whole unikernel VM, standing for Nephele (the μFork paper
 * takes Nephele's numbers from the Nephele paper, x86_64 only: ufork-paper.md §6, §7.4). Nephele clones a Xen
 * domain: it creates the domain, copies the guest's physical-to-machine map and page tables marking memory
 * copy-on-write, duplicates the device state and xenstore entries, and boots the clone's vCPU. Almost all of
 * that is independent of the guest's size, so the model is a fixed cost plus a per-mapped-page cost for the
 * p2m/page-table copy, and a fixed per-clone memory overhead (the domain's own structures, its kernel, its
 * page tables) plus the pages the clone later dirties.
 *
 * <p>Calibration (Fig 8 of the μFork paper): a hello-world fork costs 10,700 µs and 1.6 MB per process. The
 * per-page part uses the machine's own descriptor-write cost twice (child entry written, parent entry
 * write-protected) so a larger guest costs more in the same units as μFork; the fixed part is what remains of
 * the 10,700 µs for the calibration guest's mapped pages, and the memory overhead is 1.6 MB minus the
 * calibration guest's own resident pages.
 *
 * @param clockHz          the machine's clock
 * @param fixedCycles      per-clone fixed cost
 * @param perPageCycles    per mapped guest page
 * @param overheadBytes    per-clone memory beside the guest's own pages
 */
public record VmCloneModel(long clockHz, long fixedCycles, long perPageCycles, long overheadBytes) {

    /** Nephele's hello-world fork latency quoted by the μFork paper (µs). */
    public static final double NEPHELE_FORK_MICROS = 10_700;
    /** Nephele's per-process memory quoted by the μFork paper (bytes: 1.6 MB). */
    public static final long NEPHELE_PROCESS_BYTES = 1_600_000;

    /**
     * The model calibrated so that a guest with {@code calibrationPages} mapped pages costs exactly the quoted
     * 10,700 µs and 1.6 MB.
     *
     * @param pteWriteCycles the machine's descriptor-write cost
     */
    public static VmCloneModel calibrated(long clockHz, long pteWriteCycles, long calibrationPages) {
        long perPage = 2 * pteWriteCycles;
        long total = Math.round(NEPHELE_FORK_MICROS * clockHz / 1e6);
        long fixed = total - perPage * calibrationPages;
        long overhead = NEPHELE_PROCESS_BYTES - calibrationPages * 4096;
        if (fixed < 0 || overhead < 0) {
            throw new IllegalArgumentException("calibration guest too large for the quoted Nephele numbers: " + calibrationPages + " pages");
        }
        return new VmCloneModel(clockHz, fixed, perPage, overhead);
    }

    /** Modelled fork latency in cycles for a guest with {@code mappedPages} pages. */
    public long forkCycles(long mappedPages) {
        return fixedCycles + perPageCycles * mappedPages;
    }

    /** Modelled fork latency in µs. */
    public double forkMicros(long mappedPages) {
        return forkCycles(mappedPages) * 1e6 / clockHz;
    }

    /** Modelled memory of a clone that has dirtied {@code dirtiedPages} pages (bytes). */
    public long cloneBytes(long dirtiedPages) {
        return overheadBytes + dirtiedPages * 4096;
    }

    @Override
    public String toString() {
        return String.format("VmCloneModel (a MODEL of Nephele, calibrated to ufork-paper.md Fig 8): %,d + %d/page cycles, %,d B overhead",
                fixedCycles, perPageCycles, overheadBytes);
    }
}
