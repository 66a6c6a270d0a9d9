package org.keepalived4j.check.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.check.io.IoTesting.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.script.ProcessGroups;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.util.ScriptOutcome;

/** MISC_CHECK scripts: exit codes, the timeout's SIGTERM/SIGKILL of the process group, no zombie. */
class ScriptRunnerTest {
    static NettyCheckIo io;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        io = NettyCheckIo.create();
    }

    @AfterAll
    static void stop() {
        io.close();
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    ScriptOutcome run(List<String> cmd, long timeoutMicros) throws Exception {
        return await(io, done -> io.misc(new Script(cmd, Optional.empty(), Optional.empty(), null), timeoutMicros, done));
    }

    @Test
    void exitStatusesAndArguments() throws Exception {
        Path s = script("exit.sh", "exit \"$1\"\n");
        assertEquals(new ScriptOutcome.Exited(0), run(List.of(s.toString(), "0"), 10_000_000));
        assertEquals(new ScriptOutcome.Exited(1), run(List.of(s.toString(), "1"), 10_000_000));
        assertEquals(new ScriptOutcome.Exited(3), run(List.of(s.toString(), "3"), 10_000_000));
    }

    @Test
    void aScriptRunsInItsOwnProcessGroupWithoutAShell() throws Exception {
        Path out = dir.resolve("ids");
        Path s = script("ids.sh", "echo \"$$ $(ps -o pgid= -p $$) $#\" > " + out + "\n");
        assertEquals(new ScriptOutcome.Exited(0), run(List.of(s.toString(), "a b", "c"), 10_000_000));
        String[] f = Files.readString(out).trim().split("\\s+");
        assertEquals(f[0], f[1], "the script leads its own process group");
        assertEquals("2", f[2], "arguments passed as they are, no shell splitting");
    }

    @Test
    void aHungScriptIsTerminatedAtItsTimeoutWithItsChildrenAndLeavesNoZombie() throws Exception {
        Path pids = dir.resolve("pids");
        Path s = script("hang.sh", "echo $$ > " + pids + "\nsleep 600 &\necho $! >> " + pids + "\nwait\n");
        ScriptOutcome o = run(List.of(s.toString()), 300_000);
        assertEquals(new ScriptOutcome.Signalled(15, ScriptOutcome.Stage.TERM_REQUESTED), o);
        assertTrue(((ScriptOutcome.Signalled) o).timedOut());
        List<Long> ids = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertEquals(2, ids.size());
        for (long pid : ids) {
            assertTrue(gone(pid), "process " + pid + " (script or its child) is gone, not a zombie");
        }
        assertEquals(List.of(), ProcessGroups.members(ids.get(0)), "nothing left in its process group");
    }

    @Test
    void aScriptIgnoringSigtermIsKilledTwoSecondsLater() throws Exception {
        Path s = script("stubborn.sh", "trap '' TERM\nsleep 600\n");
        ScriptOutcome o = run(List.of(s.toString()), 200_000);
        assertEquals(new ScriptOutcome.Signalled(9, ScriptOutcome.Stage.KILL_FORCED), o);
        assertTrue(((ScriptOutcome.Signalled) o).timedOut());
    }

    /** keepalived runs MISC_CHECK and the LVS notify scripts as the script's user or script_user. */
    @Test
    void aScriptRunsWithTheCredentialsItIsGiven() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RunAs.current().uid() == 0, "switching users needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("ids");
        Path s = script("who.sh", "echo \"$(id -u) $(id -g) $(id -G)\" > " + out + "\n");
        io.credentials(sc -> Optional.of(new RunAs(65534, 65534)));
        try {
            assertEquals(new ScriptOutcome.Exited(0), run(List.of(s.toString()), 10_000_000));
            assertEquals("65534 65534 65534", Files.readString(out).trim(), "uid, gid, only that group");
            io.credentials(sc -> Optional.empty());
            assertTrue(run(List.of(s.toString()), 10_000_000) instanceof ScriptOutcome.ExecFailed,
                    "no user to run it as: not run");
        } finally {
            io.credentials(sc -> Optional.of(RunAs.current()));
        }
    }

    @Test
    void aMissingScriptIsReported() throws Exception {
        ScriptOutcome o = run(List.of(dir.resolve("nope").toString()), 10_000_000);
        assertEquals(new ScriptOutcome.ExecFailed("2: No such file or directory"), o);
    }

    @Test
    void cancellingKillsARunningScript() throws Exception {
        Path pids = dir.resolve("pid");
        Path s = script("long.sh", "echo $$ > " + pids + "\nexec sleep 600\n");
        CompletableFuture<ScriptOutcome> f = new CompletableFuture<>();
        CompletableFuture<org.keepalived4j.check.Cancellable> c = new CompletableFuture<>();
        io.loop().execute(() -> c.complete(io.misc(new Script(List.of(s.toString()), Optional.empty(), Optional.empty(), null), 60_000_000,
                f::complete)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(pids) || Files.readString(pids).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the script started");
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pids).trim());
        c.get(30, TimeUnit.SECONDS).cancel();
        assertTrue(gone(pid));
        assertFalse(f.isDone(), "a cancelled check reports nothing");
    }

    /** True once /proc/PID is gone (reaped), within a generous bound. */
    static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!Files.exists(Path.of("/proc", Long.toString(pid)))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
