// hello_fork: the Fig 8 program. Forks once; the child writes "hello from the child" and exits 0; the parent
// waits for it and exits with the child's exit code. Exits EXIT_NO_FORK (38) when the kernel has no fork.
        .rodata
hf_child:   .ascii "hello from the child\n"
        .equ hf_child_len, . - hf_child
        .text
        .global _start
_start:
        sub     csp, csp, #16
        fork_or_enosys
        cmn     x0, #ENOSYS
        b.eq    hf_nofork
        cmp     x0, #0
        b.lt    hf_fail
        b.eq    hf_child_main
        mov     x19, x0
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x19
        b.ne    hf_fail
        ldr     w0, [csp]
        lsr     w0, w0, #8                  // WEXITSTATUS
        sys     exit
hf_child_main:
        mov     x0, #1
        adrp    c1, hf_child
        add     c1, c1, #:lo12:hf_child
        mov     x2, #hf_child_len
        sys     write
        mov     x0, #0
        sys     exit
hf_nofork:
        mov     x0, #EXIT_NO_FORK
        sys     exit
hf_fail:
        mov     x0, #1
        sys     exit
