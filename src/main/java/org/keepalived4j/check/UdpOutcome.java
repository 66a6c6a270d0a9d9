package org.keepalived4j.check;

/** How one UDP_CHECK datagram exchange ended (udp_socket_state() and udp_bind_connect(), core/layer4.c). */
public sealed interface UdpOutcome {
    /** A datagram came back (cut to max_reply_length + 1 octets, as keepalived's receive buffer). */
    record Reply(byte[] data) implements UdpOutcome {
    }

    /** Nothing came back within connect_timeout. */
    record Silence() implements UdpOutcome {
    }

    /** An ICMP error (port/host/network unreachable) or a receive error. */
    record Refused() implements UdpOutcome {
    }

    /** bind(), connect() or send() failed: a failure without a line. */
    record NotSent() implements UdpOutcome {
    }
}
