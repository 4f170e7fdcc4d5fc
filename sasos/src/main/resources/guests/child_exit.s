// child_exit: exits with 42 (spawned by sys_proc).
        .text
        .global _start
_start:
        mov     x0, #42
        sys     exit
