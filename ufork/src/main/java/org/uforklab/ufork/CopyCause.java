package org.uforklab.ufork;

/** Why a page was copied (and its capabilities relocated) for a child. */
public enum CopyCause {
    /** At fork: the GOT (system-call table and the image's GOT). */
    EAGER_GOT,
    /** At fork: the allocator metadata page (the heap's first page). */
    EAGER_ALLOCATOR,
    /** At fork: the forking thread's TLS block (the kernel writes the child's thread id there). */
    EAGER_TLS,
    /** At fork: every other copyable page under {@link ForkStrategy#FULL_COPY}. */
    EAGER_FULL_COPY,
    /** Later: the child loaded a tagged capability from a CoPA page (DFSC 0x2C). */
    CHILD_CAP_LOAD,
    /** Later: the child wrote a shared page (permission fault). */
    CHILD_WRITE,
    /** Later: the child touched a CoA page (access-flag fault). */
    CHILD_ACCESS,
    /** Later: the parent wrote a shared page: a copy was pushed to this child. */
    PARENT_WRITE,
    /** Later: the parent touched a CoA page: a copy was pushed to this child. */
    PARENT_ACCESS;

    /** Whether the copy happened inside fork. */
    public boolean eager() {
        return name().startsWith("EAGER");
    }
}
