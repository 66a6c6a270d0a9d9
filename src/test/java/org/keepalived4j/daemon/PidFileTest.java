package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pid files: written, held, removed; stale ones replaced. (Two processes: DaemonRuntimeIT.) */
class PidFileTest {
    @TempDir
    Path dir;
    final List<String> lines = new ArrayList<>();

    @Test
    void writtenWithOurPidAndRemovedOnClose() throws Exception {
        Path p = dir.resolve("keepalived.pid");
        try (PidFile f = PidFile.acquire(p, 1234, lines::add)) {
            assertEquals("1234\n", Files.readString(p));
            assertThrows(PidFile.AlreadyRunning.class, () -> PidFile.acquire(p, 99, lines::add),
                    "a held pid file cannot be taken");
        }
        assertFalse(Files.exists(p));
        assertEquals(List.of(), lines);
    }

    @Test
    void aStaleFileOfADeadProcessIsReplacedAndSaidSo() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path p = dir.resolve("vrrp.pid");
        Files.writeString(p, dead.pid() + "\n");
        try (PidFile f = PidFile.acquire(p, 1234, lines::add)) {
            assertEquals("1234\n", Files.readString(p));
        }
        assertEquals(List.of("Remove a zombie pid file " + p + " (pid " + dead.pid() + " is not a running keepalived)"),
                lines);
    }

    @Test
    void aReusedPidOfAnotherProgramDoesNotBlockTheStart() throws Exception {
        Path p = dir.resolve("keepalived.pid");
        Files.writeString(p, ProcessHandle.current().pid() + "\n");   // alive, but a java, not a keepalived
        try (PidFile f = PidFile.acquire(p, 1234, lines::add)) {
            assertTrue(lines.get(0).startsWith("Remove a zombie pid file"), lines.toString());
        }
    }

    @Test
    void garbageIsReplacedSilently() throws Exception {
        Path p = dir.resolve("keepalived.pid");
        Files.writeString(p, "not a pid");
        try (PidFile f = PidFile.acquire(p, 1234, lines::add)) {
            assertEquals("1234\n", Files.readString(p));
        }
    }
}
