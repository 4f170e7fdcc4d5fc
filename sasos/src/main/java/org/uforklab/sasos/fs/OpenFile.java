package org.uforklab.sasos.fs;

/** An open file description: a file object shared by the descriptors dup'ed from one open, with a reference count. */
public final class OpenFile {
    private final FileObject object;
    private int refs = 1;

    /** One reference. */
    public OpenFile(FileObject object) {
        this.object = object;
    }

    /** The object. */
    public FileObject object() {
        return object;
    }

    /** Another descriptor refers to it. */
    public OpenFile retain() {
        refs++;
        return this;
    }

    /** A descriptor closed; the object is released with the last. */
    public void close() {
        if (--refs == 0) {
            object.release();
        }
    }

    /** Reference count. */
    public int refs() {
        return refs;
    }

    @Override
    public String toString() {
        return object.describe() + (refs > 1 ? " (" + refs + " refs)" : "");
    }
}
