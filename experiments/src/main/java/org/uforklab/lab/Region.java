package org.uforklab.lab;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mmu.PageAttributes;

/**
 * Pages a {@link Lab} mapped: {@code length} bytes of virtual addresses from {@code va} onto consecutive
 * frames from {@code pa}.
 *
 * @param va         first virtual address (4 KiB aligned)
 * @param pa         first physical address
 * @param length     bytes (a multiple of 4 KiB)
 * @param attributes the page attributes of every page
 */
public record Region(long va, long pa, long length, PageAttributes attributes) {

    /** The number of 4 KiB pages. */
    public long pages() {
        return length >>> 12;
    }

    /** One past the last virtual address. */
    public long end() {
        return va + length;
    }

    /**
     * A capability for this region, derived from the root: value {@code va}, bounds set to {@code length}
     * bytes (SCBNDS semantics: bounds round outwards when the length is not exactly representable).
     */
    public Capability cap() {
        return Capability.root().setValue(va).setBounds(length);
    }

    @Override
    public String toString() {
        return String.format("VA 0x%x-0x%x -> PA 0x%x-0x%x (%d page%s) %s", va, end() - 1, pa, pa + length - 1, pages(),
                pages() == 1 ? "" : "s", attributes);
    }
}
