// Data, strings, alignment and sections.
        .data
d0:     .byte   1
        .balign 4
d1:     .hword  0x1234
        .balign 8, 0xee
d2:     .ascii  "ab\tc\\\"\101\x42", "z"
        .asciz  "hello; world // not a comment"
        .string "/* nor this */"
        .p2align 3
d3:     .space  3
        .space  2, 0x5a
        .zero   4
        .skip   1, 1
        .fill   3, 2, 0x1234
        .fill   2, 8, 0x89abcdef
        .fill   2, 3, -1
        .align  4
d4:     .quad   d4 - d0
        .byte   1 ; .byte 2 ; .byte 3   /* several statements */ ; .byte 4
        .balign 16, 0, 3
        .byte   9
        .section .rodata
r0:     .asciz  "rodata"
        .balign 16
r1:     .word   r1 - r0
        .section .rodata.cst, "aM", @progbits, 8
        .quad   42
        .bss
b0:     .space  13
        .balign 32
b1:     .zero   64
        .section .mybss, "aw", @nobits
        .space  7
        .text
        .byte   1
        .balign 4
