package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.mm.AsidAllocator;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.MicroProcess;

/** One address space per process (the monolithic baseline's memory model) on the same kernel and guests. */
class PerProcessAddressSpaceTest {

    static KernelConfig perProcess() {
        return KernelConfig.defaults().withAddressSpaces(AddressSpaceModel.PER_PROCESS);
    }

    static Stream<Arguments> guests() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String g : new String[] {"sys_basic", "sys_files", "sys_pipe", "sys_proc", "sys_mem", "natives"}) {
            for (Personality p : Personality.values()) {
                b.add(Arguments.of(g, p));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("guests")
    void theKernelsGuestsPassTheirChecksInTheirOwnAddressSpaces(String guest, Personality personality) {
        Kernel k = Kernel.boot(perProcess().withPersonality(personality).withStrace(true));
        MicroProcess p = k.launch(guest);
        assertThat(p.addressSpace()).isNotNull();
        k.runUntilExit(p);
        assertThat(p.exitCode()).as("%s failed check %d%n%s%n%s", guest, p.exitCode(), p, k.strace()).isZero();
    }

    @Test
    void eachProcessHasItsOwnTablesAndAsidAndOnlyItsOwnPagesAreNonGlobal() {
        Kernel k = Kernel.boot(perProcess());
        MicroProcess a = k.launch("hello");
        MicroProcess b = k.launch("hello");
        AddressSpace sa = k.spaceOf(a);
        AddressSpace sb = k.spaceOf(b);
        assertThat(sa.asid()).isNotZero().isNotEqualTo(sb.asid());
        assertThat(sa.tables().root()).isNotEqualTo(sb.tables().root()).isNotEqualTo(k.addressSpace().tables().root());
        // the kernel's mappings are one shared subtree: same leaf, global
        long stub = VirtualLayout.KERNEL_TEXT;
        assertThat(sa.lookup(stub).orElseThrow().descriptorPa()).isEqualTo(k.addressSpace().lookup(stub).orElseThrow().descriptorPa());
        assertThat(sa.linkedTables()).isEqualTo(sb.linkedTables()).isNotEmpty();
        assertThat(sa.lookup(VirtualLayout.KERNEL_HEAP).orElseThrow().attributes().nonGlobal()).isFalse();
        // a process maps its own region only, every page nG; the other's region is not in its tables
        List<Mapping> own = sa.mappings(VirtualLayout.PROCESS_AREA, VirtualLayout.PROCESS_AREA_END - VirtualLayout.PROCESS_AREA);
        assertThat(own).isNotEmpty().allMatch(m -> a.inRegion(m.va(), 4096) && m.attributes().nonGlobal());
        assertThat(sa.isMapped(b.base())).isFalse();
        assertThat(sb.isMapped(a.base())).isFalse();
        assertThat(k.addressSpace().isMapped(a.base())).as("nothing of a process in the kernel's own tree").isFalse();
        k.run();
        assertThat(a.exitCode()).isZero();
        assertThat(b.exitCode()).isZero();
        assertThat(k.console()).isEqualTo("hello, world\nhello, world\n");
    }

    @Test
    void contextSwitchesWriteTtbr0AndAreCharged() {
        long[] elapsed = new long[2];
        long[] switches = new long[2];
        long[] extra = {0, 1000};
        for (int i = 0; i < 2; i++) {
            KernelConfig c = perProcess().withCores(1);
            Kernel k = Kernel.boot(c.withCosts(c.costs().withAddressSpaceSwitch(30 + extra[i])));
            MicroProcess p = k.launch("sys_proc"); // spawns children and yields between them on one core
            k.runUntilExit(p);
            assertThat(p.exitCode()).isZero();
            switches[i] = k.machine().stats().get("kernel.ttbrSwitches");
            elapsed[i] = k.machine().elapsedCycles();
            assertThat(k.machine().stats().get("kernel.asidSwitches")).isEqualTo(switches[i]);
        }
        assertThat(switches[0]).isGreaterThan(2).isEqualTo(switches[1]);
        assertThat(elapsed[1] - elapsed[0]).isGreaterThanOrEqualTo(switches[0] * 1000);

        Kernel single = Kernel.boot(KernelConfig.defaults().withCores(1));
        single.runUntilExit(single.launch("sys_proc"));
        assertThat(single.machine().stats().get("kernel.ttbrSwitches")).as("one shared space: never switched").isZero();
    }

    @Test
    void reapingFreesTheTablesAndTheAsid() {
        Kernel k = Kernel.boot(perProcess());
        long framesAtBoot = k.frames().inUse();
        long kernelTables = k.addressSpace().tables().tablesAllocated();
        for (int i = 0; i < 3; i++) {
            MicroProcess p = k.runUntilExit(k.launch("sys_proc"));
            assertThat(p.exitCode()).isZero();
            for (MicroProcess c : List.copyOf(k.processes())) {
                if (c.state() == MicroProcess.State.ZOMBIE) {
                    k.reap(c);
                }
            }
            assertThat(k.asids().inUse()).isZero();
            assertThat(k.frames().inUse()).isEqualTo(framesAtBoot + k.addressSpace().tables().tablesAllocated() - kernelTables);
            assertThat(k.regions().inUse()).isZero();
            assertThat(p.addressSpace().isDestroyed()).isTrue();
        }
        assertThat(k.addressSpace().tables().tablesAllocated()).as("the kernel's own tree did not grow").isEqualTo(kernelTables);
    }

    @Test
    void destroyRefusesASpaceThatStillMapsPages() {
        Kernel k = Kernel.boot(perProcess());
        AddressSpace s = k.newAddressSpace(k.machine().core(0));
        s.mapFresh(VirtualLayout.PROCESS_AREA, 4096, PageAttributes.kernelData());
        assertThatThrownBy(s::destroy).isInstanceOf(IllegalStateException.class).hasMessageContaining("still maps 1 page");
        s.unmap(VirtualLayout.PROCESS_AREA, 4096, false);
        assertThat(s.destroy()).isEqualTo(4); // root, L1, L2, L3 of the process area
        assertThatThrownBy(s::destroy).isInstanceOf(IllegalStateException.class).hasMessageContaining("already destroyed");
        assertThatThrownBy(() -> k.addressSpace().destroy()).isInstanceOf(IllegalStateException.class);
        Kernel single = Kernel.boot(KernelConfig.defaults());
        assertThatThrownBy(() -> single.newAddressSpace(single.machine().core(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SINGLE");
    }

    @Test
    void asidsAreGivenLowestFirstAndReused() {
        AsidAllocator a = new AsidAllocator(8);
        assertThat(a.allocate()).isEqualTo(1);
        assertThat(a.allocate()).isEqualTo(2);
        a.free(1);
        assertThat(a.allocate()).isEqualTo(1);
        for (int i = 3; i < 256; i++) {
            a.allocate();
        }
        assertThatThrownBy(a::allocate).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of ASIDs");
        assertThatThrownBy(() -> a.free(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AsidAllocator(12)).isInstanceOf(IllegalArgumentException.class);
    }
}
