package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.PageAttributes;

/** Base A64 integer instructions and memory forms executed in C64, results checked against Java arithmetic. */
class BaseInstructionsTest {

    private static GuestLoader run(String body) {
        GuestLoader g = new GuestLoader(".text\n_start:\n" + body + "\n    hlt #0\n");
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
        assertThat(g.lastException().kind()).as(g.lastException().toString()).isEqualTo(ExceptionClass.HOST_CALL);
        return g;
    }

    @Test
    void dataProcessing() {
        long a = 0x1234_5678_9ABC_DEF0L;
        GuestLoader g = run("""
                    movz x0, #0xdef0
                    movk x0, #0x9abc, lsl #16
                    movk x0, #0x5678, lsl #32
                    movk x0, #0x1234, lsl #48
                    add x1, x0, x0, lsl #3
                    sub w2, w0, w0, lsr #4
                    eor x3, x0, x0, ror #13
                    and x4, x0, #0xffffffffffffff00
                    orn x5, xzr, x0
                    lsr x6, x0, #7
                    asr x7, x5, #60
                    ubfx x8, x0, #8, #12
                    sbfx x9, x0, #28, #8
                    bfi x10, x0, #4, #8
                    extr x11, x0, x1, #20
                    mov x12, #37
                    lsl x13, x0, x12
                    mul x14, x0, x1
                    umulh x15, x0, x1
                    smulh x16, x5, x1
                    udiv x17, x0, x12
                    sdiv x18, x5, x12
                    msub x19, x17, x12, x0
                    clz x20, x6
                    rbit x21, x0
                    rev x22, x0
                    rev16 w23, w0
                    cls x24, x5
                    umaddl x25, w0, w1, x12
                    smsubl x26, w0, w1, x12
                    add x27, x0, w12, sxtw #2
                """);
        long x1 = a + (a << 3);
        assertThat(g.cpu.x(1)).isEqualTo(x1);
        assertThat(g.cpu.x(2)).isEqualTo(((int) a - ((int) a >>> 4)) & 0xFFFF_FFFFL);
        assertThat(g.cpu.x(3)).isEqualTo(a ^ Long.rotateRight(a, 13));
        assertThat(g.cpu.x(4)).isEqualTo(a & ~0xFFL);
        assertThat(g.cpu.x(5)).isEqualTo(~a);
        assertThat(g.cpu.x(6)).isEqualTo(a >>> 7);
        assertThat(g.cpu.x(7)).isEqualTo(~a >> 60);
        assertThat(g.cpu.x(8)).isEqualTo((a >>> 8) & 0xFFF);
        assertThat(g.cpu.x(9)).isEqualTo((long) (byte) (a >>> 28));
        assertThat(g.cpu.x(10)).isEqualTo((a & 0xFF) << 4);
        assertThat(g.cpu.x(11)).isEqualTo((x1 >>> 20) | (a << 44));
        assertThat(g.cpu.x(13)).isEqualTo(a << 37);
        assertThat(g.cpu.x(14)).isEqualTo(a * x1);
        assertThat(g.cpu.x(15)).isEqualTo(Math.unsignedMultiplyHigh(a, x1));
        assertThat(g.cpu.x(16)).isEqualTo(Math.multiplyHigh(~a, x1));
        assertThat(g.cpu.x(17)).isEqualTo(Long.divideUnsigned(a, 37));
        assertThat(g.cpu.x(18)).isEqualTo(~a / 37);
        assertThat(g.cpu.x(19)).isEqualTo(Long.remainderUnsigned(a, 37));
        assertThat(g.cpu.x(20)).isEqualTo(Long.numberOfLeadingZeros(a >>> 7));
        assertThat(g.cpu.x(21)).isEqualTo(Long.reverse(a));
        assertThat(g.cpu.x(22)).isEqualTo(Long.reverseBytes(a));
        assertThat(g.cpu.x(23)).isEqualTo(0xBC9AF0DEL);
        assertThat(g.cpu.x(24)).isEqualTo(2);
        assertThat(g.cpu.x(25)).isEqualTo((a & 0xFFFF_FFFFL) * (x1 & 0xFFFF_FFFFL) + 37);
        assertThat(g.cpu.x(26)).isEqualTo(37 - (long) (int) a * (long) (int) x1);
        assertThat(g.cpu.x(27)).isEqualTo(a + 37 * 4);
        // X writes leave untagged NULL-derived capabilities
        assertThat(g.cpu.c(1).isTagged()).isFalse();
        assertThat(g.cpu.c(1).pesbt()).isZero();
    }

    @Test
    void flagsAndConditionalInstructions() {
        GuestLoader g = run("""
                    mov x0, #-1
                    adds x1, x0, #1
                    cset x2, cs
                    adc x3, xzr, xzr
                    cmp x0, #0
                    csel x4, x0, xzr, lt
                    csinc x5, xzr, xzr, ge
                    ccmp x0, #1, #4, lt
                    cset x6, eq
                    mov w7, #0x7fffffff
                    adds w8, w7, #1
                    cset x9, vs
                    sbcs x10, xzr, xzr
                    mrs x11, nzcv
                    cneg x12, x0, mi
                    tst x0, #0x8000000000000000
                    cinv x13, xzr, ne
                """);
        assertThat(g.cpu.x(1)).isZero();
        assertThat(g.cpu.x(2)).isEqualTo(1);
        assertThat(g.cpu.x(3)).isEqualTo(1);
        assertThat(g.cpu.x(4)).isEqualTo(-1);
        assertThat(g.cpu.x(5)).isEqualTo(1);
        assertThat(g.cpu.x(6)).isZero();
        assertThat(g.cpu.x(8)).isEqualTo(0x8000_0000L);
        assertThat(g.cpu.x(9)).isEqualTo(1);
        // sbcs xzr - xzr - !C with C = 0 (after the 32-bit overflow, C clear): -1, N set
        assertThat(g.cpu.x(10)).isEqualTo(-1);
        assertThat(g.cpu.x(11)).isEqualTo(0x8000_0000L);
        assertThat(g.cpu.x(12)).isEqualTo(1);
        assertThat(g.cpu.x(13)).isEqualTo(-1);
    }

    @Test
    void loadsAndStoresInEveryAddressingMode() {
        GuestLoader g = run("""
                    sub csp, csp, #256
                    mov x0, #0x1122
                    movk x0, #0x8877, lsl #48
                    str x0, [csp]
                    str w0, [csp, #8]
                    strh w0, [csp, #12]
                    strb w0, [csp, #14]
                    ldrsb x1, [csp, #14]
                    ldrsh w2, [csp, #12]
                    ldr w3, [csp, #8]
                    ldrb w4, [csp, #7]
                    mov x5, #1
                    ldr x6, [csp, x5, lsl #3]
                    str x0, [csp, #16]!
                    ldr x7, [csp], #-16
                    stp x0, x5, [csp, #32]
                    ldp x8, x9, [csp, #32]
                    ldpsw x10, x11, [csp, #32]
                    stur x5, [csp, #-8]
                    ldur x12, [csp, #-8]
                    ldr x13, lit
                    add csp, csp, #256
                    b 1f
                    .balign 8
                lit: .quad 0x0123456789abcdef
                1:
                """);
        long x0 = 0x8877_0000_0000_1122L;
        assertThat(g.cpu.x(1)).isEqualTo(0x22);
        assertThat(g.cpu.x(2)).isEqualTo(0x1122);
        assertThat(g.cpu.x(3)).isEqualTo(0x1122);
        assertThat(g.cpu.x(4)).isEqualTo(0x88);
        assertThat(g.cpu.x(6)).isEqualTo(0x0022_1122_0000_1122L);
        assertThat(g.cpu.x(7)).isEqualTo(x0);
        assertThat(g.cpu.x(8)).isEqualTo(x0);
        assertThat(g.cpu.x(9)).isEqualTo(1);
        assertThat(g.cpu.x(10)).isEqualTo(0x1122);
        assertThat(g.cpu.x(11)).isEqualTo((int) (x0 >>> 32));
        assertThat(g.cpu.x(12)).isEqualTo(1);
        assertThat(g.cpu.x(13)).isEqualTo(0x0123456789abcdefL);
        assertThat(g.cpu.x(31)).isEqualTo(GuestLoader.STACK_TOP);
        assertThat(g.cpu.c(31).isTagged()).isTrue();
    }

    @Test
    void exclusivesAtomicsCasAndSwap() {
        GuestLoader g = run("""
                    sub csp, csp, #64
                    mov c0, csp
                    mov x1, #10
                    str x1, [c0]
                1:  ldxr x2, [c0]
                    add x2, x2, #5
                    stxr w3, x2, [c0]
                    cbnz w3, 1b
                    ldxr x4, [c0]
                    str x4, [c0]
                    stxr w5, x4, [c0]
                    mov x6, #15
                    mov x7, #99
                    cas x6, x7, [c0]
                    mov x8, #3
                    ldadd x8, x9, [c0]
                    mov x10, #7
                    swp x10, x11, [c0]
                    ldr x12, [c0]
                    mov x13, #1
                    ldumax x13, x14, [c0]
                    stxr w15, x4, [c0]
                """);
        assertThat(g.cpu.x(2)).isEqualTo(15);
        assertThat(g.cpu.x(3)).isZero();
        assertThat(g.cpu.x(5)).as("this model: a plain store by the same core does not clear the monitor").isZero();
        assertThat(g.cpu.x(6)).isEqualTo(15);
        assertThat(g.cpu.x(9)).isEqualTo(99);
        assertThat(g.cpu.x(11)).isEqualTo(102);
        assertThat(g.cpu.x(12)).isEqualTo(7);
        assertThat(g.cpu.x(14)).isEqualTo(7);
        assertThat(g.cpu.x(15)).as("no reservation").isEqualTo(1);
    }

    @Test
    void capabilityExclusivesAndCas() {
        GuestLoader g = run("""
                    sub csp, csp, #64
                    mov c0, csp
                    str c0, [c0]
                    ldxr c1, [c0]
                    stxr w2, c30, [c0]
                    ldr c3, [c0]
                    mov c4, c30
                    cas c4, c0, [c0]
                    ldr c5, [c0]
                    swp c1, c6, [c0]
                """);
        assertThat(g.cpu.x(2)).isZero();
        assertThat(g.cpu.c(3)).isEqualTo(g.cpu.c(30));
        assertThat(g.cpu.c(5)).isEqualTo(g.cpu.c(0));
        assertThat(g.cpu.c(6)).isEqualTo(g.cpu.c(0));
        assertThat(g.cpu.c(6).isTagged()).isTrue();
    }

    @Test
    void capabilityManipulation() {
        GuestLoader g = run("""
                    mov c0, csp
                    sub c0, c0, #256
                    scbnds c1, c0, #4, lsl #4
                    gcbase x2, c1
                    gclen x3, c1
                    mov x4, #0x20000
                    clrperm c5, c1, x4
                    gcperm x6, c5
                    gctag x7, c1
                    add c8, c1, #4095, lsl #12
                    gctag x9, c8
                    seal c10, c1, lb
                    gctype x11, c10
                    gcseal x12, c10
                    scvalue c13, c1, xzr
                    gctag x14, c13
                    chktgd c1
                    cset x15, cs
                    mov x16, #64
                    scbnds c17, c1, x16
                    scbnds c18, c1, #8, lsl #4
                    gctag x19, c18
                """);
        long base = GuestLoader.STACK_TOP - 256;
        assertThat(g.cpu.x(2)).isEqualTo(base);
        assertThat(g.cpu.x(3)).isEqualTo(64);
        assertThat(g.cpu.x(6) & 0x20000).isZero();
        assertThat(g.cpu.x(7)).isEqualTo(1);
        assertThat(g.cpu.x(9)).isEqualTo(0);
        assertThat(g.cpu.x(11)).isEqualTo(3);
        assertThat(g.cpu.x(12)).isEqualTo(1);
        assertThat(g.cpu.x(14)).isEqualTo(0);
        assertThat(g.cpu.x(15)).isEqualTo(1);
        assertThat(g.cpu.c(17).isTagged()).isTrue();
        assertThat(g.cpu.x(19)).as("bounds larger than the parent detag").isEqualTo(0);
    }

    @Test
    void loadCapabilityPageFaultAndStoreCapabilityPageFault() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    str c30, [c1]
                    hlt #0
                """);
        long va = 0x30_0000L;
        g.mapData(va, 4096, PageAttributes.kernelData().withSc(false).withCdbm(false));
        g.cpu.setC(1, g.dataCap(va, 4096));
        g.cpu.setC(30, g.cpu.pcc());
        g.run();
        assertThat(g.lastException().kind()).isEqualTo(ExceptionClass.DATA_ABORT);
        assertThat(g.lastException().faultStatus()).isEqualTo(0x2C);
        assertThat(g.lastException().iss() & (1 << 6)).as("WnR").isNotZero();

        GuestLoader l = new GuestLoader("""
                .text
                _start:
                    ldr c2, [c1]
                    hlt #0
                """);
        l.mapData(va, 4096, PageAttributes.kernelData().withLc(Descriptor.LC_GEN1));
        Capability data = l.dataCap(va, 4096);
        long pa = l.paOf(va);
        l.machine.memory().writeCap(pa, data.memoryLow(), data.memoryHigh(), true);
        l.cpu.setC(1, data);
        l.run();
        assertThat(l.lastException().kind()).as(l.lastException().toString()).isEqualTo(ExceptionClass.DATA_ABORT);
        assertThat(l.lastException().faultStatus()).isEqualTo(0x2C);
    }
}
