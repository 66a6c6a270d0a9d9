package org.keepalived4j.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.testutil.ConfigFixture;

/** What the daemon announces at start-up about configured features it does not implement. */
class DaemonWarningsTest {
    @TempDir
    Path dir;

    @Test
    void everyUnimplementedFeatureIsAnnounced() {
        List<String> w = Daemon.unimplementedWarnings(ConfigFixture.load(dir, "global_defs {\n enable_dbus\n}\n"
                + "vrrp_script chk {\n script \"/bin/true\"\n}\n"
                + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n use_ipvlan\n"
                + " notify_master \"/bin/true\"\n track_script {\n  chk\n }\n virtual_ipaddress {\n  198.51.100.10\n }\n"
                + " virtual_routes {\n  203.0.113.0/24 dev eth0\n }\n}\n"
                + "vrrp_instance VI_2 {\n interface eth0\n virtual_router_id 2\n virtual_ipaddress {\n  198.51.100.11\n }\n}\n"
                + "vrrp_sync_group G {\n group {\n  VI_1\n  VI_2\n }\n}\n"
                + "virtual_server 198.51.100.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " ha_suspend\n real_server 198.51.100.2 80 {\n  notify_down /bin/true\n  TCP_CHECK {\n  }\n"
                + "  HTTP_GET {\n   url {\n    path /\n   }\n   fast_recovery\n  }\n }\n}\n").config());
        assertEquals(List.of(
                "WARNING - 'global_defs > enable_dbus' (keepalived.conf:2) is accepted but NOT IMPLEMENTED in this build - it has no effect",
                "WARNING - 'vrrp_instance VI_1 > use_ipvlan' (keepalived.conf:10) is accepted but NOT IMPLEMENTED in this build - it has no effect",
                "WARNING - 'virtual_server 198.51.100.100 80 > real_server 198.51.100.2 80 > HTTP_GET > fast_recovery' (keepalived.conf:48) is accepted but NOT IMPLEMENTED in this build - it has no effect",
                "WARNING - watching routes, rules and static addresses for deletion by other programs (keepalived"
                        + " restores them or leaves MASTER; track_group) is NOT IMPLEMENTED in this build - they are"
                        + " installed and removed only"), w);
    }

    @Test
    void aPlainSeedConfigHasNoWarnings() {
        assertEquals(List.of(), Daemon.unimplementedWarnings(ConfigFixture.load(dir, "vrrp_instance VI_1 {\n state MASTER\n"
                + " interface eth0\n virtual_router_id 51\n priority 101\n advert_int 1\n authentication {\n"
                + "  auth_type PASS\n  auth_pass your_pass\n }\n virtual_ipaddress {\n  198.51.100.10\n }\n}\n").config()));
    }

    @Test
    void theImplementedCheckersAreNotAnnounced() {
        String checkers = "  FILE_CHECK {\n   track_file tf\n   weight 2 reverse\n  }\n"
                + "  SMTP_CHECK {\n   helo_name mx.example\n   host {\n    connect_ip 198.51.100.3\n   }\n  }\n"
                + "  DNS_CHECK {\n   type A\n   name example.com\n  }\n"
                + "  UDP_CHECK {\n   payload 01 02\n   require_reply 0x\n   min_reply_length 1\n   max_reply_length 9\n  }\n"
                + "  PING_CHECK {\n   retry 2\n  }\n";
        assertEquals(List.of(), Daemon.unimplementedWarnings(ConfigFixture.load(dir, "track_file tf {\n file /run/k4j-none\n}\n"
                + "virtual_server 198.51.100.100 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n"
                + " real_server 198.51.100.2 80 {\n" + checkers + " }\n}\n").config()));
    }
}
