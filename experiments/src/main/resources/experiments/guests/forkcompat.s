// fork_or_enosys: "sys fork" once the kernel has fork (the prelude then defines SYS_fork); before that,
// X0 = -ENOSYS, so these guests assemble and run, and report that fork is missing.
        .macro fork_or_enosys
.ifdef SYS_fork
        sys     fork
.else
        mov     x0, #-ENOSYS
.endif
        .endm
        // the exit code of a guest that needed fork and found none
        .equ EXIT_NO_FORK, 38
