package org.keepalived4j.check;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * UDP_CHECK (check_udp.c): a datagram to the real server. Silence until connect_timeout is a
 * success unless require_reply is set; an ICMP error is a failure; a reply is a success unless a
 * require_reply pattern is set and the reply's length is outside [min, max]_reply_length or its
 * first octets differ from the pattern. Retries and lines as TCP_CHECK's (udp_epilog()).
 */
public final class UdpChecker extends Checker {
    /** set_buf() of core/layer4.c: UDP_BUFSIZE (32) octets of "keepalived check - " repeated. */
    static final byte[] DEFAULT_PAYLOAD = "keepalived check - keepalived ch".getBytes(StandardCharsets.US_ASCII);

    private final CheckerConfig.UdpCheck udp;
    private final ConnectSpec connect;

    public UdpChecker(CheckerConfig.UdpCheck udp, CheckerSettings settings, ConnectSpec connect, RsHealth rs,
                      Consumer<String> log) {
        super(udp, settings, rs, log);
        this.udp = udp;
        this.connect = connect;
    }

    public ConnectSpec connect() {
        return connect;
    }

    public byte[] payload() {
        return udp.payload().orElse(DEFAULT_PAYLOAD).clone();
    }

    /** How many octets of a reply matter (max_reply_length + 1), when one is required. */
    public int replyLimit() {
        return udp.maxReply() + 1;
    }

    /**
     * udp_check_thread() then udp_epilog().
     *
     * @return microseconds until the next attempt
     */
    public long complete(UdpOutcome outcome) {
        boolean success;
        if (outcome instanceof UdpOutcome.Reply r) {
            success = udp.replyData().isEmpty() || matches(r.data());
            if (!success && isUp() && logAllFailures()) {
                log.accept(CheckMessages.udpMismatch(display()));
            }
        } else if (outcome instanceof UdpOutcome.Silence) {
            success = !udp.requireReply();
        } else {
            success = false;
        }
        if (!success && !(outcome instanceof UdpOutcome.Reply) && !(outcome instanceof UdpOutcome.NotSent)
                && isUp() && logAllFailures()) {
            log.accept(CheckMessages.udpAttemptFailed(display()));
        }
        return epilog(success);
    }

    /** check_udp_reply(), negated: the length within bounds and the pattern's octets equal where not masked. */
    boolean matches(byte[] reply) {
        if (reply.length < udp.minReply() || reply.length > udp.maxReply()) {
            return false;
        }
        byte[] want = udp.replyData().get();
        Optional<byte[]> mask = udp.replyMask();
        int n = Math.min(want.length, reply.length);
        for (int i = 0; i < n; i++) {
            int care = mask.isPresent() ? ~mask.get()[i] : ~0;
            if (((reply[i] ^ want[i]) & care & 0xff) != 0) {
                return false;
            }
        }
        return true;
    }

    /** udp_epilog(). */
    private long epilog(boolean success) {
        return retryEpilog(success, () -> CheckMessages.udpSuccess(display()), n -> CheckMessages.udpFailed(display(), n));
    }

    /** compare_udp_check(): only the connection. */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof UdpChecker u && u.connect.equals(connect);
    }
}
