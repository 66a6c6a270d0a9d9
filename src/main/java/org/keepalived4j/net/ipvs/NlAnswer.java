package org.keepalived4j.net.ipvs;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.net.LinuxConstants;

/**
 * Collects the kernel's answer to one request from successive receive buffers, pure. A request
 * sent with NLM_F_ACK ends with its acknowledgement (NLMSG_ERROR, error 0), after any answer
 * message; a dump (NLM_F_DUMP) ends with NLMSG_DONE, its parts (NLM_F_MULTI) spread over any
 * number of buffers. NLMSG_ERROR with an errno, or NLMSG_DONE carrying one, is a
 * {@link KernelError}. Messages of other sequence numbers (a late answer to an abandoned
 * request) and NLMSG_NOOP are skipped.
 */
final class NlAnswer {
    private final int seq;
    private final boolean dump;
    private final List<NlMessage> messages = new ArrayList<>();
    private boolean complete;

    NlAnswer(int seq, boolean dump) {
        this.seq = seq;
        this.dump = dump;
    }

    /** The kernel refused the request. */
    static final class KernelError extends IOException {
        private static final long serialVersionUID = 1L;
        private final int errno;

        KernelError(int errno) {
            super("the kernel answered errno " + errno);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /**
     * Feed one receive buffer.
     *
     * @return true once the answer is complete (later messages in the buffer are ignored)
     */
    boolean feed(byte[] buf, int len) throws ProtocolException, KernelError {
        for (NlMessage m : NlMessage.parseAll(buf, len)) {
            if (complete || m.seq() != seq || m.type() == LinuxConstants.NLMSG_NOOP) {
                continue;
            }
            if (m.isError() || m.isDone()) {
                int errno = m.error();
                if (errno != 0) {
                    throw new KernelError(errno);
                }
                // an acknowledgement inside a dump does not end it; NLMSG_DONE does
                complete = !(dump && m.isError());
                continue;
            }
            messages.add(m);
        }
        return complete;
    }

    boolean complete() {
        return complete;
    }

    /** The answer's messages (family messages only: no acknowledgement, no NLMSG_DONE). */
    List<NlMessage> messages() {
        return List.copyOf(messages);
    }
}
