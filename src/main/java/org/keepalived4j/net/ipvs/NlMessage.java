package org.keepalived4j.net.ipvs;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * One netlink message as received: the {@code nlmsghdr} fields and the payload after it.
 * A receive buffer may hold several (a dump's NLM_F_MULTI parts, then NLMSG_DONE); each starts
 * at a 4-byte boundary.
 *
 * @param type    nlmsg_type: NLMSG_ERROR (2), NLMSG_DONE (3), or a generic netlink family id
 * @param payload the bytes after the 16-byte header, {@code nlmsg_len - 16} of them
 */
public record NlMessage(int type, int flags, int seq, int portId, byte[] payload) {

    /** Split {@code buf[0, len)} into messages; a truncated or garbled header is an error. */
    public static List<NlMessage> parseAll(byte[] buf, int len) throws ProtocolException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        List<NlMessage> out = new ArrayList<>();
        int off = 0;
        while (off < len) {
            if (len - off < NetlinkWriter.NLMSG_HDRLEN) {
                throw new ProtocolException("netlink: " + (len - off) + " trailing bytes at offset " + off
                        + ", a header needs 16");
            }
            int mlen = b.getInt(off);
            if (mlen < NetlinkWriter.NLMSG_HDRLEN || off + mlen > len) {
                throw new ProtocolException("netlink: message at offset " + off + " has nlmsg_len " + mlen + ", "
                        + (len - off) + " bytes left");
            }
            out.add(new NlMessage(b.getShort(off + 4) & 0xffff, b.getShort(off + 6) & 0xffff, b.getInt(off + 8),
                    b.getInt(off + 12), Arrays.copyOfRange(buf, off + NetlinkWriter.NLMSG_HDRLEN, off + mlen)));
            off += NetlinkWriter.align(mlen);
        }
        return out;
    }

    /** NLMSG_ERROR: an acknowledgement ({@link #error()} 0) or a failure. */
    public boolean isError() {
        return type == LinuxConstants.NLMSG_ERROR;
    }

    /** NLMSG_DONE: the end of a dump. */
    public boolean isDone() {
        return type == LinuxConstants.NLMSG_DONE;
    }

    /**
     * The errno of an NLMSG_ERROR (struct nlmsgerr: {@code int error} = −errno, then the request's
     * header) or of an NLMSG_DONE (an {@code int}: 0, or −errno when the dump failed): 0 = success.
     */
    public int error() throws ProtocolException {
        if (payload.length < 4) {
            if (isDone()) {
                return 0;   // old kernels sent NLMSG_DONE without the int
            }
            throw new ProtocolException("netlink: NLMSG_ERROR with " + payload.length + " bytes, expected 4 or more");
        }
        return -ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt();
    }

    /** genlmsghdr.cmd. */
    public int genlCommand() throws ProtocolException {
        requireGenl();
        return payload[0] & 0xff;
    }

    /** genlmsghdr.version. */
    public int genlVersion() throws ProtocolException {
        requireGenl();
        return payload[1] & 0xff;
    }

    /** The first-level attributes after the generic netlink header. */
    NlAttrs genlAttrs() throws ProtocolException {
        requireGenl();
        return NlAttrs.parse(payload, LinuxConstants.GENL_HDRLEN, payload.length, "genetlink");
    }

    private void requireGenl() throws ProtocolException {
        if (payload.length < LinuxConstants.GENL_HDRLEN) {
            throw new ProtocolException("genetlink: message type " + type + " has " + payload.length
                    + " payload bytes, the generic header needs 4");
        }
    }
}
