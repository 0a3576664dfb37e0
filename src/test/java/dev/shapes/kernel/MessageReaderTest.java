package dev.shapes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages on the wire: signed ones are read, forged or malformed ones are logged and dropped. */
class MessageReaderTest {

    private static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger(MessageReader.class.getName());

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private static List<byte[]> frames(String signingKey, String code) throws Exception {
        byte[] header = ("{\"msg_id\": \"1\", \"username\": \"u\", \"session\": \"s\", \"date\": "
                + "\"2024-05-01T10:00:00.000000Z\", \"msg_type\": \"execute_request\", \"version\": \"5.3\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] content = ("{\"code\": \"" + code + "\", \"silent\": false, \"store_history\": true, "
                + "\"user_expressions\": {}, \"allow_stdin\": false, \"stop_on_error\": true}")
                .getBytes(StandardCharsets.UTF_8);
        String signature = new HMACGenerator("hmac-sha256", signingKey).calculateSignature(header, empty, empty, content);
        return new ArrayList<>(List.of("client-id".getBytes(StandardCharsets.UTF_8),
                "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII),
                header, empty, empty, content));
    }

    private static MessageReader reader() throws Exception {
        return new MessageReader(new HMACGenerator("hmac-sha256", KEY), true);
    }

    @Test
    void readsASignedMessage() throws Exception {
        Optional<Message<?>> message = reader().decode(frames(KEY, "x: f32[3]"), "shell");
        assertEquals(MessageType.EXECUTE_REQUEST, message.orElseThrow().getHeader().getType());
        assertEquals("x: f32[3]", ((ExecuteRequest) message.get().getContent()).getCode());
        assertEquals("client-id", new String(message.get().getIdentities().get(0), StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAndLogsABadSignature() throws Exception {
        assertTrue(reader().decode(frames("not-the-session-key", "x: f32[3]"), "shell").isEmpty());
        assertTrue(logged.stream().anyMatch(m -> m.contains("invalid HMAC signature")), logged.toString());
    }

    @Test
    void rejectsATamperedMessage() throws Exception {
        List<byte[]> frames = frames(KEY, "x: f32[3]");
        frames.set(6, new String(frames.get(6), StandardCharsets.UTF_8).replace("x: f32[3]", "y: f32[3]")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(reader().decode(frames, "shell").isEmpty());
    }

    @Test
    void dropsMalformedMessages() throws Exception {
        assertTrue(reader().decode(List.of("garbage".getBytes(StandardCharsets.UTF_8)), "shell").isEmpty());
        List<byte[]> truncated = frames(KEY, "x").subList(0, 4);
        assertTrue(reader().decode(truncated, "control").isEmpty());
        List<byte[]> notJson = frames(KEY, "x");
        notJson.set(3, "{not json".getBytes(StandardCharsets.UTF_8));
        assertTrue(new MessageReader(new HMACGenerator("hmac-sha256", KEY), false).decode(notJson, "shell").isEmpty());
        assertEquals(3, logged.size(), logged.toString());
    }
}
