package org.uforklab.lab;

import org.uforklab.lab.display.Hex;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.PageAttributes;

/**
 * A translation table entry as the walk for {@code va} found it: the last descriptor read (the leaf when the
 * address is mapped, otherwise the invalid entry that ended the walk).
 *
 * @param va           the address looked up
 * @param level        the table level of the entry (0..3)
 * @param descriptorPa where the entry lives in physical memory
 * @param descriptor   the 64-bit descriptor
 */
public record Pte(long va, int level, long descriptorPa, long descriptor) {

    /** True for a valid page or block descriptor. */
    public boolean isLeaf() {
        return Descriptor.isLeaf(descriptor, level);
    }

    /** The output address field (the frame of a page, the next table of a table descriptor). */
    public long outputAddress() {
        return Descriptor.outputAddress(descriptor);
    }

    /** The decoded attributes of a leaf. */
    public PageAttributes attributes() {
        return PageAttributes.fromDescriptor(descriptor);
    }

    /** The descriptor as a {@link Hex} (for tables). */
    public Hex bits() {
        return Hex.of(descriptor);
    }

    /** {@code PTE VA 0x420000: L3 [0x000080003100] 0x3060000081005703 page -> 0x81005000 EL1:RW ...}. */
    @Override
    public String toString() {
        return String.format("PTE VA 0x%x: L%d [0x%012x] %s", va, level, descriptorPa, Descriptor.describe(descriptor, level));
    }
}
