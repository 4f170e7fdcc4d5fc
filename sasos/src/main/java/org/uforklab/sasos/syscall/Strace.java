package org.uforklab.sasos.syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;

/**
 * The strace decorator: prints each call with its arguments and result, e.g.
 * {@code [pid 1 tid 1 core 0] write(1, 0x100000f00 "hello\n", 6) = 6}. String and buffer arguments are shown
 * as far as the caller's capability lets anyone read them (peeking is not charged).
 */
public final class Strace implements SyscallHandler {
    private final SyscallHandler inner;
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> out;

    /** Wraps {@code inner}; every line also goes to {@code out} (may be null). */
    public Strace(SyscallHandler inner, Consumer<String> out) {
        this.inner = inner;
        this.out = out;
    }

    @Override
    public long handle(SyscallContext ctx) {
        String call = format(ctx);
        long r = inner.handle(ctx);
        String res;
        if (r == BLOCK) {
            res = "? <blocked, will retry>";
        } else if (r == NO_RETURN) {
            res = "?";
        } else if (r < 0 && r > -4096) {
            res = r + " " + Errno.nameOf(r);
        } else {
            res = ctx.call() == Sys.MMAP || ctx.call() == Sys.HEAP_GROW ? String.format("0x%x", r) : Long.toString(r);
        }
        String line = String.format("[pid %d tid %d core %d] %s = %s", ctx.process().pid(), ctx.thread().tid(),
                ctx.cpu().core().id(), call, res);
        lines.add(line);
        if (out != null) {
            out.accept(line);
        }
        return r;
    }

    private static String format(SyscallContext ctx) {
        StringBuilder sb = new StringBuilder(ctx.call().cName()).append('(');
        String kinds = ctx.call().argKinds();
        for (int i = 0; i < kinds.length(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Capability c = ctx.cap(i);
            switch (kinds.charAt(i)) {
                case 'i' -> sb.append(ctx.arg(i));
                case 'p' -> sb.append(c.value() == 0 && !c.isTagged() ? "NULL" : String.format("0x%x", c.value()));
                case 's' -> sb.append(String.format("0x%x ", c.value())).append(quote(peek(ctx, c, 64, true)));
                case 'b' -> sb.append(String.format("0x%x ", c.value())).append(quote(peek(ctx, c, (int) Math.min(32, Math.max(0, ctx.arg(i + 1))), false)));
                default -> sb.append('?');
            }
        }
        return sb.append(')').toString();
    }

    private static String peek(SyscallContext ctx, Capability c, int max, boolean string) {
        if (!c.isTagged() || c.isSealed() || !c.hasPerms(Perm.LOAD)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        try {
            for (int i = 0; i < max; i++) {
                if (!c.inBounds(c.value() + i, 1)) {
                    break;
                }
                long pa = ctx.kernel().spaceOf(ctx.process()).paOf(c.value() + i);
                int b = (int) ctx.kernel().machine().memory().read8(pa);
                if (string && b == 0) {
                    break;
                }
                sb.append((char) b);
            }
        } catch (IllegalArgumentException e) {
            // unmapped: show what was readable
        }
        return sb.toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "<unreadable>";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(ch >= 32 && ch < 127 ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
            }
        }
        return sb.append('"').toString();
    }

    /** Lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
