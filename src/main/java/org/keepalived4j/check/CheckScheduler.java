package org.keepalived4j.check;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.util.Ticker;

/**
 * Runs the health checkers of the virtual servers' real servers with keepalived's semantics
 * (check_api.c, check_tcp.c, check_http.c, check_misc.c, ipwrapper.c) and reports real servers
 * going up and down to a {@link HealthListener}.
 *
 * <h2>Use</h2>
 * <pre>
 * CheckScheduler s = new CheckScheduler(io, timers, ticker, random, log, listener);
 * s.start(config);            // then s.realServers() seeds the LVS planner
 * ... listener.onHealth(rs, alive, weight) on each change ...
 * s.reload(newConfig);        // state of equal checkers kept; s.realServers() seeds the new planner
 * s.stop();
 * </pre>
 * All methods, and the listener, run on the checker thread: the one that runs the {@link CheckIo}
 * callbacks and {@link CheckTimers} tasks ({@code check.io.HealthCheckers} wires this to netty).
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li>Start-up: each checker logs {@code Activating healthchecker for service [rs] for VS [vs]}
 * and first runs after 1 s plus a random share of its warmup (default: its delay_loop); the
 * shares are stratified over all checkers so that N checks spread evenly over the warmup.</li>
 * <li>A real server starts alive unless one of its checkers has alpha; any checker needs a
 * single failure to go down the first time; afterwards {@code retry} failures, spaced by
 * delay_before_retry, are tolerated; one success brings a checker up. Checks repeat every
 * delay_loop. A real server is alive while none of its checkers has failed.</li>
 * <li>{@code start} and {@code reload} set the initial states without calling the listener:
 * read {@link #realServers()}; after that the listener hears every change.</li>
 * <li>Reload (migrate_checkers()): a real server found again (same virtual server by
 * vs_iseq(), same address and port) keeps its alive state and weight; each of its new
 * checkers equal to an old one (compare_*_check()) takes over its up state, has-run flag,
 * retry count and MISC_CHECK status; all checkers restart with their warmup.</li>
 * </ul>
 * Operator lines (keepalived's exact texts, {@link CheckMessages}) go to {@code log}; the
 * "Adding service"/"Removing service" lines are the listener's.
 */
public final class CheckScheduler {
    private final CheckIo io;
    private final CheckTimers timers;
    private final Ticker ticker;
    private final RandomGenerator random;
    private final Consumer<String> log;
    private final HealthListener listener;
    private final Map<Checker, Slot> slots = new IdentityHashMap<>();
    private final HostAddresses hostAddresses = new HostAddresses();
    private Consumer<String> detail = line -> { };
    private CheckerSet current;
    private boolean muted;
    private boolean running;

    /** A checker's place in the schedule: its pending timer or check. */
    private static final class Slot {
        final Checker checker;
        long token;
        Cancellable pending;
        boolean enabled = true;

        Slot(Checker checker) {
            this.checker = checker;
        }
    }

    /**
     * @param io       the checks' I/O; its callbacks run on the checker thread
     * @param timers   the checker thread's timers (microseconds)
     * @param ticker   monotonic microseconds (MISC_CHECK times its next run from the last start)
     * @param random   draws each checker's share of its warmup
     * @param log      keepalived's operator lines, in order
     * @param listener real servers going up and down, weight changes
     */
    public CheckScheduler(CheckIo io, CheckTimers timers, Ticker ticker, RandomGenerator random, Consumer<String> log,
                          HealthListener listener) {
        this.io = io;
        this.timers = timers;
        this.ticker = ticker;
        this.random = random;
        this.log = log;
        this.listener = listener;
    }

    public void start(KeepalivedConfig config) {
        start(config.virtualServers());
    }

    /** Builds the checkers of {@code vss}, sets their initial states and schedules their first checks. */
    public void start(List<VirtualServerConfig> vss) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        current = build(vss);
        loadTrackFiles();
        current.all.forEach(Checker::initialiseAtStart);
        activate();
    }

    public void reload(KeepalivedConfig config) {
        reload(config.virtualServers());
    }

    /** Replaces the configuration, migrating the state of equal checkers (see the class comment). */
    public void reload(List<VirtualServerConfig> vss) {
        if (!running) {
            throw new IllegalStateException("not started");
        }
        cancelAll();
        CheckerSet old = current;
        current = build(vss);
        loadTrackFiles();
        muted = true;
        try {
            Migration.migrate(old, current);
        } finally {
            muted = false;
        }
        activate();
    }

    /**
     * An address was added to or removed from an interface of the host (update_checker_activity()):
     * the checkers of each ha_suspend virtual server with that address run only while the address
     * is present on at least one interface. Addresses are counted per interface; the count outlives
     * a reload, as keepalived copies ha_suspend_addr_count. Callable before {@link #start}.
     */
    public void hostAddress(java.net.InetAddress address, boolean added) {
        hostAddresses.change(address, added);
        if (current == null) {
            return;
        }
        if (current.all.stream().anyMatch(c -> c.rs().ref().vs().haSuspend()
                && HostAddresses.matches(c.rs().ref().vs(), address))) {
            detail.accept(CheckMessages.netlinkReports(AddressText.ntop(address), added));
        }
        boolean present = hostAddresses.count(address) > 0;
        for (Checker c : current.all) {
            Slot s = slots.get(c);
            VirtualServerConfig vs = c.rs().ref().vs();
            if (vs.haSuspend() && HostAddresses.matches(vs, address) && s.enabled != present) {
                s.enabled = present;
                log.accept(CheckMessages.activity(present, s.checker.display(), s.checker.rs().ref().vsDisplay()));
            }
        }
    }

    /** Where the -D (log detail) lines go; none by default. */
    public void detailLog(Consumer<String> detail) {
        this.detail = detail;
    }

    /** Cancels every pending check and timer; running scripts are killed. */
    public void stop() {
        cancelAll();
        running = false;
    }

    /** The health of every real server of the current configuration (with or without checkers). */
    public List<RsStatus> realServers() {
        return current == null ? List.of() : current.status();
    }

    /** Every checker's state, in configuration order. */
    public List<CheckerStatus> checkers() {
        List<CheckerStatus> out = new ArrayList<>();
        if (current != null) {
            for (Checker c : current.all) {
                out.add(new CheckerStatus(c.rs().ref(), c.config().type(), c.isUp(), c.hasRun(), c.retryIt(),
                        c.settings()));
            }
        }
        return out;
    }

    private CheckerSet build(List<VirtualServerConfig> vss) {
        return new CheckerSet(vss, new HealthListener() {
            @Override
            public void onHealth(RealServerRef rs, boolean alive, int weight) {
                if (!muted) {
                    listener.onHealth(rs, alive, weight);
                }
            }

            @Override
            public void onFirstResultUnchanged(RealServerRef rs, boolean alive) {
                if (!muted) {
                    listener.onFirstResultUnchanged(rs, alive);
                }
            }
        }, log);
    }

    /** FILE_CHECK: the track files' values as the configuration is loaded (init_track_files()). */
    private void loadTrackFiles() {
        for (Checker c : current.all) {
            if (c instanceof FileChecker f) {
                f.detailLog(line -> detail.accept(line));
                f.loaded(io.readTrackFile(f.path()));
            }
        }
    }

    /**
     * register_checkers_thread(): log, then first run at BOOTSTRAP_DELAY + a share of warmup.
     * A FILE_CHECK has no attempts (no launch function, no line): its file is watched instead.
     */
    private void activate() {
        running = true;
        slots.clear();
        List<Checker> all = current.all;
        int n = all.size();
        for (int i = 0; i < n; i++) {
            Checker c = all.get(i);
            Slot s = new Slot(c);
            if (c instanceof FileChecker f) {
                slots.put(c, s);
                s.pending = io.watchTrackFile(f.path(), f::changed);
                continue;
            }
            s.enabled = !c.rs().ref().vs().haSuspend() || hostAddresses.present(c.rs().ref().vs());
            log.accept(s.enabled ? CheckMessages.activating(c.display(), c.rs().ref().vsDisplay())
                    : CheckMessages.deactivating(c.display(), c.rs().ref().vsDisplay()));
            slots.put(c, s);
            long warmup = c.settings().warmupMicros();
            long share = warmup == 0 ? 0 : (long) (warmup * ((i + random.nextDouble()) / n));
            arm(s, CheckerSettings.BOOTSTRAP_DELAY + Math.min(share, warmup));
        }
    }

    private void cancelAll() {
        for (Slot s : slots.values()) {
            s.token++;
            if (s.pending != null) {
                s.pending.cancel();
                s.pending = null;
            }
        }
    }

    private void arm(Slot s, long delayMicros) {
        long token = ++s.token;
        s.pending = timers.schedule(delayMicros, () -> {
            if (s.token == token) {
                launch(s);
            }
        });
    }

    private void launch(Slot s) {
        if (!s.enabled) {
            arm(s, s.checker.settings().delayLoopMicros());   // a suspended checker only reschedules itself
            return;
        }
        long token = ++s.token;
        Cancellable c;
        if (s.checker instanceof TcpChecker t) {
            c = io.tcp(t.connect(), o -> finish(s, token, () -> t.complete(o)));
        } else if (s.checker instanceof SmtpChecker m) {
            m.beginAttempt();
            c = io.smtp(m.connect(), m.heloName(), o -> finish(s, token, () -> m.complete(o)));
        } else if (s.checker instanceof DnsChecker d) {
            c = io.dns(d.connect(), d.query(), o -> finish(s, token, () -> d.complete(o)));
        } else if (s.checker instanceof UdpChecker u) {
            c = io.udp(u.connect(), u.payload(), u.replyLimit(), o -> finish(s, token, () -> u.complete(o)));
        } else if (s.checker instanceof PingChecker p) {
            c = io.ping(p.connect(), o -> finish(s, token, () -> p.complete(o)));
        } else if (s.checker instanceof HttpChecker h) {
            c = io.http(h.connect(), h.ssl(), h.request(), h.url().digest().isPresent(),
                    o -> finish(s, token, () -> h.complete(o)));
        } else {
            MiscChecker m = (MiscChecker) s.checker;
            m.started(ticker.nowMicros());
            c = io.misc(m.script(), m.timeoutMicros(), o -> finish(s, token, () -> m.complete(o, ticker.nowMicros())));
        }
        if (s.token == token) {
            s.pending = c;
        }
    }

    private void finish(Slot s, long token, java.util.function.LongSupplier step) {
        if (s.token != token) {
            return;
        }
        s.pending = null;
        arm(s, step.getAsLong());
    }
}
