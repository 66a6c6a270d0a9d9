package org.keepalived4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.testutil.ConfigFixture;

/** Checkers built from a keepalived.conf text, with their log lines and health events recorded. */
final class CheckFixture {
    final List<String> log = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final HealthListener listener = (rs, alive, weight) -> events.add(rs.display() + (alive ? " UP " : " DOWN ") + weight);
    final CheckerSet set;

    private CheckFixture(KeepalivedConfig config) {
        set = new CheckerSet(config.virtualServers(), listener, log::add);
    }

    static KeepalivedConfig config(Path dir, String text) {
        ConfigLoader.Result r = ConfigFixture.load(dir, text);
        assertEquals(0, r.configTestExitCode(), () -> String.join("\n", ConfigFixture.output(r)));
        return r.config();
    }

    /** The checkers, initialised as at start-up. */
    static CheckFixture started(Path dir, String text) {
        CheckFixture f = new CheckFixture(config(dir, text));
        f.set.all.forEach(Checker::initialiseAtStart);
        return f;
    }

    @SuppressWarnings("unchecked")
    <T extends Checker> T checker(int i) {
        return (T) set.all.get(i);
    }

    RsHealth rs(int vs, int rs) {
        return set.health.get(vs).get(rs);
    }

    /** One virtual server 198.51.100.1:80 with real server 198.51.100.2:80 whose block is {@code body}. */
    static String oneRs(String vsExtra, String body) {
        return "virtual_server 198.51.100.1 80 {\n delay_loop 10\n lb_algo rr\n lb_kind NAT\n protocol TCP\n" + vsExtra
                + " real_server 198.51.100.2 80 {\n  weight 1\n" + body + " }\n}\n";
    }

    static final String RS = "[198.51.100.2]:tcp:80";
    static final long S = CheckerSettings.HZ;
}
