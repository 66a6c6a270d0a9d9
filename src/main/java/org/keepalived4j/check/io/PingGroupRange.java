package org.keepalived4j.check.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.keepalived4j.check.CheckMessages;

/**
 * keepalived's set_ping_group_range() (check_ping.c): a ping socket may only be opened by a group
 * in net.ipv4.ping_group_range, so the lower bound is lowered to 0 (root) while PING_CHECKs run
 * and put back when the checkers stop. The file is opened by the calling thread: the range of
 * that thread's network namespace changes.
 */
final class PingGroupRange {
    static final Path PATH = Path.of("/proc/sys/net/ipv4/ping_group_range");
    private final Path path;
    private boolean widened;
    private long savedMin;

    PingGroupRange(Path path) {
        this.path = path;
    }

    /** set_ping_group_range(true): once; a range that does not parse is left alone. */
    void widen(Consumer<String> log) {
        if (widened) {
            return;
        }
        long[] v = read();
        if (v == null) {
            return;
        }
        widened = true;
        if (v[0] == 0) {
            return;
        }
        if (v[0] > 1 && v[1] > 1) {
            log.accept(CheckMessages.pingGroupRangeExpanded(v[0], v[1]));
        }
        write(0, v[1], log);
        savedMin = v[0];
    }

    /** set_ping_group_range(false). */
    void restore(Consumer<String> log) {
        if (!widened) {
            return;
        }
        long[] v = read();
        if (v == null) {
            return;
        }
        widened = false;
        if (v[0] != savedMin) {
            write(savedMin, v[1], log);
        }
    }

    /** "min\tmax\n": strtoul, then a blank or tab, strtol, then the newline. */
    private long[] read() {
        String s;
        // one read(): the sysctl answers only a read at offset 0 (Files.readString() reads 1 byte first)
        try (java.io.InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[128];
            int n = in.read(buf);
            if (n <= 0 || n == buf.length) {
                return null;
            }
            s = new String(buf, 0, n, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        String[] parts = s.split("[ \t]", 2);
        if (parts.length != 2 || !s.endsWith("\n")) {
            return null;
        }
        try {
            long min = Long.parseLong(parts[0]);
            long max = Long.parseLong(parts[1].strip());
            return min >= 0 && min < (1L << 32) && max < (1L << 32) ? new long[] {min, max} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void write(long min, long max, Consumer<String> log) {
        try {
            Files.writeString(path, min + "\t" + max + "\t\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.accept("Write " + PATH + " failed - " + e.getMessage());
        }
    }
}
