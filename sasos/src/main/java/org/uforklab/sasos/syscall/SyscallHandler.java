package org.uforklab.sasos.syscall;

/** Serves system calls; decorators (strace) wrap another handler. */
@FunctionalInterface
public interface SyscallHandler {
    /** The caller must block and retry the call when woken (its arguments are still in its registers). */
    long BLOCK = Long.MIN_VALUE;
    /** The calling thread does not return (exit, thread_exit, killed itself). */
    long NO_RETURN = Long.MIN_VALUE + 1;

    /** The result for X0 ({@code -errno} on failure), or {@link #BLOCK} / {@link #NO_RETURN}. */
    long handle(SyscallContext ctx);
}
