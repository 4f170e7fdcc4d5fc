package org.uforklab.sasos.fs;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flat RAM file system: absolute paths to inodes holding bytes. Unlinked files stay readable through
 * descriptors still open on them (the inode lives while referenced).
 */
public final class RamFs {
    /** open(2) flags (Linux values). */
    public static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_TRUNC = 0x200,
            O_APPEND = 0x400, O_EXCL = 0x80;
    /** Longest path. */
    public static final int PATH_MAX = 255;

    private final Map<String, Inode> names = new TreeMap<>();
    private long nextIno = 2;

    /** A file's contents and identity. */
    public static final class Inode {
        final long ino;
        byte[] data = new byte[0];
        int size;
        int nlink = 1;

        Inode(long ino) {
            this.ino = ino;
        }

        /** Inode number. */
        public long ino() {
            return ino;
        }

        /** Size in bytes. */
        public int size() {
            return size;
        }

        /** Links. */
        public int nlink() {
            return nlink;
        }

        /** A copy of the contents. */
        public byte[] contents() {
            return Arrays.copyOf(data, size);
        }
    }

    /** The inode at {@code path}, or null. */
    public Inode lookup(String path) {
        return names.get(path);
    }

    /** Creates or replaces a file with {@code bytes} (host-side setup). */
    public Inode put(String path, byte[] bytes) {
        Inode i = names.computeIfAbsent(validate(path), p -> new Inode(nextIno++));
        i.data = bytes.clone();
        i.size = bytes.length;
        return i;
    }

    /**
     * Opens {@code path}: a file object, or -errno as a Long.
     */
    public Object open(String path, int flags) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return (long) -2;
        }
        if (path.length() > PATH_MAX) {
            return (long) -36;
        }
        Inode i = names.get(path);
        if (i == null) {
            if ((flags & O_CREAT) == 0) {
                return (long) -2;
            }
            i = new Inode(nextIno++);
            names.put(path, i);
        } else if ((flags & O_CREAT) != 0 && (flags & O_EXCL) != 0) {
            return (long) -17;
        }
        if ((flags & O_TRUNC) != 0 && (flags & O_ACCMODE) != O_RDONLY) {
            i.size = 0;
        }
        return new RamFile(path, i, flags);
    }

    /** Removes a name; -ENOENT if absent. */
    public long unlink(String path) {
        Inode i = names.remove(path);
        if (i == null) {
            return -2;
        }
        i.nlink--;
        return 0;
    }

    /** Paths present. */
    public java.util.Set<String> paths() {
        return names.keySet();
    }

    private static String validate(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || path.length() > PATH_MAX) {
            throw new IllegalArgumentException("RAM fs paths are absolute and at most " + PATH_MAX + " chars: '" + path + "'");
        }
        return path;
    }

    /** An open file: inode, offset, access mode. */
    static final class RamFile implements FileObject {
        private final String path;
        private final Inode inode;
        private final int flags;
        private long offset;

        RamFile(String path, Inode inode, int flags) {
            this.path = path;
            this.inode = inode;
            this.flags = flags;
        }

        @Override
        public long read(byte[][] dst, int max) {
            if ((flags & O_ACCMODE) == O_WRONLY) {
                return -9;
            }
            long n = Math.max(0, Math.min(max, inode.size - offset));
            dst[0] = n == 0 ? new byte[0] : Arrays.copyOfRange(inode.data, (int) offset, (int) (offset + n));
            offset += n;
            return n;
        }

        @Override
        public long write(byte[] src) {
            if ((flags & O_ACCMODE) == O_RDONLY) {
                return -9;
            }
            if ((flags & O_APPEND) != 0) {
                offset = inode.size;
            }
            long end = offset + src.length;
            if (end > Integer.MAX_VALUE - 8) {
                return -28;
            }
            if (end > inode.data.length) {
                inode.data = Arrays.copyOf(inode.data, (int) Math.max(end, inode.data.length * 2L));
            }
            if (offset > inode.size) {
                Arrays.fill(inode.data, inode.size, (int) offset, (byte) 0);
            }
            System.arraycopy(src, 0, inode.data, (int) offset, src.length);
            offset = end;
            inode.size = (int) Math.max(inode.size, end);
            return src.length;
        }

        @Override
        public long lseek(long off, int whence) {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> offset;
                case 2 -> inode.size;
                default -> Long.MIN_VALUE;
            };
            if (base == Long.MIN_VALUE || base + off < 0) {
                return -22;
            }
            offset = base + off;
            return offset;
        }

        @Override
        public String describe() {
            return "file " + path + " (ino " + inode.ino + ", " + inode.size + " B, offset " + offset + ")";
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RamFs: " + names.size() + " file(s)");
        names.forEach((p, i) -> sb.append("\n  ").append(p).append("  ino ").append(i.ino).append("  ").append(i.size).append(" B"));
        return sb.toString();
    }
}
