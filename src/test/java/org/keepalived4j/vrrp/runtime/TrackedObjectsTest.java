package org.keepalived4j.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.testutil.ConfigFixture;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.Ports;

/**
 * Tracking reaching the state machine: effective priority in the adverts and the timers, FAULT
 * and back, the start-up wait for unweighted scripts. Fake ports, time is a number.
 */
class TrackedObjectsTest {
    static final long S = 1_000_000;
    @TempDir
    Path dir;

    final List<String> sent = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final List<String> vips = new ArrayList<>();
    TrackedObjects tracked;
    InstanceRuntime rt;

    void setUp(String instanceExtra, int priority, String scripts) throws Exception {
        KeepalivedConfig cfg = ConfigFixture.load(dir, scripts + "vrrp_instance VI_1 {\n interface eth0\n"
                + " virtual_router_id 51\n priority " + priority + "\n advert_int 1\n" + instanceExtra
                + " virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n").config();
        LogPort log = new LogPort() {
            public void info(String line) {
                logs.add(line);
            }

            public void detail(String line) {
                logs.add("D " + line);
            }
        };
        Ports ports = new Ports((i, src, dst, m, ttl) -> sent.add("prio " + (m[2] & 0xff)),
                new org.keepalived4j.vrrp.port.VipPort() {
                    public void add(String ifname, VipAddress v) {
                        vips.add("+" + v.display());
                    }

                    public void remove(String ifname, VipAddress v) {
                        vips.add("-" + v.display());
                    }
                }, (i, a) -> { }, log, (name, from, to, prio) -> logs.add("NOTIFY " + from + ">" + to + " " + prio),
                new org.keepalived4j.vrrp.port.FakeRoutePort());
        rt = new InstanceRuntime(cfg.vrrpInstances().get(0), "eth0", InetAddress.getByName("198.51.100.11"),
                InetAddress.getByName("224.0.0.18"), ports);
        tracked = new TrackedObjects(log);
        Map<String, VrrpScriptConfig> byName = cfg.vrrpScripts().stream()
                .collect(Collectors.toMap(VrrpScriptConfig::name, s -> s));
        byName.values().forEach(s -> tracked.script(s, false));
        Map<String, org.keepalived4j.config.model.TrackFileConfig> files = cfg.trackFiles().stream()
                .collect(Collectors.toMap(org.keepalived4j.config.model.TrackFileConfig::name, f -> f));
        tracked.add(rt, TrackedObjects.itemsOf(rt.config(), "eth0", byName, n -> true, files));
    }

    void becomeMaster() {
        tracked.start(0, rt, ifname -> true);
        rt.tick(rt.nextDeadline());
        assertEquals(VrrpState.MASTER, rt.state());
        sent.clear();
        logs.clear();
    }

    static final String CHK = "vrrp_script chk {\n script \"/bin/true\"\n weight -60\n}\n";

    @Test
    void aFailingWeightedScriptLowersTheAdvertisedPriority() throws Exception {
        setUp(" track_script {\n  chk\n }\n", 150, CHK);
        becomeMaster();
        tracked.scriptExited(5 * S, "chk", 1);
        assertEquals(List.of("Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "(VI_1) Changing effective priority from 150 to 90"), logs);
        rt.tick(rt.nextDeadline());
        assertEquals(List.of("prio 90"), sent, "the next advert carries the effective priority");
        assertEquals(90, rt.effectivePriority());
        tracked.scriptExited(6 * S, "chk", 0);
        assertTrue(logs.contains("(VI_1) Changing effective priority from 90 to 150"), logs.toString());
    }

    @Test
    void aWeightOnTheTrackScriptLineOverridesTheScriptsAndIsClamped() throws Exception {
        setUp(" track_script {\n  chk weight 200\n }\n", 150, CHK);
        tracked.start(0, rt, ifname -> true);
        tracked.scriptExited(S, "chk", 0);
        assertTrue(logs.contains("(VI_1) Changing effective priority from 150 to 254"), logs.toString());
    }

    @Test
    void aPriorityChangeMovesTheBackupsDownTimerBySkew() throws Exception {
        setUp(" track_script {\n  chk\n }\n", 150, CHK);
        tracked.start(0, rt, ifname -> true);
        long before = rt.nextDeadline();      // 3 s + (256-150)/256 s
        tracked.scriptExited(S / 2, "chk", 1);
        long shift = org.keepalived4j.vrrp.fsm.Timers.skewMicros(2, 90, S) - org.keepalived4j.vrrp.fsm.Timers.skewMicros(2, 150, S);
        assertEquals(234_375, shift, "(150 - 90) / 256 s");
        assertEquals(before + shift, rt.nextDeadline(), "skew grows with the lower priority");
    }

    @Test
    void anUnweightedScriptFailureFaultsTheMasterAndRecoveryReturnsToBackup() throws Exception {
        setUp(" track_script {\n  chk weight 0\n }\n", 150, CHK);
        tracked.start(0, rt, ifname -> true);
        assertEquals(VrrpState.FAULT, rt.state(), "waits for the script's first result");
        assertEquals(List.of(), logs, "silently, as keepalived");
        tracked.scriptExited(S, "chk", 0);
        assertEquals(List.of("VRRP_Script(chk) succeeded", "(VI_1) Entering BACKUP STATE", "NOTIFY FAULT>BACKUP 150"), logs);
        rt.tick(rt.nextDeadline());
        sent.clear();
        logs.clear();
        vips.clear();
        tracked.scriptExited(10 * S, "chk", 2);
        assertEquals(List.of("Script `chk` now returning 2", "VRRP_Script(chk) failed (exited with status 2)",
                "(VI_1) Entering FAULT STATE", "D (VI_1) sent 0 priority", "D (VI_1) removing VIPs.",
                "NOTIFY MASTER>FAULT 150"), logs);
        assertEquals(List.of("prio 0", "prio 0"), sent, "keepalived's down_instance() sends priority 0 twice");
        assertEquals(List.of("-198.51.100.100/24"), vips);
        tracked.scriptExited(11 * S, "chk", 0);
        assertEquals(VrrpState.BACKUP, rt.state());
    }

    @Test
    void aFirstFailureOfAnUnweightedScriptNotifiesFault() throws Exception {
        setUp(" track_script {\n  chk weight 0\n }\n", 100, CHK);
        tracked.start(0, rt, ifname -> true);
        tracked.scriptExited(S, "chk", 1);
        assertEquals(List.of("Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "NOTIFY FAULT>FAULT 100"), logs);
    }

    @Test
    void trackInterfaceWeightsAndFaults() throws Exception {
        setUp(" track_interface {\n  eth1 weight -30\n  eth2\n }\n", 100, "");
        tracked.start(0, rt, ifname -> !ifname.equals("eth1"));
        assertEquals(List.of("(VI_1) Changing effective priority from 100 to 70", "(VI_1) Entering BACKUP STATE (init)",
                "NOTIFY INIT>BACKUP 70"), logs);
        logs.clear();
        tracked.linkChanged(S, "eth1", true);
        tracked.linkChanged(S, "eth2", false);
        assertEquals(List.of("(VI_1) Changing effective priority from 70 to 100", "(VI_1) Entering FAULT STATE",
                "NOTIFY BACKUP>FAULT 100"), logs);
        logs.clear();
        tracked.linkChanged(2 * S, "eth2", true);
        assertEquals(List.of("(VI_1) Entering BACKUP STATE", "NOTIFY FAULT>BACKUP 100"), logs);
        assertTrue(tracked.tracksInterface("eth0") && tracked.tracksInterface("eth2") && !tracked.tracksInterface("eth9"));
    }

    @Test
    void startingWithADownInterfaceLogsAsKeepalived() throws Exception {
        setUp(" track_interface {\n  eth1\n }\n", 100, "");
        tracked.start(0, rt, ifname -> !ifname.equals("eth1"));
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth1 down)", "(VI_1) entering FAULT state",
                "NOTIFY INIT>FAULT 100"), logs);
    }

    @Test
    void dontTrackPrimaryIgnoresTheOwnInterface() throws Exception {
        setUp(" dont_track_primary\n", 100, "");
        tracked.start(0, rt, ifname -> false);
        assertEquals(VrrpState.BACKUP, rt.state());
        assertTrue(!tracked.tracksInterface("eth0"));
    }

    @Test
    void anAddressOwnerKeeps255() throws Exception {
        setUp(" track_script {\n  chk\n }\n", 255, CHK);
        assertEquals(List.of("(VI_1) ignoring tracked script chk with weights due to address_owner"), logs);
        logs.clear();
        tracked.start(0, rt, ifname -> true);
        tracked.scriptExited(S, "chk", 1);
        assertTrue(logs.stream().noneMatch(l -> l.contains("Changing effective priority")), logs.toString());
        assertEquals(255, rt.effectivePriority());
    }

    @Test
    void trackFilesMultiplyTheirValueAndFaultAtMinus254() throws Exception {
        setUp(" track_file {\n  tf\n  tz weight 0\n }\n", 100,
                "track_file tf {\n file /nonexistent/tf\n weight -10\n}\ntrack_file tz {\n file /nonexistent/tz\n}\n");
        tracked.fileValue("tf", 2);
        tracked.start(0, rt, ifname -> true);
        assertEquals(List.of("(VI_1) Changing effective priority from 100 to 80", "(VI_1) Entering BACKUP STATE (init)",
                "NOTIFY INIT>BACKUP 80"), logs);
        logs.clear();
        tracked.fileChanged(S, "tf", 3);
        assertEquals(List.of("(VI_1) Changing effective priority from 80 to 70"), logs);
        logs.clear();
        tracked.fileChanged(2 * S, "tf", 30);
        assertEquals(List.of("D (VI_1): tracked file tf now FAULT state", "(VI_1) Entering FAULT STATE",
                "NOTIFY BACKUP>FAULT 70"), logs, "-300 clamps to -254: FAULT, the weight no longer counts");
        logs.clear();
        tracked.fileChanged(3 * S, "tf", 1);
        assertEquals(List.of("D (VI_1): tracked file tf leaving FAULT state", "D (VI_1) Setting effective priority to 90",
                "(VI_1) Entering BACKUP STATE", "NOTIFY FAULT>BACKUP 90"), logs);
        assertEquals(90, rt.effectivePriority());
        logs.clear();
        tracked.fileChanged(4 * S, "tz", 7);
        assertEquals(List.of("D (VI_1): tracked file tz now FAULT state", "(VI_1) Entering FAULT STATE",
                "NOTIFY BACKUP>FAULT 90"), logs, "weight 0: any non-zero value faults");
        tracked.fileChanged(5 * S, "tz", 0);
        assertEquals(VrrpState.BACKUP, rt.state());
    }
}
