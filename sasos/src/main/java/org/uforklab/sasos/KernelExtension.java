package org.uforklab.sasos;

import org.uforklab.machine.Core;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.syscall.Errno;
import org.uforklab.sasos.syscall.SyscallContext;

/**
 * What a subsystem layered on the kernel (μFork) plugs in: the fork system call, a resolver for memory faults
 * on pages it manages (copy-on-access / copy-on-pointer-access), and a say before a reaped µprocess's region is
 * unmapped (frames it shares must not be freed with it). The kernel works unchanged without one.
 */
public interface KernelExtension {

    /** The fork system call: the child's pid for the parent (the child returns 0 on its own), or -errno. */
    default long fork(SyscallContext ctx) {
        return Errno.ENOSYS.neg();
    }

    /**
     * A memory fault taken on {@code core} (by guest code, a native, or the kernel touching user memory for a
     * system call). Returns true when it fixed the cause, so the access is retried; false lets the kernel
     * treat the fault as the guest's (kill, or EFAULT for a system call).
     */
    default boolean resolveFault(Core core, ArchitecturalFault fault) {
        return false;
    }

    /** Called when {@code p} is reaped, before its region is unmapped and its frames freed. */
    default void beforeUnload(MicroProcess p) {
    }

    /** The extension that adds nothing. */
    KernelExtension NONE = new KernelExtension() {
    };
}
