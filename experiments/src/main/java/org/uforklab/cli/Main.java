package org.uforklab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code uforklab} command line. Each subcommand is a small class of its own; this one only wires them
 * and makes sure that bad input ends in a one-line error, never a stack trace.
 */
@Command(name = "uforklab",
        mixinStandardHelpOptions = true,
        version = "uforklab 0.1.0",
        description = "Experiment harness for single-address-space OS research on an emulated Arm Morello.",
        // One subcommand per line, so branches that add commands merge cleanly.
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            CapCommand.class,
            IsaCommand.class,
            RunGuestCommand.class,
            ListCommand.class,
            RunCommand.class,
            FidelityCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with uforklab's error handling; tests drive it through this. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("uforklab " + commandLine.getCommandName() + ": " + describe(ex));
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** A one-line description of a failure: the message where there is one, else the kind of error. */
    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return (msg == null || msg.isBlank()) ? ex.getClass().getSimpleName() : msg;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
