package org.uforklab.sasos.syscall;

import java.util.Arrays;
import java.util.Optional;

/**
 * The system calls, with their numbers (the index in a µprocess's system-call table, and X8 for the trap
 * personality) and how strace prints their arguments: {@code i} integer, {@code p} pointer, {@code s} C string,
 * {@code b} buffer whose length is the next argument.
 */
public enum Sys {
    EXIT(0, "i"),
    GETPID(1, ""),
    GETPPID(2, ""),
    SCHED_YIELD(3, ""),
    /** nanosleep(ns): sleeps for ns nanoseconds of emulated time (a number, not a timespec, to keep guests small). */
    NANOSLEEP(4, "i"),
    /** clock_gettime(clock, struct timespec *ts): ts = {seconds, nanoseconds} of emulated time. */
    CLOCK_GETTIME(5, "ip"),
    READ(6, "ipi"),
    WRITE(7, "ibi"),
    OPEN(8, "sii"),
    CLOSE(9, "i"),
    LSEEK(10, "iii"),
    UNLINK(11, "s"),
    /** stat(path, struct stat *st): st = {u64 st_ino, u64 st_size, u32 st_mode, u32 st_nlink}. */
    STAT(12, "sp"),
    /** pipe(int fds[2]). */
    PIPE(13, "p"),
    DUP(14, "i"),
    DUP2(15, "ii"),
    /** mmap(addr hint ignored, len, prot, flags): anonymous only; returns a capability bounded to the mapping. */
    MMAP(16, "piii"),
    /** munmap(cap, len): the capability must cover the range. */
    MUNMAP(17, "pi"),
    /** heap_grow(bytes): extends the mapped heap inside the region; returns the new heap end (an address). */
    HEAP_GROW(18, "i"),
    KILL(19, "ii"),
    /** waitpid(pid, int *status, options): pid -1 for any child; options WNOHANG. */
    WAITPID(20, "ipi"),
    /** spawn(name): starts a new µprocess from a registered image, child of the caller; returns its pid. */
    SPAWN(21, "s"),
    /** thread_create(entry sentry/capability, arg): a new thread in the caller's µprocess; returns its tid. */
    THREAD_CREATE(22, "pi"),
    /** thread_join(tid): waits for a thread of the caller's µprocess to exit; returns its exit value. */
    THREAD_JOIN(23, "i"),
    /** thread_exit(value): ends the calling thread (the µprocess ends with its last thread). */
    THREAD_EXIT(24, "i"),
    /** gettid(). */
    GETTID(25, ""),
    /** fork(): a copy of the caller in a new µprocess; the parent gets the child's pid, the child 0 (ENOSYS without μFork). */
    FORK(26, ""),
    /**
     * accept(fd): takes the next connection that has arrived on the listening socket {@code fd} and returns a new
     * descriptor for it; blocks while none has (ENOTSOCK if {@code fd} is not a listener, EINVAL once it is shut down).
     */
    ACCEPT(27, "i");

    /** Size of a system-call table (entries; the rest are unused sentries to ENOSYS). */
    public static final int TABLE_ENTRIES = 32;

    private final int number;
    private final String argKinds;

    Sys(int number, String argKinds) {
        this.number = number;
        this.argKinds = argKinds;
    }

    /** The call number. */
    public int number() {
        return number;
    }

    /** Argument kinds for strace ({@code i}, {@code p}, {@code s}, {@code b}). */
    public String argKinds() {
        return argKinds;
    }

    /** The name as in C. */
    public String cName() {
        return name().toLowerCase();
    }

    /** The call with this number. */
    public static Optional<Sys> of(int n) {
        return Arrays.stream(values()).filter(s -> s.number == n).findFirst();
    }
}
