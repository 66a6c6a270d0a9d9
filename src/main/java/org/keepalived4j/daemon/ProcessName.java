package org.keepalived4j.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Name the process "keepalived" (its /proc/PID/comm, which the JVM leaves as "java"), so that
 * the operator's {@code pidof keepalived}, {@code pgrep keepalived} and {@code killall -HUP
 * keepalived} find us as they found keepalived. /proc/self/comm is the main thread's name,
 * writable by the process itself.
 */
final class ProcessName {
    private ProcessName() {
    }

    static void set(String name) {
        try {
            Files.writeString(Path.of("/proc/self/comm"), name);
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux or /proc not mounted: only the tools above are affected
        }
    }
}
