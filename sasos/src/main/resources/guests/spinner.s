// spinner: yields forever until killed (spawned by sys_proc).
        .text
        .global _start
_start:
        sys     sched_yield
        b       _start
