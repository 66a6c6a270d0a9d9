package org.keepalived4j.check;

import java.util.Optional;

/**
 * The echo request PING_CHECK sends on a ping socket and how it reads what comes back
 * (check_ping.c: ping_it(), ping6_it(), recv_it(), recv6_it()). Pure functions over bytes.
 */
public final class IcmpEcho {
    /** ICMP_BUFSIZE: the payload, after the 8-octet header. */
    public static final int PAYLOAD = 128;
    /** The receive buffer: header and payload. */
    public static final int RECEIVE = 8 + PAYLOAD;

    private IcmpEcho() {
    }

    /**
     * An echo request (type 8, ICMPv6 128), code 0; checksum and identifier are left 0 for the
     * kernel to fill; the sequence number is written in host (little-endian) order as keepalived
     * does without htons(); the payload is set_buf()'s "keepalived check - " repeated.
     */
    public static byte[] request(boolean ipv6, int sequence) {
        byte[] b = new byte[8 + PAYLOAD];
        b[0] = (byte) (ipv6 ? 128 : 8);
        b[6] = (byte) sequence;
        b[7] = (byte) (sequence >> 8);
        byte[] text = "keepalived check - ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < PAYLOAD; i++) {
            b[8 + i] = text[i % text.length];
        }
        return b;
    }

    /**
     * recv_it() / recv6_it(): empty for an echo reply (type 0, ICMPv6 129), else the line
     * keepalived logs.
     */
    public static Optional<String> check(boolean ipv6, byte[] packet, int length) {
        String v = ipv6 ? "ICMPv6" : "ICMP";
        if (length < 8) {
            return Optional.of("Error, got short " + v + " packet, " + length + " bytes");
        }
        int type = packet[0] & 0xff;
        if (type != (ipv6 ? 129 : 0)) {
            return Optional.of("Got " + v + " packet with type 0x" + Integer.toHexString(type));
        }
        return Optional.empty();
    }

    /** recv() failed. */
    public static String receiveError(boolean ipv6) {
        return "recv " + (ipv6 ? "ICMPv6" : "ICMP") + " packet error";
    }

    /** sendto() failed. */
    public static String sendError(boolean ipv6, int errno) {
        return ipv6 ? "send ICMPv6 packet fail - errno " + errno : "send ICMP packet fail";
    }
}
