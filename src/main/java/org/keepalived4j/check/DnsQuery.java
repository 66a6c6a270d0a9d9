package org.keepalived4j.check;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DNS_CHECK's wire side (check_dns.c, RFC 1035 §4.1): the query keepalived sends and how it reads
 * a reply. Pure functions over bytes.
 */
public final class DnsQuery {
    /** DNS_BUFFER_SIZE: a larger datagram is cut there. */
    public static final int BUFFER_SIZE = 768;
    /** keepalived compares the length with sizeof(dns_header_t *): shorter datagrams are ignored. */
    static final int MIN_REPLY = 8;

    private DnsQuery() {
    }

    /** What a received datagram means to the check waiting for the answer to query {@code id}. */
    public enum Reply {
        /** Too short, another id, or not a response (QR = 0): keep waiting. */
        IGNORE,
        /** A response with RCODE 0 (the answer count is not looked at). */
        SUCCESS,
        /** A response with a non-zero RCODE: {@link #rcode} says which. */
        ERROR
    }

    /**
     * dns_make_query(): header (id, flags RD, QDCOUNT 1), QNAME as labels (the empty name and
     * "." are the root), QTYPE, QCLASS IN.
     */
    public static byte[] encode(int id, String name, int type) {
        ByteBuffer b = ByteBuffer.allocate(BUFFER_SIZE);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        if (!name.isEmpty() && !name.equals(".")) {
            for (String label : labels(name)) {
                byte[] l = label.getBytes(StandardCharsets.ISO_8859_1);
                b.put((byte) l.length).put(l);
            }
        }
        b.put((byte) 0);
        b.putShort((short) type).putShort((short) 1);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static List<String> labels(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return List.of(n.split("\\.", -1));
    }

    /** dns_recv_thread(): the meaning of {@code reply} to the query with {@code id}. */
    public static Reply classify(int id, byte[] reply, int length) {
        if (length < MIN_REPLY) {
            return Reply.IGNORE;
        }
        int rid = ((reply[0] & 0xff) << 8) | (reply[1] & 0xff);
        int flags = ((reply[2] & 0xff) << 8) | (reply[3] & 0xff);
        if (rid != (id & 0xffff) || (flags & 0x8000) == 0) {
            return Reply.IGNORE;
        }
        return rcode(reply) == 0 ? Reply.SUCCESS : Reply.ERROR;
    }

    /** The RCODE of a reply (the low 4 bits of the flags). */
    public static int rcode(byte[] reply) {
        return reply[3] & 0x0f;
    }
}
