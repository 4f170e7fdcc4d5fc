package org.uforklab.cli;

import java.io.PrintWriter;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.Personality;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.MicroProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code uforklab run-guest NAME}: boots the sasos kernel, runs a bundled guest to completion and prints its
 * console, its exit status (or fault report), and optionally the boot report and an strace.
 */
@Command(name = "run-guest", mixinStandardHelpOptions = true,
        description = "Boot the sasos kernel and run a bundled assembly guest (e.g. hello, sys_files, fault_bounds).")
public final class RunGuestCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "GUEST", description = "bundled guest name (--list shows them)", defaultValue = "hello")
    String guest;

    @Option(names = "--list", description = "list the bundled guests")
    boolean list;

    @Option(names = "--strace", description = "print every system call")
    boolean strace;

    @Option(names = "--boot", description = "print the boot report first")
    boolean boot;

    @Option(names = "--trap", description = "enter the kernel with SVC (monolithic personality) instead of sentries")
    boolean trap;

    @Option(names = "--isolation", description = "ADVERSARIAL, NON_ADVERSARIAL or OFF (default ${DEFAULT-VALUE})")
    IsolationLevel isolation = IsolationLevel.ADVERSARIAL;

    @Option(names = "--cores", description = "cores (default ${DEFAULT-VALUE})")
    int cores = 4;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            GuestImage.bundledNames().forEach(out::println);
            return;
        }
        KernelConfig cfg = KernelConfig.defaults().withCores(cores).withIsolation(isolation).withStrace(strace)
                .withPersonality(trap ? Personality.TRAP : Personality.SENTRY);
        Kernel k = Kernel.boot(cfg);
        if (boot) {
            out.println(k.bootReport());
        }
        MicroProcess p = k.launch(guest);
        k.run();
        if (strace) {
            out.println(k.strace());
        }
        out.print(k.console());
        out.println(p);
        out.printf("elapsed: %d cycles%n", k.machine().elapsedCycles());
    }
}
