package org.uforklab.sasos.syscall;

import java.nio.charset.StandardCharsets;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.fs.OpenFile;
import org.uforklab.sasos.fs.Pipe;
import org.uforklab.sasos.fs.RamFs;
import org.uforklab.sasos.net.Connection;
import org.uforklab.sasos.net.Listener;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.sasos.proc.Signals;
import org.uforklab.sasos.proc.WaitStatus;
import org.uforklab.sasos.sched.WaitQueue;

/**
 * The system-call handlers. Each returns a result for X0, {@code -errno}, or one of the
 * {@link SyscallHandler} markers. Handlers are the same for both entry personalities.
 */
public final class Syscalls implements SyscallHandler {
    /** Largest single read/write. */
    public static final int IO_MAX = 1 << 20;

    @Override
    public long handle(SyscallContext ctx) {
        try {
            return dispatch(ctx);
        } catch (UserFault f) {
            ctx.kernel().log("pid " + ctx.process().pid() + " " + ctx.call().cName() + ": EFAULT (" + f.getMessage() + ")");
            return Errno.EFAULT.neg();
        }
    }

    private long dispatch(SyscallContext ctx) {
        Kernel k = ctx.kernel();
        MicroProcess p = ctx.process();
        GuestThread t = ctx.thread();
        return switch (ctx.call()) {
            case EXIT -> {
                k.exitProcess(p, WaitStatus.exited((int) ctx.arg(0)), ctx.now());
                yield NO_RETURN;
            }
            case GETPID -> p.pid();
            case GETPPID -> p.ppid();
            case GETTID -> t.tid();
            case FORK -> k.extension().fork(ctx);
            case SCHED_YIELD -> {
                k.scheduler().yield(t);
                yield 0;
            }
            case NANOSLEEP -> nanosleep(ctx);
            case CLOCK_GETTIME -> {
                long ns = k.nanos(ctx.now());
                ctx.memory().writeLongs("ts", ctx.cap(1), ns / 1_000_000_000L, ns % 1_000_000_000L);
                yield 0;
            }
            case READ -> read(ctx);
            case WRITE -> write(ctx);
            case OPEN -> {
                String path = ctx.memory().readString("path", ctx.cap(0), RamFs.PATH_MAX);
                Object r = k.fs().open(path, (int) ctx.arg(1));
                if (r instanceof Long err) {
                    yield err;
                }
                int fd = p.fds().install(new OpenFile((FileObject) r));
                yield fd < 0 ? Errno.EMFILE.neg() : fd;
            }
            case CLOSE -> p.fds().close(ctx.arg(0)) ? 0 : Errno.EBADF.neg();
            case LSEEK -> {
                OpenFile f = p.fds().get(ctx.arg(0));
                yield f == null ? Errno.EBADF.neg() : f.object().lseek(ctx.arg(1), (int) ctx.arg(2));
            }
            case UNLINK -> k.fs().unlink(ctx.memory().readString("path", ctx.cap(0), RamFs.PATH_MAX));
            case STAT -> {
                String path = ctx.memory().readString("path", ctx.cap(0), RamFs.PATH_MAX);
                RamFs.Inode i = k.fs().lookup(path);
                if (i == null) {
                    yield Errno.ENOENT.neg();
                }
                // struct stat: u64 st_ino, u64 st_size, u32 st_mode (S_IFREG | 0644), u32 st_nlink
                byte[] st = new byte[24];
                putLong(st, 0, i.ino());
                putLong(st, 8, i.size());
                putInt(st, 16, 0x81A4);
                putInt(st, 20, i.nlink());
                ctx.memory().writeOut("st", ctx.cap(1), st);
                yield 0;
            }
            case PIPE -> {
                // check the output first so a bad pointer leaks no descriptors
                ctx.memory().authority("fds", ctx.cap(0), 8, Perm.STORE);
                Pipe pipe = k.newPipe();
                int r = p.fds().install(new OpenFile(pipe.readEnd()));
                if (r < 0) {
                    yield Errno.EMFILE.neg();
                }
                int w = p.fds().install(new OpenFile(pipe.writeEnd()));
                if (w < 0) {
                    p.fds().close(r);
                    yield Errno.EMFILE.neg();
                }
                ctx.memory().writeInts("fds", ctx.cap(0), r, w);
                yield 0;
            }
            case DUP -> {
                OpenFile f = p.fds().get(ctx.arg(0));
                if (f == null) {
                    yield Errno.EBADF.neg();
                }
                int fd = p.fds().install(f.retain());
                if (fd < 0) {
                    f.close();
                    yield Errno.EMFILE.neg();
                }
                yield fd;
            }
            case DUP2 -> {
                OpenFile f = p.fds().get(ctx.arg(0));
                long nfd = ctx.arg(1);
                if (f == null || nfd < 0 || nfd >= org.uforklab.sasos.fs.FdTable.SIZE) {
                    yield Errno.EBADF.neg();
                }
                if (nfd != ctx.arg(0)) {
                    p.fds().installAt((int) nfd, f.retain());
                }
                yield nfd;
            }
            case MMAP -> mmap(ctx);
            case MUNMAP -> munmap(ctx);
            case HEAP_GROW -> {
                long r = k.heapGrow(p, ctx.arg(0));
                yield r;
            }
            case KILL -> kill(ctx);
            case WAITPID -> waitpid(ctx);
            case SPAWN -> {
                String name = ctx.memory().readString("name", ctx.cap(0), 64);
                yield k.spawn(name, p, ctx.now());
            }
            case THREAD_CREATE -> {
                Capability entry = ctx.cap(0);
                if (!entry.isTagged() || !entry.hasPerms(Perm.EXECUTE)
                        || !p.pcc().inBounds(entry.value() & ~1L, 4)) {
                    yield Errno.EINVAL.neg();
                }
                yield k.createThread(p, entry.value() & ~1L, ctx.arg(1), ctx.now());
            }
            case THREAD_JOIN -> {
                GuestThread target = p.threads().stream().filter(x -> x.tid() == ctx.arg(0)).findFirst().orElse(null);
                if (target == null || target == t || target.joined()) {
                    yield Errno.ESRCH.neg();
                }
                if (target.state() != GuestThread.State.DEAD) {
                    k.scheduler().block(t, target.joiners());
                    yield BLOCK;
                }
                target.setJoined();
                yield target.exitValue();
            }
            case ACCEPT -> accept(ctx);
            case THREAD_EXIT -> {
                k.threadExit(t, ctx.arg(0), ctx.now());
                yield NO_RETURN;
            }
        };
    }

    private static long nanosleep(SyscallContext ctx) {
        GuestThread t = ctx.thread();
        long ns = ctx.arg(0);
        if (t.wakeAt() >= 0) {
            if (ctx.now() >= t.wakeAt()) {
                t.setWakeAt(-1);
                return 0;
            }
        } else {
            if (ns < 0) {
                return Errno.EINVAL.neg();
            }
            if (ns == 0) {
                return 0;
            }
            t.setWakeAt(ctx.now() + ctx.kernel().cyclesFor(ns));
        }
        ctx.kernel().scheduler().sleep(t, t.wakeAt());
        return BLOCK;
    }

    private static long read(SyscallContext ctx) {
        OpenFile f = ctx.process().fds().get(ctx.arg(0));
        if (f == null) {
            return Errno.EBADF.neg();
        }
        long n = ctx.arg(2);
        if (n < 0) {
            return Errno.EINVAL.neg();
        }
        int len = (int) Math.min(n, IO_MAX);
        ctx.memory().authority("buf", ctx.cap(1), len, Perm.STORE);
        byte[][] out = new byte[1][];
        ctx.thread().setWakeAt(-1); // a retry after sleeping until data arrived (see await)
        long r = f.object().read(out, len, ctx.now());
        if (r == FileObject.BLOCK) {
            await(ctx, f.object().readQueue(), f.object().readableAt());
            return BLOCK;
        }
        if (r >= 0) {
            ctx.cpu().core().cycles().add(f.object().transferCycles(r));
        }
        if (r > 0) {
            ctx.memory().writeOut("buf", ctx.cap(1), out[0]);
            if (f.object().writeQueue() != null) {
                ctx.kernel().scheduler().wakeAll(f.object().writeQueue(), ctx.now());
            }
        }
        return r;
    }

    private static long write(SyscallContext ctx) {
        OpenFile f = ctx.process().fds().get(ctx.arg(0));
        if (f == null) {
            return Errno.EBADF.neg();
        }
        long n = ctx.arg(2);
        if (n < 0) {
            return Errno.EINVAL.neg();
        }
        int len = (int) Math.min(n, IO_MAX);
        byte[] data = ctx.memory().readIn("buf", ctx.cap(1), len);
        // the stack's work on outgoing segments comes before they leave (files, pipes and consoles: none)
        ctx.cpu().core().cycles().add(f.object().transferCycles(data.length));
        long r = f.object().write(data, ctx.now());
        if (r == FileObject.BLOCK) {
            ctx.kernel().scheduler().block(ctx.thread(), f.object().writeQueue());
            return BLOCK;
        }
        if (r > 0 && f.object().readQueue() != null) {
            ctx.kernel().scheduler().wakeAll(f.object().readQueue(), ctx.now());
        }
        if (r == Errno.EPIPE.neg()) {
            ctx.kernel().log("pid " + ctx.process().pid() + ": write to a pipe without readers");
        }
        return r;
    }

    /**
     * Blocks the caller until its object can proceed: asleep until {@code at} when the data is already on its way
     * (a socket's next segment), so the core runs others or idles until then; else on {@code queue} until an event.
     */
    private static void await(SyscallContext ctx, WaitQueue queue, long at) {
        if (at >= 0) {
            ctx.kernel().scheduler().sleep(ctx.thread(), Math.max(at, ctx.now()));
        } else {
            ctx.kernel().scheduler().block(ctx.thread(), queue);
        }
    }

    private static long accept(SyscallContext ctx) {
        MicroProcess p = ctx.process();
        OpenFile f = p.fds().get(ctx.arg(0));
        if (f == null) {
            return Errno.EBADF.neg();
        }
        if (!(f.object() instanceof Listener l)) {
            return Errno.ENOTSOCK.neg();
        }
        ctx.thread().setWakeAt(-1);
        long state = l.acceptable(ctx.now());
        if (state == FileObject.BLOCK) {
            await(ctx, l.readQueue(), l.readableAt());
            return BLOCK;
        }
        if (state < 0) {
            return state;
        }
        Connection c = l.take(ctx.now());
        int fd = p.fds().install(new OpenFile(c));
        if (fd < 0) {
            l.putBack(c, ctx.now());
            return Errno.EMFILE.neg();
        }
        ctx.cpu().core().cycles().add(l.acceptCycles());
        return fd;
    }

    private static long mmap(SyscallContext ctx) {
        MicroProcess p = ctx.process();
        long len = ctx.arg(1);
        long prot = ctx.arg(2);
        long flags = ctx.arg(3);
        if (len <= 0 || (flags & 0x20) == 0) {
            return Errno.EINVAL.neg();
        }
        Segment area = p.segment("mmap");
        int pages = (int) ((len + 4095) / 4096);
        int total = (int) (area.size() / 4096);
        java.util.BitSet used = p.mmapPages();
        int start = -1;
        for (int i = 0; i + pages <= total; i++) {
            int next = used.nextSetBit(i);
            if (next < 0 || next >= i + pages) {
                start = i;
                break;
            }
            i = next;
        }
        if (start < 0) {
            return Errno.ENOMEM.neg();
        }
        used.set(start, start + pages);
        long va = area.start() + start * 4096L;
        ctx.kernel().mapAnonymous(ctx.process(), va, pages * 4096L);
        Capability c = p.region().setValue(va).setBounds(pages * 4096L);
        if ((prot & 2) == 0) {
            c = c.clearPerms(Perm.STORE | Perm.STORE_CAP | Perm.STORE_LOCAL_CAP);
        }
        ctx.cpu().setC(0, c);
        return va;
    }

    private static long munmap(SyscallContext ctx) {
        MicroProcess p = ctx.process();
        Capability c = ctx.cap(0);
        long len = ctx.arg(1);
        Segment area = p.segment("mmap");
        long va = c.value();
        if (len <= 0 || (va & 0xFFF) != 0 || !area.contains(va) || !area.contains(va + len - 1)) {
            return Errno.EINVAL.neg();
        }
        // the caller must hold a capability covering what it unmaps
        ctx.memory().authority("addr", c, len, Perm.STORE);
        int first = (int) ((va - area.start()) / 4096);
        int pages = (int) ((len + 4095) / 4096);
        p.mmapPages().clear(first, first + pages);
        ctx.kernel().unmapAnonymous(ctx.process(), va, pages * 4096L);
        return 0;
    }

    private static long kill(SyscallContext ctx) {
        long pid = ctx.arg(0);
        int sig = (int) ctx.arg(1);
        if (!Signals.supported(sig)) {
            return Errno.EINVAL.neg();
        }
        MicroProcess target = ctx.kernel().process((int) pid);
        if (pid <= 0 || target == null || target.isDead()) {
            return Errno.ESRCH.neg();
        }
        if (sig == 0) {
            return 0;
        }
        ctx.kernel().exitProcess(target, WaitStatus.signaled(sig), ctx.now());
        return target == ctx.process() ? NO_RETURN : 0;
    }

    private static long waitpid(SyscallContext ctx) {
        MicroProcess p = ctx.process();
        long pid = ctx.arg(0);
        long options = ctx.arg(2);
        boolean any = false;
        for (MicroProcess c : p.children()) {
            if (pid == -1 || c.pid() == pid) {
                any = true;
                if (c.state() == MicroProcess.State.ZOMBIE) {
                    Capability st = ctx.cap(1);
                    if (st.isTagged() || st.value() != 0) {
                        ctx.memory().writeInts("status", st, c.waitStatus());
                    }
                    ctx.kernel().reap(c);
                    return c.pid();
                }
            }
        }
        if (!any) {
            return Errno.ECHILD.neg();
        }
        if ((options & 1) != 0) {
            return 0;
        }
        ctx.kernel().scheduler().block(ctx.thread(), p.childWait());
        return BLOCK;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int k = 0; k < 8; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        for (int k = 0; k < 4; k++) {
            b[off + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Text of bytes for logs. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
