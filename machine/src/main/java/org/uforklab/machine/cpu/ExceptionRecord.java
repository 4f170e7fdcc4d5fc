package org.uforklab.machine.cpu;

import org.uforklab.machine.fault.ArchitecturalFault;

/**
 * One synchronous exception, as the kernel's handler sees it.
 *
 * @param kind      what happened
 * @param esr       the ESR_ELx value (EC, IL, ISS; for aborts the DFSC/IFSC in ISS[5:0] and WnR)
 * @param far       the faulting virtual address (aborts and watchpoint-free alignment faults), else 0
 * @param pc        the address of the instruction that took the exception
 * @param immediate the 16-bit immediate of SVC/BRK/HLT, else 0
 * @param word      the instruction word when it was fetched, else 0
 * @param fault     the memory-side fault for aborts, else null
 * @param detail    a human-readable reason (why an instruction is undefined, the fault text...)
 */
public record ExceptionRecord(ExceptionClass kind, long esr, long far, long pc, int immediate, int word,
        ArchitecturalFault fault, String detail) {

    /** The ISS field of the ESR. */
    public int iss() {
        return (int) (esr & 0x1FF_FFFF);
    }

    /** The fault status code (DFSC/IFSC, ISS[5:0]) of an abort, or -1. */
    public int faultStatus() {
        return fault == null ? -1 : fault.dfsc();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase().replace('_', ' '));
        sb.append(String.format(" at pc 0x%x, esr 0x%x", pc, esr));
        if (fault != null) {
            sb.append(String.format(", far 0x%x, fsc 0x%02x", far, fault.dfsc()));
        }
        if (kind == ExceptionClass.SVC || kind == ExceptionClass.BRK || kind == ExceptionClass.HOST_CALL) {
            sb.append(String.format(", #0x%x", immediate));
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
