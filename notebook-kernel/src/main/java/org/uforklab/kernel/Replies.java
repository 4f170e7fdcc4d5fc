package org.uforklab.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * jjava-jupyter 1.0-a6's kernel_info and history replies lack the {@code status} field that the message
 * specification (and jupyter_kernel_test's schema) requires; these add it. Gson serialises the runtime
 * class, so the extra field lands in the content.
 */
final class Replies {

    private Replies() {
    }

    /** kernel_info_reply with {@code status: ok}. */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";

        KernelInfo(String protocolVersion, String name, String version, LanguageInfo info, String banner,
                   List<HelpLink> links) {
            super(protocolVersion, name, version, info, banner, links);
        }
    }

    /**
     * history_reply with {@code status: ok} and entries as the protocol's tuples ({@code [session, line, input]}
     * or {@code [session, line, [input, output]]}): jjava's own HistoryReply goes through a Gson without its
     * HistoryEntry adapter and comes out as objects.
     */
    static final class History implements ContentType<History> {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";
        private final List<List<Object>> history;

        History(List<HistoryEntry> entries) {
            List<List<Object>> rows = new ArrayList<>();
            for (HistoryEntry e : entries) {
                Object input = e.hasOutput() ? Arrays.asList(e.getInput(), e.getOutput()) : e.getInput();
                rows.add(Arrays.asList(e.getSession(), e.getCellNumber(), input));
            }
            this.history = rows;
        }

        /** The rows sent. */
        List<List<Object>> rows() {
            return history;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<History> getType() {
            return (MessageType<History>) (MessageType<?>) HistoryReply.MESSAGE_TYPE;
        }
    }
}
