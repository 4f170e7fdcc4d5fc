package org.uforklab.sasos.image;

import org.uforklab.sasos.syscall.Sys;

/**
 * The source every guest file is assembled with first (see
 * {@link org.uforklab.machine.asm.Assembler#withPrelude}): the system-call numbers ({@code SYS_write} ...), flag
 * constants, and the {@code sys NAME} macro, which calls the entry of the µprocess's system-call table.
 *
 * <p>Guest ABI: the thread pointer CTPIDR_EL0 points at the thread's TLS block, whose first capabilities are
 * {@code [0]} the heap capability, {@code [16]} the system-call table capability (read-only, each entry a
 * sealed entry capability), {@code [32]} the thread id. Arguments go in C0–C5, the result comes back in X0
 * (negative errno on failure); the macro clobbers C16 and C30, everything else is preserved.
 */
public final class Prelude {
    private Prelude() {
    }

    /** Offset of the heap capability in the TLS block. */
    public static final int TLS_HEAP = 0;
    /** Offset of the system-call table capability in the TLS block. */
    public static final int TLS_SYSCALLS = 16;
    /** Offset of the thread id in the TLS block. */
    public static final int TLS_TID = 32;
    /** Bytes of TLS per thread. */
    public static final int TLS_SIZE = 256;

    /** The prelude's source text. */
    public static String source() {
        StringBuilder sb = new StringBuilder("// uforklab guest prelude\n");
        for (Sys s : Sys.values()) {
            sb.append(".equ SYS_").append(s.cName()).append(", ").append(s.number()).append('\n');
        }
        sb.append("""
                .equ O_RDONLY, 0
                .equ O_WRONLY, 1
                .equ O_RDWR, 2
                .equ O_CREAT, 0x40
                .equ O_TRUNC, 0x200
                .equ O_APPEND, 0x400
                .equ SEEK_SET, 0
                .equ SEEK_CUR, 1
                .equ SEEK_END, 2
                .equ WNOHANG, 1
                .equ SIGKILL, 9
                .equ SIGTERM, 15
                .equ PROT_READ, 1
                .equ PROT_WRITE, 2
                .equ MAP_PRIVATE, 2
                .equ MAP_ANONYMOUS, 0x20
                .equ TLS_HEAP, 0
                .equ TLS_SYSCALLS, 16
                .equ TLS_TID, 32
                .equ EBADF, 9
                .equ ECHILD, 10
                .equ EFAULT, 14
                .equ EINVAL, 22
                .equ ENOENT, 2
                .equ ENOSYS, 38
                .macro sys name
                    mrs c16, ctpidr_el0
                    ldr c16, [c16, #TLS_SYSCALLS]
                    ldr c16, [c16, #(SYS_\\name * 16)]
                    blr c16
                .endm
                // fail CODE: exit(CODE) -- used by test guests to report which check failed
                .macro fail code
                    mov x0, #\\code
                    sys exit
                .endm
                .text
                """);
        return sb.toString();
    }

    /**
     * Wrappers for the trap personality, {@code __sys_trap_N: mov x8, #N; svc #0; ret c30}: the source of the
     * image's runtime object. Global, so the kernel finds them by name in any image.
     */
    public static String trapWrappers() {
        StringBuilder sb = new StringBuilder("\n.text\n.balign 4\n");
        for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
            sb.append(".global __sys_trap_").append(n).append("\n.type __sys_trap_").append(n).append(", @function\n");
            sb.append("__sys_trap_").append(n).append(":\n    mov x8, #").append(n).append("\n    svc #0\n    ret c30\n");
        }
        return sb.toString();
    }
}
