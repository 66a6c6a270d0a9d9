package org.keepalived4j.net.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The pure parts of the adapter: reading the kernel's acknowledgement and keepalived's error line. */
class LinuxRoutePortTest {
    /** An NLMSG_ERROR (struct nlmsgerr: error, then the request's header) as the kernel answers. */
    static byte[] nlmsgerr(int seq, int errno, int requestType) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) 2).putShort((short) 0x100).putInt(seq).putInt(4242);
        b.putInt(-errno);
        b.putInt(52).putShort((short) requestType).putShort((short) 0x405).putInt(seq).putInt(0);
        return b.array();
    }

    @Test
    void theAckForOurSequenceIsFound() {
        byte[] other = nlmsgerr(6, 0, 24);
        byte[] ours = nlmsgerr(7, 19, 24);
        byte[] both = new byte[other.length + ours.length];
        System.arraycopy(other, 0, both, 0, other.length);
        System.arraycopy(ours, 0, both, other.length, ours.length);
        assertEquals(new LinuxRoutePort.Ack(19, 24, 7, 0), LinuxRoutePort.ack(both, both.length, 7));
        assertNull(LinuxRoutePort.ack(other, other.length, 7));
    }

    @Test
    void keepalivedsNetlinkErrorLine() {
        assertEquals("Netlink: error: No such device(19), type=RTM_NEWROUTE(24), seq=7, pid=0",
                LinuxRoutePort.netlinkError(new LinuxRoutePort.Ack(19, 24, 7, 0)));
        assertEquals("Netlink: error: File exists(17), type=RTM_NEWRULE(32), seq=9, pid=0",
                LinuxRoutePort.netlinkError(new LinuxRoutePort.Ack(17, 32, 9, 0)));
    }
}
