package org.keepalived4j.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.util.ScriptOutcome;

/** The shared script runner: outcomes, the script user, ordering, timeouts. */
class ProcessRunnerTest {
    @TempDir
    Path dir;
    final ProcessRunner runner = new ProcessRunner("test-scripts");

    @AfterEach
    void close() {
        runner.close();
    }

    Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    ScriptOutcome run(ScriptCommand c) throws Exception {
        CompletableFuture<ScriptOutcome> f = new CompletableFuture<>();
        runner.run(c, Runnable::run, f::complete);
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void exitStatusAndTheTimeoutsStages() throws Exception {
        assertEquals(new ScriptOutcome.Exited(3), run(new ScriptCommand(List.of(script("e", "exit 3").toString()), 0)));
        ScriptOutcome o = run(new ScriptCommand(List.of(script("h", "sleep 600").toString()), 200_000));
        assertEquals(new ScriptOutcome.Signalled(15, ScriptOutcome.Stage.TERM_REQUESTED), o);
        ScriptOutcome k = run(new ScriptCommand(List.of(script("k", "sleep 600").toString()), Optional.empty(), 200_000, true));
        assertEquals(new ScriptOutcome.Signalled(9, ScriptOutcome.Stage.KILL_FORCED), k, "SIGKILL at once (stop scripts)");
        assertTrue(((ScriptOutcome.Signalled) k).timedOut());
    }

    @Test
    void scriptsRunAsTheirUserWithOnlyThatGroup() throws Exception {
        assumeTrue(runner.ourCredentials().uid() == 0, "needs root to switch users");
        Path out = dir.resolve("id");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path s = script("id.sh", "echo \"$(id -u) $(id -g) $(id -G)\" > " + out + "\n");
        assertEquals(new ScriptOutcome.Exited(0), run(new ScriptCommand(List.of(s.toString()),
                Optional.of(new RunAs(65534, 65534)), 0)));
        assertEquals("65534 65534 65534", Files.readString(out).trim());
    }

    @Test
    void withoutRootAnotherUserIsRefusedNotRunAsUs() {
        Launcher l = new Launcher("/usr/bin/setsid", "/usr/bin/setpriv", new RunAs(1000, 1000));
        assertNull(l.argv(new ScriptCommand(List.of("/bin/true"), Optional.of(new RunAs(0, 0)), 0)));
        assertEquals(List.of("/usr/bin/setsid", "--", "/usr/bin/setpriv", "--pdeathsig=TERM", "--", "/bin/true"),
                l.argv(new ScriptCommand(List.of("/bin/true"), Optional.of(new RunAs(1000, 1000)), 0)));
        Launcher root = new Launcher("/usr/bin/setsid", "/usr/bin/setpriv", RunAs.ROOT);
        assertEquals(List.of("/usr/bin/setsid", "--", "/usr/bin/setpriv", "--reuid=7", "--regid=8", "--groups=8",
                "--pdeathsig=TERM", "--", "/bin/true"),
                root.argv(new ScriptCommand(List.of("/bin/true"), Optional.of(new RunAs(7, 8)), 0)));
        assertNotNull(new Launcher(null, null, RunAs.ROOT).argv(new ScriptCommand(List.of("/bin/true"), 0)));
    }

    @Test
    void aQueueRunsScriptsInTheOrderTheyWereAddedEvenWhenEarlierOnesAreSlower() throws Exception {
        Path log = dir.resolve("order");
        Path s = script("append.sh", "sleep \"$2\"\necho \"$1\" >> " + log + "\n");
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        ScriptQueue q = new ScriptQueue(runner, 10_000_000, (c, o) -> ended.add(c.argv().get(1)), c -> { });
        q.add(new ScriptCommand(List.of(s.toString(), "first", "0.6"), 0));
        q.add(new ScriptCommand(List.of(s.toString(), "second", "0.3"), 0));
        q.add(new ScriptCommand(List.of(s.toString(), "third", "0"), 0));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (q.outstanding() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(List.of("first", "second", "third"), Files.readAllLines(log));
        assertEquals(List.of("first", "second", "third"), ended);
    }

    @Test
    void aHungScriptStopsHoldingTheQueueAfterTheOrderWait() throws Exception {
        Path log = dir.resolve("order");
        Path hang = script("hang.sh", "echo hang >> " + log + "\nexec sleep 600\n");
        Path quick = script("quick.sh", "echo quick >> " + log + "\n");
        List<String> slow = Collections.synchronizedList(new ArrayList<>());
        ScriptQueue q = new ScriptQueue(runner, 300_000, (c, o) -> { }, c -> slow.add(c.argv().get(0)));
        q.add(new ScriptCommand(List.of(hang.toString()), 0));
        q.add(new ScriptCommand(List.of(quick.toString()), 0));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (q.outstanding() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(List.of("hang", "quick"), Files.readAllLines(log));
        assertEquals(List.of(hang.toString()), slow);
    }

    @Test
    void theScriptsEnvironmentHasNoNotifySocket() {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("NOTIFY_SOCKET", "/run/x", "PATH", "/bin"));
        Launcher.environment(env);
        assertEquals(java.util.Map.of("PATH", "/bin"), env);
    }
}
