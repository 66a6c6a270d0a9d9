package org.keepalived4j.daemon;

import java.util.function.IntConsumer;

import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.SignalFd;

/**
 * keepalived's JSON (SIGRTMIN+2 = 36) and STATS_CLEAR (SIGRTMAX-1 = 63) signals, read with
 * signalfd on a thread of their own when the launcher started the JVM with them blocked.
 * Otherwise they are ignored (their default action would kill the daemon) and the log says so.
 */
final class RealtimeSignals {
    static final int JSON = 36;
    static final int STATS_CLEAR = 63;

    private RealtimeSignals() {
    }

    static void install(DaemonLog log, IntConsumer handler) {
        try {
            if (!SignalFd.blockedInProcess(JSON) || !SignalFd.blockedInProcess(STATS_CLEAR)) {
                SignalFd.ignore(JSON);
                SignalFd.ignore(STATS_CLEAR);
                log.info("WARNING - signals " + JSON + " (JSON) and " + STATS_CLEAR + " (STATS_CLEAR) are ignored:"
                        + " start keepalived through its launcher (/usr/sbin/keepalived), which blocks them for the"
                        + " daemon to read");
                return;
            }
            SignalFd fd = SignalFd.open(JSON, STATS_CLEAR);
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        handler.accept(fd.take());
                    } catch (NativeException e) {
                        log.info("Reading signals " + JSON + "/" + STATS_CLEAR + " failed: " + e.getMessage());
                        return;
                    }
                }
            }, "rt-signals");
            t.setDaemon(true);
            t.start();
        } catch (NativeException e) {
            log.info("WARNING - signals " + JSON + " (JSON) and " + STATS_CLEAR + " (STATS_CLEAR) are not available: "
                    + e.getMessage());
        }
    }
}
