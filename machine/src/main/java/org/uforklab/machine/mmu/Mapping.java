package org.uforklab.machine.mmu;

/**
 * One leaf of a translation table: a page or block mapping.
 *
 * @param va           first virtual address
 * @param pa           first physical address
 * @param size         bytes mapped (4 KiB, 2 MiB or 1 GiB)
 * @param level        the level of the leaf descriptor
 * @param descriptor   the descriptor
 * @param descriptorPa where the descriptor lives
 */
public record Mapping(long va, long pa, long size, int level, long descriptor, long descriptorPa) {

    /** The decoded attributes. */
    public PageAttributes attributes() {
        return PageAttributes.fromDescriptor(descriptor);
    }

    @Override
    public String toString() {
        return String.format("VA 0x%016x -> PA 0x%012x %s L%d %s", va, pa, size == 4096 ? "4K" : (size >> 20) + "M",
                level, attributes());
    }
}
