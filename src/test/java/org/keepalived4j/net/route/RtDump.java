package org.keepalived4j.net.route;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helper: an rtnetlink request as text, attributes sorted, so two senders' orders compare equal. */
final class RtDump {
    private RtDump() {
    }

    /** {@code type flags | header | attributes sorted} (nested RTA_METRICS sorted as well); seq and pid left out. */
    static String canonical(byte[] msg) {
        msg = zeroPadding(msg);
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
        int len = b.getInt(0);
        String head = "type " + (b.getShort(4) & 0xffff) + " flags 0x" + Integer.toHexString(b.getShort(6) & 0xffff)
                + " len " + len + " | " + HexFormat.of().formatHex(msg, 16, 28);
        return head + " | " + String.join(" ", attrs(msg, 28, len, true));
    }

    /**
     * A copy with every attribute's alignment padding zeroed: keepalived builds some attributes in
     * an uninitialised stack buffer, so the padding it sends is whatever was there (the kernel
     * never reads it). Walks RTA_METRICS, RTA_ENCAP and RTA_MULTIPATH (struct rtnexthop) nests.
     */
    static byte[] zeroPadding(byte[] msg) {
        byte[] c = msg.clone();
        zero(c, 28, ByteBuffer.wrap(c).order(ByteOrder.nativeOrder()).getInt(0), 0);
        return c;
    }

    private static void zero(byte[] c, int from, int to, int depth) {
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.nativeOrder());
        int off = from;
        while (off + 4 <= to) {
            int alen = b.getShort(off) & 0xffff;
            int type = b.getShort(off + 2) & 0xffff;
            if (alen < 4 || off + alen > to) {
                return;
            }
            for (int i = off + alen; i < Math.min(to, off + ((alen + 3) & ~3)); i++) {
                c[i] = 0;
            }
            if (depth == 0 && (type == RouteConstants.RTA_METRICS || type == RouteConstants.RTA_ENCAP)) {
                zero(c, off + 4, off + alen, 1);
            } else if (depth == 0 && type == RouteConstants.RTA_MULTIPATH) {
                int nh = off + 4;
                while (nh + 8 <= off + alen) {
                    int nhlen = b.getShort(nh) & 0xffff;
                    if (nhlen < 8) {
                        break;
                    }
                    zero(c, nh + 8, nh + nhlen, 0);
                    nh += (nhlen + 3) & ~3;
                }
            }
            off += (alen + 3) & ~3;
        }
    }

    static List<String> attrs(byte[] msg, int from, int to, boolean outer) {
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.nativeOrder());
        List<String> out = new ArrayList<>();
        int off = from;
        while (off + 4 <= to) {
            int alen = b.getShort(off) & 0xffff;
            int type = b.getShort(off + 2) & 0xffff;
            if (alen < 4 || off + alen > to) {
                out.add("TRUNCATED@" + off);
                break;
            }
            if (outer && type == RouteConstants.RTA_METRICS) {
                out.add(type + "{" + String.join(" ", attrs(msg, off + 4, off + alen, false)) + "}");
            } else {
                out.add(type + "=" + HexFormat.of().formatHex(msg, off + 4, off + alen));
            }
            off += (alen + 3) & ~3;
        }
        out.sort(null);
        return out;
    }
}
