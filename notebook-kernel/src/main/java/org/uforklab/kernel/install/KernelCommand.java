package org.uforklab.kernel.install;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.uforklab.kernel.KernelMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code uforklab kernel ...}: install the Jupyter kernelspec, write one into a directory, or run the kernel.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "The uforklab Jupyter kernel.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Spec.class, KernelCommand.Run.class})
public final class KernelCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Exit code of {@code args} run with output to {@code out} and errors to {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new KernelCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("uforklab kernel: " + ex.getMessage());
            line.getErr().flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** Entry point of the launcher's {@code uforklab kernel} and {@code uforklab notebook}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }

    /** {@code kernel install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the kernelspec (kernel.json with an absolute java >= 21, interrupt_mode message, "
                    + "logos, the kernel's jars). Default: --user.")
    static final class Install implements Callable<Integer> {

        @CommandLine.ArgGroup(exclusive = true)
        Where where;

        static final class Where {
            @Option(names = "--user", description = "the per-user Jupyter data directory (default)")
            boolean user;
            @Option(names = "--sys-prefix", description = "Jupyter's Python environment (runs jupyter kernelspec install)")
            boolean sysPrefix;
            @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels")
            Path prefix;
        }

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME, description = "kernel name (default ${DEFAULT-VALUE})")
        String name;

        @Option(names = "--java", paramLabel = "PATH", description = "java executable or JDK home (default: this JVM)")
        Path java;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KernelInstaller.Scope scope = KernelInstaller.Scope.USER;
            if (where != null && where.sysPrefix) {
                scope = KernelInstaller.Scope.SYS_PREFIX;
            } else if (where != null && where.prefix != null) {
                scope = KernelInstaller.Scope.PREFIX;
            }
            Path javaPath = JavaLocator.locate(java);
            Path dir = new KernelInstaller(System.getenv()).install(scope, where == null ? null : where.prefix, name,
                    javaPath, KernelSpec.currentClassPath());
            spec.commandLine().getOut().println("installed kernel '" + name + "' (" + KernelSpec.DISPLAY_NAME + ") in "
                    + dir + "\n  java: " + javaPath);
            return 0;
        }
    }

    /** {@code kernel spec DIR}: a kernelspec under DIR/kernels/NAME, for JUPYTER_PATH=DIR. */
    @Command(name = "spec", mixinStandardHelpOptions = true,
            description = "Write the kernelspec to DIR/kernels/NAME (use with JUPYTER_PATH=DIR; nothing else is touched).")
    static final class Spec implements Callable<Integer> {

        @Parameters(paramLabel = "DIR")
        Path dir;

        @Option(names = "--name", defaultValue = KernelSpec.DEFAULT_NAME)
        String name;

        @Option(names = "--java", paramLabel = "PATH")
        Path java;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path target = dir.toAbsolutePath().resolve("kernels").resolve(name);
            KernelSpec.write(target, JavaLocator.locate(java), KernelSpec.currentClassPath());
            spec.commandLine().getOut().println(target);
            return 0;
        }
    }

    /** {@code kernel run CONNECTION_FILE}: the kernel process itself. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the kernel on a Jupyter connection file.")
    static final class Run implements Callable<Integer> {

        @Parameters(paramLabel = "CONNECTION_FILE")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelMain.main(new String[] {connectionFile.toString()});
            return 0;
        }
    }
}
