package org.keepalived4j.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.testutil.ConfigFixture;

/**
 * Where keepalived runs the LVS notify scripts (ipwrapper.c do_rs_notifies(), do_vs_notifies()),
 * interleaved with its log lines: real server up/down, quorum at start, gained and lost,
 * shutdown (omega only), and a reload that removes real and virtual servers.
 */
class LvsPlannerEventsTest {
    @TempDir
    Path dir;
    /** Log lines and events in one sequence, events prefixed with "*". */
    final List<String> seen = new ArrayList<>();
    final LvsEvents events = new LvsEvents() {
        @Override
        public void realServer(VirtualServerConfig vs, RealServerConfig rs, boolean up, boolean stopping) {
            seen.add("* rs " + rs.address().getHostAddress() + (up ? " up" : " down") + (stopping ? " stopping" : ""));
        }

        @Override
        public void quorum(VirtualServerConfig vs, boolean up, boolean stopping) {
            seen.add("* quorum " + vs.display() + (up ? " up" : " down") + (stopping ? " stopping" : ""));
        }
    };

    LvsPlanner planner(String text) {
        KeepalivedConfig c = ConfigFixture.load(dir, text).config();
        return new LvsPlanner(c.virtualServers(), c.virtualServerGroups(), seen::add, events);
    }

    static String vs(String address, String extra, String... rss) {
        StringBuilder sb = new StringBuilder("virtual_server " + address + " 80 {\n lb_algo rr\n lb_kind NAT\n"
                + " protocol TCP\n" + extra);
        for (String rs : rss) {
            sb.append(" real_server ").append(rs).append(" 80 {\n  weight 1\n  TCP_CHECK {\n  }\n }\n");
        }
        return sb.append("}\n").toString();
    }

    static final LvsPlanner.RsId A2 = new LvsPlanner.RsId(0, 0);
    static final LvsPlanner.RsId A3 = new LvsPlanner.RsId(0, 1);

    @Test
    void aRealServerChangeNotifiesAfterItsLineAndBeforeTheQuorumChange() {
        LvsPlanner p = planner(vs("203.0.113.10", " quorum 2\n", "198.51.100.2", "198.51.100.3"));
        p.start();
        assertEquals(List.of("Gained quorum 2+0=2 <= 2 for VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 up"), seen, "quorum_up runs at start (init_service_vs())");
        seen.clear();
        p.health(A3, false);
        p.health(A3, false);
        p.health(A3, true);
        assertEquals(List.of("Removing service [198.51.100.3]:tcp:80 from VS [203.0.113.10]:tcp:80",
                "* rs 198.51.100.3 down",
                "Lost quorum 2-0=2 > 1 for VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 down",
                "Adding service [198.51.100.3]:tcp:80 to VS [203.0.113.10]:tcp:80",
                "* rs 198.51.100.3 up",
                "Gained quorum 2+0=2 <= 2 for VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 up"), seen, "a repeated verdict notifies nothing");
    }

    @Test
    void startingBelowQuorumWithASorryServerNotifiesQuorumDown() {
        LvsPlanner p = planner(vs("203.0.113.10", " quorum 2\n alpha\n sorry_server 198.51.100.9 80\n",
                "198.51.100.2", "198.51.100.3"));
        p.start();
        assertEquals(List.of("Starting with quorum down 2-0=2 > 0 for VS [203.0.113.10]:tcp:80",
                "Adding sorry server [198.51.100.9]:tcp:80 to VS [203.0.113.10]:tcp:80",
                "Removing alive servers from the pool for VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 down"), seen);
        seen.clear();
        p.firstResultUnchanged(A2);
        assertEquals(List.of("* rs 198.51.100.2 down"), seen,
                "an alpha checker failing its first check: notify_down although nothing changed");
    }

    @Test
    void shutdownLogsEveryRealServerAndNotifiesOnlyWithOmega() {
        LvsPlanner p = planner(vs("203.0.113.10", " omega\n inhibit_on_failure\n", "198.51.100.2", "198.51.100.3")
                + vs("203.0.113.11", "", "198.51.100.2", "198.51.100.3"));
        p.start();
        p.health(A3, false);
        p.health(new LvsPlanner.RsId(1, 1), false);
        seen.clear();
        p.shutdown();
        assertEquals(List.of("Shutting down service [198.51.100.2]:tcp:80 from VS [203.0.113.10]:tcp:80",
                "* rs 198.51.100.2 down stopping",
                "Shutting down (inhibited) service [198.51.100.3]:tcp:80 from VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 down stopping",
                "Shutting down service [198.51.100.2]:tcp:80 from VS [203.0.113.11]:tcp:80",
                "Shutting down service [198.51.100.3]:tcp:80 from VS [203.0.113.11]:tcp:80"), seen,
                "clear_services(): a line for each real server, even one not in the table; scripts with omega only");
    }

    @Test
    void aReloadNotifiesForWhatItRemoves() {
        String kept = vs("203.0.113.10", " quorum 2\n", "198.51.100.2", "198.51.100.3");
        LvsPlanner before = planner(kept + vs("203.0.113.11", "", "198.51.100.4"));
        before.start();
        seen.clear();
        LvsPlanner after = planner(vs("203.0.113.10", " quorum 2\n alpha\n", "198.51.100.2", "198.51.100.6"));
        after.seed(new LvsPlanner.RsId(0, 0), true, 1);     // migrated: still alive; the new one (alpha) is down
        before.retire(after);
        after.start(before);
        assertEquals(List.of("service [198.51.100.3]:tcp:80 no longer exist",
                "Removing service [198.51.100.3]:tcp:80 from VS [203.0.113.10]:tcp:80",
                "* rs 198.51.100.3 down",
                "* quorum [203.0.113.10]:tcp:80 down",
                "Removing Virtual Server [203.0.113.11]:tcp:80",
                "Removing service [198.51.100.4]:tcp:80 from VS [203.0.113.11]:tcp:80",
                "* rs 198.51.100.4 down",
                "* quorum [203.0.113.11]:tcp:80 down",
                "Starting with quorum down 2-0=2 > 1 for VS [203.0.113.10]:tcp:80",
                "* quorum [203.0.113.10]:tcp:80 down"), seen,
                "keepalived copies the quorum state before clear_diff_rs(), so the kept virtual server"
                        + " reports quorum down twice (update_vs_notifies(), then init_service_vs())");
    }
}
