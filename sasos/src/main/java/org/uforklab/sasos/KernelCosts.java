package org.uforklab.sasos;

/**
 * Kernel-side costs in cycles, charged to the core that does the work. Each is a model parameter with the
 * reasoning for its default; override with the withers.
 *
 * @param sentryEntry     a system call through a sentry: the BLR to the entry stub, saving the few callee
 *                        registers the handler uses and the return. Unikraft/μFork make syscalls function
 *                        calls; ~20 cycles is a call plus a small prologue/epilogue on Neoverse N1.
 * @param trapEntry       an SVC: exception entry, register spill of the full frame, dispatch. The CPU
 *                        already charges its exception-entry cost; this is the software part (saving 31
 *                        capability registers and restoring them: 62 capability memory accesses, ~150).
 * @param trapReturn      ERET and the pipeline refill after it (~50).
 * @param handlerBase     the fixed part of any handler (dispatch, fd lookup) (~30).
 * @param argumentCheck   checking one pointer argument against its capability (tag, seal, perms, bounds) (~8).
 * @param lockAcquire     taking the big kernel lock uncontended (an atomic and a barrier, ~20).
 * @param contextSwitch   saving and restoring a thread's registers on a core (~200).
 * @param nativeCall      entering and leaving a native (the host-call stub: call and return, ~10).
 * @param perByte         kernel work per byte of file/pipe/console data moved besides the checked access (~0).
 * @param addressSpaceSwitch the software part of switching to another process's address space on a context
 *                        switch (per-process address spaces only): checking the ASID is still valid and
 *                        recording the active ASID per CPU, as arm64 Linux's check_and_switch_context does (~30).
 *                        The TTBR0_EL1 write and the ISB are charged as system instructions by the machine's
 *                        cost model, TLB refills as they happen.
 * @param demandZeroFault the software part of giving a demand-zero page its frame on the first write (find the
 *                        region, take a frame, account it); the PTE writes, the TLBI and the zeroing of a recycled
 *                        frame are charged by the machine (~300).
 */
public record KernelCosts(long sentryEntry, long trapEntry, long trapReturn, long handlerBase, long argumentCheck,
        long lockAcquire, long contextSwitch, long nativeCall, long perByte, long addressSpaceSwitch, long demandZeroFault) {

    /** Validates that no cost is negative. */
    public KernelCosts {
        for (long c : new long[] {sentryEntry, trapEntry, trapReturn, handlerBase, argumentCheck, lockAcquire,
                contextSwitch, nativeCall, perByte, addressSpaceSwitch, demandZeroFault}) {
            if (c < 0) {
                throw new IllegalArgumentException("kernel costs cannot be negative: " + c);
            }
        }
    }

    /** The defaults explained above. */
    public static KernelCosts defaults() {
        return new KernelCosts(20, 200, 50, 250, 8, 20, 480, 10, 0, 85, 300);
    }

    /** Copy with another sentry-entry cost. */
    public KernelCosts withSentryEntry(long c) {
        return new KernelCosts(c, trapEntry, trapReturn, handlerBase, argumentCheck, lockAcquire, contextSwitch, nativeCall, perByte, addressSpaceSwitch, demandZeroFault);
    }

    /** Copy with another trap-entry cost. */
    public KernelCosts withTrapEntry(long c) {
        return new KernelCosts(sentryEntry, c, trapReturn, handlerBase, argumentCheck, lockAcquire, contextSwitch, nativeCall, perByte, addressSpaceSwitch, demandZeroFault);
    }

    /** Copy with another argument-check cost. */
    public KernelCosts withArgumentCheck(long c) {
        return new KernelCosts(sentryEntry, trapEntry, trapReturn, handlerBase, c, lockAcquire, contextSwitch, nativeCall, perByte, addressSpaceSwitch, demandZeroFault);
    }

    /** Copy with another address-space switch cost. */
    public KernelCosts withAddressSpaceSwitch(long c) {
        return new KernelCosts(sentryEntry, trapEntry, trapReturn, handlerBase, argumentCheck, lockAcquire, contextSwitch, nativeCall, perByte, c, demandZeroFault);
    }

    /** Copy with another fixed handler cost. */
    public KernelCosts withHandlerBase(long c) {
        return new KernelCosts(sentryEntry, trapEntry, trapReturn, c, argumentCheck, lockAcquire, contextSwitch, nativeCall, perByte, addressSpaceSwitch, demandZeroFault);
    }

    /** Copy with another context-switch cost. */
    public KernelCosts withContextSwitch(long c) {
        return new KernelCosts(sentryEntry, trapEntry, trapReturn, handlerBase, argumentCheck, lockAcquire, c, nativeCall, perByte, addressSpaceSwitch, demandZeroFault);
    }

    /** Copy with another demand-zero fault cost. */
    public KernelCosts withDemandZeroFault(long c) {
        return new KernelCosts(sentryEntry, trapEntry, trapReturn, handlerBase, argumentCheck, lockAcquire, contextSwitch, nativeCall, perByte, addressSpaceSwitch, c);
    }
}
