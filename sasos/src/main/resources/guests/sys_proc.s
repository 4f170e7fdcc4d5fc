// sys_proc: spawn, waitpid (blocking and WNOHANG), kill with SIGTERM and SIGKILL and their wait statuses,
// ECHILD, ESRCH, EINVAL. Exits 0 when every check passes, else the failing check's number.
        .rodata
child:  .asciz  "child_exit"
spin:   .asciz  "spinner"
        .text
        .global _start
_start:
        sub     csp, csp, #32
        adrp    c0, child
        add     c0, c0, #:lo12:child
        sys     spawn
        cmp     x0, #1
        b.le    f1
        mov     x19, x0
        mov     c1, csp
        mov     x2, #0
        sys     waitpid                 // blocks until the child exits
        cmp     x0, x19
        b.ne    f2
        ldr     w1, [csp]
        mov     w2, #(42 << 8)          // WIFEXITED, status 42
        cmp     w1, w2
        b.ne    f3
        adrp    c0, spin
        add     c0, c0, #:lo12:spin
        sys     spawn
        mov     x19, x0
        mov     c1, csp
        mov     x2, #WNOHANG
        sys     waitpid
        cbnz    x0, f4                  // still running
        mov     x0, x19
        mov     x1, #SIGTERM
        sys     kill
        cbnz    x0, f5
        mov     x0, x19
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x19
        b.ne    f6
        ldr     w1, [csp]
        cmp     w1, #SIGTERM            // WIFSIGNALED, SIGTERM
        b.ne    f7
        adrp    c0, spin
        add     c0, c0, #:lo12:spin
        sys     spawn
        mov     x19, x0
        mov     x1, #SIGKILL
        sys     kill
        mov     x0, #-1
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x19
        b.ne    f8
        ldr     w1, [csp]
        cmp     w1, #SIGKILL
        b.ne    f9
        mov     x0, #-1
        mov     c1, csp
        mov     x2, #WNOHANG
        sys     waitpid
        cmn     x0, #ECHILD
        b.ne    f10
        mov     x0, #999
        mov     x1, #SIGKILL
        sys     kill
        cmn     x0, #3                  // ESRCH
        b.ne    f11
        sys     getpid
        mov     x1, #3                  // SIGQUIT: not supported
        sys     kill
        cmn     x0, #EINVAL
        b.ne    f12
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
f9:     fail    9
f10:    fail    10
f11:    fail    11
f12:    fail    12
