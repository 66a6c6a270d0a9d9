package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rtnetlink address messages ha_suspend follows: RTM_NEWADDR / RTM_DELADDR and the dump's end. */
class LinuxAddressMonitorTest {
    /** nlmsghdr + ifaddrmsg + one 4- or 16-byte address attribute of {@code attrType}. */
    static byte[] addr(int type, int seq, int family, int ifindex, int attrType, byte[] a) {
        int attrLen = 4 + a.length;
        int len = 16 + 8 + attrLen;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) 0).putInt(seq).putInt(0);
        b.put((byte) family).put((byte) (a.length * 8)).put((byte) 0).put((byte) 0).putInt(ifindex);
        b.putShort((short) attrLen).putShort((short) attrType).put(a);
        return b.array();
    }

    static byte[] done(int seq) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(20).putShort((short) LinuxConstants.NLMSG_DONE).putShort((short) 2).putInt(seq).putInt(0).putInt(0);
        return b.array();
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void readsAdditionsAndRemovalsAndTheEndOfItsDump() throws Exception {
        byte[] vip = InetAddress.getByName("203.0.113.20").getAddress();
        byte[] v6 = InetAddress.getByName("2001:db8::20").getAddress();
        byte[] buf = join(addr(LinuxConstants.RTM_NEWADDR, 7, LinuxConstants.AF_INET, 1, LinuxConstants.IFA_LOCAL, vip),
                addr(LinuxConstants.RTM_NEWADDR, 7, LinuxConstants.AF_INET6, 3, LinuxConstants.IFA_ADDRESS, v6),
                addr(LinuxConstants.RTM_DELADDR, 0, LinuxConstants.AF_INET, 1, LinuxConstants.IFA_LOCAL, vip));
        List<String> seen = new ArrayList<>();
        LinuxAddressMonitor.Change out = (ifindex, a, added) -> seen.add(ifindex + " " + a.getHostAddress()
                + (added ? " added" : " removed"));
        assertFalse(LinuxAddressMonitor.parse(buf, buf.length, 7, out), "no NLMSG_DONE yet");
        assertEquals(List.of("1 203.0.113.20 added", "3 2001:db8:0:0:0:0:0:20 added", "1 203.0.113.20 removed"), seen);
        seen.clear();
        byte[] end = done(7);
        assertFalse(LinuxAddressMonitor.parse(end, end.length, 8, out), "another dump's end");
        assertTrue(LinuxAddressMonitor.parse(end, end.length, 7, out));
        byte[] cut = java.util.Arrays.copyOf(buf, 30);
        assertFalse(LinuxAddressMonitor.parse(cut, cut.length, 7, out));
        assertEquals(List.of(), seen, "a truncated message is ignored");
    }
}
