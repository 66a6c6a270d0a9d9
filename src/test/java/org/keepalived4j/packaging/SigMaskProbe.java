package org.keepalived4j.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Main class of the probe jar LauncherTest starts through packaging/keepalived: prints its pid,
 * _JAVA_SR_SIGNUM, its arguments and every thread's blocked-signal mask, so the test sees what a
 * JVM started by the launcher gets. Not a test itself.
 */
public final class SigMaskProbe {
    private SigMaskProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println("sr " + System.getenv("_JAVA_SR_SIGNUM"));
        System.out.println("args " + String.join("|", args));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String name = Files.readString(t.resolve("comm")).strip();
                String blocked = Files.readAllLines(t.resolve("status")).stream().filter(l -> l.startsWith("SigBlk:"))
                        .map(l -> l.substring(7).strip()).findFirst().orElse("?");
                System.out.println("thread " + name.replace(' ', '_') + " " + blocked);
            }
        }
    }
}
