package org.uforklab.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel process: {@code java ... org.uforklab.kernel.KernelMain CONNECTION_FILE}, as written in the
 * kernelspec's argv by {@code uforklab kernel install}.
 */
public final class KernelMain {

    private KernelMain() {
    }

    /** Connects to the frontend described by the connection file and serves until shutdown. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE   (Jupyter starts this through the uforklab kernelspec)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("uforklab kernel: no connection file at " + file);
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
        JupyterConnection connection = new LowLatencyConnection(props);
        UforkKernel kernel = UforkKernel.builder().build();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.start();
        connection.waitUntilClose();
        // Cells may have left non-daemon threads running; the kernel process ends with its connection.
        System.exit(0);
    }
}
