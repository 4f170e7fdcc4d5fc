package org.uforklab.ufork.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.IsolationChecker;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;

/** μFork's guests on the monolithic baseline: one address space per process, copy-on-write fork, SVC system calls. */
class MonolithicForkTest {

    static Kernel boot() {
        return Kernel.boot(MonolithicFork.kernelConfig().withStrace(true));
    }

    /** Runs {@code p} to its end, checking every live process's isolation each time a fork has happened. */
    static void runCheckingIsolation(Kernel k, MonolithicFork m, MicroProcess p) {
        MonolithicIsolationChecker checker = new MonolithicIsolationChecker(m);
        int seen = 0;
        while (!p.isDead()) {
            final int before = seen;
            k.runUntil(() -> p.isDead() || m.forks().size() > before, Long.MAX_VALUE);
            seen = m.forks().size();
            assertThat(checker.checkAll()).as("isolation after fork %d", seen).isEmpty();
            if (seen == before && !p.isDead()) {
                break;
            }
        }
    }

    @Test
    void helloForksIntoItsOwnAddressSpaceAtTheSameAddresses() {
        Kernel k = boot();
        MonolithicFork m = MonolithicFork.install(k);
        MicroProcess p = k.launch("fork_hello");
        runCheckingIsolation(k, m, p);
        assertThat(p.exitCode()).as("%s%n%s", k, k.strace()).isZero();
        assertThat(k.console()).isEqualTo("hello from the child\nhello from the parent\n");
        ForkStats st = m.forks().get(0);
        assertThat(st.strategy()).isEqualTo(ForkStrategy.MONOLITHIC_COW);
        assertThat(st.childBase()).isEqualTo(p.base());
        MicroProcess c = k.process(st.childPid());
        assertThat(c.base()).isEqualTo(p.base());
        assertThat(c.addressSpace().asid()).isNotEqualTo(p.addressSpace().asid());
        assertThat(st.pagesShared()).isPositive();
        assertThat(st.pagesSharedCode()).isPositive();
        assertThat(st.pagesCopiedEagerly()).isEqualTo(1).isEqualTo(st.pagesCopied(CopyCause.EAGER_TLS));
        assertThat(st.granulesScanned()).isZero();
        assertThat(st.capabilitiesRelocated()).isZero();
        assertThat(st.registersRelocated()).isZero();
        // one TLBI ASIDE1IS for the write-protected parent, one TLBI VAE1IS breaking the child's TLS page
        assertThat(st.tlbis()).isEqualTo(2);
        assertThat(st.ptesWritten()).isGreaterThan(2 * st.pagesShared());
        assertThat(st.latencyCycles()).isPositive();
        assertThat(st.pssChild()).isLessThan(st.pssParent() + 4096);
        assertThat(k.machine().stats().get("kernel.ttbrSwitches")).isPositive();
        assertThat(k.machine().stats().get("kernel.trapEntries")).isPositive();
    }

    @Test
    void pointerRichHeapKeepsItsAddressesAndWritesDoNotLeak() {
        Kernel k = boot();
        MonolithicFork m = MonolithicFork.install(k);
        MicroProcess p = k.launch("fork_heap");
        runCheckingIsolation(k, m, p);
        assertThat(p.exitCode()).as("failed check %d%n%s%n%s", p.exitCode(), k.log(), k.strace()).isZero();
        ForkStats st = m.forks().get(0);
        assertThat(st.capabilitiesRelocated()).isZero();
        // the parent rewrites its keys first, then the child writes its own: both sides copy
        assertThat(st.pagesCopied(CopyCause.PARENT_WRITE)).isPositive();
        assertThat(st.pagesCopied(CopyCause.CHILD_WRITE)).isPositive();
        assertThat(st.pagesCopied(CopyCause.CHILD_CAP_LOAD) + st.pagesCopied(CopyCause.CHILD_ACCESS)).isZero();
        assertThat(st.faults()).containsOnlyKeys(org.uforklab.machine.fault.FaultKind.PERMISSION);
        assertThat(st.lazyCycles()).isPositive();
        // the child was reaped by waitpid: the parent is the last mapper of the pages it did not write
        assertThat(m.sharedFrames()).isNotEmpty().allSatisfy((pa, n) -> assertThat(n).isEqualTo(1));
        assertThat(m.pss(p)).isEqualTo(k.spaceOf(p).mappings(p.base(), p.size()).size() * 4096L);
        k.reap(p);
        assertThat(m.sharedFrames()).isEmpty();
    }

    @Test
    void nestedForksWork() {
        Kernel k = boot();
        MonolithicFork m = MonolithicFork.install(k);
        MicroProcess p = k.launch("fork_nested");
        runCheckingIsolation(k, m, p);
        assertThat(p.exitCode()).as("failed check %d%n%s", p.exitCode(), k.log()).isZero();
        assertThat(m.forks()).hasSize(2);
        assertThat(m.forks().get(1).parentPid()).isEqualTo(m.forks().get(0).childPid());
        assertThat(m.forks()).allMatch(f -> f.childBase() == p.base());
    }

    @Test
    void aThousandForksFreeEverything() {
        Kernel k = boot();
        MonolithicFork m = MonolithicFork.install(k);
        long framesAtBoot = k.frames().inUse();
        long tablesAtBoot = k.addressSpace().tables().tablesAllocated();
        MicroProcess p = k.launch("fork_loop");
        k.runUntilExit(p);
        assertThat(p.exitCode()).as("failed check %d", p.exitCode()).isZero();
        assertThat(m.forks()).hasSize(1000);
        assertThat(k.asids().inUse()).as("only the parent's ASID is left").isEqualTo(1);
        assertThat(k.regions().inUse()).isEqualTo(p.size() + 4096);
        k.reap(p);
        assertThat(m.sharedFrames()).isEmpty();
        assertThat(k.asids().inUse()).isZero();
        assertThat(k.frames().inUse()).as("every frame, page-table frames included, is back")
                .isEqualTo(framesAtBoot + k.addressSpace().tables().tablesAllocated() - tablesAtBoot);
        assertThat(k.addressSpace().tables().tablesAllocated()).isEqualTo(tablesAtBoot);
        assertThat(k.regions().inUse()).isZero();
        assertThat(k.loader().sharedCode()).isEmpty();
        // every child is switched in on its core (the parent stays on its own)
        assertThat(k.machine().stats().get("kernel.ttbrSwitches")).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void theCheckerFindsAWritableFrameSharedAcrossAddressSpacesAndGlobalPages() {
        Kernel k = boot();
        MonolithicFork m = MonolithicFork.install(k);
        MicroProcess p = k.launch("fork_heap");
        k.runUntil(() -> m.forks().size() == 1, Long.MAX_VALUE);
        MonolithicIsolationChecker checker = new MonolithicIsolationChecker(m);
        assertThat(checker.checkAll()).isEmpty();
        MicroProcess c = k.process(m.forks().get(0).childPid());
        AddressSpace ps = k.spaceOf(p);
        AddressSpace cs = k.spaceOf(c);
        // plant: the child maps one of the parent's data frames writable
        long heap = p.segment("heap").start();
        Mapping pm = ps.lookup(heap + 4096).orElseThrow();
        assertThat(m.isCopyOnWrite(c, heap + 4096)).isTrue();
        cs.mapFrame(heap + 4096, pm.pa(), PageAttributes.kernelData());
        List<IsolationChecker.Violation> v = checker.checkAll();
        assertThat(v).isNotEmpty().anyMatch(x -> x.why().contains("maps it writable"));
        // plant: a global page in the parent's region
        cs.mapFrame(heap + 4096, pm.pa(), PageAttributes.kernelData().withAp(org.uforklab.machine.mmu.Descriptor.AP_RO_EL1));
        ps.tables().protect(heap + 8192, PageAttributes.kernelData());
        assertThat(checker.checkAll()).anyMatch(x -> x.pid() == p.pid() && x.why().contains("global"));
    }

    @Test
    void configurationsAreCheckedOnInstall() {
        assertThatThrownBy(() -> MonolithicFork.install(Kernel.boot(KernelConfig.defaults())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PER_PROCESS");
        assertThatThrownBy(() -> MonolithicFork.install(Kernel.boot(MonolithicFork.kernelConfig()
                .withPersonality(org.uforklab.sasos.Personality.SENTRY)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SVC");
        assertThatThrownBy(() -> UFork.install(Kernel.boot(MonolithicFork.kernelConfig())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one address space");
        assertThatThrownBy(() -> UForkConfig.defaults().withStrategy(ForkStrategy.MONOLITHIC_COW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ForkStrategy.MONOLITHIC_COW.shortName()).isEqualTo("Mono-CoW");
    }
}
