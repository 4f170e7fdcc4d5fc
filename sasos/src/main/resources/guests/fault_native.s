// fault_native: memset beyond a 16-byte object: the native faults with the caller's capability.
        .text
        .global _start
_start:
        mov     x0, #16
        bl      malloc
        mov     w1, #0
        mov     x2, #32
        bl      memset
        mov     x0, #0
        sys     exit
