package org.uforklab.sasos.natives;

import java.util.List;

/**
 * The natives a guest may import, in host-call order: native {@code i} is reached by {@code HLT #(BASE + i)}
 * from a stub the image builder links into the guest's text.
 */
public final class NativeLibrary {
    private NativeLibrary() {
    }

    /** First host-call immediate of natives. */
    public static final int BASE = 0x200;

    /** Native names; the index is the host-call number minus {@link #BASE}. */
    public static final List<String> NAMES = List.of("memcpy", "memmove", "memset", "memcmp", "strlen", "strcmp",
            "malloc", "calloc", "realloc", "free", "printf", "puts", "hash64", "strcpy", "snprintf");

    /** The index of a native, or -1. */
    public static int indexOf(String name) {
        return NAMES.indexOf(name);
    }
}
