// context1 (Unixbench): two processes ping-pong an incrementing counter over two pipes until ROUNDTRIPS
// round trips, yielding after each write and read as the artifact does on its cooperative scheduler.
// Assembled after a configuration source setting ROUNDTRIPS. The parent exits 0 when the counter it reads
// back is right every time; EXIT_NO_FORK (38) without fork; 1..4 for a failed pipe, fork, read or value.
        .text
        .global _start
_start:
        sub     csp, csp, #48
        mov     c0, csp
        sys     pipe                        // parent -> child: [csp], [csp+4]
        cbnz    x0, c1_f1
        add     c0, csp, #8
        sys     pipe                        // child -> parent: [csp+8], [csp+12]
        cbnz    x0, c1_f1
        movz    x20, #(ROUNDTRIPS & 0xffff)
        movk    x20, #((ROUNDTRIPS >> 16) & 0xffff), lsl #16
        fork_or_enosys
        cmn     x0, #ENOSYS
        b.eq    c1_nofork
        cmp     x0, #0
        b.lt    c1_f2
        b.eq    c1_child
        // parent: write n, read back n + 1
        mov     x19, #0
1:      cmp     x19, x20
        b.hs    2f
        str     x19, [csp, #16]
        ldr     w0, [csp, #4]
        add     c1, csp, #16
        mov     x2, #8
        sys     write
        sys     sched_yield
        ldr     w0, [csp, #8]
        add     c1, csp, #24
        mov     x2, #8
        sys     read
        cmp     x0, #8
        b.ne    c1_f3
        sys     sched_yield
        ldr     x9, [csp, #24]
        add     x19, x19, #1
        cmp     x9, x19
        b.ne    c1_f4
        b       1b
2:      add     c1, csp, #32
        mov     x0, #-1
        mov     x2, #0
        sys     waitpid
        mov     x0, #0
        sys     exit
c1_child:
        // child: read n, write n + 1
        mov     x19, #0
3:      cmp     x19, x20
        b.hs    4f
        ldr     w0, [csp, #0]
        add     c1, csp, #16
        mov     x2, #8
        sys     read
        cmp     x0, #8
        b.ne    c1_f3
        sys     sched_yield
        ldr     x9, [csp, #16]
        add     x9, x9, #1
        str     x9, [csp, #16]
        ldr     w0, [csp, #12]
        add     c1, csp, #16
        mov     x2, #8
        sys     write
        sys     sched_yield
        add     x19, x19, #1
        b       3b
4:      mov     x0, #0
        sys     exit
c1_nofork:
        mov     x0, #EXIT_NO_FORK
        sys     exit
c1_f1:  fail    1
c1_f2:  fail    2
c1_f3:  fail    3
c1_f4:  fail    4
