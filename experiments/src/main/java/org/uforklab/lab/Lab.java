package org.uforklab.lab;

import java.util.List;
import java.util.Map;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.Experiments;
import org.uforklab.experiments.Progress;
import org.uforklab.lab.display.Hex;
import org.uforklab.lab.display.Table;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.MemoryRegion;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.mmu.Walk;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;
import org.uforklab.ufork.baseline.MonolithicFork;

/**
 * A lab bench for interactive work: one emulated {@link Machine} with an address space the lab manages, and
 * short names for what one does at a prompt — derive capabilities, map pages, walk the tables, read the
 * counters and the emulated clock. Everything returned prints readably and bounded in JShell.
 *
 * <p>Physical memory: the lab takes translation-table frames from the first part of DRAM0 and data frames
 * from the rest, handing them out in order; every core's TTBR0_EL1 points at the lab's tables (ASID
 * {@value #ASID}) as soon as they exist, and {@link #mmuOn()} turns translation on. The underlying objects
 * stay reachable ({@link #machine()}, {@link #core(int)}, {@link #tables()}) for anything the facade does
 * not cover. The static side starts the rest: {@link #ufork()} boots a sasos kernel with μFork,
 * {@link #monolithic()} one with the copy-on-write baseline, {@link #run} runs a registered experiment.
 *
 * <pre>{@code
 * var lab = Lab.morello();
 * var heap = lab.mapData(0x41_0000, 4 * 4096);
 * lab.mmuOn();
 * lab.access().store64(heap.cap(), 0x41_0100, 42);
 * lab.walk(0x41_0100);
 * lab.stats();
 * }</pre>
 */
public final class Lab {

    /** The ASID the lab's address space runs under. */
    public static final int ASID = 1;

    /** Bytes at the start of DRAM0 reserved for translation tables (at most; less on a small machine). */
    static final long TABLE_AREA = 16L << 20;

    private final Machine machine;
    private final LinearFrameSource tableFrames;
    private final LinearFrameSource dataFrames;
    private PageTables tables;

    private Lab(Machine machine) {
        this.machine = machine;
        MemoryRegion dram0 = machine.config().physicalMap().regions().get(0);
        long tableArea = Math.min(TABLE_AREA, (dram0.size() / 8) & ~(PhysicalMemory.FRAME_SIZE - 1));
        this.tableFrames = new LinearFrameSource(machine.memory(), dram0.base(), dram0.base() + tableArea);
        this.dataFrames = new LinearFrameSource(machine.memory(), dram0.base() + tableArea, dram0.end());
    }

    /** A lab on the Morello SDP of the uFork paper ({@link MachineConfig#morello()}). */
    public static Lab morello() {
        return of(MachineConfig.morello());
    }

    /** A lab on a machine built from {@code config}. */
    public static Lab of(MachineConfig config) {
        return new Lab(new Machine(config));
    }

    // ------------------------------------------------------------------ the machine

    /** The machine. */
    public Machine machine() {
        return machine;
    }

    /** The machine's configuration. */
    public MachineConfig config() {
        return machine.config();
    }

    /** Core 0, where the facade's accesses and walks run. */
    public Core core() {
        return machine.core(0);
    }

    /** Core {@code i}. */
    public Core core(int i) {
        return machine.core(i);
    }

    /** Core 0's MMU. */
    public Mmu mmu() {
        return core().mmu();
    }

    /** Core 0's capability-checked access path: {@code load64(cap, va)}, {@code storeCap(cap, va, c)}, ... */
    public CheckedAccess access() {
        return core().access();
    }

    /** Physical memory. */
    public PhysicalMemory memory() {
        return machine.memory();
    }

    // ------------------------------------------------------------------ capabilities

    /** The root capability: every permission, the whole address space. */
    public static Capability root() {
        return Capability.root();
    }

    /** The tagged capability with the given high 64 bits ({@code pesbt}) and address ({@code value}). */
    public static Capability decode(long pesbt, long value) {
        return Capability.of(pesbt, value, true);
    }

    /**
     * A capability derived from the root for {@code length} bytes at {@code base}: SCVALUE then SCBNDS, so the
     * bounds round outwards when the length is not exactly representable.
     */
    public static Capability cap(long base, long length) {
        return Capability.root().setValue(base).setBounds(length);
    }

    // ------------------------------------------------------------------ address space

    /**
     * The lab's translation tables, created on first use; creating them points every core's TTBR0_EL1 at
     * them (ASID {@value #ASID}), translation stays off until {@link #mmuOn()}.
     */
    public PageTables tables() {
        if (tables == null) {
            tables = machine.newPageTables(tableFrames, core());
            for (Core c : machine.cores()) {
                c.mmu().setTtbr0(tables.ttbr(ASID));
            }
        }
        return tables;
    }

    /**
     * Maps {@code length} bytes at {@code va} (both 4 KiB multiples) onto fresh zeroed frames with
     * {@code attributes}; returns what was mapped.
     */
    public Region map(long va, long length, PageAttributes attributes) {
        if (length <= 0 || (length & (PhysicalMemory.FRAME_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("length 0x%x is not a positive multiple of 4 KiB", length));
        }
        if ((va & (PhysicalMemory.FRAME_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("VA 0x%x is not 4 KiB aligned", va));
        }
        PageTables t = tables();
        long pa = -1;
        for (long off = 0; off < length; off += PhysicalMemory.FRAME_SIZE) {
            long frame = dataFrames.allocateFrame();
            if (pa < 0) {
                pa = frame;
            }
            t.map(va + off, frame, attributes);
        }
        return new Region(va, pa, length, attributes);
    }

    /** {@link #map} with kernel read-write, never-executable data pages. */
    public Region mapData(long va, long length) {
        return map(va, length, PageAttributes.kernelData());
    }

    /** {@link #map} with kernel read-only executable pages. */
    public Region mapCode(long va, long length) {
        return map(va, length, PageAttributes.kernelCode());
    }

    /** {@link #map} with pages EL0 may read and write. */
    public Region mapUser(long va, long length) {
        return map(va, length, PageAttributes.userData());
    }

    /** Turns stage-1 translation on (SCTLR_EL1.M) on every core, over the lab's tables. */
    public Lab mmuOn() {
        tables();
        for (Core c : machine.cores()) {
            c.mmu().setSctlr(c.mmu().sctlr() | SystemRegisters.SCTLR_M);
        }
        return this;
    }

    /** The table walk core 0's MMU does for {@code va}: each descriptor read and the result (costs nothing). */
    public Walk walk(long va) {
        tables();
        return mmu().walk(va);
    }

    /** The entry that decides {@code va}'s translation: the leaf, or the invalid entry the walk stopped at. */
    public Pte pte(long va) {
        Walk w = walk(va);
        if (w.steps().isEmpty()) {
            throw new IllegalArgumentException(String.format("the walk for VA 0x%x read no descriptor: %s", va, w));
        }
        Walk.Step last = w.steps().get(w.steps().size() - 1);
        return new Pte(va, last.level(), last.descriptorPa(), last.descriptor());
    }

    /** Every page and block the lab's tables map, one row each, in VA order. */
    public Table mappings() {
        List<Mapping> maps = tables().mappings();
        return Table.of(maps, List.of("va", "pa", "size", "level", "attributes"),
                m -> Hex.of(m.va()), m -> Hex.of(m.pa()), Mapping::size, Mapping::level, Mapping::attributes)
                .titled(maps.size() + " mapping" + (maps.size() == 1 ? "" : "s"));
    }

    // ------------------------------------------------------------------ counters and time

    /** The non-zero counters of the whole machine, one row per counter. */
    public Table stats() {
        return statsTable("", machine.stats().snapshot());
    }

    /** The non-zero counters under {@code prefix} (e.g. {@code core0.mmu}), paths relative to it. */
    public Table stats(String prefix) {
        return statsTable(prefix, machine.stats().scope(prefix).snapshot());
    }

    private static Table statsTable(String prefix, Map<String, Long> snapshot) {
        Table.Builder b = Table.builder("counter", "value");
        snapshot.forEach((path, value) -> {
            if (value != 0) {
                b.row(path, value);
            }
        });
        return b.title(prefix.isEmpty() ? "non-zero counters" : "non-zero counters under " + prefix).build();
    }

    /** The value of the counter at the dotted {@code path}, e.g. {@code core0.mmu.tlb.misses}. */
    public long counter(String path) {
        return machine.stats().get(path);
    }

    /** Zeroes every counter (emulated clocks keep running). */
    public void resetStats() {
        machine.resetStats();
    }

    /** The machine's emulated elapsed time (the busiest core's cycles). */
    public EmulatedTime time() {
        return new EmulatedTime(machine.elapsedCycles(), config().clockHz());
    }

    /** Core {@code i}'s emulated time. */
    public EmulatedTime time(int core) {
        return new EmulatedTime(core(core).cycles().cycles(), config().clockHz());
    }

    // ------------------------------------------------------------------ kernels with fork

    /** A freshly booted sasos kernel ({@link KernelConfig#defaults()}) with μFork installed, CoPA by default. */
    public static UFork ufork() {
        return ufork(ForkStrategy.COPY_ON_POINTER_ACCESS);
    }

    /** A freshly booted sasos kernel ({@link KernelConfig#defaults()}) with μFork forking with {@code strategy}. */
    public static UFork ufork(ForkStrategy strategy) {
        return ufork(KernelConfig.defaults(), UForkConfig.defaults().withStrategy(strategy));
    }

    /** A kernel booted from {@code kernel} with μFork configured by {@code ufork}; {@code .kernel()} is the kernel. */
    public static UFork ufork(KernelConfig kernel, UForkConfig ufork) {
        return UFork.install(Kernel.boot(kernel), ufork);
    }

    /**
     * A freshly booted kernel with the monolithic copy-on-write baseline (an address space per process, SVC
     * system calls: {@link MonolithicFork#kernelConfig()}), standing for CheriBSD.
     */
    public static MonolithicFork monolithic() {
        return MonolithicFork.install(Kernel.boot(MonolithicFork.kernelConfig()));
    }

    // ------------------------------------------------------------------ experiments

    /** The names of the registered experiments ({@code uforklab list}), in order. */
    public static List<String> experiments() {
        return Experiments.standard().all().stream().map(e -> e.name()).toList();
    }

    /** Whether an experiment named {@code name} is registered in this build. */
    public static boolean hasExperiment(String name) {
        return Experiments.standard().find(name).isPresent();
    }

    /**
     * Runs an experiment of {@link Experiments#standard()} with its default parameters changed by
     * {@code settings} ({@code "sizes=0,1e4"}, as {@code uforklab run --set}), quietly; the result prints as a
     * bounded table and {@link Charts#show(ExperimentResult)} charts it.
     *
     * @throws IllegalArgumentException for an unknown experiment (listing those there are) or a bad setting
     */
    public static ExperimentResult run(String experiment, String... settings) {
        var e = Experiments.standard().get(experiment);
        return e.run(e.defaults().with(List.of(settings)), Progress.NONE);
    }

    /**
     * One metric of {@code result} side by side with the paper: a row per x (in first-appearance order), and per
     * series two columns, ours and the paper's (empty where one is missing), then the ratio ours/paper.
     *
     * @throws IllegalArgumentException if the result has no rows of {@code metric} (naming the metrics it has)
     */
    public static Table versusPaper(ExperimentResult result, String metric) {
        List<org.uforklab.experiments.ResultRow> rows = result.rows(metric);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("result " + result.experiment() + " has no rows of metric '" + metric + "' (metrics: "
                    + String.join(", ", result.rows().stream().map(r -> r.metric()).distinct().toList()) + ")");
        }
        List<String> series = result.series(metric);
        List<String> xs = rows.stream().map(r -> r.x()).distinct().toList();
        List<String> cols = new java.util.ArrayList<>(List.of("x"));
        for (String s : series) {
            cols.add(s);
            cols.add(s + " (paper)");
            cols.add("ratio");
        }
        Table.Builder b = Table.builder(cols.toArray(String[]::new)).title(result.experiment() + " " + metric + " (" + rows.get(0).unit() + "): ours vs the paper");
        for (String x : xs) {
            List<Object> row = new java.util.ArrayList<>(List.of(x));
            for (String s : series) {
                var r = rows.stream().filter(v -> v.series().equals(s) && v.x().equals(x)).findFirst();
                row.add(r.map(v -> round(v.ours())).orElse(null));
                row.add(r.map(v -> round(v.paper())).orElse(null));
                row.add(r.map(v -> round(v.ratio())).orElse(null));
            }
            b.row(row.toArray());
        }
        return b.build();
    }

    /** 4 significant digits for a table cell; null (an empty cell) for NaN. */
    private static Double round(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        return v == 0 ? 0.0 : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    /**
     * One short line (JShell's feedback cuts a declared variable's value at 80 characters): cores, clock,
     * DRAM, the address space and the emulated elapsed cycles; {@link #machine()} prints the details.
     */
    @Override
    public String toString() {
        MachineConfig c = config();
        String space = tables == null ? "no mappings"
                : tables.mappings().size() + " mappings, MMU " + ((mmu().sctlr() & SystemRegisters.SCTLR_M) != 0 ? "on" : "off");
        return String.format("Lab(%d cores @ %.2f GHz, %s; %s; %,d cycles)", c.cores(), c.clockHz() / 1e9,
                c.memoryBytes() % (1L << 30) == 0 ? (c.memoryBytes() >> 30) + " GiB" : (c.memoryBytes() >> 20) + " MiB", space, machine.elapsedCycles());
    }
}
