package org.uforklab.machine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.uforklab.machine.access.AccessFixture.PA;
import static org.uforklab.machine.access.AccessFixture.VA;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.SystemRegisters;

class CheckedAccessTest {

    final AccessFixture f = new AccessFixture();
    final CheckedAccess a = f.access;
    final Capability cap = f.cap;

    static ArchitecturalFault faultOf(Runnable r) {
        try {
            r.run();
        } catch (ArchitecturalFault e) {
            return e;
        }
        throw new AssertionError("expected an architectural fault");
    }

    @Test
    void dataRoundTripAndLittleEndian() {
        a.store64(cap, VA + 8, 0x0807_0605_0403_0201L);
        assertThat(a.load64(cap, VA + 8)).isEqualTo(0x0807_0605_0403_0201L);
        assertThat(a.load8(cap, VA + 9)).isEqualTo(2);
        assertThat(a.load16(cap, VA + 10)).isEqualTo(0x0403);
        assertThat(a.load32(cap, VA + 12)).isEqualTo(0x0807_0605L);
        a.store16(cap, VA + 9, 0xFFFF);
        assertThat(a.load64(cap, VA + 8)).isEqualTo(0x0807_0605_04FF_FF01L);
        assertThat(f.machine.memory().read64(PA + 8)).isEqualTo(0x0807_0605_04FF_FF01L);
    }

    @Test
    void checkOrderIsTagSealPermBounds() {
        long outside = VA + 16 * 4096L;
        Capability bad = cap.clearPerms(Perm.LOAD).sealEntry(ObjectType.RB).withTagCleared();
        ArchitecturalFault t = faultOf(() -> a.load64(bad, outside));
        assertThat(t.kind()).isEqualTo(FaultKind.CAP_TAG);
        assertThat(t.dfsc()).isEqualTo(0x28);
        Capability sealed = cap.clearPerms(Perm.LOAD).sealEntry(ObjectType.RB);
        assertThat(faultOf(() -> a.load64(sealed, outside)).dfsc()).isEqualTo(0x29);
        Capability noLoad = cap.clearPerms(Perm.LOAD);
        ArchitecturalFault p = faultOf(() -> a.load64(noLoad, outside));
        assertThat(p.dfsc()).isEqualTo(0x2B);
        assertThat(p.getMessage()).contains("missing Load");
        ArchitecturalFault b = faultOf(() -> a.load64(cap, outside));
        assertThat(b.dfsc()).isEqualTo(0x2A);
        assertThat(b.va()).isEqualTo(outside);
        // straddling the top by one byte
        assertThat(faultOf(() -> a.load64(cap, outside - 7)).kind()).isEqualTo(FaultKind.CAP_BOUNDS);
        assertThat(faultOf(() -> a.store(cap, VA - 1, 1, 0)).kind()).isEqualTo(FaultKind.CAP_BOUNDS);
        assertThat(f.stat("faults.capTag") + f.stat("faults.capSeal") + f.stat("faults.capPerm")).isEqualTo(3);
        assertThat(f.stat("faults.capBounds")).isEqualTo(3);
    }

    @Test
    void invalidExponentFailsEveryBoundsCheck() {
        // A forged tagged capability with E = 51 (morello.md §2.4) and the Load permission.
        Capability forged = Capability.of(0x0000000000010004L | ((long) Perm.LOAD << 46), VA, true);
        assertThat(forged.boundsValid()).isFalse();
        ArchitecturalFault e = faultOf(() -> a.load64(forged, VA));
        assertThat(e.kind()).isEqualTo(FaultKind.CAP_BOUNDS);
        assertThat(e.getMessage()).contains("invalid bounds");
    }

    @Test
    void storePermissionsAndTheStoredCapability() {
        Capability noStore = cap.clearPerms(Perm.STORE);
        assertThat(faultOf(() -> a.store64(noStore, VA, 1)).getMessage()).contains("missing Store");
        Capability noStoreCap = cap.clearPerms(Perm.STORE_CAP);
        ArchitecturalFault sc = faultOf(() -> a.storeCap(noStoreCap, VA, cap));
        assertThat(sc.dfsc()).isEqualTo(0x2B);
        assertThat(sc.wnr()).isTrue();
        assertThat(sc.getMessage()).contains("missing StoreCap");
        a.storeCap(noStoreCap, VA, cap.withTagCleared()); // untagged values need only Store
        Capability local = cap.clearPerms(Perm.GLOBAL);
        Capability noStoreLocal = cap.clearPerms(Perm.STORE_LOCAL_CAP);
        assertThat(faultOf(() -> a.storeCap(noStoreLocal, VA, local)).getMessage()).contains("missing StoreLocalCap");
        a.storeCap(noStoreLocal, VA, cap);   // global value: StoreLocalCap not needed
        a.storeCap(cap, VA + 16, local);     // authority has StoreLocalCap
        assertThat(a.loadCap(cap, VA + 16)).isEqualTo(local);
    }

    @Test
    void capabilityRoundTripAndDataStoreClearsTheTag() {
        Capability obj = cap.setValue(VA + 0x100).setBounds(64);
        a.storeCap(cap, VA + 0x20, obj);
        Capability back = a.loadCap(cap, VA + 0x20);
        assertThat(back).isEqualTo(obj);
        assertThat(back.isTagged()).isTrue();
        assertThat(f.machine.memory().tag(PA + 0x20)).isTrue();
        a.store8(cap, VA + 0x2F, 0x55);      // the last byte of the granule
        Capability after = a.loadCap(cap, VA + 0x20);
        assertThat(after.isTagged()).isFalse();
        assertThat(after.value()).isEqualTo(obj.value());
        assertThat(after.memoryHigh()).isEqualTo(0x55L << 56 | (obj.memoryHigh() & ~(0xFFL << 56)));
    }

    @Test
    void capabilityAccessesMustBe16Aligned() {
        ArchitecturalFault l = faultOf(() -> a.loadCap(cap, VA + 8));
        assertThat(l.kind()).isEqualTo(FaultKind.ALIGNMENT);
        assertThat(l.dfsc()).isEqualTo(0x21);
        ArchitecturalFault s = faultOf(() -> a.storeCap(cap, VA + 4, cap));
        assertThat(s.dfsc()).isEqualTo(0x21);
        assertThat(s.wnr()).isTrue();
        // capability checks come first
        assertThat(faultOf(() -> a.loadCap(cap.withTagCleared(), VA + 8)).kind()).isEqualTo(FaultKind.CAP_TAG);
        // unaligned data accesses are allowed, unless SCTLR_EL1.A
        a.store64(cap, VA + 3, 42);
        assertThat(a.load64(cap, VA + 3)).isEqualTo(42);
        f.core.mmu().setSctlr(SystemRegisters.SCTLR_M | SystemRegisters.SCTLR_A);
        assertThat(faultOf(() -> a.load64(cap, VA + 3)).kind()).isEqualTo(FaultKind.ALIGNMENT);
        assertThat(a.load(cap, VA + 3, 1)).isEqualTo(42);
    }

    @Test
    void loadCapStrippingAndMutableLoadSquashing() {
        a.storeCap(cap, VA, cap);
        Capability noLoadCap = cap.clearPerms(Perm.LOAD_CAP);
        Capability stripped = a.loadCap(noLoadCap, VA);
        assertThat(stripped.isTagged()).isFalse();
        assertThat(f.stat("access.tagsStrippedByLoadCap")).isEqualTo(1);
        Capability noMutable = cap.clearPerms(Perm.MUTABLE_LOAD);
        Capability squashed = a.loadCap(noMutable, VA);
        assertThat(squashed.isTagged()).isTrue();
        assertThat(squashed.hasPerms(Perm.STORE)).isFalse();
        assertThat(squashed.hasPerms(Perm.STORE_CAP)).isFalse();
        assertThat(squashed.hasPerms(Perm.STORE_LOCAL_CAP)).isFalse();
        assertThat(squashed.hasPerms(Perm.MUTABLE_LOAD)).isFalse();
        assertThat(squashed.hasPerms(Perm.LOAD | Perm.LOAD_CAP)).isTrue();
        // sealed capabilities are not squashed
        a.storeCap(cap, VA + 16, cap.sealEntry(ObjectType.RB));
        assertThat(a.loadCap(noMutable, VA + 16).hasPerms(Perm.STORE)).isTrue();
    }

    @Test
    void lcGenerationFaultOnlyForTaggedCapabilityLoads() {
        a.storeCap(cap, VA + 0x1000, cap);
        a.store64(cap, VA + 0x1010, 7);
        // CoPA: TGEN0 = 1, page LC = 10 (GEN0) is stale
        f.tables.update(VA + 0x1000, d -> (d & ~Descriptor.LC_MASK) | ((long) Descriptor.LC_GEN0 << Descriptor.LC_SHIFT));
        f.core.mmu().tlbiVa(VA + 0x1000, 1);
        f.core.mmu().setCctlr(SystemRegisters.CCTLR_TGEN0);
        ArchitecturalFault e = faultOf(() -> a.loadCap(cap, VA + 0x1000));
        assertThat(e.dfsc()).isEqualTo(0x2C);
        assertThat(e.wnr()).isFalse();
        assertThat(e.va()).isEqualTo(VA + 0x1000);
        assertThat(e.getMessage()).startsWith("Data abort: capability page permission (DFSC 0x2C, LC=10");
        assertThat(a.load64(cap, VA + 0x1000)).isEqualTo(VA);       // data loads never fault
        assertThat(a.loadCap(cap, VA + 0x1010).isTagged()).isFalse(); // untagged capability loads neither
        assertThat(f.stat("faults.capPagePermission")).isEqualTo(1);
        // LC = 00 strips
        f.tables.update(VA + 0x1000, d -> d & ~Descriptor.LC_MASK);
        f.core.mmu().tlbiVa(VA + 0x1000, 1);
        assertThat(a.loadCap(cap, VA + 0x1000).isTagged()).isFalse();
        assertThat(f.stat("access.tagsStrippedByLc")).isEqualTo(1);
    }

    @Test
    void scFaultOnlyForTaggedCapabilityStores() {
        f.tables.update(VA, d -> d & ~(Descriptor.SC | Descriptor.CDBM));
        f.core.mmu().tlbiAll();
        ArchitecturalFault e = faultOf(() -> a.storeCap(cap, VA, cap));
        assertThat(e.dfsc()).isEqualTo(0x2C);
        assertThat(e.wnr()).isTrue();
        assertThat(f.machine.memory().read64(PA)).isZero();
        a.storeCap(cap, VA, cap.withTagCleared());
        a.store64(cap, VA + 16, 1);
        f.tables.update(VA, d -> d | Descriptor.CDBM);
        f.core.mmu().tlbiAll();
        a.storeCap(cap, VA, cap);
        assertThat(f.tables.descriptor(VA) & Descriptor.SC).isNotZero();
    }

    @Test
    void translationAndPermissionFaultsAfterCapabilityChecks() {
        Capability wide = Capability.root();
        ArchitecturalFault t = faultOf(() -> a.load64(wide, 0x100_0000L));
        assertThat(t.kind()).isEqualTo(FaultKind.TRANSLATION);
        // page-crossing store whose second page is unmapped writes nothing
        f.tables.unmap(VA + 0x2000);
        f.core.mmu().tlbiVa(VA + 0x2000, 1);
        ArchitecturalFault x = faultOf(() -> a.store64(cap, VA + 0x1FFC, -1));
        assertThat(x.va()).isEqualTo(VA + 0x2000);
        assertThat(a.load32(cap, VA + 0x1FFC)).isZero();
        a.store64(cap, VA + 0xFFC, 0x1122_3344_5566_7788L);
        assertThat(a.load64(cap, VA + 0xFFC)).isEqualTo(0x1122_3344_5566_7788L);
    }

    @Test
    void fetchNeedsExecute() {
        a.store32(cap, VA + 0x40, 0xD503_201FL); // NOP
        assertThat(faultOf(() -> a.fetch32(cap, VA + 0x40)).dfsc()).as("kernel data is PXN").isEqualTo(0x0F);
        f.tables.protect(VA, org.uforklab.machine.mmu.PageAttributes.kernelCode());
        f.core.mmu().tlbiVa(VA, 1);
        assertThat(a.fetch32(cap, VA + 0x40)).isEqualTo(0xD503_201F);
        assertThat(faultOf(() -> a.fetch32(cap.clearPerms(Perm.EXECUTE), VA + 0x40)).isInstructionAbort()).isTrue();
    }

    @Test
    void costsAreChargedForWhatHappened() {
        long c0 = f.core.cycles().cycles();
        a.load64(cap, VA);                       // miss: 4 levels
        assertThat(f.core.cycles().cycles() - c0).isEqualTo(4 * 25 + 4);
        long c1 = f.core.cycles().cycles();
        a.load64(cap, VA + 8);
        assertThat(f.core.cycles().cycles() - c1).isEqualTo(4);
        long c2 = f.core.cycles().cycles();
        a.store64(cap, VA + 8, 1);
        a.storeCap(cap, VA + 16, cap);
        a.loadCap(cap, VA + 16);
        assertThat(f.core.cycles().cycles() - c2).isEqualTo(1 + 2 + 4);
        long c3 = f.core.cycles().cycles();
        faultOf(() -> a.load64(cap, VA - 8));
        assertThat(f.core.cycles().cycles() - c3).isEqualTo(100);
        assertThat(f.stat("access.loads")).isEqualTo(2);
        assertThat(f.stat("access.stores")).isEqualTo(1);
        assertThat(f.stat("access.capLoads")).isEqualTo(1);
        assertThat(f.stat("access.capStores")).isEqualTo(1);
        assertThat(f.stat("mmu.tlb.misses")).isEqualTo(1);
        assertThat(f.stat("mmu.tlb.hits")).isEqualTo(4);
        assertThat(f.stat("faults.total")).isEqualTo(1);
    }

    @Test
    void bulkHelpers() {
        byte[] data = new byte[7000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        a.storeCap(cap, VA + 0x1800, cap);
        a.writeBytes(cap, VA + 100, data, 0, data.length);
        assertThat(a.loadCap(cap, VA + 0x1800).isTagged()).isFalse();
        byte[] back = new byte[data.length];
        a.readBytes(cap, VA + 100, back, 0, back.length);
        assertThat(back).isEqualTo(data);
        a.fill(cap, VA + 0x3000, 5000, (byte) 0x7E);
        assertThat(a.load8(cap, VA + 0x3000 + 4999)).isEqualTo(0x7E);
        a.writeCString(cap, VA + 0x5000, "hello, Morello");
        assertThat(a.readCString(cap, VA + 0x5000, 64)).isEqualTo("hello, Morello");
        assertThat(f.stat("access.bulkBytesWritten")).isEqualTo(7000 + 5000 + 15);
        assertThatThrownBy(() -> a.readCString(cap, VA + 0x3000, 16)).hasMessageContaining("no NUL within 16 bytes");
    }

    @Test
    void bulkWritesStopAtTheFirstFaultingByte() {
        Capability small = cap.setValue(VA + 0x100).setBounds(32);
        byte[] data = new byte[64];
        java.util.Arrays.fill(data, (byte) 9);
        ArchitecturalFault e = faultOf(() -> a.writeBytes(small, VA + 0x100, data, 0, 64));
        assertThat(e.kind()).isEqualTo(FaultKind.CAP_BOUNDS);
        assertThat(e.va()).isEqualTo(VA + 0x120);
        assertThat(a.load8(cap, VA + 0x11F)).isEqualTo(9);   // the in-bounds prefix was written
        assertThat(a.load8(cap, VA + 0x120)).isZero();
    }

    @Test
    void tagFreeCopyIsChargedPerGranule() {
        long g = org.uforklab.machine.time.CostModel.defaults().get(org.uforklab.machine.time.Cost.BULK_COPY_PER_GRANULE);
        a.store64(cap, VA + 0x1000, 1);                       // touch both pages first: no TLB misses below
        a.store64(cap, VA + 0x2000, 1);
        long c0 = f.core.cycles().cycles();
        a.copy(cap, VA + 0x2000, cap, VA + 0x1000, 1024);
        assertThat(f.core.cycles().cycles() - c0).isEqualTo(64 * g);
        long c1 = f.core.cycles().cycles();
        a.copy(cap, VA + 0x2000, cap, VA + 0x1000, 17);       // a partial granule costs a whole one
        assertThat(f.core.cycles().cycles() - c1).isEqualTo(2 * g);
        assertThat(a.load64(cap, VA + 0x2000)).isEqualTo(1);
    }

    @Test
    void copyPreservesTagsLikeCheriMemcpy() {
        Capability obj = cap.setValue(VA + 0x800).setBounds(16);
        a.storeCap(cap, VA + 0x1000, obj);
        a.store64(cap, VA + 0x1008 + 0x10, 99);
        a.copy(cap, VA + 0x2000, cap, VA + 0x1000, 64);
        assertThat(a.loadCap(cap, VA + 0x2000)).isEqualTo(obj);
        assertThat(a.load64(cap, VA + 0x2018)).isEqualTo(99);
        // not congruent modulo 16: bytes only
        a.copy(cap, VA + 0x3008, cap, VA + 0x1000, 32);
        assertThat(a.load64(cap, VA + 0x3008)).isEqualTo(obj.value());
        assertThat(f.machine.memory().tagCount(PA + 0x3000)).isZero();
        // a source authority without LoadCap copies the bytes but not the tag
        a.copy(cap, VA + 0x4000, cap.clearPerms(Perm.LOAD_CAP), VA + 0x1000, 16);
        assertThat(a.loadCap(cap, VA + 0x4000).isTagged()).isFalse();
        assertThat(a.loadCap(cap, VA + 0x4000).value()).isEqualTo(obj.value());
        // a destination authority without StoreCap faults on the tagged granule
        ArchitecturalFault e = faultOf(() -> a.copy(cap.clearPerms(Perm.STORE_CAP), VA + 0x5000, cap, VA + 0x1000, 16));
        assertThat(e.kind()).isEqualTo(FaultKind.CAP_PERM);
    }

    @Test
    void kernelPhysicalHelpersCharge() {
        a.storeCap(cap, VA + 0x40, cap);
        long c0 = f.core.cycles().cycles();
        a.copyPagePhysical(PA, PA + 0x8000);
        int[] out = new int[256];
        assertThat(a.scanTagsPhysical(PA + 0x8000, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(4);
        a.zeroPagePhysical(PA + 0x8000);
        assertThat(f.core.cycles().cycles() - c0).isEqualTo(1300 + 275 + 650);
        assertThat(f.stat("kernel.pagesCopied")).isEqualTo(1);
    }

    @Test
    void unknownSizesAreRejected() {
        assertThatThrownBy(() -> a.load(cap, VA, 3)).hasMessageContaining("access size 3");
        assertThat(AccessKind.CAP_STORE.isWrite()).isTrue();
    }
}
