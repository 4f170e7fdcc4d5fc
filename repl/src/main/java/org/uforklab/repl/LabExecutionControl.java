package org.uforklab.repl;

import java.io.InputStream;
import java.io.PrintStream;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Local execution whose snippets see the shell's streams as {@code System.in/out/err}. JDK's local engine
 * leaves them at the process's streams, so a {@code println} in a snippet would bypass a shell driven
 * through other streams (tests, the notebook kernel); this binds them while client code runs and restores
 * them afterwards.
 */
final class LabExecutionControl extends LocalExecutionControl {

    private final ExecutionEnv env;
    private InputStream savedIn;
    private PrintStream savedOut;
    private PrintStream savedErr;

    LabExecutionControl(ExecutionEnv env) {
        // The snippets' class loader delegates to the application class loader, which holds the library.
        this.env = env;
    }

    @Override
    protected void clientCodeEnter() {
        super.clientCodeEnter();
        savedIn = System.in;
        savedOut = System.out;
        savedErr = System.err;
        System.setIn(env.userIn());
        System.setOut(env.userOut());
        System.setErr(env.userErr());
    }

    @Override
    protected void clientCodeLeave() {
        System.out.flush();
        System.err.flush();
        System.setIn(savedIn);
        System.setOut(savedOut);
        System.setErr(savedErr);
        super.clientCodeLeave();
    }
}
