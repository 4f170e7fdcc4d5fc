// fault_bounds: reads one byte past a 16-byte heap object: a capability bound fault kills it.
        .text
        .global _start
_start:
        mov     x0, #16
        bl      malloc
        ldrb    w1, [c0, #16]
        mov     x0, #0
        sys     exit
