package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.sasos.mm.VirtualLayout;

class RelocatorTest {
    static final Region SRC = new Region(0x1_0000_0000L, 0x10_0000);
    static final Region DST = new Region(0x1_0020_0000L, 0x10_0000);
    final Relocator r = new Relocator(SRC, DST);

    static Capability data(long base, long len) {
        return Capability.root().clearPerms(Perm.SYSTEM | Perm.EXECUTE).setValue(base).setBoundsExact(len);
    }

    @Test
    void shiftsAddressAndBoundsKeepingLengthAndPerms() {
        Capability c = data(SRC.base() + 0x5000, 256).setValue(SRC.base() + 0x5010).clearPerms(Perm.STORE);
        Relocator.Result res = r.relocate(c);
        assertThat(res.outcome()).isEqualTo(Relocator.Outcome.RELOCATED);
        Capability n = res.capability();
        assertThat(n.isTagged()).isTrue();
        assertThat(n.base()).isEqualTo(DST.base() + 0x5000);
        assertThat(n.lengthClamped()).isEqualTo(256);
        assertThat(n.value()).isEqualTo(DST.base() + 0x5010);
        assertThat(n.perms()).isEqualTo(c.perms());
    }

    @Test
    void untaggedDataAndCapabilitiesAlreadyInTheChildAreLeftAlone() {
        Capability integer = Capability.ofInteger(SRC.base() + 0x100);
        assertThat(r.relocate(integer).outcome()).isEqualTo(Relocator.Outcome.UNTOUCHED);
        assertThat(r.relocate(integer).capability()).isEqualTo(integer);
        Capability mine = data(DST.base(), 64);
        assertThat(r.relocate(mine).capability()).isEqualTo(mine);
    }

    @Test
    void boundsReachingOutsideAreClampedToTheChild() {
        Capability wide = data(SRC.base() - 0x1000, SRC.size() + 0x2000).setValue(SRC.base() + 0x40);
        Capability n = r.relocate(wide).capability();
        assertThat(n.isTagged()).isTrue();
        assertThat(n.base()).isEqualTo(DST.base());
        assertThat(n.base() + n.lengthClamped()).isEqualTo(DST.end());
        assertThat(n.value()).isEqualTo(DST.base() + 0x40);
    }

    @Test
    void sentriesAreResealedAndKernelEntriesKept() {
        Capability fn = Capability.root().clearPerms(Perm.SYSTEM | Perm.STORE).setValue(SRC.base()).setBoundsExact(0x2000)
                .setValue(SRC.base() + 0x41).sealEntry(ObjectType.RB);
        Capability n = r.relocate(fn).capability();
        assertThat(n.isTagged()).isTrue();
        assertThat(n.isSentry()).isTrue();
        assertThat(n.value()).isEqualTo(DST.base() + 0x41);
        assertThat(n.base()).isEqualTo(DST.base());
        Capability entry = Capability.root().setValue(VirtualLayout.KERNEL_TEXT).setBoundsExact(8).setValue(VirtualLayout.KERNEL_TEXT | 1)
                .sealEntry(ObjectType.RB);
        Relocator.Result kept = r.relocate(entry);
        assertThat(kept.outcome()).isEqualTo(Relocator.Outcome.KEPT_KERNEL_ENTRY);
        assertThat(kept.capability()).isEqualTo(entry);
        Capability sealedOther = data(SRC.base() + 0x100, 32).seal(Capability.root().setValue(77));
        Capability s = r.relocate(sealedOther).capability();
        assertThat(s.isTagged()).isTrue();
        assertThat(s.otype()).isEqualTo(77);
        assertThat(s.base()).isEqualTo(DST.base() + 0x100);
    }

    @Test
    void capabilitiesToOtherRegionsAreInvalidated() {
        Capability elsewhere = data(0x2_0000_0000L, 4096);
        Relocator.Result res = r.relocate(elsewhere);
        assertThat(res.outcome()).isEqualTo(Relocator.Outcome.INVALIDATED);
        assertThat(res.capability().isTagged()).isFalse();
    }

    @Test
    void neverWidensNorGrantsSystem() {
        Capability c = data(SRC.base() + 0x800, 0x800);
        Capability n = r.relocate(c).capability();
        assertThat(n.hasPerms(Perm.SYSTEM)).isFalse();
        assertThat(n.lengthClamped()).isEqualTo(0x800);
    }
}
