package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** sendto and recv through jffi directly: data both ways, and a failure named with its errno. */
class DirectCallsTest {
    private static final int AF_UNIX = 1;

    @Test
    void aDatagramGoesThroughAndAFailureNamesItsCallAndErrno() throws Exception {
        int a = Syscalls.socket(AF_UNIX, LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_CLOEXEC, 0);
        int b = Syscalls.socket(AF_UNIX, LinuxConstants.SOCK_DGRAM | LinuxConstants.SOCK_CLOEXEC, 0);
        try {
            byte[] name = ("\0k4j-direct-" + ProcessHandle.current().pid()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] addr = new byte[2 + name.length];
            addr[0] = (byte) AF_UNIX;     // sa_family, little endian
            System.arraycopy(name, 0, addr, 2, name.length);
            Syscalls.bind(b, addr);
            byte[] sent = {1, 2, 3, 4, 5};
            Syscalls.sendto(a, sent, 3, addr);
            byte[] buf = new byte[64];
            assertEquals(3, Syscalls.recvfrom(b, buf, null));
            assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buf, 3), "only len octets sent");
        } finally {
            Syscalls.close(a);
            Syscalls.close(b);
        }
        NativeException e = assertThrows(NativeException.class, () -> Syscalls.sendto(-1, new byte[1], 1, null));
        assertEquals(Errno.EBADF, e.errno());
        assertTrue(e.getMessage().startsWith("sendto"), e.getMessage());
        NativeException r = assertThrows(NativeException.class, () -> Syscalls.recvfrom(-1, new byte[8], null));
        assertEquals(Errno.EBADF, r.errno());
        assertTrue(r.getMessage().startsWith("recvfrom"), r.getMessage());
    }
}
