package org.uforklab.sasos.syscall;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * One system call in progress: who called, on which core, with which arguments (C0–C5 as the caller's
 * capabilities; their values are the integer arguments).
 *
 * @param kernel  the kernel
 * @param cpu     the caller's core
 * @param thread  the calling thread
 * @param call    the call
 * @param memory  the caller's memory as the isolation level lets the kernel see it
 */
public record SyscallContext(Kernel kernel, Cpu cpu, GuestThread thread, Sys call, UserMemory memory) {

    /** Argument {@code i} as a capability. */
    public Capability cap(int i) {
        return cpu.c(i);
    }

    /** Argument {@code i} as an integer. */
    public long arg(int i) {
        return cpu.x(i);
    }

    /** The caller's µprocess. */
    public MicroProcess process() {
        return thread.process();
    }

    /** The caller's core clock. */
    public long now() {
        return cpu.core().cycles().cycles();
    }
}
