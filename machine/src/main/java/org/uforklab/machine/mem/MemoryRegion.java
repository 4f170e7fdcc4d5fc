package org.uforklab.machine.mem;

/**
 * One range of physical addresses backed by RAM.
 *
 * @param name a label for printouts (e.g. "DRAM0")
 * @param base the first physical address (4 KiB aligned)
 * @param size the size in bytes (a positive multiple of 4 KiB)
 */
public record MemoryRegion(String name, long base, long size) {

    /** Validates alignment and range. */
    public MemoryRegion {
        if (size <= 0 || (size & (PhysicalMemory.FRAME_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("region " + name + ": size " + size + " is not a positive multiple of 4 KiB");
        }
        if (base < 0 || (base & (PhysicalMemory.FRAME_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("region %s: base 0x%x is not a 4 KiB aligned address", name, base));
        }
        if (base + size < base || base + size > PhysicalMap.MAX_PA) {
            throw new IllegalArgumentException(String.format("region %s: [0x%x, +0x%x) exceeds the 48-bit physical space", name, base, size));
        }
    }

    /** One past the last address. */
    public long end() {
        return base + size;
    }

    /** True when {@code [pa, pa+len)} lies inside this region. */
    public boolean contains(long pa, long len) {
        return pa >= base && len >= 0 && pa + len <= base + size && pa + len >= pa;
    }

    @Override
    public String toString() {
        return String.format("%-6s 0x%012x-0x%012x (%s)", name, base, end() - 1, PhysicalMap.humanSize(size));
    }
}
