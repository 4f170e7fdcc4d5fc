package org.uforklab.ufork;

/**
 * How fork treats the parent's copyable pages: μFork's three strategies (ufork-paper.md §3.4; the GOT, allocator
 * metadata and TLS are always copied eagerly), and the monolithic-OS baseline's classic copy-on-write fork
 * ({@link org.uforklab.ufork.baseline.MonolithicFork}), so both report through one {@link ForkStats}.
 */
public enum ForkStrategy {
    /** Copy, tag-scan and relocate every mapped copyable page at fork time (the artifact's SYNC build). */
    FULL_COPY,
    /**
     * Copy-on-access (CoA): the child maps the parent's frames; both sides' PTEs get AF=0, so any access by either
     * takes an access-flag fault that copies the page (a parent access pushes copies to every child sharing it).
     */
    COPY_ON_ACCESS,
    /**
     * Copy-on-pointer-access (CoPA): the child maps the parent's frames read-only with the stale LC generation, so
     * a load that returns a tagged capability faults (DFSC 0x2C); the parent's PTEs become read-only. A child
     * capability load, a child write or a parent write copies the page; plain data reads never do.
     */
    COPY_ON_POINTER_ACCESS,
    /**
     * The monolithic-OS baseline (standing for CheriBSD): the child gets its own address space whose page tables
     * are a copy of the parent's, both mapping the same frames read-only; a write by either copies the page (with
     * its tags) into a fresh frame. Nothing is relocated: the child's addresses are the parent's.
     */
    MONOLITHIC_COW;

    /** Whether μFork implements it (every strategy but the monolithic baseline's). */
    public boolean isUFork() {
        return this != MONOLITHIC_COW;
    }

    /** Short name as in the paper's figures: Copy, CoA, CoPA (and Mono-CoW for the monolithic baseline). */
    public String shortName() {
        return switch (this) {
            case FULL_COPY -> "Copy";
            case COPY_ON_ACCESS -> "CoA";
            case COPY_ON_POINTER_ACCESS -> "CoPA";
            case MONOLITHIC_COW -> "Mono-CoW";
        };
    }
}
