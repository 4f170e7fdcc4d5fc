package org.uforklab.machine.cpu;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.Machine;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.Assembler;
import org.uforklab.machine.asm.AssemblyErrors;
import org.uforklab.machine.asm.LinkedImage;
import org.uforklab.machine.asm.Linker;
import org.uforklab.machine.asm.ObjectFile;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.isa.Encoder;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;

/**
 * Test support: assembles C64 source, links it at {@link #TEXT}, writes it into a fresh machine's memory,
 * maps it with the MMU (text: kernel code, everything else and a stack: kernel data), turns CAPINIT
 * relocations into tagged capabilities bounded to their symbol (derived from root with setBounds; functions
 * executable and sealed as sentries), and sets PCC (bounded to .text, value = entry | 1 for C64) and CSP.
 */
public final class GuestLoader {
    static final long DRAM = PhysicalMap.MORELLO_DRAM0_BASE;
    static final long TEXT = 0x10_0000L;
    static final long STACK_TOP = 0x80_0000L;
    static final long STACK_SIZE = 64 * 1024;
    static final long PA_BASE = DRAM + (16L << 20);

    public final Machine machine;
    public final Cpu cpu;
    final LinkedImage image;
    final PageTables tables;
    final List<ExceptionRecord> exceptions = new ArrayList<>();
    /** Host-call output (HLT #1 writes x0 as a character, HLT #2 records x0). */
    final StringBuilder out = new StringBuilder();
    final List<Long> reported = new ArrayList<>();
    private long nextPa = PA_BASE;

    public GuestLoader(String source) {
        this(source, MachineConfig.morello().withCores(1).withMemoryBytes(256L << 20));
    }

    GuestLoader(String source, MachineConfig config) {
        machine = new Machine(config);
        cpu = new Cpu(machine, 0);
        ObjectFile obj;
        try {
            obj = Assembler.assemble("guest.s", source, new Encoder());
            image = Linker.link(obj, TEXT);
        } catch (AssemblyErrors e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (AsmException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        LinearFrameSource frames = new LinearFrameSource(machine.memory(), DRAM, DRAM + (8L << 20));
        tables = machine.newPageTables(frames, cpu.core());
        for (LinkedImage.Placed s : image.sections()) {
            long start = s.address() & ~0xFFFL;
            long end = (s.address() + Math.max(s.size(), 1) + 0xFFF) & ~0xFFFL;
            PageAttributes attrs = s.name().equals(".text") ? PageAttributes.kernelCode() : PageAttributes.kernelData();
            for (long va = start; va < end; va += 4096) {
                if (tables.lookup(va).isEmpty()) {
                    tables.map(va, allocPage(), attrs);
                }
            }
            if (!s.nobits()) {
                for (int i = 0; i < s.bytes().length; i++) {
                    long va = s.address() + i;
                    long pa = paOf(va);
                    machine.memory().write8(pa, s.bytes()[i]);
                }
            }
        }
        for (long va = STACK_TOP - STACK_SIZE; va < STACK_TOP; va += 4096) {
            tables.map(va, allocPage(), PageAttributes.kernelData());
        }
        cpu.core().mmu().setTtbr0(tables.ttbr(1));
        // Morello capability page bits on (as CheriBSD configures TCR): HPD0 and HWU059-062 for TTBR0
        var mmu = cpu.core().mmu();
        mmu.setTcr(mmu.tcr() | org.uforklab.machine.mmu.Tcr.HPD0 | org.uforklab.machine.mmu.Tcr.HWU059_0
                | org.uforklab.machine.mmu.Tcr.HWU060_0 | org.uforklab.machine.mmu.Tcr.HWU061_0 | org.uforklab.machine.mmu.Tcr.HWU062_0);
        mmu.setSctlr(SystemRegisters.SCTLR_M);
        for (LinkedImage.CapInit ci : image.capInits()) {
            Capability c = Capability.root().setValue(ci.base()).setBoundsExact(ci.length());
            if (ci.function()) {
                c = c.setValue(ci.target() | 1).sealEntry(ObjectType.RB);
            } else {
                c = c.clearPerms(Perm.EXECUTE).setValue(ci.target());
            }
            long pa = paOf(ci.address());
            machine.memory().writeCap(pa, c.memoryLow(), c.memoryHigh(), c.isTagged());
        }
        LinkedImage.Placed text = image.section(".text");
        Capability pcc = Capability.root().setValue(text.address()).setBounds(text.size()).clearPerms(Perm.STORE | Perm.STORE_CAP);
        long entry = image.symbols().containsKey("_start") ? image.address("_start") : text.address();
        cpu.setPcc(pcc.setValue(entry | 1));
        Capability stack = Capability.root().setValue(STACK_TOP - STACK_SIZE).setBounds(STACK_SIZE).clearPerms(Perm.EXECUTE)
                .setValue(STACK_TOP);
        cpu.setC(31, stack);
        cpu.setExceptionHandler((c, r) -> {
            exceptions.add(r);
            if (r.kind() == ExceptionClass.HOST_CALL) {
                switch (r.immediate()) {
                    case 0 -> {
                        return Resolution.stop();
                    }
                    case 1 -> out.append((char) c.x(0));
                    case 2 -> reported.add(c.x(0));
                    default -> {
                        return Resolution.stop();
                    }
                }
                return Resolution.next();
            }
            return Resolution.stop();
        });
    }

    /** The physical address backing {@code va}. */
    public long paOf(long va) {
        var m = tables.lookup(va).orElseThrow(() -> new IllegalArgumentException(String.format("0x%x is not mapped", va)));
        return m.pa() + (va - m.va());
    }

    private long allocPage() {
        long pa = nextPa;
        nextPa += 4096;
        return pa;
    }

    /** A data capability (RW, no execute) for {@code [va, va+len)}. */
    Capability dataCap(long va, long len) {
        return Capability.root().setValue(va).setBoundsExact(len).clearPerms(Perm.EXECUTE);
    }

    /** Maps {@code len} bytes of fresh kernel data at {@code va}. */
    public void mapData(long va, long len, PageAttributes attrs) {
        for (long a = va & ~0xFFFL; a < va + len; a += 4096) {
            tables.map(a, allocPage(), attrs);
        }
    }

    RunResult run() {
        return cpu.run(10_000_000);
    }

    /** Values reported with HLT #2. */
    public java.util.List<Long> reported() {
        return reported;
    }

    /** Exceptions the handler saw. */
    public java.util.List<ExceptionRecord> exceptions() {
        return exceptions;
    }

    ExceptionRecord lastException() {
        return exceptions.get(exceptions.size() - 1);
    }
}
