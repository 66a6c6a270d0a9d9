package org.keepalived4j.config.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.TrackedFile;
import org.keepalived4j.testutil.ConfigFixture;

/** track_file / vrrp_track_file and notify FIFOs as keepalived 2.2.7 parses them (messages checked against keepalived -t). */
class TrackFileBindingTest {
    @TempDir
    Path dir;

    static final String INSTANCE = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
            + " track_file {\n%s }\n virtual_ipaddress {\n  198.51.100.100/24\n }\n}\n";

    @Test
    void blocksAndTrackers() {
        ConfigLoader.Result r = ConfigFixture.load(dir, "track_file tf1 {\n file /run/tf1\n weight -10 reverse\n"
                + " init_file 5 overwrite\n}\nvrrp_track_file tf3 {\n file /run/tf3\n}\n"
                + INSTANCE.formatted("  tf1\n  tf3 weight -4 noreverse\n"));
        KeepalivedConfig c = r.config();
        assertEquals(List.of(), ConfigFixture.output(r), "keepalived -t prints no line (the deprecation is a log line)");
        assertEquals(List.of("\"vrrp_track_file\" is deprecated, please use \"track_file\""),
                r.diagnostics().all().stream().map(d -> d.message()).toList());
        TrackFileConfig tf1 = c.trackFiles().get(0);
        assertEquals(List.of("tf1", "/run/tf1", -10, true, OptionalLong.of(5), true),
                List.of(tf1.name(), tf1.path(), tf1.weight(), tf1.reverse(), tf1.initValue(), tf1.overwrite()));
        assertEquals(1, c.trackFiles().get(1).weight(), "default weight 1");
        List<TrackedFile> t = c.vrrpInstances().get(0).trackFiles();
        assertEquals(List.of(OptionalInt.empty(), Optional.empty()), List.of(t.get(0).weight(), t.get(0).reverse()));
        assertEquals(List.of(OptionalInt.of(-4), Optional.of(false)), List.of(t.get(1).weight(), t.get(1).reverse()));
    }

    @Test
    void keepalivedsMessages() {
        ConfigLoader.Result r = ConfigFixture.load(dir, "global_defs {\n notify_fifo /run/f1\n notify_fifo /run/f2\n"
                + " vrrp_notify_fifo\n vrrp_notify_fifo_script /bin/cat\n vrrp_notify_fifo_script /bin/cat\n}\n"
                + "track_file tf1 {\n file /run/tf1\n file /run/tf9\n weight -10 reverse\n weight 7\n"
                + " init_file 5 overwrite bogus\n}\ntrack_file tf2 {\n weight 2 bogus\n}\ntrack_file tf3 {\n"
                + " file /run/tf3\n init_file 300\n weight 300\n}\n"
                + INSTANCE.formatted("  tf2\n  tf3 weight 500\n  tf1 weight 5 sideways\n  tf3 foo\n  tf3 weight\n"));
        assertEquals(List.of(
                "(Line 3) notify_fifo already specified - ignoring /run/f2",
                "(Line 4) No vrrp_notify_fifo name specified",
                "(Line 6) vrrp_notify_fifo_script already specified - ignoring /bin/cat",
                "(keepalived.conf: Line 10) File already set for track file tf1 - ignoring /run/tf9",
                "(keepalived.conf: Line 12) Weight already set for track file tf1 - ignoring 7",
                "(keepalived.conf: Line 13) Unknown track file init option bogus",
                "(keepalived.conf: Line 16) track_file tf2 unknown weight option bogus",
                "(keepalived.conf: Line 17) No file set for track_file tf2 - ignoring",
                "(keepalived.conf: Line 20) Track file tf3 init value 300 is outside sensible range [-254, 254]",
                "(keepalived.conf: Line 21) number '300' outside range [-254, 254]",
                "(keepalived.conf: Line 21) Weight (300) for track_file tf3 must be between [-254..254] inclusive. Ignoring...",
                "(keepalived.conf: Line 28) (VI_1) track file tf2 not found, ignoring...",
                "(keepalived.conf: Line 29) number '500' outside range [-254, 254]",
                "(keepalived.conf: Line 29) (VI_1) weight for track file tf3 must be in [-254..254] inclusive. Ignoring...",
                "(keepalived.conf: Line 30) (VI_1) unknown track file tf1 weight option sideways - ignoring",
                "(keepalived.conf: Line 31) (VI_1) unknown track file option foo - ignoring",
                "(keepalived.conf: Line 32) (VI_1) weight without value specified for track file tf3 - ignoring",
                "SECURITY VIOLATION - scripts are being executed but script_security not enabled."),
                ConfigFixture.output(r).stream().filter(l -> !l.startsWith("Script ") && !l.startsWith("WARNING")).toList());
        assertEquals(Optional.of("/run/f1"), r.config().global().notifyFifo().flatMap(f -> f.path()));
        assertEquals(Optional.empty(), r.config().global().vrrpNotifyFifo().flatMap(f -> f.path()),
                "no name: only its script is kept (for the security check)");
    }
}
