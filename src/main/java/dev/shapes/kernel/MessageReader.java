package dev.shapes.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.adapters.HeaderAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryRequestAdapter;
import org.dflib.jjava.jupyter.messages.adapters.KernelTimestampAdapter;
import org.dflib.jjava.jupyter.messages.adapters.MessageTypeAdapter;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

/**
 * Reads one Jupyter wire message (identities, {@code <IDS|MSG>}, signature,
 * header, parent header, metadata, content, buffers) from a socket. Unlike
 * jjava-jupyter's reader, a message that is malformed or whose HMAC signature
 * does not match is logged and dropped instead of throwing out of the loop
 * (which would stop the channel), and signatures are compared in constant time.
 */
final class MessageReader {

    private static final Logger LOG = Logger.getLogger(MessageReader.class.getName());
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Type METADATA = new TypeToken<Map<String, Object>>() {}.getType();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .create();

    private final HMACGenerator signer;
    private final boolean signed;

    MessageReader(HMACGenerator signer, boolean signed) {
        this.signer = signer;
        this.signed = signed;
    }

    /** The frames of the next message, or null when none is waiting. */
    static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** The message, or empty (after logging why) when it is malformed or not signed with the session key. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Optional<Message<?>> decode(List<byte[]> frames, String channel) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            LOG.warning(() -> "dropped a malformed message on " + channel + ": " + frames.size()
                    + " frames without the <IDS|MSG> delimiter and its five parts");
            return Optional.empty();
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (signed) {
            byte[] expected = signer.calculateSignature(header, parent, metadata, content)
                    .getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature)) {
                LOG.warning(() -> "rejected a message on " + channel
                        + ": invalid HMAC signature; it was not executed");
                return Optional.empty();
            }
        }
        try {
            Header<?> parsedHeader = GSON.fromJson(utf8(header), Header.class);
            JsonElement parentJson = JsonParser.parseString(utf8(parent));
            Header<?> parentHeader = parentJson.isJsonObject() && !parentJson.getAsJsonObject().isEmpty()
                    ? GSON.fromJson(parentJson, Header.class) : null;
            Map<String, Object> meta = GSON.fromJson(utf8(metadata), METADATA);
            Object body = GSON.fromJson(utf8(content), parsedHeader.getType().getContentType());
            List<byte[]> identities = new ArrayList<>(frames.subList(0, delimiter));
            List<byte[]> buffers = new ArrayList<>(frames.subList(delimiter + 6, frames.size()));
            return Optional.of(new Message(identities, parsedHeader, parentHeader, meta, body, buffers));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dropped an unreadable message on " + channel + ": " + e, (Throwable) null);
            return Optional.empty();
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
