package org.uforklab.sasos.natives;

import java.nio.charset.StandardCharsets;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;

/**
 * The small libc: each native reads its arguments from the caller's registers and touches memory only
 * through the checked, cost-charged access path with capabilities the caller passed (or, for malloc, the
 * heap capability in the caller's TLS). A capability fault inside a native is the caller's fault, delivered
 * exactly as if compiled code had made the access. Natives keep no state outside guest memory.
 *
 * <p>Variadic natives (printf, snprintf) take their variadic arguments in the following registers (C1–C7 for
 * printf, C3–C7 for snprintf): {@code %d %i %u %x %lx %ld %lu %c %s %p %%}.
 */
public final class Natives {
    private Natives() {
    }

    /** Runs native {@code index}; the result is left in C0/X0. */
    public static void call(NativeContext ctx, int index) {
        String name = NativeLibrary.NAMES.get(index);
        CheckedAccess a = ctx.access();
        switch (name) {
            case "memcpy" -> {
                a.copy(ctx.cap(0), ctx.cap(0).value(), ctx.cap(1), ctx.cap(1).value(), ctx.arg(2));
                ctx.returnCap(ctx.cap(0));
            }
            case "memmove" -> {
                memmove(a, ctx.cap(0), ctx.cap(1), ctx.arg(2));
                ctx.returnCap(ctx.cap(0));
            }
            case "memset" -> {
                a.fill(ctx.cap(0), ctx.cap(0).value(), ctx.arg(2), (byte) ctx.arg(1));
                ctx.returnCap(ctx.cap(0));
            }
            case "memcmp" -> ctx.returnInt(memcmp(a, ctx.cap(0), ctx.cap(1), ctx.arg(2)));
            case "strlen" -> ctx.returnInt(strlen(a, ctx.cap(0)));
            case "strcmp" -> ctx.returnInt(strcmp(a, ctx.cap(0), ctx.cap(1)));
            case "strcpy" -> {
                long n = strlen(a, ctx.cap(1)) + 1;
                a.copy(ctx.cap(0), ctx.cap(0).value(), ctx.cap(1), ctx.cap(1).value(), n);
                ctx.returnCap(ctx.cap(0));
            }
            case "malloc" -> ctx.returnCap(Malloc.malloc(ctx, ctx.arg(0)));
            case "calloc" -> {
                long n = Math.multiplyHigh(ctx.arg(0), ctx.arg(1)) != 0 ? -1 : ctx.arg(0) * ctx.arg(1);
                Capability c = Malloc.malloc(ctx, n);
                if (c.isTagged()) {
                    a.fill(c, c.value(), c.lengthClamped(), (byte) 0);
                }
                ctx.returnCap(c);
            }
            case "realloc" -> ctx.returnCap(Malloc.realloc(ctx, ctx.cap(0), ctx.arg(1)));
            case "free" -> Malloc.free(ctx, ctx.cap(0));
            case "printf" -> {
                String s = format(ctx, readString(a, ctx.cap(0)), 1);
                ctx.returnInt(ctx.kernel().writeFd(ctx.thread().process(), 1, s.getBytes(StandardCharsets.ISO_8859_1)));
            }
            case "puts" -> {
                String s = readString(a, ctx.cap(0)) + "\n";
                ctx.returnInt(ctx.kernel().writeFd(ctx.thread().process(), 1, s.getBytes(StandardCharsets.ISO_8859_1)));
            }
            case "snprintf" -> {
                String s = format(ctx, readString(a, ctx.cap(2)), 3);
                long size = ctx.arg(1);
                if (size > 0) {
                    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
                    int n = (int) Math.min(b.length, size - 1);
                    byte[] out = java.util.Arrays.copyOf(b, n + 1);
                    a.writeBytes(ctx.cap(0), ctx.cap(0).value(), out, 0, n + 1);
                }
                ctx.returnInt(s.length());
            }
            case "hash64" -> ctx.returnInt(hash64(a, ctx.cap(0), ctx.arg(1)));
            default -> throw new IllegalStateException("native " + name + " has no implementation");
        }
    }

    /** memmove: non-overlapping chunks in the safe direction, each a tag-preserving copy. */
    static void memmove(CheckedAccess a, Capability dst, Capability src, long n) {
        long d = dst.value();
        long s = src.value();
        long dist = Math.abs(d - s);
        if (dist >= n || n == 0) {
            a.copy(dst, d, src, s, n);
            return;
        }
        if (dist == 0) {
            return;
        }
        if (d < s) {
            for (long off = 0; off < n; off += dist) {
                long k = Math.min(dist, n - off);
                a.copy(dst, d + off, src, s + off, k);
            }
        } else {
            for (long end = n; end > 0; end -= dist) {
                long k = Math.min(dist, end);
                a.copy(dst, d + end - k, src, s + end - k, k);
            }
        }
    }

    static long memcmp(CheckedAccess a, Capability x, Capability y, long n) {
        for (long i = 0; i < n; i++) {
            int p = (int) a.load8(x, x.value() + i);
            int q = (int) a.load8(y, y.value() + i);
            if (p != q) {
                return p - q;
            }
        }
        return 0;
    }

    static long strlen(CheckedAccess a, Capability s) {
        long n = 0;
        while (a.load8(s, s.value() + n) != 0) {
            n++;
        }
        return n;
    }

    static long strcmp(CheckedAccess a, Capability x, Capability y) {
        for (long i = 0;; i++) {
            int p = (int) a.load8(x, x.value() + i);
            int q = (int) a.load8(y, y.value() + i);
            if (p != q || p == 0) {
                return p - q;
            }
        }
    }

    /** FNV-1a, 64-bit. */
    static long hash64(CheckedAccess a, Capability p, long n) {
        byte[] b = new byte[(int) Math.min(n, Integer.MAX_VALUE)];
        a.readBytes(p, p.value(), b, 0, b.length);
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static String readString(CheckedAccess a, Capability s) {
        StringBuilder sb = new StringBuilder();
        for (long i = 0;; i++) {
            int ch = (int) a.load8(s, s.value() + i);
            if (ch == 0) {
                return sb.toString();
            }
            sb.append((char) ch);
        }
    }

    /** printf-style formatting with register arguments from C{@code first}. */
    static String format(NativeContext ctx, String fmt, int first) {
        StringBuilder out = new StringBuilder();
        int arg = first;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                out.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            while ((f == 'l' || f == 'z') && i + 1 < fmt.length()) {
                f = fmt.charAt(++i);
            }
            if (f == '%') {
                out.append('%');
                continue;
            }
            if (arg > 7) {
                out.append("<too many arguments>");
                continue;
            }
            switch (f) {
                case 'd', 'i' -> out.append(ctx.arg(arg++));
                case 'u' -> out.append(Long.toUnsignedString(ctx.arg(arg++)));
                case 'x' -> out.append(Long.toHexString(ctx.arg(arg++)));
                case 'c' -> out.append((char) ctx.arg(arg++));
                case 'p' -> out.append("0x").append(Long.toHexString(ctx.arg(arg++)));
                case 's' -> out.append(readString(ctx.access(), ctx.cap(arg++)));
                default -> out.append('%').append(f);
            }
        }
        return out.toString();
    }
}
