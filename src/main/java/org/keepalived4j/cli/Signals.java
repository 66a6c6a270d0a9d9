package org.keepalived4j.cli;

import java.util.Map;
import java.util.Optional;

/** {@code --signum=SIGFUNC}: the signal numbers keepalived uses on Linux/glibc. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.of(
            "STOP", 15,          // SIGTERM
            "RELOAD", 1,         // SIGHUP
            "DATA", 10,          // SIGUSR1
            "STATS", 12,         // SIGUSR2
            "STATS_CLEAR", 63,   // SIGRTMAX - 1
            "JSON", 36);         // SIGRTMIN + 2

    private Signals() {
    }

    static Optional<Integer> number(String sigfunc) {
        return Optional.ofNullable(NUMBERS.get(sigfunc));
    }
}
