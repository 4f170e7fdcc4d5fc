// hello: writes a greeting to the console and exits with 0.
        .rodata
msg:    .ascii "hello, world\n"
        .equ msglen, . - msg

        .text
        .global _start
_start:
        mov     x0, #1
        adrp    c1, msg
        add     c1, c1, #:lo12:msg
        mov     x2, #msglen
        sys     write
        mov     x0, #0
        sys     exit
