// fork_hello: forks once; the child prints a line and exits 7; the parent waits for it, checks the status,
// prints its own line and exits 0 (else the failing check's number).
        .rodata
cmsg:   .ascii  "hello from the child\n"
        .equ    cmsglen, . - cmsg
pmsg:   .ascii  "hello from the parent\n"
        .equ    pmsglen, . - pmsg
        .text
        .global _start
_start:
        sub     csp, csp, #32
        sys     fork
        cmp     x0, #0
        b.lt    f1
        b.eq    child
        mov     x19, x0
        mov     x0, x19
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x19
        b.ne    f2
        ldr     w1, [csp]
        mov     w2, #(7 << 8)
        cmp     w1, w2
        b.ne    f3
        mov     x0, #1
        adrp    c1, pmsg
        add     c1, c1, #:lo12:pmsg
        mov     x2, #pmsglen
        sys     write
        mov     x0, #0
        sys     exit
child:
        mov     x0, #1
        adrp    c1, cmsg
        add     c1, c1, #:lo12:cmsg
        mov     x2, #cmsglen
        sys     write
        mov     x0, #7
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
