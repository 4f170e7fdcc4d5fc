package org.uforklab.machine.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.mmu.MmuFixture.DATA;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;

/** Every case of the LC and SC/CDBM tables of morello.md §3.1, including gating by TCR HPDx/HWU bits. */
class CapabilityPageBitsTest {

    static final long LOW_VA = 0x40_0000L;
    static final long HIGH_VA = 0xFFFF_8000_0040_0000L;

    static List<Arguments> lcCases() {
        List<Arguments> out = new ArrayList<>();
        for (boolean upper : new boolean[] {false, true}) {
            for (boolean enabled : new boolean[] {true, false}) {
                for (int lc = 0; lc < 4; lc++) {
                    for (int tgen = 0; tgen < 2; tgen++) {
                        for (boolean tag : new boolean[] {true, false}) {
                            out.add(Arguments.of(upper, enabled, lc, tgen, tag));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Expected outcome per the table: "fault", or the tag the load returns. */
    static String expectedLoad(boolean enabled, int lc, int tgen, boolean tag) {
        int effective = enabled ? lc : 0; // gated bits read as 0
        if (!tag) {
            return "tag=0";                // untagged loads never fault
        }
        return switch (effective) {
            case 0b00 -> "tag=0";          // strip
            case 0b01 -> "tag=1";          // normal
            default -> (effective & 1) != tgen ? "fault" : "tag=1"; // GEN0 faults iff TGEN=1, GEN1 iff TGEN=0
        };
    }

    static MmuFixture fixture(boolean upper, boolean enabled, long descriptorBits) {
        MmuFixture f = new MmuFixture();
        long va = upper ? HIGH_VA : LOW_VA;
        f.tables.map(va, DATA, PageAttributes.kernelData());
        f.tables.update(va, d -> (d & ~(Descriptor.LC_MASK | Descriptor.SC | Descriptor.CDBM)) | descriptorBits);
        f.mmu.setTtbr1(SystemRegisters.ttbr(f.tables.root(), 0));
        long tcr = f.mmu.tcr();
        if (!enabled) {
            tcr &= upper ? ~Tcr.CAP_BITS_1 : ~Tcr.CAP_BITS_0;
        }
        f.mmu.setTcr(tcr);
        return f;
    }

    @ParameterizedTest(name = "VA[55]={0} HWU enabled={1} LC={2} TGEN={3} tag={4}")
    @MethodSource("lcCases")
    void capabilityLoad(boolean upper, boolean enabled, int lc, int tgen, boolean tag) {
        MmuFixture f = fixture(upper, enabled, (long) lc << Descriptor.LC_SHIFT);
        // Set this half's TGEN to tgen and the other half's to the opposite, to catch a wrong selection.
        long cctlr = upper ? (tgen << 1) | (1 - tgen) : tgen | ((1 - tgen) << 1);
        f.mmu.setCctlr(cctlr);
        long va = (upper ? HIGH_VA : LOW_VA) + 0x40;
        TlbEntry e = f.mmu.translate(va, AccessKind.CAP_LOAD);
        String outcome;
        try {
            outcome = f.mmu.checkLoadedTag(e, va, tag) ? "tag=1" : "tag=0";
        } catch (ArchitecturalFault fault) {
            assertThat(fault.dfsc()).isEqualTo(0x2C);
            assertThat(fault.wnr()).isFalse();
            assertThat(fault.va()).isEqualTo(va);
            assertThat(fault.getMessage()).contains("LC=");
            outcome = "fault";
        }
        assertThat(outcome).isEqualTo(expectedLoad(enabled, lc, tgen, tag));
    }

    @Test
    void hwuBitsWithoutHpdAreNotEffective() {
        MmuFixture f = fixture(false, true, (long) Descriptor.LC_NORMAL << Descriptor.LC_SHIFT);
        f.mmu.setTcr(f.mmu.tcr() & ~Tcr.HPD0);
        TlbEntry e = f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD);
        assertThat(e.lc()).isEqualTo(Descriptor.LC_STRIP);
        assertThat(f.mmu.checkLoadedTag(e, LOW_VA, true)).isFalse();
    }

    @Test
    void eachHwuBitGatesItsOwnDescriptorBit() {
        MmuFixture f = fixture(false, false, Descriptor.LC_MASK | Descriptor.SC | Descriptor.CDBM);
        f.mmu.setTcr(f.mmu.tcr() | Tcr.HPD0 | Tcr.HWU062_0); // only LC[1]
        TlbEntry e = f.mmu.translate(LOW_VA, AccessKind.LOAD);
        assertThat(e.lc()).isEqualTo(0b10);
        assertThat(e.sc()).isFalse();
        assertThat(e.cdbm()).isFalse();
        f.mmu.setTcr(f.mmu.tcr() | Tcr.HWU060_0);
        f.mmu.tlbiAll();
        e = f.mmu.translate(LOW_VA, AccessKind.LOAD);
        assertThat(e.sc()).isTrue();
        assertThat(e.cdbm()).isFalse();
        f.mmu.setTcr(f.mmu.tcr() | Tcr.HWU059_0 | Tcr.HWU061_0);
        f.mmu.tlbiAll();
        e = f.mmu.translate(LOW_VA, AccessKind.LOAD);
        assertThat(e.lc()).isEqualTo(0b11);
        assertThat(e.cdbm()).isTrue();
    }

    @Test
    void tcrChangesAreCachedUntilInvalidation() {
        MmuFixture f = fixture(false, true, (long) Descriptor.LC_NORMAL << Descriptor.LC_SHIFT);
        assertThat(f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD).lc()).isEqualTo(0b01);
        f.mmu.setTcr(f.mmu.tcr() & ~Tcr.CAP_BITS_0);
        assertThat(f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD).lc()).isEqualTo(0b01);
        f.mmu.tlbiAll();
        assertThat(f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD).lc()).isEqualTo(0b00);
    }

    @Test
    void flippingTgenRearmsWithoutTlbi() {
        // CoPA recipe (morello.md §3.3): TGEN0=1 and LC=10 make the page stale; flipping TGEN makes it current.
        MmuFixture f = fixture(false, true, (long) Descriptor.LC_GEN0 << Descriptor.LC_SHIFT);
        f.mmu.setCctlr(SystemRegisters.CCTLR_TGEN0);
        TlbEntry e = f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD);
        try {
            f.mmu.checkLoadedTag(e, LOW_VA, true);
            throw new AssertionError("expected an LC fault");
        } catch (ArchitecturalFault fault) {
            assertThat(fault.kind()).isEqualTo(FaultKind.CAP_PAGE_PERMISSION);
        }
        f.mmu.setCctlr(0);
        assertThat(f.mmu.checkLoadedTag(f.mmu.translate(LOW_VA, AccessKind.CAP_LOAD), LOW_VA, true)).isTrue();
        assertThat(f.stat("core0.faults.capPagePermission")).isEqualTo(1);
    }

    static List<Arguments> scCases() {
        List<Arguments> out = new ArrayList<>();
        for (boolean enabled : new boolean[] {true, false}) {
            for (int cdbm = 0; cdbm < 2; cdbm++) {
                for (int sc = 0; sc < 2; sc++) {
                    out.add(Arguments.of(enabled, cdbm == 1, sc == 1));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "HWU enabled={0} CDBM={1} SC={2}")
    @MethodSource("scCases")
    void taggedCapabilityStore(boolean enabled, boolean cdbm, boolean sc) {
        MmuFixture f = fixture(false, enabled, (cdbm ? Descriptor.CDBM : 0) | (sc ? Descriptor.SC : 0));
        boolean effSc = enabled && sc;
        boolean effCdbm = enabled && cdbm;
        TlbEntry e = f.mmu.translate(LOW_VA, AccessKind.CAP_STORE);
        long descBefore = f.tables.descriptor(LOW_VA);
        if (!effSc && !effCdbm) {
            try {
                f.mmu.checkCapabilityStore(e, LOW_VA + 0x10);
                throw new AssertionError("expected an SC fault");
            } catch (ArchitecturalFault fault) {
                assertThat(fault.dfsc()).isEqualTo(0x2C);
                assertThat(fault.wnr()).isTrue();
                assertThat(fault.iss() & 0x40).isEqualTo(0x40);
                assertThat(fault.va()).isEqualTo(LOW_VA + 0x10);
            }
            assertThat(f.tables.descriptor(LOW_VA)).isEqualTo(descBefore);
            return;
        }
        f.mmu.checkCapabilityStore(e, LOW_VA + 0x10);
        if (!effSc) {
            // CDBM=1, SC=0: the hardware sets SC in the descriptor in memory
            assertThat(f.tables.descriptor(LOW_VA)).isEqualTo(descBefore | Descriptor.SC);
            assertThat(f.stat("core0.mmu.hwScUpdates")).isEqualTo(1);
            assertThat(e.sc()).isTrue();
            f.mmu.checkCapabilityStore(e, LOW_VA + 0x20);
            assertThat(f.stat("core0.mmu.hwScUpdates")).isEqualTo(1);
        } else {
            assertThat(f.tables.descriptor(LOW_VA)).isEqualTo(descBefore);
            assertThat(f.stat("core0.mmu.hwScUpdates")).isZero();
        }
    }
}
