package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.SignalFd;

/**
 * keepalived's signals, read with signalfd on one thread of their own when the launcher started
 * the JVM with them blocked (and {@code -Xrs}, so that HotSpot neither unblocks SIGHUP, SIGINT and
 * SIGTERM in its threads nor handles them): a handler then runs within microseconds of the
 * signal, where HotSpot's own dispatch (its signal thread, a Java upcall, a new thread per signal)
 * took 8-10 ms of cold code before a SIGTERM reached the priority-0 advert. A signal the launcher
 * did not block (plain {@code java -jar}) goes through HotSpot ({@link Signals}); the real-time
 * ones, which HotSpot cannot handle, are then ignored, and the log says so.
 */
final class SignalDispatch {
    static final int HUP = 1;
    static final int INT = 2;
    static final int USR1 = 10;
    static final int USR2 = 12;
    static final int TERM = 15;
    static final int JSON = 36;
    static final int STATS_CLEAR = 63;
    private static final Map<Integer, String> NAMES = Map.of(HUP, "HUP", INT, "INT", USR1, "USR1", USR2, "USR2",
            TERM, "TERM");

    private SignalDispatch() {
    }

    /**
     * @param handlers what each signal does; run on the signal thread, so they must only post
     *                 work (they run one after the other)
     * @return the signals read through signalfd
     */
    static List<Integer> install(DaemonLog log, Map<Integer, Runnable> handlers) {
        Map<Integer, Runnable> byFd = new TreeMap<>();
        long blocked = SignalFd.blockedInEveryThread();
        for (Map.Entry<Integer, Runnable> e : new TreeMap<>(handlers).entrySet()) {
            int sig = e.getKey();
            if ((blocked & (1L << (sig - 1))) != 0) {
                byFd.put(sig, e.getValue());
            } else if (NAMES.containsKey(sig)) {
                if (!Signals.on(NAMES.get(sig), e.getValue()) && sig == USR2) {
                    log.info("WARNING - this JVM reserves SIGUSR2: STATS dumps are not available (start keepalived"
                            + " through its launcher, which sets _JAVA_SR_SIGNUM)");
                }
            } else {
                ignore(log, sig);
            }
        }
        if (!byFd.isEmpty()) {
            read(log, byFd);
        }
        return new ArrayList<>(byFd.keySet());
    }

    private static void ignore(DaemonLog log, int sig) {
        String name = sig == JSON ? "JSON" : sig == STATS_CLEAR ? "STATS_CLEAR" : "?";
        try {
            SignalFd.ignore(sig);
            log.info("WARNING - signal " + sig + " (" + name + ") is ignored: start keepalived through its launcher"
                    + " (/usr/sbin/keepalived), which blocks it for the daemon to read");
        } catch (NativeException e) {
            log.info("WARNING - signal " + sig + " (" + name + ") is not available: " + e.getMessage());
        }
    }

    private static void read(DaemonLog log, Map<Integer, Runnable> handlers) {
        SignalFd fd;
        try {
            fd = SignalFd.open(handlers.keySet().stream().mapToInt(Integer::intValue).toArray());
        } catch (NativeException e) {
            log.info("WARNING - signals " + handlers.keySet() + " cannot be read (" + e.getMessage() + "): they stay"
                    + " blocked and have no effect; stop the daemon with SIGKILL");
            return;
        }
        Thread t = new Thread(() -> {
            while (true) {
                int sig;
                try {
                    sig = fd.take();
                } catch (NativeException e) {
                    log.info("Reading signals " + handlers.keySet() + " failed: " + e.getMessage());
                    return;
                }
                Runnable h = handlers.get(sig);
                if (h != null) {
                    h.run();
                }
            }
        }, "signals");
        t.setDaemon(true);
        t.start();
    }
}
