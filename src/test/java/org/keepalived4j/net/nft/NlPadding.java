package org.keepalived4j.net.nft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Netlink datagrams with their alignment padding zeroed, and a readable dump for assertion messages. */
final class NlPadding {
    private NlPadding() {
    }

    static byte[] zeroed(byte[] in) {
        byte[] b = in.clone();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 20 <= b.length) {
            int len = bb.getInt(off);
            if (len < 16 || off + len > b.length) {
                break;
            }
            attrs(bb, off + 20, off + len);
            zero(b, off + len, Math.min(b.length, off + ((len + 3) & ~3)));
            off += (len + 3) & ~3;
        }
        return b;
    }

    private static void attrs(ByteBuffer bb, int from, int to) {
        int off = from;
        while (off + 4 <= to) {
            int len = bb.getShort(off) & 0xffff;
            int type = bb.getShort(off + 2) & 0xffff;
            if (len < 4) {
                return;
            }
            if ((type & 0x8000) != 0) {
                attrs(bb, off + 4, off + len);
            }
            zero(bb.array(), off + len, Math.min(to, off + ((len + 3) & ~3)));
            off += (len + 3) & ~3;
        }
    }

    private static void zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            b[i] = 0;
        }
    }

    /** One line per message and attribute (type, length, value), nested ones indented. */
    static String dump(byte[] b) {
        StringBuilder s = new StringBuilder();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 20 <= b.length) {
            int len = bb.getInt(off);
            if (len < 16 || off + len > b.length) {
                break;
            }
            s.append(String.format("msg type=%#x flags=%#x seq=%d family=%d res=%02x%02x len=%d%n", bb.getShort(off + 4),
                    bb.getShort(off + 6), bb.getInt(off + 8), b[off + 16], b[off + 18], b[off + 19], len));
            dumpAttrs(bb, off + 20, off + len, "  ", s);
            off += (len + 3) & ~3;
        }
        return s.toString();
    }

    private static void dumpAttrs(ByteBuffer bb, int from, int to, String indent, StringBuilder s) {
        int off = from;
        while (off + 4 <= to) {
            int len = bb.getShort(off) & 0xffff;
            int type = bb.getShort(off + 2) & 0xffff;
            if (len < 4) {
                return;
            }
            s.append(indent).append(type & 0x3fff).append((type & 0x8000) != 0 ? " N" : "").append(" len=").append(len);
            if ((type & 0x8000) != 0) {
                s.append('\n');
                dumpAttrs(bb, off + 4, off + len, indent + "  ", s);
            } else {
                s.append(' ').append(HexFormat.of().formatHex(bb.array(), off + 4, off + len)).append('\n');
            }
            off += (len + 3) & ~3;
        }
    }
}
