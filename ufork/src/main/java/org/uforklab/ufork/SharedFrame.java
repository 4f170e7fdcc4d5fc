package org.uforklab.ufork;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * One physical frame mapped by its owner and by µprocesses that still share it (the artifact's
 * {@code page_refs} bit per child, generalised to nested forks). The frame's capabilities refer to the
 * {@link #source()} region — the owner's — so a sharer's copy is relocated from there. When the owner is reaped
 * while sharers remain the frame stays alive, ownerless, until the last sharer has its copy or is reaped.
 */
public final class SharedFrame {
    private final long pa;
    private final Region source;
    private final PageAttributes ownerAttributes;
    private final List<Sharer> sharers = new ArrayList<>();
    private MicroProcess owner;
    private final long ownerVa;

    /**
     * @param pa              the frame
     * @param owner           the µprocess whose page this is
     * @param ownerVa         where the owner maps it
     * @param ownerAttributes the owner's attributes before sharing (what every copy is mapped with)
     */
    public SharedFrame(long pa, MicroProcess owner, long ownerVa, PageAttributes ownerAttributes) {
        this.pa = pa;
        this.owner = owner;
        this.ownerVa = ownerVa;
        this.ownerAttributes = ownerAttributes;
        this.source = new Region(owner.base(), owner.size());
    }

    /** The frame. */
    public long pa() {
        return pa;
    }

    /** The region the frame's capabilities point into (the owner's, even after the owner is gone). */
    public Region source() {
        return source;
    }

    /** The owner, or null once it has been reaped. */
    public MicroProcess owner() {
        return owner;
    }

    /** The owner's page. */
    public long ownerVa() {
        return ownerVa;
    }

    /** The owner's attributes before sharing. */
    public PageAttributes ownerAttributes() {
        return ownerAttributes;
    }

    /** The sharers. */
    public List<Sharer> sharers() {
        return sharers;
    }

    /** The owner was reaped. */
    public void orphan() {
        owner = null;
    }

    /** Whether any sharer set the page up copy-on-access (then the owner's PTE must trap every access). */
    public boolean anyCopyOnAccess() {
        return sharers.stream().anyMatch(s -> s.strategy() == ForkStrategy.COPY_ON_ACCESS);
    }

    /** How many page tables map the frame (owner, if alive, plus sharers). */
    public int mappers() {
        return sharers.size() + (owner != null ? 1 : 0);
    }

    @Override
    public String toString() {
        return String.format("frame 0x%x owner %s @0x%x, source %s, sharers %s", pa, owner == null ? "(reaped)" : "pid " + owner.pid(),
                ownerVa, source, sharers);
    }
}
