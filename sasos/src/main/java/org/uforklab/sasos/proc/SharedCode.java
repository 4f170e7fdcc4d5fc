package org.uforklab.sasos.proc;

import java.util.Arrays;

/**
 * The frames holding one image's linked code and rodata, shared by every µprocess whose linked code bytes are
 * identical (position-independent code linked at different bases is).
 */
public final class SharedCode {
    private final String image;
    private final byte[] bytes;
    private final long[] frames;
    private int users;

    /** Frames {@code frames} hold {@code bytes} (page by page). */
    public SharedCode(String image, byte[] bytes, long[] frames) {
        this.image = image;
        this.bytes = bytes;
        this.frames = frames.clone();
    }

    /** Whether these frames hold exactly {@code other}. */
    public boolean holds(String otherImage, byte[] other) {
        return image.equals(otherImage) && Arrays.equals(bytes, other);
    }

    /** Physical frames, page by page. */
    public long[] frames() {
        return frames.clone();
    }

    /** One more user. */
    public void retain() {
        users++;
    }

    /** One user fewer; true when none is left. */
    public boolean release() {
        return --users == 0;
    }

    /** Users. */
    public int users() {
        return users;
    }

    @Override
    public String toString() {
        return String.format("SharedCode(%s, %d pages, %d users)", image, frames.length, users);
    }
}
