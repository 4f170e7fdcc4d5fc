package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;

/** Small real C64 programs assembled from source and executed. */
class CpuProgramsTest {

    @Test
    void countingLoopSumsAndStopsAtHostCall() {
        GuestLoader g = new GuestLoader("""
                .text
                .global _start
                _start:
                    mov x0, #0
                    mov x1, #100
                1:  add x0, x0, #3
                    subs x1, x1, #1
                    b.ne 1b
                    hlt #2
                    hlt #0
                """);
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
        assertThat(g.reported).containsExactly(300L);
        // instructions that take an exception (the HLTs) do not retire
        assertThat(r.instructions()).isEqualTo(2 + 300);
        assertThat(g.cpu.core().stats().get("cpu.insn.branch")).isEqualTo(100);
    }

    @Test
    void hostCallsAreNotChargedAnExceptionEntryButSvcIs() {
        long base = new GuestLoader(".text\n_start:\n    hlt #0\n").run().cycles(); // first fetch: TLB miss
        GuestLoader h = new GuestLoader(".text\n_start:\n    hlt #1\n    hlt #1\n    hlt #0\n");
        RunResult rh = h.run();
        GuestLoader s = new GuestLoader(".text\n_start:\n    svc #1\n    hlt #0\n");
        s.cpu.setExceptionHandler((c, r) -> r.kind() == ExceptionClass.SVC ? Resolution.next() : Resolution.stop());
        RunResult rs = s.run();
        long entry = h.machine.config().costs().get(org.uforklab.machine.time.Cost.FAULT_ENTRY);
        assertThat(rh.cycles() - base).isLessThan(entry);
        assertThat(rs.cycles() - base).isGreaterThanOrEqualTo(entry);
    }

    @Test
    void capabilityLoadsAndStoresThroughTheStack() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    sub csp, csp, #32
                    str c30, [csp, #16]
                    mov x0, #7
                    ldr c1, [csp, #16]
                    str c1, [csp]
                    ldr c2, [csp], #32
                    hlt #0
                """);
        Capability link = g.cpu.pcc();
        g.cpu.setC(30, link);
        g.run();
        assertThat(g.cpu.c(2)).isEqualTo(link);
        assertThat(g.cpu.c(2).isTagged()).isTrue();
        assertThat(g.cpu.x(31)).isEqualTo(GuestLoader.STACK_TOP);
        assertThat(g.cpu.c(31).isTagged()).isTrue();
    }

    @Test
    void callAndReturnThroughCapabilities() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    mov x0, #1
                    bl f
                    bl f
                    hlt #2
                    hlt #0
                f:  add x0, x0, #3
                    ret c30
                """);
        g.run();
        assertThat(g.reported).containsExactly(7L);
        // the link is PCC with the C64 bit set
        assertThat(g.cpu.c(30).value() & 1).isEqualTo(1);
        assertThat(g.cpu.c(30).isTagged()).isTrue();
    }

    @Test
    void boundsFaultIsDeliveredWithDfsc() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    scbnds c1, csp, #16
                    ldr c2, [c1, #16]
                    hlt #0
                """);
        g.cpu.setC(31, g.cpu.c(31).setValue(GuestLoader.STACK_TOP - 64));
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
        ExceptionRecord e = g.lastException();
        assertThat(e.kind()).as(e.toString()).isEqualTo(ExceptionClass.DATA_ABORT);
        assertThat(e.faultStatus()).isEqualTo(0x2A);
        assertThat(e.far()).isEqualTo(GuestLoader.STACK_TOP - 48);
        assertThat(e.pc()).isEqualTo(GuestLoader.TEXT + 4);
    }

    @Test
    void tagAndSealFaults() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    clrtag c1, csp
                    ldur c2, [c1, #-16]
                    hlt #0
                """);
        g.run();
        assertThat(g.lastException().faultStatus()).isEqualTo(0x28);

        GuestLoader s = new GuestLoader("""
                .text
                _start:
                    mov c3, csp
                    seal c1, c3, lpb
                    ldur c2, [c1, #-16]
                    hlt #0
                """);
        s.run();
        assertThat(s.lastException().faultStatus()).isEqualTo(0x29);
    }

    @Test
    void permissionFaultOnStoreWithoutStorePermission() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    mov x2, #0x10000
                    clrperm c1, csp, x2
                    stur c1, [c1, #-16]
                    hlt #0
                """);
        g.run();
        assertThat(Perm.STORE).isEqualTo(0x10000);
        assertThat(g.lastException().faultStatus()).isEqualTo(0x2B);
    }

    @Test
    void misalignedCapabilityStoreIsAnAlignmentFault() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    stur c0, [csp, #-24]
                    hlt #0
                """);
        g.run();
        assertThat(g.lastException().faultStatus()).isEqualTo(0x21);
    }

    @Test
    void svcAndBrkAndUndefinedReachTheHandler() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    svc #0x42
                    brk #3
                    .word 0
                    hlt #0
                """);
        g.cpu.setExceptionHandler((c, r) -> {
            g.exceptions.add(r);
            return r.kind() == ExceptionClass.HOST_CALL ? Resolution.stop() : Resolution.next();
        });
        g.run();
        assertThat(g.exceptions).extracting(ExceptionRecord::kind).containsExactly(ExceptionClass.SVC, ExceptionClass.BRK,
                ExceptionClass.UNDEFINED, ExceptionClass.HOST_CALL);
        assertThat(g.exceptions.get(0).esr()).isEqualTo((0x15L << 26) | (1 << 25) | 0x42);
        assertThat(g.exceptions.get(0).immediate()).isEqualTo(0x42);
        assertThat(g.exceptions.get(1).pc()).isEqualTo(GuestLoader.TEXT + 4);
    }

    @Test
    void branchToUntaggedCapabilityFaultsAtTheNextFetch() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    clrtag c1, c30
                    br c1
                    hlt #0
                """);
        g.cpu.setC(30, g.cpu.pcc().setValue(GuestLoader.TEXT + 9));
        g.run();
        ExceptionRecord e = g.lastException();
        assertThat(e.kind()).isEqualTo(ExceptionClass.INSTRUCTION_ABORT);
        assertThat(e.faultStatus()).isEqualTo(0x28);
        assertThat(e.pc()).isEqualTo(GuestLoader.TEXT + 8);
    }

    @Test
    void sentryIsUnsealedByBlr() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    seal c1, c1, rb
                    blr c1
                    hlt #0
                f:  mov x0, #9
                    hlt #2
                    ret c30
                """);
        g.cpu.setC(1, g.cpu.pcc().setValue(GuestLoader.TEXT + 12 + 1));
        g.run();
        assertThat(g.reported).containsExactly(9L);
        assertThat(g.cpu.pcc().isSealed()).isFalse();
    }

    @Test
    void sameProgramSameCycles() {
        String src = """
                .text
                _start:
                    mov x1, #1000
                1:  str c1, [csp, #-16]!
                    ldr c2, [csp], #16
                    subs x1, x1, #1
                    b.ne 1b
                    hlt #0
                """;
        GuestLoader a = new GuestLoader(src);
        GuestLoader b = new GuestLoader(src);
        RunResult ra = a.run();
        RunResult rb = b.run();
        assertThat(ra.cycles()).isEqualTo(rb.cycles()).isPositive();
        assertThat(ra.instructions()).isEqualTo(rb.instructions()).isEqualTo(4001);
    }

    @Test
    void runControlStepsBreakpointsAndCycleLimits() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    mov x1, #50
                1:  subs x1, x1, #1
                    b.ne 1b
                done:
                    hlt #0
                """);
        assertThat(g.cpu.step().instructions()).isEqualTo(1);
        assertThat(g.cpu.x(1)).isEqualTo(50);
        g.cpu.setBreakpoints(g.image.address("done"));
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(r.pc()).isEqualTo(g.image.address("done"));
        assertThat(g.cpu.x(1)).isZero();
        g.cpu.setBreakpoints();
        assertThat(g.run().reason()).isEqualTo(StopReason.STOPPED);

        GuestLoader c = new GuestLoader("""
                .text
                _start:
                1:  b 1b
                """);
        long limit = c.cpu.core().cycles().cycles() + 1000;
        RunResult rc = c.cpu.runUntilCycles(limit);
        assertThat(rc.reason()).isEqualTo(StopReason.CYCLE_LIMIT);
        assertThat(c.cpu.core().cycles().cycles()).isGreaterThanOrEqualTo(limit);
        assertThat(c.cpu.run(10).reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
    }

    @Test
    void watchpointStopsAfterTheAccess() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    stur c0, [csp, #-32]
                    stur c0, [csp, #-16]
                    hlt #0
                """);
        g.cpu.addWatchpoint(new Watchpoint(GuestLoader.STACK_TOP - 16, 16, false, true));
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.WATCHPOINT);
        assertThat(r.address()).isEqualTo(GuestLoader.STACK_TOP - 16);
        assertThat(r.instructions()).isEqualTo(2);
    }

    @Test
    void capinitFunctionPointerIsASentryCalledThroughMemory() {
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    ldr c1, [c0]
                    blr c1
                    hlt #2
                    adr c2, f
                    adrp c3, f
                    hlt #0
                .type f, %function
                f:  mov x0, #77
                    ret c30
                .size f, 8
                .data
                .balign 16
                slot: .chericap f
                """);
        // PCC covers .text only (as a purecap kernel would), so data is reached through a data capability
        g.cpu.setC(0, g.dataCap(g.image.address("slot"), 16));
        g.run();
        assertThat(g.lastException().kind()).as(g.lastException().toString()).isEqualTo(ExceptionClass.HOST_CALL);
        assertThat(g.reported).containsExactly(77L);
        assertThat(g.cpu.c(1).isSentry()).isTrue();
        // ADR/ADRP derive from PCC
        assertThat(g.cpu.c(2).value()).isEqualTo(g.image.address("f"));
        assertThat(g.cpu.c(2).isTagged()).isTrue();
        assertThat(g.cpu.c(2).base()).isEqualTo(g.cpu.pcc().base());
        assertThat(g.cpu.c(3).value()).isEqualTo(g.image.address("f") & ~0xFFFL);
    }
}
