package org.uforklab.sasos.natives;

import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.proc.GuestThread;

/**
 * A native call in progress: the caller's registers are the arguments (C0–C7) and memory is reached only
 * through the caller's core's checked access path with capabilities the caller holds.
 *
 * @param kernel the kernel (for heap growth)
 * @param cpu    the caller's core
 * @param thread the caller
 */
public record NativeContext(Kernel kernel, Cpu cpu, GuestThread thread) {

    /** Argument {@code i} as a capability. */
    public Capability cap(int i) {
        return cpu.c(i);
    }

    /** Argument {@code i} as an integer. */
    public long arg(int i) {
        return cpu.x(i);
    }

    /** The checked access path. */
    public CheckedAccess access() {
        return cpu.core().access();
    }

    /** Returns a capability in C0. */
    public void returnCap(Capability c) {
        cpu.setC(0, c);
    }

    /** Returns an integer in X0. */
    public void returnInt(long v) {
        cpu.setX(0, v);
    }
}
