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

    /**
     * A file's contents and identity. The bytes live in fixed 64 KiB blocks, as a tmpfs keeps a file in pages: a
     * growing file never copies what it holds (a doubling array would briefly hold three times a 1 GiB dump), and a
     * block never written (a hole) holds no memory and reads as zeros.
     */
    public static final class Inode {
        /** Bytes per block. */
        static final int BLOCK = 64 * 1024;
        final long ino;
        private byte[][] blocks = new byte[0][];
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
            return read(0, size);
        }

        /** Host bytes held by the blocks written so far (holes and unwritten tails hold none). */
        public long blockBytes() {
            long n = 0;
            for (byte[] b : blocks) {
                n += b == null ? 0 : b.length;
            }
            return n;
        }

        /** The {@code n} bytes at {@code offset} (within the size; holes read as zeros). */
        byte[] read(long offset, int n) {
            byte[] out = new byte[n];
            for (int done = 0; done < n;) {
                long at = offset + done;
                int b = (int) (at / BLOCK);
                int off = (int) (at % BLOCK);
                int len = Math.min(n - done, BLOCK - off);
                if (b < blocks.length && blocks[b] != null) {
                    System.arraycopy(blocks[b], off, out, done, len);
                }
                done += len;
            }
            return out;
        }

        /** Writes {@code src} at {@code offset} (end within int range), growing the file; a gap reads as zeros. */
        void write(long offset, byte[] src) {
            long end = offset + src.length;
            int needed = (int) ((end + BLOCK - 1) / BLOCK);
            if (needed > blocks.length) {
                blocks = Arrays.copyOf(blocks, Math.max(needed, blocks.length + (blocks.length >> 1)));
            }
            for (int done = 0; done < src.length;) {
                long at = offset + done;
                int b = (int) (at / BLOCK);
                int off = (int) (at % BLOCK);
                int len = Math.min(src.length - done, BLOCK - off);
                if (blocks[b] == null) {
                    blocks[b] = new byte[BLOCK];
                }
                System.arraycopy(src, done, blocks[b], off, len);
                done += len;
            }
            size = (int) Math.max(size, end);
        }

        /** Truncates to zero length, dropping every block. */
        void truncate() {
            blocks = new byte[0][];
            size = 0;
        }
    }

    /** The inode at {@code path}, or null. */
    public Inode lookup(String path) {
        return names.get(path);
    }

    /** Creates or replaces a file with {@code bytes} (host-side setup). */
    public Inode put(String path, byte[] bytes) {
        Inode i = names.computeIfAbsent(validate(path), p -> new Inode(nextIno++));
        i.truncate();
        i.write(0, bytes);
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
            i.truncate();
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
            dst[0] = inode.read(offset, (int) n);
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
            inode.write(offset, src);
            offset = end;
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
