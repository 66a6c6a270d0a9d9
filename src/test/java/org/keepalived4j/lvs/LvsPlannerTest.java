package org.keepalived4j.lvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.testutil.ConfigFixture;

/** keepalived's table rules and log lines (ipwrapper.c), on the seed's virtual server and on NAT with quorum. */
class LvsPlannerTest {
    @TempDir
    Path dir;
    final List<String> log = new ArrayList<>();

    LvsPlanner planner(String text) {
        KeepalivedConfig c = ConfigFixture.load(dir, text).config();
        return new LvsPlanner(c.virtualServers(), c.virtualServerGroups(), log::add);
    }

    static String table(Table t) {
        return t.services().values().stream().map(e -> e.service().key().display() + " " + e.service().scheduler()
                + e.dests().values().stream().map(d -> " " + d.display(e.service().key()) + "/" + d.method() + "/"
                        + d.weight()).collect(Collectors.joining())).collect(Collectors.joining("\n"));
    }

    /** The seed's dovecot virtual_server with lab addresses. */
    static final String SEED = "virtual_server 198.51.100.237 22 {\n delay_loop 6\n lb_algo lblc\n lb_kind DR\n"
            + " protocol TCP\n real_server 198.51.100.238 143 {\n  weight 1\n  TCP_CHECK {\n   connect_timeout 3\n"
            + "   connect_port 143\n  }\n }\n real_server 198.51.100.239 143 {\n  weight 1\n  TCP_CHECK {\n"
            + "   connect_timeout 3\n   connect_port 143\n  }\n }\n}\n";

    @Test
    void seedVirtualServerStartsWithBothRealServersAndDropsAFailedOne() {
        LvsPlanner p = planner(SEED);
        p.start();
        assertEquals(List.of("Gained quorum 1+0=1 <= 2 for VS [198.51.100.237]:tcp:22"), log);
        log.clear();
        assertEquals("[198.51.100.237]:tcp:22 lblc [198.51.100.238]:tcp:22/DR/1 [198.51.100.239]:tcp:22/DR/1",
                table(p.desired()), "DR resets real server ports to the service's");
        p.health(new LvsPlanner.RsId(0, 1), false);
        assertEquals("[198.51.100.237]:tcp:22 lblc [198.51.100.238]:tcp:22/DR/1", table(p.desired()));
        assertEquals(List.of("Removing service [198.51.100.239]:tcp:22 from VS [198.51.100.237]:tcp:22"), log);
        p.health(new LvsPlanner.RsId(0, 1), true);
        assertEquals("Adding service [198.51.100.239]:tcp:22 to VS [198.51.100.237]:tcp:22", log.get(1));
    }

    static final String NAT = "virtual_server 203.0.113.10 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n quorum 2\n"
            + " hysteresis 0\n%s sorry_server 198.51.100.9 8080\n"
            + " real_server 198.51.100.2 80 {\n  weight 1\n  TCP_CHECK {\n  }\n }\n"
            + " real_server 198.51.100.3 80 {\n  weight 1\n  TCP_CHECK {\n  }\n }\n}\n";

    @Test
    void losingQuorumSwapsTheSorryServerInAndGainingItSwapsBack() {
        LvsPlanner p = planner(String.format(NAT, ""));
        p.start();
        assertEquals(List.of("Gained quorum 2+0=2 <= 2 for VS [203.0.113.10]:tcp:80"), log,
                "keepalived counts no real server alive before init_service_vs(): a met quorum is 'gained' at start");
        log.clear();
        p.health(new LvsPlanner.RsId(0, 0), false);
        assertEquals("[203.0.113.10]:tcp:80 rr [198.51.100.9]:tcp:8080/NAT/1", table(p.desired()));
        assertEquals(List.of("Removing service [198.51.100.2]:tcp:80 from VS [203.0.113.10]:tcp:80",
                "Lost quorum 2-0=2 > 1 for VS [203.0.113.10]:tcp:80",
                "Adding sorry server [198.51.100.9]:tcp:8080 to VS [203.0.113.10]:tcp:80",
                "Removing alive servers from the pool for VS [203.0.113.10]:tcp:80"), log);
        log.clear();
        p.health(new LvsPlanner.RsId(0, 0), true);
        assertEquals("[203.0.113.10]:tcp:80 rr [198.51.100.2]:tcp:80/NAT/1 [198.51.100.3]:tcp:80/NAT/1",
                table(p.desired()));
        assertEquals(List.of("Adding service [198.51.100.2]:tcp:80 to VS [203.0.113.10]:tcp:80",
                "Gained quorum 2+0=2 <= 2 for VS [203.0.113.10]:tcp:80",
                "Removing sorry server [198.51.100.9]:tcp:8080 from VS [203.0.113.10]:tcp:80",
                "Adding alive servers to the pool for VS [203.0.113.10]:tcp:80"), log);
    }

    @Test
    void inhibitOnFailureKeepsAFailedServerWithWeightZero() {
        LvsPlanner p = planner(String.format(NAT, " inhibit_on_failure\n").replace(" sorry_server 198.51.100.9 8080\n", "")
                .replace("quorum 2", "quorum 1"));
        p.health(new LvsPlanner.RsId(0, 1), false);
        assertEquals("[203.0.113.10]:tcp:80 rr [198.51.100.2]:tcp:80/NAT/1 [198.51.100.3]:tcp:80/NAT/0",
                table(p.desired()));
        assertEquals(List.of("Disabling service [198.51.100.3]:tcp:80 of VS [203.0.113.10]:tcp:80"), log);
    }

    @Test
    void alphaStartsDownAndAGroupExpandsToItsMembers() {
        LvsPlanner p = planner("virtual_server_group G {\n 198.51.100.20-21 80\n fwmark 7\n}\n"
                + "virtual_server group G {\n lb_algo wlc\n lb_kind NAT\n protocol TCP\n alpha\n"
                + " real_server 198.51.100.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n");
        assertEquals("[198.51.100.20]:tcp:80 wlc\n[198.51.100.21]:tcp:80 wlc\nFWM 7 wlc", table(p.desired()));
        p.health(new LvsPlanner.RsId(0, 0), true);
        assertEquals("[198.51.100.20]:tcp:80 wlc [198.51.100.2]:tcp:80/NAT/1\n"
                + "[198.51.100.21]:tcp:80 wlc [198.51.100.2]:tcp:80/NAT/1\n"
                + "FWM 7 wlc [198.51.100.2]:tcp:80/NAT/1", table(p.desired()));
        assertEquals(List.of("Adding service [198.51.100.2]:tcp:80 to VS [G]:0",
                "Gained quorum 1+0=1 <= 1 for VS [G]:0"), log, "alpha started the VS without quorum");
    }

    @Test
    void theDiffTouchesOnlyWhatChangedAndLeavesForeignEntriesAlone() {
        LvsPlanner p = planner(SEED);
        Table start = p.desired();
        List<LvsOp> first = TableDiff.diff(Table.EMPTY, Table.EMPTY, start);
        assertEquals(3, first.size(), first.toString());
        // the kernel now holds ours plus a foreign service and a foreign destination in ours
        Table.Entry ours = start.services().values().iterator().next();
        java.util.Map<String, Destination> withForeign = new java.util.LinkedHashMap<>(ours.dests());
        Destination foreign = new Destination(org.keepalived4j.util.IpAddresses.parse("198.51.100.99").get(), 22,
                org.keepalived4j.config.model.ForwardingMethod.DR, 5, 0, 0);
        withForeign.put(foreign.key(), foreign);
        ServiceKey other = ServiceKey.of("UDP", org.keepalived4j.util.IpAddresses.parse("203.0.113.53").get(), 53);
        java.util.Map<ServiceKey, Table.Entry> kernel = new java.util.LinkedHashMap<>();
        kernel.put(ours.service().key(), new Table.Entry(ours.service(), withForeign));
        kernel.put(other, new Table.Entry(new Service(other, "rr", 0, java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Set.of()), java.util.Map.of()));
        p.health(new LvsPlanner.RsId(0, 0), false);
        List<LvsOp> ops = TableDiff.diff(new Table(kernel), start, p.desired());
        assertEquals(1, ops.size(), ops.toString());
        assertEquals("198.51.100.238", ((LvsOp.DeleteDest) ops.get(0)).dest().address().getHostAddress());
        assertEquals(List.of(), TableDiff.diff(start, start, start), "nothing to do when nothing changed");
    }

    @Test
    void applyingTheDiffToTheKernelModelGivesTheDesiredTable() {
        LvsPlanner p = planner(String.format(NAT, ""));
        Table t0 = p.desired();
        Table kernel = TableDiff.apply(Table.EMPTY, TableDiff.diff(Table.EMPTY, Table.EMPTY, t0));
        assertEquals(table(t0), table(kernel));
        p.health(new LvsPlanner.RsId(0, 1), false);
        Table t1 = p.desired();
        kernel = TableDiff.apply(kernel, TableDiff.diff(kernel, t0, t1));
        assertEquals(table(t1), table(kernel));
        assertEquals(List.of(), TableDiff.diff(kernel, t1, t1));
    }

    @Test
    void startingBelowQuorumWithASorryServerPrintsTheComparedThreshold() {
        LvsPlanner p = planner(String.format(NAT, "").replace("hysteresis 0", "hysteresis 1"));
        p.start();
        assertEquals(List.of("Starting with quorum down 2-1=3 > 2 for VS [203.0.113.10]:tcp:80",
                "Adding sorry server [198.51.100.9]:tcp:8080 to VS [203.0.113.10]:tcp:80",
                "Removing alive servers from the pool for VS [203.0.113.10]:tcp:80"), log,
                "keepalived prints quorum + hysteresis after 'q-h=' (update_quorum_state(vs, true))");
        assertEquals("[203.0.113.10]:tcp:80 rr [198.51.100.9]:tcp:8080/NAT/1", table(p.desired()));
    }

    @Test
    void startingBelowQuorumWithoutASorryServerSaysNothing() {
        LvsPlanner p = planner(String.format(NAT, "").replace(" sorry_server 198.51.100.9 8080\n", "")
                .replace("hysteresis 0", "hysteresis 1"));
        p.start();
        assertEquals(List.of(), log);
        p.health(new LvsPlanner.RsId(0, 0), false);
        assertEquals(List.of("Removing service [198.51.100.2]:tcp:80 from VS [203.0.113.10]:tcp:80"), log,
                "never up, so never lost");
    }

    @Test
    void aReloadKeepsTheQuorumStateOfAVirtualServerThatStays() {
        LvsPlanner before = planner(String.format(NAT, "") + SEED);
        before.start();
        before.health(new LvsPlanner.RsId(0, 0), false);
        log.clear();
        LvsPlanner after = planner(SEED.replace("delay_loop 6", "delay_loop 3") + String.format(NAT, ""));
        after.seed(new LvsPlanner.RsId(1, 0), false, 1);
        after.start(before);
        assertEquals(List.of(), log, "both kept their state: nothing gained, nothing lost, sorry server still in");
        assertEquals("[198.51.100.237]:tcp:22 lblc [198.51.100.238]:tcp:22/DR/1 [198.51.100.239]:tcp:22/DR/1\n"
                + "[203.0.113.10]:tcp:80 rr [198.51.100.9]:tcp:8080/NAT/1", table(after.desired()));
        LvsPlanner healed = planner(String.format(NAT, ""));
        healed.start(after);
        assertEquals(List.of("Gained quorum 2+0=2 <= 2 for VS [203.0.113.10]:tcp:80",
                "Removing sorry server [198.51.100.9]:tcp:8080 from VS [203.0.113.10]:tcp:80",
                "Adding alive servers to the pool for VS [203.0.113.10]:tcp:80"), log);
    }
}
