// sys_basic: getpid, getppid, sched_yield, clock_gettime, nanosleep, argument checks, ENOSYS.
// Exits 0 when every check passes, else the number of the first failing check.
        .text
        .global _start
_start:
        sys     getpid
        cmp     x0, #1
        b.lt    f1
        sys     getppid
        cbnz    x0, f2                  // launched by the kernel: parent 0
        sys     sched_yield
        cbnz    x0, f3
        sub     csp, csp, #64
        mov     x0, #1                  // CLOCK_MONOTONIC
        mov     c1, csp
        sys     clock_gettime
        cbnz    x0, f4
        ldr     x20, [csp]
        ldr     x21, [csp, #8]
        movz    x0, #0x4240
        movk    x0, #0xf, lsl #16       // 1 000 000 ns
        sys     nanosleep
        cbnz    x0, f5
        mov     x0, #1
        add     c1, csp, #16
        sys     clock_gettime
        ldr     x22, [csp, #16]
        ldr     x23, [csp, #24]
        sub     x22, x22, x20
        movz    x24, #0xca00
        movk    x24, #0x3b9a, lsl #16   // 1e9
        mul     x22, x22, x24
        sub     x23, x23, x21
        add     x22, x22, x23           // elapsed ns
        movz    x24, #0x4240
        movk    x24, #0xf, lsl #16
        cmp     x22, x24
        b.lt    f6
        mov     x0, #77                 // not an open descriptor
        mov     c1, csp
        mov     x2, #1
        sys     write
        cmn     x0, #EBADF
        b.ne    f7
        mov     x0, #1
        mov     x1, #0                  // an integer, not a capability
        mov     x2, #4
        sys     write
        cmn     x0, #EFAULT
        b.ne    f8
        mrs     c16, ctpidr_el0         // an unused slot of the table
        ldr     c16, [c16, #TLS_SYSCALLS]
        ldr     c16, [c16, #(30 * 16)]
        blr     c16
        cmn     x0, #ENOSYS
        b.ne    f10
        mov     x0, #0
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
f4:     fail    4
f5:     fail    5
f6:     fail    6
f7:     fail    7
f8:     fail    8
f10:    fail    10
