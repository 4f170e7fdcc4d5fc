package org.uforklab.ufork;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uforklab.machine.fault.FaultKind;

/**
 * What one fork did and cost. The at-fork part is final when fork returns; the lazy part (pages copied later,
 * faults taken, their cycles) keeps growing while the child shares pages with its parent. Latency is the
 * emulated time the parent is blocked in fork: from the system-call entry to its return, in cycles of the
 * parent's core, converted at the machine's clock.
 */
public final class ForkStats {
    private final int parentPid;
    private final int childPid;
    private final ForkStrategy strategy;
    private final long childBase;
    private final long clockHz;
    private long latencyCycles;
    private long pagesSharedCode;
    private long pagesShared;
    private long pagesZero;
    private long pagesCommitted;
    private long granulesScanned;
    private long capabilitiesRelocated;
    private long capabilitiesInvalidated;
    private long registersRelocated;
    private long ptesWritten;
    private long lazyPtesWritten;
    private long tlbis;
    private long lazyTlbis;
    private long lazyCycles;
    private long pssParent;
    private long pssChild;
    private long pssChildAtExit = -1;
    private long plainPssChildAtExit = -1;
    private final EnumMap<CopyCause, Long> copies = new EnumMap<>(CopyCause.class);
    private final EnumMap<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
    /** The child's pages copied, in order: page VA | cause ordinal in the low 12 bits (a page VA has them clear). */
    private long[] pageLog = new long[16];
    private int pageLogSize;

    /** Stats of a fork of {@code parentPid} into {@code childPid}. */
    public ForkStats(int parentPid, int childPid, ForkStrategy strategy, long childBase, long clockHz) {
        this.parentPid = parentPid;
        this.childPid = childPid;
        this.strategy = strategy;
        this.childBase = childBase;
        this.clockHz = clockHz;
    }

    // ------------------------------------------------------------------ recording (fork implementations: μFork, the baselines)

    /** Records a page copied for {@code cause} whose 256 granules were scanned and whose capabilities {@code c} counts. */
    public void copied(CopyCause cause, PageCopier.Copy c) {
        copies.merge(cause, 1L, Long::sum);
        granulesScanned += 256;
        capabilitiesRelocated += c.relocated();
        capabilitiesInvalidated += c.invalidated();
    }

    /** As {@link #copied(CopyCause, PageCopier.Copy)}, and remembers that the child's page {@code childVa} was the one copied. */
    public void copied(CopyCause cause, long childVa, PageCopier.Copy c) {
        copied(cause, c);
        logPage(cause, childVa);
    }

    /** Records a page copied with its tags for {@code cause} without a scan (no relocation: same addresses). */
    public void copiedPreservingTags(CopyCause cause) {
        copies.merge(cause, 1L, Long::sum);
    }

    /** As {@link #copiedPreservingTags(CopyCause)}, and remembers that the child's page {@code childVa} was the one copied. */
    public void copiedPreservingTags(CopyCause cause, long childVa) {
        copiedPreservingTags(cause);
        logPage(cause, childVa);
    }

    private void logPage(CopyCause cause, long va) {
        if (pageLogSize == pageLog.length) {
            pageLog = java.util.Arrays.copyOf(pageLog, pageLog.length * 2);
        }
        pageLog[pageLogSize++] = (va & ~0xFFFL) | cause.ordinal();
    }

    /** Records a code/rodata page mapped to the parent's frame. */
    public void sharedCode() {
        pagesSharedCode++;
    }

    /** Records a demand-zero page (never written) mapped to the zero frame in the child too: nothing to share or copy. */
    public void sharedZero() {
        pagesZero++;
    }

    /** Records a demand-zero page the child got a frame of its own for at fork without copying (full copy: committed). */
    public void committedZero() {
        pagesCommitted++;
    }

    /** Records a data page left shared at fork. */
    public void shared() {
        pagesShared++;
    }

    /** Records the capability registers relocated for the child. */
    public void registers(int relocated) {
        registersRelocated += relocated;
    }

    /** Records descriptors written, at fork or lazily. */
    public void ptes(long n, boolean lazy) {
        if (lazy) {
            lazyPtesWritten += n;
        } else {
            ptesWritten += n;
        }
    }

    /** Records broadcast TLB invalidations, at fork or lazily. */
    public void tlbi(long n, boolean lazy) {
        if (lazy) {
            lazyTlbis += n;
        } else {
            tlbis += n;
        }
    }

    /** Records a fault taken after fork on this fork's pages, and the cycles handling it. */
    public void fault(FaultKind kind, long cycles) {
        faults.merge(kind, 1L, Long::sum);
        lazyCycles += cycles;
    }

    /** Records cycles of lazy work outside a fault. */
    public void lazyCycles(long cycles) {
        lazyCycles += cycles;
    }

    /** Records the latency and the PSS of both sides when fork returns. */
    public void finish(long latency, long parentPss, long childPss) {
        latencyCycles = latency;
        pssParent = parentPss;
        pssChild = childPss;
    }

    /** Records the child's PSS when it is reaped (after it exited, before its region is released). */
    public void reaped(long childPss) {
        pssChildAtExit = childPss;
    }

    /**
     * Records the child's PSS when it is reaped and its plain PSS (every shared frame divided by its mappers, whoever
     * owns it) for comparison.
     */
    public void reaped(long childPss, long childPlainPss) {
        pssChildAtExit = childPss;
        plainPssChildAtExit = childPlainPss;
    }

    // ------------------------------------------------------------------ reading

    /** Parent pid. */
    public int parentPid() {
        return parentPid;
    }

    /** Child pid. */
    public int childPid() {
        return childPid;
    }

    /** The strategy used. */
    public ForkStrategy strategy() {
        return strategy;
    }

    /** Base of the child's region. */
    public long childBase() {
        return childBase;
    }

    /** Cycles the parent was blocked in fork. */
    public long latencyCycles() {
        return latencyCycles;
    }

    /** Emulated microseconds the parent was blocked in fork. */
    public double latencyMicros() {
        return latencyCycles * 1e6 / clockHz;
    }

    /** Code and rodata pages mapped to the parent's frames (never copied). */
    public long pagesSharedCode() {
        return pagesSharedCode;
    }

    /** Copyable pages left shared at fork (CoA/CoPA). */
    public long pagesShared() {
        return pagesShared;
    }

    /** Demand-zero pages (never written) the child maps to the zero frame as its parent does. */
    public long pagesZero() {
        return pagesZero;
    }

    /** Demand-zero pages the child got a frame of its own for at fork, without a copy (full copy). */
    public long pagesCommitted() {
        return pagesCommitted;
    }

    /** Pages copied inside fork. */
    public long pagesCopiedEagerly() {
        return copies.entrySet().stream().filter(e -> e.getKey().eager()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Pages copied after fork returned. */
    public long pagesCopiedLazily() {
        return copies.entrySet().stream().filter(e -> !e.getKey().eager()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Pages copied for {@code cause}. */
    public long pagesCopied(CopyCause cause) {
        return copies.getOrDefault(cause, 0L);
    }

    /**
     * The child's pages that were copied and why, in the order they were copied (page VA in the child, the
     * cause). Only copies recorded with their page are listed ({@link #copied(CopyCause, long, PageCopier.Copy)});
     * μFork and the monolithic baseline record every copy that way.
     */
    public Map<Long, CopyCause> copiedPages() {
        Map<Long, CopyCause> m = new LinkedHashMap<>();
        CopyCause[] causes = CopyCause.values();
        for (int i = 0; i < pageLogSize; i++) {
            m.put(pageLog[i] & ~0xFFFL, causes[(int) (pageLog[i] & 0xFFF)]);
        }
        return m;
    }

    /** Granules scanned for tags (256 per copied page). */
    public long granulesScanned() {
        return granulesScanned;
    }

    /** Capabilities rewritten into the child's region (memory; registers are counted apart). */
    public long capabilitiesRelocated() {
        return capabilitiesRelocated;
    }

    /** Capabilities whose tag was cleared because they reached outside the parent's region. */
    public long capabilitiesInvalidated() {
        return capabilitiesInvalidated;
    }

    /** Capability registers relocated for the child's thread. */
    public long registersRelocated() {
        return registersRelocated;
    }

    /** Descriptors written inside fork (the child's PTEs, the parent's protection changes, new tables). */
    public long ptesWritten() {
        return ptesWritten;
    }

    /** Descriptors written by the lazy copies. */
    public long lazyPtesWritten() {
        return lazyPtesWritten;
    }

    /** Broadcast TLB invalidations issued inside fork. */
    public long tlbis() {
        return tlbis;
    }

    /** Broadcast TLB invalidations issued by the lazy copies. */
    public long lazyTlbis() {
        return lazyTlbis;
    }

    /** Faults taken after fork that copied pages for this fork's child, by kind. */
    public Map<FaultKind, Long> faults() {
        return Map.copyOf(faults);
    }

    /** Cycles spent handling those faults (charged to the faulting cores). */
    public long lazyCycles() {
        return lazyCycles;
    }

    /** Proportional set size of the parent when fork returned (bytes). */
    public long pssParent() {
        return pssParent;
    }

    /** Proportional set size of the child when fork returned (bytes). */
    public long pssChild() {
        return pssChild;
    }

    /**
     * Proportional set size of the child at its end: measured when it was reaped, with everything it copied
     * during its life still mapped (bytes); -1 while it has not been reaped.
     */
    public long pssChildAtExit() {
        return pssChildAtExit;
    }

    /**
     * The child's plain PSS when it was reaped: each frame it mapped divided by the µprocesses mapping it, whoever owns
     * it (bytes); -1 if not recorded.
     */
    public long plainPssChildAtExit() {
        return plainPssChildAtExit;
    }

    /** The numbers as named columns (for tables, CSV, notebooks). */
    public Map<String, Object> row() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parent", parentPid);
        m.put("child", childPid);
        m.put("strategy", strategy.shortName());
        m.put("latency_us", Math.round(latencyMicros() * 100) / 100.0);
        m.put("latency_cycles", latencyCycles);
        m.put("shared_code", pagesSharedCode);
        m.put("shared", pagesShared);
        m.put("zero", pagesZero);
        m.put("committed", pagesCommitted);
        m.put("eager", pagesCopiedEagerly());
        m.put("lazy", pagesCopiedLazily());
        for (CopyCause c : CopyCause.values()) {
            if (!c.eager()) {
                m.put("lazy_" + c.name().toLowerCase(), pagesCopied(c));
            }
        }
        m.put("granules", granulesScanned);
        m.put("caps_relocated", capabilitiesRelocated);
        m.put("caps_invalidated", capabilitiesInvalidated);
        m.put("regs_relocated", registersRelocated);
        m.put("ptes", ptesWritten);
        m.put("lazy_ptes", lazyPtesWritten);
        m.put("tlbis", tlbis);
        m.put("lazy_tlbis", lazyTlbis);
        m.put("faults", faults.values().stream().mapToLong(Long::longValue).sum());
        m.put("pss_parent_kib", pssParent / 1024.0);
        m.put("pss_child_kib", pssChild / 1024.0);
        m.put("pss_child_exit_kib", pssChildAtExit < 0 ? "-" : pssChildAtExit / 1024.0);
        return m;
    }

    /** A fixed-width table of forks, one row each (columns of {@link #row()}). */
    public static String table(List<ForkStats> forks) {
        if (forks.isEmpty()) {
            return "(no forks)";
        }
        List<Map<String, Object>> rows = forks.stream().map(ForkStats::row).toList();
        List<String> cols = List.copyOf(rows.get(0).keySet());
        int[] w = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            w[i] = cols.get(i).length();
            for (Map<String, Object> r : rows) {
                w[i] = Math.max(w[i], String.valueOf(r.get(cols.get(i))).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            sb.append(String.format("%" + w[i] + "s ", cols.get(i)));
        }
        sb.setLength(sb.length() - 1);
        for (Map<String, Object> r : rows) {
            sb.append('\n');
            for (int i = 0; i < cols.size(); i++) {
                sb.append(String.format("%" + w[i] + "s ", r.get(cols.get(i))));
            }
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("fork pid %d -> pid %d (%s, child region at 0x%x)%n", parentPid, childPid,
                strategy.shortName(), childBase));
        sb.append(String.format("  latency            %.2f µs (%,d cycles, parent blocked in fork)%n", latencyMicros(), latencyCycles));
        sb.append(String.format("  pages              %d code shared, %d data shared, %d demand-zero%s, %d copied eagerly, %d copied lazily%n",
                pagesSharedCode, pagesShared, pagesZero + pagesCommitted, pagesCommitted > 0 ? " (" + pagesCommitted + " committed)" : "",
                pagesCopiedEagerly(), pagesCopiedLazily()));
        StringBuilder causes = new StringBuilder();
        copies.forEach((k, v) -> causes.append(causes.isEmpty() ? "" : ", ").append(k.name().toLowerCase()).append('=').append(v));
        sb.append("  copies by cause    ").append(causes.isEmpty() ? "none" : causes).append('\n');
        sb.append(String.format("  scan               %,d granules, %d capabilities relocated, %d invalidated, %d registers relocated%n",
                granulesScanned, capabilitiesRelocated, capabilitiesInvalidated, registersRelocated));
        sb.append(String.format("  page tables        %d descriptors written in fork (+%d lazily), %d TLBIs (+%d lazily)%n", ptesWritten,
                lazyPtesWritten, tlbis, lazyTlbis));
        StringBuilder f = new StringBuilder();
        faults.forEach((k, v) -> f.append(f.isEmpty() ? "" : ", ").append(k.name().toLowerCase()).append('=').append(v));
        sb.append("  faults after fork  ").append(f.isEmpty() ? "none" : f).append(String.format(" (%,d cycles)%n", lazyCycles));
        sb.append(String.format("  PSS at fork        parent %.1f KiB, child %.1f KiB", pssParent / 1024.0, pssChild / 1024.0));
        if (pssChildAtExit >= 0) {
            sb.append(String.format("%n  PSS of the child   %.1f KiB when reaped", pssChildAtExit / 1024.0));
            if (plainPssChildAtExit >= 0) {
                sb.append(String.format(" (plain PSS %.1f KiB)", plainPssChildAtExit / 1024.0));
            }
        }
        return sb.toString();
    }
}
