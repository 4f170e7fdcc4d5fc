package org.uforklab.machine.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.uforklab.machine.mmu.MmuFixture.DATA;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;

class MmuTest {

    final MmuFixture f = new MmuFixture();
    final Mmu mmu = f.mmu;

    static ArchitecturalFault faultOf(Runnable r) {
        try {
            r.run();
        } catch (ArchitecturalFault e) {
            return e;
        }
        throw new AssertionError("expected an architectural fault");
    }

    @Test
    void descriptorsAreStoredInTheRealFormat() {
        long va = 0x0000_1234_5678_9000L;
        PageAttributes a = PageAttributes.userData().withLc(Descriptor.LC_GEN0).withCdbm(true).withXn(true, false);
        f.tables.map(va, DATA, a);
        // Follow the tree by hand through emulated memory.
        long table = f.tables.root();
        for (int level = 0; level < 3; level++) {
            long d = f.mem.read64(table + ((va >>> (39 - 9 * level)) & 511) * 8);
            assertThat(d & 3).as("table descriptor at level %d", level).isEqualTo(3);
            table = d & 0x0000_FFFF_FFFF_F000L;
        }
        long d = f.mem.read64(table + ((va >>> 12) & 511) * 8);
        assertThat(d).isEqualTo(f.tables.descriptor(va));
        assertThat(d & 3).isEqualTo(3);                       // valid page
        assertThat((d >>> 6) & 3).isEqualTo(0b01);             // AP[2:1] = RW at EL0 and EL1
        assertThat((d >>> 10) & 1).isEqualTo(1);               // AF
        assertThat((d >>> 11) & 1).isEqualTo(1);               // nG
        assertThat((d >>> 53) & 1).isEqualTo(1);               // PXN
        assertThat((d >>> 54) & 1).isEqualTo(0);               // UXN
        assertThat((d >>> 59) & 1).isEqualTo(1);               // CDBM
        assertThat((d >>> 60) & 1).isEqualTo(1);               // SC
        assertThat((d >>> 61) & 3).isEqualTo(0b10);            // LC = GEN0
        assertThat(d & 0x0000_FFFF_FFFF_F000L).isEqualTo(DATA); // output address
        assertThat((d >>> 8) & 3).isEqualTo(3);                // inner shareable
        assertThat(f.tables.tablesAllocated()).isEqualTo(4);
    }

    @Test
    void uForkProtReadDescriptorDecodes() {
        // ufork prot_to_pte(PROT_READ) = 0x4000000000000480 (LC=10, AP=RO at EL1, AF), morello.md §3.3
        PageAttributes a = PageAttributes.fromDescriptor(0x4000_0000_0000_0480L);
        assertThat(a.lc()).isEqualTo(Descriptor.LC_GEN0);
        assertThat(a.ap()).isEqualTo(Descriptor.AP_RO_EL1);
        assertThat(a.af()).isTrue();
        assertThat(a.sc()).isFalse();
        assertThat(PageAttributes.fromDescriptor(0x2000_0000_0000_0400L).lc()).isEqualTo(Descriptor.LC_NORMAL);
    }

    @Test
    void missWalksFourLevelsThenHits() {
        f.tables.map(0x40_0000L, DATA, PageAttributes.kernelData());
        long before = f.cycles.cycles();
        TlbEntry e = mmu.translate(0x40_0123L, AccessKind.LOAD);
        assertThat(e.pagePa()).isEqualTo(DATA);
        assertThat(f.stat("core0.mmu.tlb.misses")).isEqualTo(1);
        assertThat(f.stat("core0.mmu.walkDescriptorReads")).isEqualTo(4);
        assertThat(f.cycles.cycles() - before).isEqualTo(4 * 25);
        mmu.translate(0x40_0FF8L, AccessKind.STORE);
        assertThat(f.stat("core0.mmu.tlb.hits")).isEqualTo(1);
        assertThat(f.stat("core0.mmu.tlb.misses")).isEqualTo(1);
        assertThat(f.cycles.cycles() - before).isEqualTo(100);
    }

    @Test
    void translationFaultsReportTheLevel() {
        ArchitecturalFault l0 = faultOf(() -> mmu.translate(0x7F_0000_0000L, AccessKind.LOAD));
        assertThat(l0.kind()).isEqualTo(FaultKind.TRANSLATION);
        assertThat(l0.level()).isZero();
        assertThat(l0.dfsc()).isEqualTo(0x04);
        f.tables.map(0x40_0000L, DATA, PageAttributes.kernelData());
        ArchitecturalFault l3 = faultOf(() -> mmu.translate(0x40_1000L, AccessKind.STORE));
        assertThat(l3.dfsc()).isEqualTo(0x07);
        assertThat(l3.wnr()).isTrue();
        assertThat(l3.va()).isEqualTo(0x40_1000L);
        ArchitecturalFault l2 = faultOf(() -> mmu.translate(0x60_0000L, AccessKind.LOAD));
        assertThat(l2.dfsc()).isEqualTo(0x06);
        ArchitecturalFault fetch = faultOf(() -> mmu.translate(0x4000_0000L, AccessKind.FETCH));
        assertThat(fetch.dfsc()).isEqualTo(0x05);
        assertThat(fetch.isInstructionAbort()).isTrue();
        assertThat(f.stat("core0.faults.translation")).isEqualTo(4);
        assertThat(f.cycles.cycles()).isGreaterThanOrEqualTo(4 * 100);
    }

    @Test
    void vaOutsideTheRegimeIsALevel0TranslationFault() {
        mmu.setTcr(mmu.tcr() & ~Tcr.TBI0);
        ArchitecturalFault e = faultOf(() -> mmu.translate(0x0100_0000_0040_0000L, AccessKind.LOAD));
        assertThat(e.kind()).isEqualTo(FaultKind.TRANSLATION);
        assertThat(e.level()).isZero();
        // with TBI0 the top byte is ignored and the same VA translates
        mmu.setTcr(mmu.tcr() | Tcr.TBI0);
        f.tables.map(0x40_0000L, DATA, PageAttributes.kernelData());
        assertThat(mmu.translate(0x7700_0000_0040_0000L, AccessKind.LOAD).pagePa()).isEqualTo(DATA);
        ArchitecturalFault hole = faultOf(() -> mmu.translate(0x0001_0000_0040_0000L, AccessKind.LOAD));
        assertThat(hole.level()).isZero();
    }

    @Test
    void accessFlagFaultUntilTheKernelSetsAf() {
        long va = 0x40_0000L;
        f.tables.map(va, DATA, PageAttributes.kernelData().withAf(false));
        ArchitecturalFault e = faultOf(() -> mmu.translate(va, AccessKind.LOAD));
        assertThat(e.kind()).isEqualTo(FaultKind.ACCESS_FLAG);
        assertThat(e.dfsc()).isEqualTo(0x0B);
        assertThat(f.tables.descriptor(va) & Descriptor.AF).as("no hardware AF update").isZero();
        // AF=0 translations are never cached, so setting AF takes effect without a TLBI
        f.tables.update(va, d -> d | Descriptor.AF);
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA);
        assertThat(f.stat("core0.faults.accessFlag")).isEqualTo(1);
    }

    @Test
    void apPermissionsAtEl1AndEl0() {
        f.tables.map(0x1000, DATA, PageAttributes.kernelData());                                    // AP=00
        f.tables.map(0x2000, DATA, PageAttributes.userData());                                      // AP=01
        f.tables.map(0x3000, DATA, PageAttributes.kernelCode());                                    // AP=10
        f.tables.map(0x4000, DATA, PageAttributes.userCode());                                      // AP=11
        // EL1
        mmu.translate(0x1000, AccessKind.STORE);
        mmu.translate(0x2000, AccessKind.STORE);
        assertThat(faultOf(() -> mmu.translate(0x3000, AccessKind.STORE)).dfsc()).isEqualTo(0x0F);
        mmu.translate(0x3000, AccessKind.FETCH);
        assertThat(faultOf(() -> mmu.translate(0x1000, AccessKind.FETCH)).isInstructionAbort()).isTrue(); // PXN
        assertThat(faultOf(() -> mmu.translate(0x2000, AccessKind.FETCH)).kind()).isEqualTo(FaultKind.PERMISSION);
        assertThat(faultOf(() -> mmu.translate(0x4000, AccessKind.FETCH)).kind()).isEqualTo(FaultKind.PERMISSION);
        // EL0
        mmu.setExceptionLevel(0);
        assertThat(faultOf(() -> mmu.translate(0x1000, AccessKind.LOAD)).ec()).isEqualTo(0x24);
        mmu.translate(0x2000, AccessKind.CAP_STORE);
        assertThat(faultOf(() -> mmu.translate(0x3000, AccessKind.LOAD)).kind()).isEqualTo(FaultKind.PERMISSION);
        mmu.translate(0x4000, AccessKind.LOAD);
        mmu.translate(0x4000, AccessKind.FETCH);
        ArchitecturalFault w = faultOf(() -> mmu.translate(0x4000, AccessKind.STORE));
        assertThat(w.wnr()).isTrue();
        assertThat(w.exceptionLevel()).isZero();
        assertThat(faultOf(() -> mmu.translate(0x2000, AccessKind.FETCH)).kind()).isEqualTo(FaultKind.PERMISSION); // UXN
    }

    @Test
    void hierarchicalApTableAppliesOnlyWithoutHpd() {
        long va = 0x40_0000L;
        f.tables.map(va, DATA, PageAttributes.userData());
        long l2 = f.tables.lookup(va).orElseThrow().descriptorPa(); // the L3 slot; find its parent by walking
        Walk w = mmu.walk(va);
        long l2DescPa = w.steps().get(2).descriptorPa();
        f.mem.write64(l2DescPa, f.mem.read64(l2DescPa) | (2L << Descriptor.AP_TABLE_SHIFT)); // APTable = read-only
        assertThat(l2).isPositive();
        mmu.setTcr(mmu.tcr() & ~Tcr.HPD0);
        assertThat(faultOf(() -> mmu.translate(va, AccessKind.STORE)).kind()).isEqualTo(FaultKind.PERMISSION);
        mmu.tlbiAll();
        mmu.setTcr(mmu.tcr() | Tcr.HPD0);
        mmu.translate(va, AccessKind.STORE);
    }

    @Test
    void changedDescriptorsStayInvisibleUntilInvalidated() {
        long va = 0x40_0000L;
        f.tables.map(va, DATA, PageAttributes.kernelData());
        assertThat(mmu.translate(va, AccessKind.STORE).pagePa()).isEqualTo(DATA);
        // downgrade to read-only and remap elsewhere, in memory only
        f.tables.map(va, DATA + 0x1000, PageAttributes.kernelData().withAp(Descriptor.AP_RO_EL1));
        TlbEntry stale = mmu.translate(va, AccessKind.STORE);
        assertThat(stale.pagePa()).isEqualTo(DATA);
        // unmapping is invisible as well
        f.tables.unmap(va);
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA);
        mmu.tlbiVa(va, 1);
        assertThat(faultOf(() -> mmu.translate(va, AccessKind.LOAD)).kind()).isEqualTo(FaultKind.TRANSLATION);
        f.tables.map(va, DATA + 0x1000, PageAttributes.kernelData().withAp(Descriptor.AP_RO_EL1));
        assertThat(faultOf(() -> mmu.translate(va, AccessKind.STORE)).kind()).isEqualTo(FaultKind.PERMISSION);
        // an upgrade is invisible too: the cached read-only entry keeps faulting until a TLBI
        f.tables.protect(va, PageAttributes.kernelData());
        assertThat(faultOf(() -> mmu.translate(va, AccessKind.STORE)).kind()).isEqualTo(FaultKind.PERMISSION);
        mmu.tlbiVaAllAsids(va);
        assertThat(mmu.translate(va, AccessKind.STORE).pagePa()).isEqualTo(DATA + 0x1000);
        assertThat(f.stat("core0.mmu.tlb.invalidations")).isEqualTo(2);
    }

    @Test
    void asidsKeepAddressSpacesApart() {
        PageTables other = PageTables.create(f.mem, f.frames);
        long va = 0x40_0000L;
        f.tables.map(va, DATA, PageAttributes.userData());          // nG = 1
        other.map(va, DATA + 0x5000, PageAttributes.userData());
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA);
        mmu.setTtbr0(other.ttbr(2));
        assertThat(mmu.asid()).isEqualTo(2);
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA + 0x5000);
        mmu.setTtbr0(f.tables.ttbr(1));
        long misses = f.stat("core0.mmu.tlb.misses");
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA);
        assertThat(f.stat("core0.mmu.tlb.misses")).as("both ASIDs' entries coexist").isEqualTo(misses);
        mmu.tlbiAsid(2);
        mmu.translate(va, AccessKind.LOAD);
        assertThat(f.stat("core0.mmu.tlb.misses")).as("ASID 1 survives TLBI ASIDE1 of ASID 2").isEqualTo(misses);
        mmu.setTtbr0(other.ttbr(2));
        mmu.translate(va, AccessKind.LOAD);
        assertThat(f.stat("core0.mmu.tlb.misses")).isEqualTo(misses + 1);
    }

    @Test
    void globalEntriesMatchEveryAsid() {
        PageTables other = PageTables.create(f.mem, f.frames);
        long va = 0x40_0000L;
        f.tables.map(va, DATA, PageAttributes.kernelData());        // nG = 0: global
        other.map(va, DATA + 0x5000, PageAttributes.kernelData());
        mmu.translate(va, AccessKind.LOAD);
        mmu.setTtbr0(other.ttbr(2));
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).as("global entry from ASID 1").isEqualTo(DATA);
        mmu.tlbiAsid(2);
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).as("ASIDE1 keeps global entries").isEqualTo(DATA);
        mmu.tlbiVa(va, 2);
        assertThat(mmu.translate(va, AccessKind.LOAD).pagePa()).isEqualTo(DATA + 0x5000);
    }

    @Test
    void blocksAreSplinteredAndInvalidatedAsAWhole() {
        long va = 0x4000_0000L;
        f.tables.mapBlock(va, DATA - (8L << 20) + (2L << 20) * 5, 2, PageAttributes.kernelData());
        long blockPa = DATA - (8L << 20) + (2L << 20) * 5;
        assertThat(mmu.translate(va + 0x12_3456, AccessKind.LOAD).pagePa()).isEqualTo(blockPa + 0x12_3000);
        assertThat(mmu.walk(va + 0x12_3456).steps()).hasSize(3);
        f.tables.unmap(va); // no page at this level: nothing to do
        long d = f.mem.read64(mmu.walk(va).steps().get(2).descriptorPa());
        f.mem.write64(mmu.walk(va).steps().get(2).descriptorPa(), 0);
        assertThat(mmu.translate(va + 0x12_3456, AccessKind.LOAD).pagePa()).as("stale").isEqualTo(blockPa + 0x12_3000);
        mmu.tlbiVa(va + 0x1F_0000, 1); // another page of the same block
        assertThat(faultOf(() -> mmu.translate(va + 0x12_3456, AccessKind.LOAD)).dfsc()).isEqualTo(0x06);
        assertThat(d & 3).isEqualTo(1);
    }

    @Test
    void addressSizeAndExternalAborts() {
        mmu.setTcr((mmu.tcr() & ~(7L << Tcr.IPS_SHIFT)) | (2L << Tcr.IPS_SHIFT)); // 40-bit PAs
        f.tables.map(0x1000, 1L << 41, PageAttributes.kernelData());
        ArchitecturalFault as = faultOf(() -> mmu.translate(0x1000, AccessKind.LOAD));
        assertThat(as.kind()).isEqualTo(FaultKind.ADDRESS_SIZE);
        assertThat(as.dfsc()).isEqualTo(0x03);
        // a PA inside the PA size but not RAM translates, and the access aborts
        f.tables.map(0x2000, 0x1000_0000L, PageAttributes.kernelData());
        TlbEntry e = mmu.translate(0x2000, AccessKind.LOAD);
        assertThat(e.isRam()).isFalse();
        ArchitecturalFault ea = faultOf(() -> mmu.frameForRead(e, 0x2008, AccessKind.LOAD));
        assertThat(ea.dfsc()).isEqualTo(0x10);
        assertThat(ea.va()).isEqualTo(0x2008);
        // tables outside RAM: external abort on the walk
        mmu.setTtbr0(SystemRegisters.ttbr(0x1000, 3));
        ArchitecturalFault walk = faultOf(() -> mmu.translate(0x5000, AccessKind.LOAD));
        assertThat(walk.kind()).isEqualTo(FaultKind.EXTERNAL_ABORT_ON_WALK);
        assertThat(walk.dfsc()).isEqualTo(0x14);
    }

    @Test
    void mmuOffIsIdentity() {
        mmu.setSctlr(0);
        TlbEntry e = mmu.translate(MmuFixture.DATA + 0x10, AccessKind.STORE);
        assertThat(e.pagePa()).isEqualTo(MmuFixture.DATA);
        assertThat(e.lc()).isEqualTo(Descriptor.LC_NORMAL);
        mmu.setSctlr(SystemRegisters.SCTLR_M);
        assertThat(faultOf(() -> mmu.translate(MmuFixture.DATA, AccessKind.LOAD)).kind()).isEqualTo(FaultKind.TRANSLATION);
    }

    @Test
    void walkAndDumpPrintWell() {
        f.tables.mapRange(0x40_0000L, DATA, 4 * 4096, PageAttributes.userData());
        f.tables.map(0x40_4000L, DATA + 0x10_0000, PageAttributes.userData());
        f.tables.map(0x40_5000L, DATA + 0x10_1000, PageAttributes.userData().withLc(Descriptor.LC_GEN0).withAp(Descriptor.AP_RO_ALL));
        f.tables.map(0xFFFF_8000_0000_0000L, DATA + 0x20_0000, PageAttributes.kernelCode());
        String dump = f.tables.dump();
        assertThat(dump.lines()).hasSize(4);
        assertThat(dump.lines().findFirst().orElseThrow())
                .isEqualTo("VA 0x0000000000400000-0x0000000000403fff -> PA 0x000080800000-0x000080803fff     4 pages"
                        + "  EL1:RW EL0:RW AF XN:UP LC=01 SC nG");
        assertThat(dump).contains("LC=10(gen0)").contains("EL1:RO EL0:RO").contains("VA 0xffff800000000000");
        Walk w = mmu.walk(0x40_5008L);
        assertThat(w.translated()).isTrue();
        assertThat(w.pa()).isEqualTo(DATA + 0x10_1008);
        assertThat(w.toString()).contains("L0 [").contains("L3 [").contains("page -> 0x80901000").contains("=> PA 0x000080901008");
        Walk miss = mmu.walk(0x50_0000L);
        assertThat(miss.fault()).isEqualTo(FaultKind.TRANSLATION);
        assertThat(miss.toString()).contains("translation fault at level 3 (DFSC 0x07)");
        mmu.setTtbr1(SystemRegisters.ttbr(f.tables.root(), 0));
        assertThat(mmu.dumpTables()).contains("TTBR0_EL1").contains("TTBR1_EL1").contains("4 pages");
        assertThat(mmu.toString()).contains("HPD0=1").contains("ASID 1");
    }

    @Test
    void builderRejectsBadInput() {
        assertThatThrownBy(() -> f.tables.map(0x1001, DATA, PageAttributes.kernelData())).hasMessageContaining("aligned");
        assertThatThrownBy(() -> f.tables.map(0x0001_0000_0000_0000L, DATA, PageAttributes.kernelData()))
                .hasMessageContaining("48-bit");
        assertThatThrownBy(() -> f.tables.protect(0x9000, PageAttributes.kernelData())).hasMessageContaining("no page mapping");
        assertThatThrownBy(() -> mmu.setExceptionLevel(2)).hasMessageContaining("not 0 or 1");
        assertThat(f.tables.unmap(0x9000)).isFalse();
    }
}
