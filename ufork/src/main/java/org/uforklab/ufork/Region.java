package org.uforklab.ufork;

/**
 * A contiguous virtual range a µprocess lives in: the source or destination of a relocation.
 *
 * @param base first address
 * @param size bytes
 */
public record Region(long base, long size) {

    /** Validates. */
    public Region {
        if (size <= 0) {
            throw new IllegalArgumentException("region size must be positive, got " + size);
        }
    }

    /** End (exclusive). */
    public long end() {
        return base + size;
    }

    /** Whether {@code va} is inside. */
    public boolean contains(long va) {
        return Long.compareUnsigned(va - base, size) < 0;
    }

    @Override
    public String toString() {
        return String.format("[0x%x, 0x%x)", base, end());
    }
}
