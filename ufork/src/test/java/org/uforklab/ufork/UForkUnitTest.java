package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.MicroProcess;

/** Kernel-side checks of μFork's mechanisms: PTE encodings, sharing table, ASLR, descriptors, PSS, statistics. */
class UForkUnitTest {

    static final String FORK_AND_WAIT = """
            .text
            .global _start
            _start:
                    sub     csp, csp, #32
                    mrs     c9, ctpidr_el0          // populate the heap's second page (the rest stays demand-zero)
                    ldr     c9, [c9, #TLS_HEAP]
                    mov     x10, #4096
                    add     c9, c9, x10
                    str     x10, [c9]
                    sys     fork
                    cbz     x0, child
                    mov     x19, x0
                    mov     c1, csp
                    mov     x2, #0
                    sys     waitpid
                    mov     x0, #0
                    sys     exit
            child:  mov     x0, #1
                    mov     x1, #0
                    sys     nanosleep          // stay alive a moment, sharing
                    mov     x0, #0
                    sys     exit
            """;

    @Test
    void copaPtesUseTheArtifactsEncodingAndTheParentIsReadOnly() {
        Kernel k = Kernel.boot();
        UFork u = UFork.install(k);
        assertThat(u.copaSupported()).isTrue();
        assertThat(k.cpu(0).cctlr() & 1).as("TGEN0 set, as the artifact").isEqualTo(1);
        MicroProcess p = k.launch(GuestImage.of("fw", FORK_AND_WAIT));
        k.runUntil(() -> u.forks().size() == 1, Long.MAX_VALUE);
        MicroProcess c = k.process(u.forks().get(0).childPid());
        long heapPage = p.segment("heap").start() + 4096; // written before fork (the first page is allocator metadata)
        long delta = c.base() - p.base();
        long childD = k.addressSpace().tables().descriptor(heapPage + delta);
        long parentD = k.addressSpace().tables().descriptor(heapPage);
        assertThat(Descriptor.lc(childD)).isEqualTo(Descriptor.LC_GEN0);
        assertThat(Descriptor.ap(childD)).isEqualTo(Descriptor.AP_RO_EL1);
        assertThat(Descriptor.lc(parentD)).isEqualTo(Descriptor.LC_NORMAL);
        assertThat(Descriptor.ap(parentD)).isEqualTo(Descriptor.AP_RO_EL1);
        assertThat(Descriptor.outputAddress(childD)).isEqualTo(Descriptor.outputAddress(parentD));
        SharedFrame f = u.sharing().atVa(heapPage + delta);
        assertThat(f.owner()).isSameAs(p);
        assertThat(f.sharers()).extracting(Sharer::process).containsExactly(c);
        // the allocator page was never written (no malloc): demand-zero on both sides, the zero frame read-only
        long alloc = p.segment("heap").start();
        long zero = k.frames().zeroFrame();
        assertThat(Descriptor.outputAddress(k.addressSpace().tables().descriptor(alloc + delta))).isEqualTo(zero);
        assertThat(Descriptor.outputAddress(k.addressSpace().tables().descriptor(alloc))).isEqualTo(zero);
        assertThat(Descriptor.ap(k.addressSpace().tables().descriptor(alloc + delta))).isEqualTo(Descriptor.AP_RO_EL1);
        k.runUntilExit(p);
        assertThat(p.exitCode()).isZero();
        // when the child was reaped the parent's page became writable again
        PageAttributes back = PageAttributes.fromDescriptor(k.addressSpace().tables().descriptor(heapPage));
        assertThat(back.ap()).isEqualTo(Descriptor.AP_RW_EL1);
        assertThat(back.sc()).isTrue();
        assertThat(u.sharing().size()).isZero();
    }

    @Test
    void coaMakesBothSidesInaccessible() {
        Kernel k = Kernel.boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(ForkStrategy.COPY_ON_ACCESS));
        MicroProcess p = k.launch(GuestImage.of("fw", FORK_AND_WAIT));
        k.runUntil(() -> u.forks().size() == 1, Long.MAX_VALUE);
        MicroProcess c = k.process(u.forks().get(0).childPid());
        long heapPage = p.segment("heap").start() + 4096;
        long delta = c.base() - p.base();
        assertThat(k.addressSpace().tables().descriptor(heapPage + delta) & Descriptor.AF).isZero();
        assertThat(k.addressSpace().tables().descriptor(heapPage) & Descriptor.AF).isZero();
        k.runUntilExit(p);
        assertThat(p.exitCode()).isZero();
    }

    @Test
    void aslrPlacesChildrenAtSeededAlignedBases() {
        Set<Long> bases = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            long[] b = new long[2];
            for (int run = 0; run < 2; run++) {
                Kernel k = Kernel.boot();
                UFork u = UFork.install(k, UForkConfig.defaults().withAslr(seed));
                MicroProcess p = k.runUntilExit(k.launch("fork_heap"));
                assertThat(p.exitCode()).isZero();
                b[run] = u.forks().get(0).childBase();
                assertThat(b[run] % p.layout().alignment()).isZero();
            }
            assertThat(b[0]).as("same seed, same base").isEqualTo(b[1]);
            bases.add(b[0]);
        }
        assertThat(bases.size()).isGreaterThan(4);
    }

    @Test
    void childSharesOpenFileDescriptionsAsPosixSays() {
        String src = """
                .rodata
                path:   .asciz  "/log"
                .text
                .global _start
                _start: sub     csp, csp, #32
                        adrp    c0, path
                        add     c0, c0, #:lo12:path
                        mov     x1, #(O_CREAT | O_RDWR)
                        sys     open
                        mov     x20, x0
                        sys     fork
                        cbz     x0, child
                        mov     x19, x0
                        mov     c1, csp
                        mov     x2, #0
                        sys     waitpid
                        mov     x0, x20
                        adrp    c1, path
                        add     c1, c1, #:lo12:path
                        mov     x2, #2
                        sys     write           // appends after the child's bytes: the offset is shared
                        mov     x0, x20
                        mov     x1, #0
                        mov     x2, #SEEK_CUR
                        sys     lseek
                        sys     exit            // exit code = offset
                child:  mov     x0, x20
                        adrp    c1, path
                        add     c1, c1, #:lo12:path
                        mov     x2, #3
                        sys     write
                        mov     x0, #0
                        sys     exit
                """;
        Kernel k = Kernel.boot();
        UFork.install(k);
        MicroProcess p = k.runUntilExit(k.launch(GuestImage.of("fdshare", src)));
        assertThat(p.exitCode()).isEqualTo(5);
        assertThat(k.fs().lookup("/log").size()).isEqualTo(5);
    }

    @Test
    void pssSplitsSharedFramesAndStatsPrintAndTabulate() {
        Kernel k = Kernel.boot();
        UFork u = UFork.install(k);
        MicroProcess p = k.launch(GuestImage.of("fw", FORK_AND_WAIT));
        k.runUntil(() -> u.forks().size() == 1, Long.MAX_VALUE);
        MicroProcess c = k.process(u.forks().get(0).childPid());
        long mapped = k.inspect().pages(p).size() * 4096L;
        assertThat(u.pss(p)).isLessThan(mapped);
        assertThat(u.pss(c)).isLessThan(mapped);
        k.runUntilExit(p);
        ForkStats st = u.forks().get(0);
        assertThat(st.pssChild()).isPositive();
        assertThat(st.toString()).contains("latency", "CoPA", "granules", "PSS at fork");
        String table = ForkStats.table(List.of(st, st));
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().findFirst().orElseThrow()).contains("latency_us", "lazy_child_cap_load", "pss_child_kib");
        assertThat(u.toString()).contains("1 forks");
    }

    @Test
    void checkerFindsAPlantedLeak() {
        Kernel k = Kernel.boot();
        UFork u = UFork.install(k);
        MicroProcess p = k.launch(GuestImage.of("fw", FORK_AND_WAIT));
        k.runUntil(() -> u.forks().size() == 1, Long.MAX_VALUE);
        MicroProcess c = k.process(u.forks().get(0).childPid());
        IsolationChecker checker = new IsolationChecker(u);
        assertThat(checker.check(c)).isEmpty();
        // plant the parent's region capability in the child's (private, eagerly copied) TLS page
        long tls = c.segment("tls").start() + 128;
        Capability leak = p.region();
        k.machine().memory().writeCap(k.addressSpace().paOf(tls), leak.memoryLow(), leak.memoryHigh(), true);
        assertThat(checker.check(c)).singleElement().satisfies(v -> assertThat(v.why()).contains("outside the region"));
        k.machine().memory().writeCap(k.addressSpace().paOf(tls), 0, 0, false);
        k.runUntilExit(p);
    }
}
