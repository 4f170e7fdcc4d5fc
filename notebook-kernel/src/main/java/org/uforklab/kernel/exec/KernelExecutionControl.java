package org.uforklab.kernel.exec;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine for the kernel: snippets run in this JVM (so cells see and return the live
 * uforklab objects), each invocation on a fresh thread of a fresh {@link CellThreadGroup}.
 *
 * <p>What it adds to {@link DirectExecutionControl}:
 * <ul>
 *   <li>values are kept as objects: {@code invoke} hands JShell a key instead of the value's string, and
 *       {@link #takeValue(String)} returns the object, so the kernel can render it as a MIME bundle;</li>
 *   <li>the real {@link Throwable} of a failed snippet is kept, with its whole cause chain
 *       ({@link #takeFailure()});</li>
 *   <li>loaded classes are woven by {@link SnippetWeaver} (stop checks, exit trap), so {@link #stop()} ends
 *       busy loops;</li>
 *   <li>variable values survive redefinition: when JShell cannot redefine a wrapper class in place it loads a
 *       replacement under a new name ({@code $JShell$12} becomes {@code $JShell$12B}) whose static field starts
 *       at its default. This control copies the old value into the replacement when the type is the same;
 *       otherwise it records the variable in {@link #takeResetVariables()} so the kernel can say so.</li>
 * </ul>
 * One instance per JShell; it is driven by one thread at a time (JShell is not thread-safe), except
 * {@link #stop()}, which may come from any thread.
 */
public final class KernelExecutionControl extends DirectExecutionControl {

    /** Wrapper classes: {@code REPL.$JShell$<key><replacement letters>}; group 1 is the stable part. */
    private static final Pattern WRAPPER = Pattern.compile("(REPL\\.\\$JShell\\$\\d+)[A-Z]*");

    /** Values of the snippets run so far, by the key returned to JShell instead of a value string. */
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    /** The newest loaded class per stable wrapper name, to carry variables over to replacements. */
    private final Map<String, Class<?>> wrappers = new HashMap<>();
    private final List<String> resetVariables = new ArrayList<>();
    private final String threadName;
    private final Object context;
    private volatile CellThreadGroup running;
    private volatile Throwable failure;
    private volatile boolean stopped;
    /** An interrupt that arrived while no snippet ran (JShell compiling): the next invocation stops at once. */
    private volatile boolean stopPending;
    private boolean weaving = true;

    /** A control whose cell threads are named {@code threadName} and carry {@code context} (may be null). */
    public KernelExecutionControl(String threadName, Object context) {
        this.threadName = threadName;
        this.context = context;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        ClassBytecodes[] woven = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            woven[i] = new ClassBytecodes(cbcs[i].name(), weaveIfPossible(cbcs[i].bytecodes()));
        }
        super.load(woven);
        for (ClassBytecodes cbc : cbcs) {
            carryOver(cbc.name());
        }
    }

    private byte[] weaveIfPossible(byte[] bytes) {
        if (!weaving) {
            return bytes;
        }
        try {
            return SnippetWeaver.weave(bytes);
        } catch (IllegalArgumentException unsupportedClassVersion) {
            // A JDK newer than the ASM release: cells still run, only interrupt and the exit trap are lost.
            weaving = false;
            System.err.println("uforklab kernel: cannot weave snippet classes on this JDK ("
                    + unsupportedClassVersion.getMessage() + "); interrupt will not stop busy loops");
            return bytes;
        }
    }

    /** Copies the static fields of the previous version of a wrapper class into its replacement. */
    private void carryOver(String className) {
        Matcher m = WRAPPER.matcher(className);
        if (!m.matches()) {
            return;
        }
        Class<?> now;
        try {
            now = findClass(className);
        } catch (ClassNotFoundException e) {
            return;
        }
        Class<?> before = wrappers.put(m.group(1), now);
        if (before == null || before == now) {
            return;
        }
        for (Field old : before.getDeclaredFields()) {
            if (!Modifier.isStatic(old.getModifiers()) || old.isSynthetic() || Modifier.isFinal(old.getModifiers())) {
                continue;
            }
            try {
                Field neu = now.getDeclaredField(old.getName());
                if (!Modifier.isStatic(neu.getModifiers()) || Modifier.isFinal(neu.getModifiers())) {
                    continue;
                }
                old.setAccessible(true);
                neu.setAccessible(true);
                Object value = old.get(null);
                if (neu.getType() == old.getType()
                        && (neu.getType().isPrimitive() || value == null || neu.getType().isInstance(value))) {
                    neu.set(null, value);
                } else {
                    resetVariables.add(old.getName());
                }
            } catch (NoSuchFieldException gone) {
                // the variable no longer exists in the new version: nothing to carry
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                resetVariables.add(old.getName());
            }
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        failure = null;
        stopped = false;
        if (stopPending) {
            stopped = true;
            throw new StoppedException();
        }
        CellThreadGroup group = new CellThreadGroup(threadName, context);
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread cell = new Thread(group, () -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, threadName);
        running = group;
        try {
            cell.start();
            cell.join();
        } finally {
            running = null;
        }
        Throwable t = thrown[0];
        if (t instanceof InvocationTargetException ite) {
            t = ite.getCause();
        }
        if (t instanceof CellStoppedError || (t != null && group.stopRequested() && isInterruptLike(t))) {
            stopped = true;
            throw new StoppedException();
        }
        if (t != null) {
            throw new InvocationTargetException(t);
        }
        String key = "#" + nextKey.incrementAndGet();
        values.put(key, result[0] == null ? NullValue.NULL : result[0]);
        return key;
    }

    private static boolean isInterruptLike(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c instanceof CellStoppedError) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        failure = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /**
     * Stops the running snippet, or — when none runs at this instant (JShell is compiling the next one) — every
     * snippet invoked until {@link #clearStop()}, so an interrupt is never lost between two snippets.
     */
    @Override
    public void stop() {
        stopPending = true;
        CellThreadGroup g = running;
        if (g != null) {
            g.requestStop();
        }
    }

    /** Forgets a pending stop (the kernel calls this when the interrupted cell is over). */
    public void clearStop() {
        stopPending = false;
    }

    /** True while a snippet runs. */
    public boolean isRunning() {
        return running != null;
    }

    /** True when the last invocation ended because of {@link #stop()}. */
    public boolean wasStopped() {
        return stopped;
    }

    /**
     * The value a snippet produced, removed from the control, given the key JShell reported as its value;
     * {@code null} for a null value. Throws IllegalArgumentException for an unknown key.
     */
    public Object takeValue(String key) {
        Object v = values.remove(key);
        if (v == null) {
            throw new IllegalArgumentException("no snippet value under key " + key);
        }
        return v == NullValue.NULL ? null : v;
    }

    /** True when {@code key} names a value held by this control. */
    public boolean holdsValue(String key) {
        return key != null && values.containsKey(key);
    }

    /** Forgets all held values (they are referenced by nothing else once a cell is done). */
    public void dropValues() {
        values.clear();
    }

    /** The exception the last failing snippet threw (with its causes), then forgets it. */
    public Throwable takeFailure() {
        Throwable t = failure;
        failure = null;
        return t;
    }

    /** Names of variables whose value could not be carried into a redefined wrapper, then forgets them. */
    public List<String> takeResetVariables() {
        List<String> r = List.copyOf(resetVariables);
        resetVariables.clear();
        return r;
    }

    /** JShell's value strings are keys here; this marker stands for a null value in the map. */
    private enum NullValue { NULL }
}
