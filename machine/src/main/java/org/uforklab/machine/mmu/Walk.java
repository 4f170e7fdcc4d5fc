package org.uforklab.machine.mmu;

import java.util.List;
import org.uforklab.machine.fault.FaultKind;

/**
 * The record of one stage-1 table walk, for users: each descriptor read, and either the output address
 * with the leaf's attributes or the fault the walk would raise. Produced by {@link Mmu#walk(long)}, which
 * neither uses nor fills the TLB and charges nothing.
 *
 * @param va         the input address
 * @param ttbr1      true when VA[55] selected TTBR1
 * @param steps      the descriptors read, by level
 * @param fault      the fault, or null if the walk reached a valid leaf with AF=1
 * @param faultLevel the level of the fault (or -1)
 * @param pa         the output address (valid when {@code fault == null})
 * @param leaf       the leaf descriptor (0 if none)
 */
public record Walk(long va, boolean ttbr1, List<Step> steps, FaultKind fault, int faultLevel, long pa, long leaf) {

    /** One descriptor read. */
    public record Step(int level, long descriptorPa, long descriptor) {
        @Override
        public String toString() {
            return String.format("L%d [0x%012x] %s", level, descriptorPa, Descriptor.describe(descriptor, level));
        }
    }

    /** True if the walk reached a page or block. */
    public boolean translated() {
        return fault == null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("walk VA 0x%016x via TTBR%d%n", va, ttbr1 ? 1 : 0));
        for (Step s : steps) {
            sb.append("  ").append(s).append('\n');
        }
        if (fault == null) {
            sb.append(String.format("  => PA 0x%012x %s", pa, PageAttributes.fromDescriptor(leaf)));
        } else {
            sb.append(String.format("  => %s fault at level %d (DFSC 0x%02X)", fault.description(), faultLevel,
                    fault.dfsc(fault.isLevelled() ? faultLevel : 0)));
        }
        return sb.toString();
    }
}
