package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.sasos.fault.FaultReport;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Signals;
import org.uforklab.sasos.proc.WaitStatus;

/** Faulting guests are killed with a readable report; the kernel and other µprocesses keep running. */
class GuestFaultTest {

    private static FaultReport runFaulting(String guest, int signal) {
        Kernel k = Kernel.boot();
        MicroProcess bystander = k.launch("sys_files");
        MicroProcess p = k.launch(guest);
        k.run();
        assertThat(p.isDead()).isTrue();
        assertThat(p.waitStatus()).isEqualTo(WaitStatus.signaled(signal));
        assertThat(bystander.exitCode()).as("the other µprocess keeps running: %s", bystander).isEqualTo(0);
        // and the kernel still launches and runs new guests
        MicroProcess after = k.runUntilExit(k.launch("hello"));
        assertThat(after.console()).isEqualTo("hello, world\n");
        System.out.println(p.fault());
        return p.fault();
    }

    @Test
    void capabilityBoundsFault() {
        FaultReport r = runFaulting("fault_bounds", Signals.SIGPROT);
        assertThat(r.dfsc()).isEqualTo(0x2A);
        assertThat(r.instruction()).startsWith("ldrb w1, [c0, #16]");
        assertThat(r.capability().lengthClamped()).isEqualTo(16);
        assertThat(r.far()).isEqualTo(r.capability().base() + 16);
        assertThat(r.toString()).contains("capability bound fault").contains("pc").contains("SIGPROT");
    }

    @Test
    void translationFaultInsideTheRegion() {
        FaultReport r = runFaulting("fault_unmapped", Signals.SIGSEGV);
        assertThat(r.dfsc()).isBetween(0x04, 0x07);
        assertThat(r.toString()).contains("translation fault");
    }

    @Test
    void undefinedInstruction() {
        FaultReport r = runFaulting("fault_undef", Signals.SIGILL);
        assertThat(r.kind()).isEqualTo("undefined instruction");
        assertThat(r.instruction()).isEqualTo(".inst 0x00000000");
    }

    @Test
    void tamperingWithCidIsDetectedAtTheNextSystemCall() {
        FaultReport r = runFaulting("fault_cid", Signals.SIGSYS);
        assertThat(r.kind()).contains("CID_EL0");
    }

    @Test
    void forgedHostCallIntoTheKernelIsRefused() {
        FaultReport r = runFaulting("fault_hostcall", Signals.SIGSYS);
        assertThat(r.kind()).contains("host call #0x100");
    }

    @Test
    void nativeFaultsWithTheCallersCapability() {
        FaultReport r = runFaulting("fault_native", Signals.SIGPROT);
        assertThat(r.dfsc()).isEqualTo(0x2A);
        assertThat(r.detail()).contains("in native memset");
    }
}
