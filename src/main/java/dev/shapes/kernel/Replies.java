package dev.shapes.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.InterruptReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Reply contents the way the messaging spec (5.3) writes them, where
 * jjava-jupyter's differ: every reply carries {@code "status": "ok"}, and a
 * history reply lists {@code [session, line, input]} triples (jjava sends
 * objects that clients cannot read).
 */
final class Replies {

    private Replies() {}

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized
        private final String status = "ok";

        KernelInfo(String protocol, String implementation, String version, LanguageInfo language, String banner,
                   List<HelpLink> helpLinks) {
            super(protocol, implementation, version, language, banner, helpLinks);
        }
    }

    static final class Interrupt extends InterruptReply {
        @SuppressWarnings("unused") // serialized
        private final String status = "ok";
    }

    static final class Shutdown implements ContentType<Shutdown> {
        @SuppressWarnings("unused") // serialized
        private final String status = "ok";
        @SuppressWarnings("unused") // serialized
        private final boolean restart;

        Shutdown(boolean restart) {
            this.restart = restart;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<Shutdown> getType() {
            return (MessageType) MessageType.SHUTDOWN_REPLY;
        }
    }

    static final class History implements ContentType<History> {
        @SuppressWarnings("unused") // serialized
        private final String status = "ok";
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries) {
            for (HistoryEntry e : entries) {
                Object input = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
                history.add(List.of(e.getSession(), e.getCellNumber(), input));
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<History> getType() {
            return (MessageType) MessageType.HISTORY_REPLY;
        }
    }
}
