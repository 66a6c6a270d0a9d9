package org.keepalived4j.net.ipvs;

import java.net.ProtocolException;

import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NetlinkWriter;

/**
 * The generic netlink controller (linux/genetlink.h), pure: resolving a family name such as
 * "IPVS" to the id its messages are sent to (ids are assigned when the family registers, so
 * they differ between boots and kernels).
 */
public final class GenlCtrlCodec {
    /** The controller's version in genlmsghdr.version (libnl's genl_ctrl_resolve() sends 1). */
    static final int CTRL_VERSION = 1;

    private GenlCtrlCodec() {
    }

    /** A registered family as CTRL_CMD_NEWFAMILY describes it. */
    public record GenlFamily(int id, String name, int version, int headerSize, int maxAttr) {
    }

    /**
     * CTRL_CMD_GETFAMILY for one name, with NLM_F_REQUEST | NLM_F_ACK: the kernel answers
     * CTRL_CMD_NEWFAMILY then an acknowledgement, or NLMSG_ERROR −ENOENT for an unknown family.
     */
    public static byte[] getFamily(int seq, String name) {
        return NetlinkWriter.genetlink(LinuxConstants.GENL_ID_CTRL,
                LinuxConstants.NLM_F_REQUEST | LinuxConstants.NLM_F_ACK, seq, LinuxConstants.CTRL_CMD_GETFAMILY, CTRL_VERSION)
                .string(LinuxConstants.CTRL_ATTR_FAMILY_NAME, name)
                .finish();
    }

    /** The family in a CTRL_CMD_NEWFAMILY answer (CTRL_ATTR_FAMILY_ID and _NAME are required). */
    public static GenlFamily parseFamily(NlMessage m) throws ProtocolException {
        if (m.type() != LinuxConstants.GENL_ID_CTRL || m.genlCommand() != LinuxConstants.CTRL_CMD_NEWFAMILY) {
            throw new ProtocolException("genetlink: expected CTRL_CMD_NEWFAMILY, got type " + m.type() + " cmd "
                    + m.genlCommand());
        }
        NlAttrs a = m.genlAttrs();
        int id = a.u16(LinuxConstants.CTRL_ATTR_FAMILY_ID, "CTRL_ATTR_FAMILY_ID");
        String name = a.string(LinuxConstants.CTRL_ATTR_FAMILY_NAME, "CTRL_ATTR_FAMILY_NAME");
        int version = a.has(LinuxConstants.CTRL_ATTR_VERSION)
                ? (int) a.u32(LinuxConstants.CTRL_ATTR_VERSION, "CTRL_ATTR_VERSION") : 0;
        int hdr = a.has(LinuxConstants.CTRL_ATTR_HDRSIZE)
                ? (int) a.u32(LinuxConstants.CTRL_ATTR_HDRSIZE, "CTRL_ATTR_HDRSIZE") : 0;
        int max = a.has(LinuxConstants.CTRL_ATTR_MAXATTR)
                ? (int) a.u32(LinuxConstants.CTRL_ATTR_MAXATTR, "CTRL_ATTR_MAXATTR") : 0;
        return new GenlFamily(id, name, version, hdr, max);
    }
}
