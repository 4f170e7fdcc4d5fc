package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.Personality;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Signals;
import org.uforklab.sasos.proc.WaitStatus;

/** Assembly guests that check fork from inside, under every strategy; the isolation checker runs after every fork. */
class ForkGuestTest {

    /** Runs {@code p} to its end, checking every live µprocess's isolation each time a fork has happened. */
    static void runCheckingIsolation(Kernel k, UFork u, MicroProcess p) {
        IsolationChecker checker = new IsolationChecker(u);
        int seen = 0;
        while (!p.isDead()) {
            final int before = seen;
            k.runUntil(() -> p.isDead() || u.forks().size() > before, Long.MAX_VALUE);
            seen = u.forks().size();
            List<IsolationChecker.Violation> v = checker.checkAll();
            assertThat(v).as("isolation after fork %d%n%s", seen, u.forks()).isEmpty();
            if (seen == before && !p.isDead()) {
                break; // nothing can run
            }
        }
    }

    static Kernel boot() {
        return Kernel.boot(KernelConfig.defaults().withStrace(true));
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void helloForksOnceAndBothSidesPrint(ForkStrategy s) {
        Kernel k = boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_hello");
        runCheckingIsolation(k, u, p);
        assertThat(p.exitCode()).as("%s%n%s", k, k.strace()).isZero();
        assertThat(k.console()).isEqualTo("hello from the child\nhello from the parent\n");
        ForkStats st = u.forks().get(0);
        assertThat(st.strategy()).isEqualTo(s);
        assertThat(st.childPid()).isEqualTo(2);
        assertThat(st.pagesCopied(CopyCause.EAGER_GOT)).isEqualTo(1);
        // the hello never mallocs: its heap, allocator page included, is still demand-zero, so nothing is copied for it
        assertThat(st.pagesCopied(CopyCause.EAGER_ALLOCATOR)).isZero();
        assertThat(st.pagesCopied(CopyCause.EAGER_TLS)).isEqualTo(1);
        assertThat(st.latencyCycles()).isPositive();
        long heapPages = p.layout().options().heapSize() / 4096;
        if (s == ForkStrategy.FULL_COPY) {
            assertThat(st.pagesShared()).isZero();
            assertThat(st.pagesCopiedEagerly()).isGreaterThan(3);
            assertThat(st.pagesCommitted()).as("the full copy commits the demand-zero heap without copying").isEqualTo(heapPages);
        } else {
            assertThat(st.pagesShared()).isPositive();
            assertThat(st.pagesZero()).as("the child maps the zero frame where the parent does").isEqualTo(heapPages);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void pointerRichHeapIsRelocatedAndWritesDoNotLeak(ForkStrategy s) {
        Kernel k = boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_heap");
        runCheckingIsolation(k, u, p);
        assertThat(p.exitCode()).as("failed check %d%n%s%n%s", p.exitCode(), k.log(), k.strace()).isZero();
        ForkStats st = u.forks().get(0);
        assertThat(st.childBase()).as("one address space: the child's region is elsewhere").isNotEqualTo(p.base());
        assertThat(st.capabilitiesRelocated()).isGreaterThan(64 + 64 + 16);
        assertThat(st.capabilitiesInvalidated()).isZero();
        assertThat(st.pagesCopied(CopyCause.EAGER_ALLOCATOR)).as("the heap's allocator page, written by malloc").isEqualTo(1);
        switch (s) {
            case FULL_COPY -> assertThat(st.pagesCopiedLazily()).isZero();
            case COPY_ON_ACCESS -> {
                assertThat(st.pagesCopiedLazily()).isPositive();
                assertThat(st.pagesCopied(CopyCause.PARENT_ACCESS) + st.pagesCopied(CopyCause.CHILD_ACCESS)).isEqualTo(st.pagesCopiedLazily());
            }
            case COPY_ON_POINTER_ACCESS -> {
                // the parent rewrites every node before the child looks: copies are pushed to the child
                assertThat(st.pagesCopied(CopyCause.PARENT_WRITE)).isPositive();
                assertThat(st.pagesCopied(CopyCause.CHILD_ACCESS)).isZero();
            }
            default -> throw new AssertionError(s);
        }
        assertThat(u.sharing().size()).as("nothing shared once the child is reaped").isZero();
        // every copy is logged with its page: inside the child's region, once each, causes as counted
        var pages = st.copiedPages();
        assertThat(pages).hasSize((int) (st.pagesCopiedEagerly() + st.pagesCopiedLazily()));
        assertThat(pages.keySet()).allSatisfy(va -> assertThat(va).isBetween(st.childBase(), st.childBase() + p.size() - 1)
                .matches(v -> (v & 0xFFF) == 0, "page aligned"));
        for (CopyCause c : CopyCause.values()) {
            assertThat(pages.values().stream().filter(c::equals).count()).as("%s", c).isEqualTo(st.pagesCopied(c));
        }
        long childGot = p.segment("got").start() - p.base() + st.childBase();
        assertThat(pages).containsEntry(childGot & ~0xFFFL, CopyCause.EAGER_GOT);
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void nestedForksRelocateTwice(ForkStrategy s) {
        Kernel k = boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_nested");
        runCheckingIsolation(k, u, p);
        assertThat(p.exitCode()).as("failed check %d%n%s", p.exitCode(), k.log()).isZero();
        assertThat(u.forks()).hasSize(2);
        assertThat(u.forks().get(1).parentPid()).isEqualTo(u.forks().get(0).childPid());
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void attacksInTheChildAreKilledAndTheParentRunsOn(ForkStrategy s) {
        Kernel k = boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_attack");
        runCheckingIsolation(k, u, p);
        assertThat(p.exitCode()).as("failed check %d%n%s", p.exitCode(), k.log()).isZero();
        assertThat(k.console()).isEqualTo("parent survived\n");
        assertThat(u.forks()).hasSize(3);
        for (ForkStats f : u.forks()) {
            MicroProcess c = k.process(f.childPid());
            assertThat(WaitStatus.ifExited(c.waitStatus())).isFalse();
            assertThat(WaitStatus.termSig(c.waitStatus())).as("%s", c.fault()).isEqualTo(Signals.SIGPROT);
            assertThat(c.fault()).isNotNull();
        }
        assertThat(k.process(u.forks().get(0).childPid()).fault().toString()).contains("0x2");
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void aThousandForksFreeEverything(ForkStrategy s) {
        Kernel k = boot();
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        long framesAtBoot = k.frames().inUse();
        long tablesAtBoot = k.addressSpace().tables().tablesAllocated();
        MicroProcess p = k.launch("fork_loop");
        k.runUntilExit(p);
        assertThat(p.exitCode()).as("failed check %d", p.exitCode()).isZero();
        assertThat(u.forks()).hasSize(1000);
        assertThat(u.sharing().size()).isZero();
        assertThat(k.regions().inUse()).isEqualTo(p.size() + 4096);
        k.reap(p);
        long tablesNow = k.addressSpace().tables().tablesAllocated();
        assertThat(k.frames().inUse()).as("every frame but new page-table frames is back").isEqualTo(framesAtBoot + tablesNow - tablesAtBoot);
        assertThat(k.regions().inUse()).isZero();
        assertThat(k.loader().sharedCode()).isEmpty();
        // child regions were reused, so the page tables did not grow with the number of forks
        assertThat(tablesNow - tablesAtBoot).isLessThan(20);
    }

    @ParameterizedTest
    @EnumSource(value = ForkStrategy.class, names = "MONOLITHIC_COW", mode = EnumSource.Mode.EXCLUDE)
    void trapPersonalityForksToo(ForkStrategy s) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withPersonality(Personality.TRAP));
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_heap");
        runCheckingIsolation(k, u, p);
        assertThat(p.exitCode()).as("failed check %d%n%s", p.exitCode(), k.log()).isZero();
    }
}
