// Macros, repetitions, conditionals and local labels.
        .macro  sum from=0, to=5
        .long   \from
        .if     \to-\from
        sum     "(\from+1)",\to
        .endif
        .endm

        .macro  pair a, b=7, c:req
        .byte   \a, \b, \c
        .endm

        .macro  rest first, others:vararg
        .byte   \first
        .ifnb   \others
        .byte   \others
        .endif
        .endm

        .macro  named base
\base\()_lbl:
        .byte   \@
        .endm

        .data
        sum     0, 5
        pair    1, 2, 3
        pair    4,, 5
        pair    c=9, a=8
        rest    1
        rest    2, 3, 4
        named   one
        named   two
        .rept   3
        .byte   0xee
        .endr
        .irp    r, 5, 6, 7
        .byte   \r * 2
        .endr
        .irpc   c, 123
        .byte   \c
        .endr
        .set    i, 0
        .rept   5
        .byte   i * i
        .set    i, i + 1
        .endr
        .ifdef  i
        .byte   100
        .else
        .byte   101
        .endif
        .if     i == 4
        .byte   102
        .elseif i == 5
        .byte   103
        .endif
        .ifc    abc, abc
        .byte   104
        .endif
1:      .byte   . - 1b
0:      .byte   0b - 1b, 1f - 0b
1:      .byte   1b - 0b, 2f - .
2:
