package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongUnaryOperator;

import org.keepalived4j.config.ConfigDumper;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.vrrp.runtime.Reports;

/**
 * The files the dump signals write, where keepalived writes them ($TMPDIR, else /tmp):
 * SIGUSR1 keepalived.data, SIGUSR2 keepalived.stats (SIGRTMAX-1 also clears the counters),
 * SIGRTMIN+2 keepalived.json (written to a temporary name and renamed, so readers never see
 * half a file). Called on the event-loop thread, so the snapshot is consistent.
 */
final class Dumps {
    private final Path dir;
    private final DaemonLog log;

    Dumps(DaemonLog log) {
        this(log, Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp")));
    }

    Dumps(DaemonLog log, Path dir) {
        this.log = log;
        this.dir = dir;
    }

    /** The daemon's µs clock to wall-clock µs, for "Last transition" and JSON times. */
    static LongUnaryOperator wallClock(long nowMicros) {
        long offset = System.currentTimeMillis() * 1000 - nowMicros;
        return t -> t + offset;
    }

    void data(long now, KeepalivedConfig cfg, VrrpService vrrp) {
        write("keepalived.data", ConfigDumper.dump(cfg)
                + Reports.topology(vrrp.router().instances(), vrrp.router().unknownVrid(), wallClock(now))
                + org.keepalived4j.vrrp.runtime.SyncReports.syncGroups(vrrp.syncGroups().groups()), false);
    }

    void stats(VrrpService vrrp, boolean clear) {
        write("keepalived.stats", Reports.stats(vrrp.router().instances()), false);
        if (clear) {
            vrrp.router().instances().forEach(r -> r.stats().clear());
        }
    }

    void json(long now, VrrpService vrrp) {
        var instances = vrrp.router().instances();
        if (instances.isEmpty()) {
            return;     // keepalived writes nothing without instances
        }
        write("keepalived.json", Reports.json(instances, wallClock(now)), true);
    }

    private void write(String name, String text, boolean atomic) {
        Path target = dir.resolve(name);
        try {
            if (Files.isSymbolicLink(target)) {     // keepalived's fopen_safe() refuses symlinks too
                throw new IOException("refusing to write through a symbolic link");
            }
            Path out = atomic ? dir.resolve("." + name + ".tmp") : target;
            Files.write(out, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            if (atomic) {
                Files.move(out, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            log.info("Can't open " + target + " (" + e.getMessage() + ")");
        }
    }
}
