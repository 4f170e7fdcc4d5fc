package org.uforklab.sasos;

import java.util.List;
import org.uforklab.sasos.proc.ProcessLayout;

/**
 * What booting did: each init level's steps, and the memory regions with what lives where.
 *
 * @param steps   in order
 * @param regions the memory map after boot
 * @param cycles  cycles the boot core spent
 */
public record BootReport(List<Step> steps, List<Region> regions, long cycles) {

    /** One thing an init level did. */
    public record Step(InitLevel level, String what) {
    }

    /**
     * A region of the single address space.
     *
     * @param name   what it is
     * @param va     first virtual address (or -1 for physical-only regions)
     * @param pa     first physical address (or -1 when scattered)
     * @param size   bytes
     * @param holds  what lives there
     */
    public record Region(String name, long va, long pa, long size, String holds) {
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Boot report\n");
        InitLevel last = null;
        for (Step s : steps) {
            if (s.level() != last) {
                sb.append(String.format("  [%s]%n", s.level().name().toLowerCase()));
                last = s.level();
            }
            sb.append("    ").append(s.what()).append('\n');
        }
        sb.append("  Memory map\n");
        sb.append(String.format("    %-16s %-20s %-16s %10s  %s%n", "region", "virtual", "physical", "size", "holds"));
        for (Region r : regions) {
            sb.append(String.format("    %-16s %-20s %-16s %10s  %s%n", r.name(),
                    r.va() < 0 ? "-" : String.format("0x%x", r.va()), r.pa() < 0 ? "(frames)" : String.format("0x%x", r.pa()),
                    ProcessLayout.human(r.size()), r.holds()));
        }
        sb.append(String.format("  boot took %d cycles", cycles));
        return sb.toString();
    }
}
