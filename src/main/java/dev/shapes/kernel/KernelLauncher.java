package dev.shapes.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Starts the kernel on a Jupyter connection file and serves it until a
 * shutdown request: what {@code shapes kernel CONNECTION_FILE} runs.
 */
public final class KernelLauncher {

    private KernelLauncher() {}

    public static void serve(Path connectionFile) throws IOException, GeneralSecurityException {
        configureLogging();
        KernelConnectionProperties properties = KernelConnectionProperties.parse(
                Files.readString(connectionFile, StandardCharsets.UTF_8));
        KernelConnection connection = new KernelConnection(properties);
        ShapesKernel kernel = new ShapesKernel();
        kernel.onStartup();
        try {
            kernel.becomeHandlerForConnection(connection);
            connection.afterFirstMessage(kernel::warmUp);
            connection.connect();
            connection.waitUntilClose();
        } finally {
            if (kernel.isStarted()) {
                kernel.onShutdown(false);
            }
        }
    }

    /**
     * A training run for the class-data-sharing archive made at install time:
     * starts a kernel on free local ports, answers a kernel_info and an
     * execute request sent through its own reader, and stops. The JVM records
     * every class this loaded ({@code -XX:ArchiveClassesAtExit}).
     */
    public static void train() throws IOException, GeneralSecurityException {
        configureLogging();
        List<Integer> ports = freePorts(5);
        String key = UUID.randomUUID().toString();
        KernelConnectionProperties properties = new KernelConnectionProperties("127.0.0.1", ports.get(0),
                ports.get(1), ports.get(2), ports.get(3), ports.get(4), "tcp", "hmac-sha256", key);
        KernelConnection connection = new KernelConnection(properties);
        ShapesKernel kernel = new ShapesKernel();
        kernel.onStartup();
        try {
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
            ask(properties, "kernel_info_request", "{}");
            ask(properties, "execute_request", "{\"code\": \"%%shapes torch\\nx: f32[2, 3]\\ny = x.sum(1)\\n"
                    + "z = F.cross_entropy(x, x)\\n%who\", \"silent\": false, \"store_history\": true, "
                    + "\"user_expressions\": {}, \"allow_stdin\": false, \"stop_on_error\": true}");
            ask(properties, "complete_request", "{\"code\": \"F.cro\", \"cursor_pos\": 5}");
            connection.stop();
            connection.waitUntilClose();
        } finally {
            kernel.onShutdown(false);
        }
    }

    /** Sends one signed request to the shell socket as a client would and waits for the reply. */
    private static void ask(KernelConnectionProperties properties, String type, String content)
            throws GeneralSecurityException {
        HMACGenerator signer = properties.createHMACGenerator();
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket client = context.createSocket(SocketType.DEALER);
            client.setReceiveTimeOut(10_000);
            client.connect("tcp://127.0.0.1:" + properties.getShellPort());
            String session = UUID.randomUUID().toString();
            byte[] header = ("{\"msg_id\": \"" + UUID.randomUUID() + "\", \"username\": \"training\", \"session\": \""
                    + session + "\", \"date\": \"2024-01-01T00:00:00.000000Z\", \"msg_type\": \"" + type
                    + "\", \"version\": \"5.3\"}").getBytes(StandardCharsets.UTF_8);
            byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
            byte[] body = content.getBytes(StandardCharsets.UTF_8);
            client.sendMore("<IDS|MSG>");
            client.sendMore(signer.calculateSignature(header, empty, empty, body));
            client.sendMore(header);
            client.sendMore(empty);
            client.sendMore(empty);
            client.send(body);
            while (client.recv() != null && client.hasReceiveMore()) {
                // the reply's frames: only its arrival matters
            }
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** One line per record on stderr (which Jupyter shows in its log), INFO and above. */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "[Shapes %1$tT %4$s] %5$s%6$s%n");
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new ConsoleHandler());
    }
}
