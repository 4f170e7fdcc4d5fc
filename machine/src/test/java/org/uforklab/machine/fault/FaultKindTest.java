package org.uforklab.machine.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultKindTest {

    @Test
    void fixedCodesMatchTheArchitecture() {
        assertThat(FaultKind.CAP_TAG.dfsc()).isEqualTo(0x28);
        assertThat(FaultKind.CAP_SEAL.dfsc()).isEqualTo(0x29);
        assertThat(FaultKind.CAP_BOUNDS.dfsc()).isEqualTo(0x2A);
        assertThat(FaultKind.CAP_PERM.dfsc()).isEqualTo(0x2B);
        assertThat(FaultKind.CAP_PAGE_PERMISSION.dfsc()).isEqualTo(0x2C);
        assertThat(FaultKind.ALIGNMENT.dfsc()).isEqualTo(0x21);
        assertThat(FaultKind.EXTERNAL_ABORT.dfsc()).isEqualTo(0x10);
    }

    @Test
    void levelledCodesAddTheLevel() {
        assertThat(FaultKind.ADDRESS_SIZE.dfsc(0)).isEqualTo(0x00);
        assertThat(FaultKind.ADDRESS_SIZE.dfsc(3)).isEqualTo(0x03);
        assertThat(FaultKind.TRANSLATION.dfsc(0)).isEqualTo(0x04);
        assertThat(FaultKind.TRANSLATION.dfsc(3)).isEqualTo(0x07);
        assertThat(FaultKind.ACCESS_FLAG.dfsc(1)).isEqualTo(0x09);
        assertThat(FaultKind.ACCESS_FLAG.dfsc(3)).isEqualTo(0x0B);
        assertThat(FaultKind.PERMISSION.dfsc(1)).isEqualTo(0x0D);
        assertThat(FaultKind.PERMISSION.dfsc(3)).isEqualTo(0x0F);
        assertThat(FaultKind.EXTERNAL_ABORT_ON_WALK.dfsc(2)).isEqualTo(0x16);
        assertThatThrownBy(() -> FaultKind.ACCESS_FLAG.dfsc(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level 0");
        assertThatThrownBy(() -> FaultKind.PERMISSION.dfsc()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void decodesCodesBack() {
        assertThat(FaultKind.fromDfsc(0x0E)).isEqualTo(FaultKind.PERMISSION);
        assertThat(FaultKind.fromDfsc(0x2C)).isEqualTo(FaultKind.CAP_PAGE_PERMISSION);
        assertThat(FaultKind.fromDfsc(0x08)).isNull(); // access flag level 0 does not exist with 4 KiB/48-bit
        assertThat(FaultKind.fromDfsc(0x3F)).isNull();
    }

    @Test
    void syndromeOfACapabilityStoreFault() {
        ArchitecturalFault f = ArchitecturalFault.atVa(FaultKind.CAP_PAGE_PERMISSION, 0, 0x40_1000L,
                AccessKind.CAP_STORE, 1, "SC=0, CDBM=0");
        assertThat(f.dfsc()).isEqualTo(0x2C);
        assertThat(f.wnr()).isTrue();
        assertThat(f.isInstructionAbort()).isFalse();
        assertThat(f.ec()).isEqualTo(0x25);
        assertThat(f.iss()).isEqualTo(0x2C | 0x40);
        assertThat(f.esr()).isEqualTo((0x25L << 26) | (1L << 25) | 0x6C);
        assertThat(f.level()).isEqualTo(-1);
        assertThat(f.getMessage()).isEqualTo(
                "Data abort: capability page permission (DFSC 0x2C, SC=0, CDBM=0) on capability store at VA 0x0000000000401000");
    }

    @Test
    void instructionAbortFromEl0() {
        ArchitecturalFault f = ArchitecturalFault.atVa(FaultKind.TRANSLATION, 2, 0x1000L, AccessKind.FETCH, 0, null);
        assertThat(f.dfsc()).isEqualTo(0x06);
        assertThat(f.ec()).isEqualTo(0x20);
        assertThat(f.iss()).isEqualTo(0x06); // no WnR for fetches
        assertThat(f.getMessage()).startsWith("Instruction abort: translation at level 2 (IFSC 0x06)").endsWith("from EL0");
    }

    @Test
    void faultsAreStackless() {
        ArchitecturalFault f = ArchitecturalFault.atPa(FaultKind.EXTERNAL_ABORT, 0x10, AccessKind.LOAD, null);
        assertThat(f.getStackTrace()).isEmpty();
        assertThat(f.isPhysical()).isTrue();
        assertThat(f.getMessage()).contains("at PA 0x0000000000000010");
    }
}
