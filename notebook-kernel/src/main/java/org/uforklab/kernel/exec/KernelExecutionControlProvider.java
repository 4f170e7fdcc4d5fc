package org.uforklab.kernel.exec;

import java.util.Map;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell one prepared {@link KernelExecutionControl} (JShell asks exactly once per instance). */
final class KernelExecutionControlProvider implements ExecutionControlProvider {

    private final KernelExecutionControl control;

    KernelExecutionControlProvider(KernelExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "uforklab-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
