package org.uforklab.sasos.fs;

/**
 * A µprocess's file descriptors: slots referring to shared {@link OpenFile}s. {@link #copy()} gives the table a
 * forked child inherits (every description gains a reference), which is what fork needs.
 */
public final class FdTable {
    /** Descriptors per µprocess. */
    public static final int SIZE = 64;

    private final OpenFile[] slots = new OpenFile[SIZE];

    /** The open file at {@code fd}, or null. */
    public OpenFile get(long fd) {
        return fd < 0 || fd >= SIZE ? null : slots[(int) fd];
    }

    /** Installs at the lowest free slot; returns it or -1 when full. */
    public int install(OpenFile f) {
        for (int i = 0; i < SIZE; i++) {
            if (slots[i] == null) {
                slots[i] = f;
                return i;
            }
        }
        return -1;
    }

    /** Installs at {@code fd}, closing what was there. */
    public void installAt(int fd, OpenFile f) {
        if (slots[fd] != null) {
            slots[fd].close();
        }
        slots[fd] = f;
    }

    /** Closes {@code fd}; false if it was not open. */
    public boolean close(long fd) {
        OpenFile f = get(fd);
        if (f == null) {
            return false;
        }
        slots[(int) fd] = null;
        f.close();
        return true;
    }

    /** Closes everything (process exit). */
    public void closeAll() {
        for (int i = 0; i < SIZE; i++) {
            close(i);
        }
    }

    /** A copy sharing every open file description. */
    public FdTable copy() {
        FdTable t = new FdTable();
        for (int i = 0; i < SIZE; i++) {
            if (slots[i] != null) {
                t.slots[i] = slots[i].retain();
            }
        }
        return t;
    }

    /** Open descriptors. */
    public int openCount() {
        int n = 0;
        for (OpenFile f : slots) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FdTable");
        for (int i = 0; i < SIZE; i++) {
            if (slots[i] != null) {
                sb.append("\n  ").append(i).append(": ").append(slots[i]);
            }
        }
        return sb.toString();
    }
}
