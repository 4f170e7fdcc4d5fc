package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.lab.display.Hex;
import org.uforklab.lab.display.Table;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.Walk;

class LabTest {

    @Test
    void mapsFreshFramesAfterTheTableArea() {
        Lab lab = Lab.morello();
        Region heap = lab.mapData(0x41_0000, 4 * 4096);
        Region code = lab.mapCode(0x40_0000, 4096);
        assertThat(heap.pa()).isEqualTo(PhysicalMap.MORELLO_DRAM0_BASE + Lab.TABLE_AREA);
        assertThat(code.pa()).isEqualTo(heap.pa() + 4 * 4096);
        assertThat(heap.pages()).isEqualTo(4);
        assertThat(heap.toString()).isEqualTo("VA 0x410000-0x413fff -> PA 0x81000000-0x81003fff (4 pages) "
                + PageAttributes.kernelData());
        Table maps = lab.mappings();
        assertThat(maps.size()).isEqualTo(5);
        assertThat(maps.title()).isEqualTo("5 mappings");
        assertThat(maps.get(0, "va")).isEqualTo(Hex.of(0x40_0000));
        assertThat(maps.get(1, "pa")).isEqualTo(Hex.of(heap.pa()));
        assertThat(maps.get(4, "size")).isEqualTo(4096L);
    }

    @Test
    void pointsEveryCoreAtTheTablesAndTurnsTranslationOn() {
        Lab lab = Lab.morello();
        lab.mapData(0x41_0000, 4096);
        lab.mmuOn();
        for (int i = 0; i < lab.config().cores(); i++) {
            assertThat(lab.core(i).mmu().ttbr0()).isEqualTo(lab.tables().ttbr(Lab.ASID));
            assertThat(lab.core(i).mmu().sctlr() & 1).isEqualTo(1);
        }
        assertThat(lab.time().cycles()).isPositive();
        assertThat(lab.toString()).isEqualTo("Lab(4 cores @ 2.50 GHz, 16 GiB; 1 mappings, MMU on; " + lab.time().cycles() + " cycles)");
    }

    @Test
    void checkedAccessThroughTheRegionsCapability() {
        Lab lab = Lab.morello();
        Region heap = lab.mapData(0x41_0000, 2 * 4096);
        lab.mmuOn();
        Capability c = heap.cap();
        assertThat(c.base()).isEqualTo(0x41_0000);
        assertThat(c.lengthClamped()).isEqualTo(2 * 4096);
        lab.access().store64(c, 0x41_1ff8, 0x1234);
        assertThat(lab.memory().read64(heap.pa() + 0x1ff8)).isEqualTo(0x1234);
        assertThatThrownBy(() -> lab.access().load64(c, 0x41_2000))
                .isInstanceOfSatisfying(ArchitecturalFault.class, f -> assertThat(f.kind()).isEqualTo(FaultKind.CAP_BOUNDS));
        assertThat(lab.counter("core0.access.stores")).isEqualTo(1);
        assertThat(lab.stats().rows()).contains(java.util.List.of("core0.access.stores", 1L));
        assertThat(lab.stats("core0.faults").rows()).contains(java.util.List.of("capBounds", 1L));
        assertThat(lab.time().cycles()).isPositive().isEqualTo(lab.time(0).cycles());
        assertThat(lab.time(1).cycles()).isZero();
    }

    @Test
    void walksAndPtes() {
        Lab lab = Lab.morello();
        Region r = lab.mapData(0x42_0000, 4096);
        Walk w = lab.walk(0x42_0010);
        assertThat(w.translated()).isTrue();
        assertThat(w.pa()).isEqualTo(r.pa() + 0x10);
        Pte pte = lab.pte(0x42_0010);
        assertThat(pte.level()).isEqualTo(3);
        assertThat(pte.isLeaf()).isTrue();
        assertThat(pte.outputAddress()).isEqualTo(r.pa());
        assertThat(pte.attributes()).isEqualTo(PageAttributes.kernelData());
        assertThat(pte.toString()).startsWith("PTE VA 0x420010: L3 [0x").contains("page -> 0x81000000");

        Pte hole = lab.pte(0x43_0000);
        assertThat(hole.isLeaf()).isFalse();
        assertThat(hole.descriptor()).isZero();
        assertThat(lab.walk(0x43_0000).translated()).isFalse();
    }

    @Test
    void badMappingsAreRefusedWithTheirNumbers() {
        Lab lab = Lab.morello();
        assertThatThrownBy(() -> lab.mapData(0x41_0001, 4096)).hasMessage("VA 0x410001 is not 4 KiB aligned");
        assertThatThrownBy(() -> lab.mapData(0x41_0000, 100)).hasMessage("length 0x64 is not a positive multiple of 4 KiB");
    }

    @Test
    void capabilityHelpers() {
        assertThat(Lab.root()).isEqualTo(Capability.root());
        Capability c = Lab.cap(0x40001000, 0x30);
        assertThat(c.toString()).startsWith("0x40001000 [").endsWith(",0x40001000-0x40001030]");
        Capability d = Lab.decode(c.pesbt(), c.value());
        assertThat(d).isEqualTo(c);
    }

    @Test
    void smallMachinesGetASmallerTableArea() {
        Lab lab = Lab.of(MachineConfig.morello().withMemoryBytes(64L << 20).withCores(1));
        Region r = lab.mapData(0, 4096);
        assertThat(r.pa()).isEqualTo(PhysicalMap.MORELLO_DRAM0_BASE + (8L << 20));
    }

    @Test
    void labsAreIndependent() {
        Lab a = Lab.morello();
        Lab b = Lab.morello();
        a.mapData(0x41_0000, 4096);
        assertThat(b.toString()).contains("no mappings");
        assertThat(b.stats().size()).isZero();
    }
}
