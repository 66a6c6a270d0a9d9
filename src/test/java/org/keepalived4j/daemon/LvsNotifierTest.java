package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.util.ScriptOutcome;

/** Which script runs for which event, with its configured arguments only, and the bounds at shutdown. */
class LvsNotifierTest {
    @TempDir
    Path dir;
    final List<String> runs = new ArrayList<>();
    final List<Consumer<ScriptOutcome>> pending = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final LvsNotifier notifier = new LvsNotifier((script, timeout, done) -> {
        runs.add(String.join(" ", script.args()) + " /" + (timeout == 99 ? "unbounded" : timeout + "us"));
        pending.add(done);
    }, 99, log::add, s -> !s.command().equals("/bin/disabled"));

    VirtualServerConfig vs() {
        KeepalivedConfig c = ConfigFixture.load(dir, "virtual_server 203.0.113.10 80 {\n lb_algo rr\n lb_kind NAT\n"
                + " protocol TCP\n quorum_up \"/bin/q up 'two words'\"\n quorum_down /bin/q-down\n"
                + " real_server 198.51.100.2 80 {\n  notify_up \"/bin/rs up\"\n  notify_down /bin/rs-down\n"
                + "  TCP_CHECK {\n  }\n }\n real_server 198.51.100.3 80 {\n  notify_up /bin/disabled\n"
                + "  TCP_CHECK {\n  }\n }\n}\n").config();
        return c.virtualServers().get(0);
    }

    @Test
    void eachEventRunsItsScriptWithTheConfiguredArguments() {
        VirtualServerConfig vs = vs();
        notifier.realServer(vs, vs.realServers().get(0), true, false);
        notifier.realServer(vs, vs.realServers().get(0), false, false);
        notifier.realServer(vs, vs.realServers().get(1), false, false);
        notifier.realServer(vs, vs.realServers().get(1), true, false);
        notifier.quorum(vs, true, false);
        notifier.quorum(vs, false, true);
        assertEquals(List.of("/bin/rs up /unbounded", "/bin/rs-down /unbounded", "/bin/q up two words /unbounded",
                "/bin/q-down /1000000us"), runs, "none without a script or with one keepalived disabled; 1 s when stopping");
    }

    @Test
    void aScriptThatCannotRunIsLoggedAsKeepalivedsChildDoes() {
        VirtualServerConfig vs = vs();
        notifier.quorum(vs, true, false);
        pending.get(0).accept(new ScriptOutcome.ExecFailed("2: No such file or directory"));
        pending.get(0).accept(new ScriptOutcome.Exited(1));
        assertEquals(List.of("Error exec-ing command '/bin/q', error 2: No such file or directory"), log);
    }

    @Test
    void shutdownWaitsForItsScriptsBoundedly() throws Exception {
        VirtualServerConfig vs = vs();
        notifier.quorum(vs, false, true);
        notifier.realServer(vs, vs.realServers().get(0), false, true);
        long t0 = System.nanoTime();
        notifier.awaitStopping(50, TimeUnit.MILLISECONDS);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(50), "waited while two still run");
        pending.forEach(p -> p.accept(new ScriptOutcome.Exited(0)));
        t0 = System.nanoTime();
        notifier.awaitStopping(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "returns once they ended");
    }
}
