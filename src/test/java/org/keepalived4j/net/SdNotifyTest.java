package org.keepalived4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {
    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();

    @Test
    void sendsExactlyTheMessagesToAPathSocket() throws Exception {
        String path = dir.resolve("notify").toString();
        try (DatagramListener systemd = new DatagramListener(path);
             SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path), logged::add)) {
            assertTrue(n.enabled());
            assertTrue(n.reloading());
            assertTrue(n.ready());
            assertTrue(n.status("VRRP: 2 instances\nrunning"));
            assertTrue(n.mainPid(4242));
            assertTrue(n.errno(2));
            assertTrue(n.stopping());
            long pid = ProcessHandle.current().pid();
            assertEquals(List.of("RELOADING=1", "READY=1\nMAINPID=" + pid, "STATUS=VRRP: 2 instances running",
                    "MAINPID=4242", "ERRNO=2", "STOPPING=1"), systemd.drain());
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void sendsToAnAbstractSocket() throws Exception {
        String name = "@keepalived4j-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (DatagramListener systemd = new DatagramListener(name);
             SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", name), logged::add)) {
            assertTrue(n.ready());
            assertTrue(n.stopping());
            assertEquals(List.of("READY=1\nMAINPID=" + ProcessHandle.current().pid(), "STOPPING=1"), systemd.drain());
        }
        assertEquals(List.of(), logged);
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SdNotify n = SdNotify.fromEnvironment(Map.of("PATH", "/bin"), logged::add);
        assertFalse(n.enabled());
        assertFalse(n.ready());
        assertFalse(n.stopping());
        assertEquals(List.of(), logged);
    }

    @Test
    void aRelativeOrForeignAddressIsReportedOnceAndDisables() {
        SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234"), logged::add);
        assertFalse(n.enabled());
        assertFalse(n.ready());
        assertEquals(List.of("sd_notify: NOTIFY_SOCKET='vsock:2:1234' is not an absolute path or abstract socket"
                + " - systemd notification disabled"), logged);
    }

    @Test
    void aFailedSendIsLoggedOnceNamingTheCallAndErrnoAndNeverThrows() throws Exception {
        String path = dir.resolve("gone").toString();
        try (SdNotify n = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path), logged::add)) {
            assertFalse(n.ready());
            assertFalse(n.stopping());
            assertEquals(List.of("sd_notify(READY=1) failed: sendto(" + path + "): ENOENT (No such file or directory)"),
                    logged);
            try (DatagramListener systemd = new DatagramListener(path)) {
                assertTrue(n.stopping());                 // recovers once the socket exists
                assertEquals(List.of("STOPPING=1"), systemd.drain());
            }
        }
    }

    @Test
    void childrenDoNotInheritNotifySocket() {
        Map<String, String> child = SdNotify.childEnvironment(Map.of("NOTIFY_SOCKET", "/run/x", "PATH", "/bin"));
        assertEquals(Map.of("PATH", "/bin"), child);
    }
}
