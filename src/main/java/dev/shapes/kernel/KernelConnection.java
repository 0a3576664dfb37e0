package dev.shapes.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.Selector;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, served event-driven. jjava-jupyter's channel
 * loops poll without waiting and then sleep 50 ms, so every request waits up
 * to 50 ms; here the shell, control and heartbeat threads each block in a
 * ZeroMQ poll until a message (or the stop signal, a pipe in the same poll)
 * arrives, which answers at once and costs no CPU while idle.
 * <p>
 * The sockets are jjava's own (handlers, reply environments and iopub work
 * as in any BaseKernel); only the loops and the message reader are replaced.
 */
public final class KernelConnection extends JupyterConnection {

    private static final Logger LOG = Logger.getLogger(KernelConnection.class.getName());
    /** How long closing waits to deliver messages still queued (the shutdown reply). */
    private static final int LINGER_MS = 1000;

    private final KernelConnectionProperties properties;
    private final MessageReader reader;
    private final Pipe stopSignal;
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean stopping;
    private final AtomicReference<Runnable> afterFirstMessage = new AtomicReference<>(() -> {});

    public KernelConnection(KernelConnectionProperties properties)
            throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        String key = properties.getKey();
        this.reader = new MessageReader(properties.createHMACGenerator(), key != null && !key.isEmpty());
        try {
            this.stopSignal = Pipe.open();
            stopSignal.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs once after the first request has been answered (the kernel warms up then, not before). */
    public void afterFirstMessage(Runnable action) {
        afterFirstMessage.set(action);
    }

    @Override
    public void connect() {
        for (ZMQ.Socket socket : List.of(heartbeat, shell, control, stdin, iopub)) {
            socket.setLinger(LINGER_MS);
        }
        bind(heartbeat, properties.getHbPort());
        bind(shell, properties.getShellPort());
        bind(control, properties.getControlPort());
        bind(stdin, properties.getStdinPort());
        bind(iopub, properties.getIopubPort());
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        start("shapes-heartbeat", this::echoHeartbeats);
        start("shapes-control", () -> serve(control, "control"));
        start("shapes-shell", () -> serve(shell, "shell"));
    }

    private void bind(ZMQ.Socket socket, int port) {
        String address = properties.getTransport() + "://" + properties.getIp() + ":" + port;
        if (!socket.bind(address)) {
            throw new IllegalStateException("cannot bind " + address);
        }
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        loops.add(thread);
        thread.start();
    }

    /** Asks every loop to finish; returns at once. */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            stopSignal.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot signal the loops to stop", e);
        }
    }

    /** Waits until the loops have finished, then closes the sockets (delivering what is queued). */
    @Override
    public void waitUntilClose() {
        for (Thread loop : loops) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        super.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** Blocks until the socket or the stop signal is readable; returns false when stopping. */
    private boolean await(Selector selector, ZMQ.Socket socket) {
        ZMQ.PollItem[] items = {
                new ZMQ.PollItem(socket, ZMQ.Poller.POLLIN),
                new ZMQ.PollItem(stopSignal.source(), ZMQ.Poller.POLLIN)};
        ZMQ.poll(selector, items, -1);
        return !stopping;
    }

    private void echoHeartbeats() {
        try (Selector selector = Selector.open()) {
            while (await(selector, heartbeat)) {
                byte[] ping;
                while ((ping = heartbeat.recv(ZMQ.DONTWAIT)) != null) {
                    heartbeat.send(ping, heartbeat.hasReceiveMore() ? ZMQ.SNDMORE : 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                LOG.log(Level.SEVERE, "the heartbeat loop failed", e);
            }
        }
    }

    private void serve(ShellChannel socket, String channel) {
        try (Selector selector = Selector.open()) {
            while (await(selector, socket)) {
                List<byte[]> frames;
                while (!stopping && (frames = MessageReader.receive(socket)) != null) {
                    reader.decode(frames, channel).ifPresent(message -> dispatch(socket, channel, message));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                LOG.log(Level.SEVERE, "the " + channel + " loop failed", e);
                stop();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(ShellChannel socket, String channel, Message<?> message) {
        String type = message.getHeader().getType().getName();
        ShellHandler handler = getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warning(() -> "ignored a " + type + " message on " + channel + ": no handler");
            return;
        }
        ShellReplyEnvironment env = prepareReplyEnv(socket, message);
        try {
            handler.handle(env, message);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "handling " + type + " on " + channel + " failed", t);
        } finally {
            try {
                env.resolveDeferrals();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not send the deferred replies to " + type, e);
            }
        }
        if (env.isMarkedForShutdown()) {
            stop();
        }
        afterFirstMessage.getAndSet(() -> {}).run();
    }
}
