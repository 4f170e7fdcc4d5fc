// fault_undef: executes an undefined instruction.
        .text
        .global _start
_start:
        nop
        .word   0
        mov     x0, #0
        sys     exit
