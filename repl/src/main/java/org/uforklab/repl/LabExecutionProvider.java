package org.uforklab.repl;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The execution engine {@code uforklab}: snippets run in the tool's own JVM (no second JVM to start, so the
 * prompt comes up fast, and the library's objects live next to the tool), with the standard streams of the
 * snippet bound to the shell's streams. Found by JShell through {@code META-INF/services}.
 */
public final class LabExecutionProvider implements ExecutionControlProvider {

    /** The name to pass as {@code --execution} (tool) or {@code executionEngine} (API). */
    public static final String NAME = "uforklab";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of();
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new LabExecutionControl(env);
    }
}
