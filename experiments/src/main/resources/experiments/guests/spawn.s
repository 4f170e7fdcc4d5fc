// spawn (Unixbench): ITERATIONS times fork; the child exits at once; the parent yields, then waits for it
// (as the artifact's loop: sfork_exit(0) in the child, yield() + sfork_wait3 in the parent).
// Assembled after a configuration source setting ITERATIONS. Exits 0, or EXIT_NO_FORK (38) without fork,
// or 1 if a fork or wait fails.
        .text
        .global _start
_start:
        sub     csp, csp, #16
        mov     x19, #0
        movz    x20, #(ITERATIONS & 0xffff)
        movk    x20, #((ITERATIONS >> 16) & 0xffff), lsl #16
1:      cmp     x19, x20
        b.hs    3f
        fork_or_enosys
        cmn     x0, #ENOSYS
        b.eq    sp_nofork
        cmp     x0, #0
        b.lt    sp_fail
        b.eq    sp_child
        mov     x21, x0
        sys     sched_yield
        mov     x0, x21
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x21
        b.ne    sp_fail
        add     x19, x19, #1
        b       1b
3:      mov     x0, #0
        sys     exit
sp_child:
        mov     x0, #0
        sys     exit
sp_nofork:
        mov     x0, #EXIT_NO_FORK
        sys     exit
sp_fail:
        mov     x0, #1
        sys     exit
