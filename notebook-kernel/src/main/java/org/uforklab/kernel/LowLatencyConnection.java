package org.uforklab.kernel;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.zeromq.ZMQ;

/**
 * jjava's connection with quicker shell and control channels. jjava-jupyter 1.0-a6 polls its shell sockets
 * without blocking and then sleeps 50 ms, which adds 25 ms on average to every request; its ShellChannel takes
 * the sleep as a parameter but JupyterConnection always uses the default. This connection binds its own two
 * ShellChannels (same handlers, same reply environments) that sleep {@value #POLL_MS} ms, and leaves jjava's
 * unbound; heartbeat, stdin and iopub are jjava's.
 */
final class LowLatencyConnection extends JupyterConnection {

    /** Shell/control poll interval: at most this much latency, about 2×(1000/POLL_MS) idle wake-ups a second. */
    static final long POLL_MS = 2;

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ShellChannel fastShell;
    private final ShellChannel fastControl;

    LowLatencyConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        HMACGenerator hmac = props.createHMACGenerator();
        this.fastShell = new ShellChannel(context, hmac, false, this, POLL_MS);
        this.fastControl = new ShellChannel(context, hmac, true, this, POLL_MS);
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        iopub.bind(props);
        stdin.bind(props);
        fastControl.bind(props);
        fastShell.bind(props);
    }

    @Override
    public void close() {
        fastShell.close();
        fastControl.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        fastShell.waitUntilClose();
        fastControl.waitUntilClose();
        super.waitUntilClose();
    }
}
