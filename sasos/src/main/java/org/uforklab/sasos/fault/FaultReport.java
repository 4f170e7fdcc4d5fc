package org.uforklab.sasos.fault;

import org.uforklab.machine.cap.Capability;

/**
 * Why a guest was killed, in terms a reader can check against the architecture.
 *
 * @param pid         the µprocess
 * @param tid         the thread
 * @param kind        e.g. "data abort", "undefined instruction", "bad system-call arguments"
 * @param pc          the faulting instruction's address
 * @param instruction its disassembly (or a description for kernel-detected faults)
 * @param dfsc        the fault status code (DFSC/IFSC), or -1
 * @param far         the faulting address, or 0
 * @param capability  the capability involved (the base register of the access, PCC for fetches), or null
 * @param signal      the signal the guest was killed with
 * @param detail      the fault's own message
 */
public record FaultReport(int pid, int tid, String kind, long pc, String instruction, int dfsc, long far,
        Capability capability, int signal, String detail) {

    /** The DFSC's architectural name (Morello adds 0x28..0x2C). */
    public static String dfscName(int dfsc) {
        if (dfsc < 0) {
            return "-";
        }
        return switch (dfsc) {
            case 0x04, 0x05, 0x06, 0x07 -> "translation fault, level " + (dfsc & 3);
            case 0x09, 0x0A, 0x0B -> "access flag fault, level " + (dfsc & 3);
            case 0x0D, 0x0E, 0x0F -> "permission fault, level " + (dfsc & 3);
            case 0x21 -> "alignment fault";
            case 0x28 -> "capability tag fault";
            case 0x29 -> "capability sealed fault";
            case 0x2A -> "capability bound fault";
            case 0x2B -> "capability permission fault";
            case 0x2C -> "capability page fault (LC/SC)";
            default -> String.format("fault 0x%02x", dfsc);
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("µprocess %d thread %d killed by %s: %s%n", pid, tid,
                org.uforklab.sasos.proc.Signals.name(signal), kind));
        sb.append(String.format("  pc          0x%x: %s%n", pc, instruction));
        if (dfsc >= 0) {
            sb.append(String.format("  fsc         0x%02x (%s)%n", dfsc, dfscName(dfsc)));
            sb.append(String.format("  address     0x%x%n", far));
        }
        if (capability != null) {
            sb.append("  capability  ").append(capability).append('\n');
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append("  detail      ").append(detail).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
