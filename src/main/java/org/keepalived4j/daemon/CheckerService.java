package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.keepalived4j.check.HealthListener;
import org.keepalived4j.check.RealServerRef;
import org.keepalived4j.check.RsStatus;
import org.keepalived4j.check.io.HealthCheckers;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.validate.ScriptSecurity;
import org.keepalived4j.lvs.IpvsPort;
import org.keepalived4j.lvs.LvsOp;
import org.keepalived4j.lvs.LvsPlanner;
import org.keepalived4j.lvs.Table;
import org.keepalived4j.lvs.TableDiff;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.script.ScriptUsers;
import org.keepalived4j.vrrp.fsm.VrrpFsm;

/**
 * The checker subsystem (keepalived's Keepalived_healthcheckers child): the health checkers
 * feed the {@link LvsPlanner}, whose desired table is diffed against our model of the kernel's
 * IPVS table and applied. One {@link EventLoop} thread owns the planner and the table; the
 * checkers run on their own netty thread and post their verdicts here.
 */
final class CheckerService {
    private final DaemonLog log;
    private final IpvsPort ipvs;
    private final UnaryOperator<Table> canonical;
    private final EventLoop loop;
    private final AddressWatch hostAddresses;
    private HealthCheckers checkers;
    private LvsNotifier notifier;
    private java.io.Closeable addresses;
    private boolean stopped;
    private volatile boolean scriptSecurity;
    private LvsPlanner planner;
    private Table kernel = Table.EMPTY;
    private Table desired = Table.EMPTY;
    private Thread thread;
    private volatile Throwable crash;

    /**
     * @param hostAddresses for ha_suspend: starts watching the host's addresses, reporting the
     *                      current ones before it returns, then each change (address, added);
     *                      closing it stops the watch
     */
    CheckerService(DaemonLog log, IpvsPort ipvs, UnaryOperator<Table> canonical, org.keepalived4j.util.Ticker ticker,
                   AddressWatch hostAddresses) {
        this.hostAddresses = hostAddresses;
        this.log = log;
        this.ipvs = ipvs;
        this.canonical = canonical;
        this.loop = new EventLoop(ticker, () -> VrrpFsm.NEVER, now -> { });
    }

    /** ha_suspend's view of the host's addresses. */
    interface AddressWatch {
        /** Reports the present addresses before returning, then each change (address, added) until closed. */
        java.io.Closeable watch(BiConsumer<InetAddress, Boolean> listener) throws IOException;
    }

    /** Once a configuration uses ha_suspend (keepalived's using_ha_suspend), the scheduler hears the host's addresses. */
    private synchronized void watchAddresses(KeepalivedConfig cfg) {
        if (addresses == null && cfg.virtualServers().stream().anyMatch(VirtualServerConfig::haSuspend)) {
            try {
                addresses = hostAddresses.watch(checkers::hostAddress);
            } catch (IOException e) {
                log.info("ha_suspend: cannot watch the host's addresses (" + e.getMessage()
                        + ") - the checkers of ha_suspend virtual servers stay suspended");
            }
        }
    }

    EventLoop loop() {
        return loop;
    }

    /** Read the kernel's table, start the checkers and program the configured services. */
    void start(KeepalivedConfig cfg) throws IOException {
        kernel = ipvs.dump();
        checkers = HealthCheckers.create(new HealthListener() {
            @Override
            public void onHealth(RealServerRef rs, boolean alive, int weight) {
                loop.post(now -> health(rs.vsIndex(), rs.rsIndex(), alive, weight));
            }

            @Override
            public void onFirstResultUnchanged(RealServerRef rs, boolean alive) {
                loop.post(now -> {
                    if (!stopped) {
                        planner.firstResultUnchanged(new LvsPlanner.RsId(rs.vsIndex(), rs.rsIndex()));
                    }
                });
            }
        }, line -> log.info(line), line -> log.detail(line));
        notifier = new LvsNotifier(checkers::runScript, HealthCheckers.NO_TIME_LIMIT, line -> log.info(line),
                script -> runnable(script, scriptSecurity));
        watchAddresses(cfg);
        loop.post(now -> install(cfg, checkers.start(cfg), null));
        thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {     // supervision decides
                crash = t;
            }
        }, "checker-loop");
        thread.start();
    }

    Optional<Throwable> awaitTermination() throws InterruptedException {
        thread.join();
        return Optional.ofNullable(crash);
    }

    /** check_notify_script_secure(): what keepalived disabled at load time does not run. */
    /**
     * Who MISC_CHECK and the LVS notify scripts run as, as keepalived decides it: the script's
     * {@code user [group]}, else the default script user (script_user, else keepalived_script,
     * else root unless enable_script_security); none when that user does not exist (logged).
     */
    private Function<Script, Optional<RunAs>> credentials(GlobalDefs g) {
        ScriptUsers users = ScriptUsers.system(line -> log.info(line), RunAs.current());
        return s -> s.user().isPresent() ? users.user(s.user().get(), s.group())
                : users.defaultUser(g.scriptUser(), g.scriptGroup(), g.enableScriptSecurity());
    }

    private static boolean runnable(org.keepalived4j.config.model.Script s, boolean enforced) {
        ScriptSecurity.Verdict v = new ScriptSecurity(System.getenv("PATH")).check(s).verdict();
        return v != ScriptSecurity.Verdict.NOT_FOUND && (v != ScriptSecurity.Verdict.INSECURE || !enforced);
    }

    private void install(KeepalivedConfig cfg, List<RsStatus> initial, LvsPlanner previous) {
        scriptSecurity = cfg.global().enableScriptSecurity();
        checkers.credentials(credentials(cfg.global()));
        LvsPlanner next = new LvsPlanner(cfg.virtualServers(), cfg.virtualServerGroups(), line -> log.info(line),
                notifier);
        for (RsStatus s : initial) {
            next.seed(new LvsPlanner.RsId(s.ref().vsIndex(), s.ref().rsIndex()), s.alive(), s.weight());
        }
        if (previous != null) {
            previous.retire(next);
        }
        planner = next;
        planner.start(previous);
        sync();
    }

    private void health(int vs, int rs, boolean alive, int weight) {
        if (stopped) {
            return;
        }
        LvsPlanner.RsId id = new LvsPlanner.RsId(vs, rs);
        planner.weight(id, weight);     // logs only a change (misc_dynamic)
        planner.health(id, alive);      // logs only a change
        sync();
    }

    /** Apply what changed; a failed command is logged as keepalived does and left out of our model. */
    private void sync() {
        Table want = canonical.apply(planner.desired());
        apply(TableDiff.diff(kernel, desired, want));
        desired = want;
    }

    private void apply(List<LvsOp> ops) {
        List<LvsOp> done = new ArrayList<>();
        for (LvsOp op : ops) {
            try {
                ipvs.apply(op);
                done.add(op);
            } catch (IOException e) {
                log.info(e.getMessage());   // keepalived's "IPVS cmd ... error: ..." line (IpvsException)
            }
        }
        kernel = TableDiff.apply(kernel, done);
    }

    /** SIGHUP: equal checkers keep their state; only the difference reaches the kernel. */
    void reload(KeepalivedConfig cfg) {
        watchAddresses(cfg);
        List<RsStatus> after = checkers.reload(cfg);
        loop.post(now -> install(cfg, after, planner));
    }

    /** SIGTERM: remove what we configured (kept with -I), then stop. Loop thread. */
    void stop(boolean keepIpvs) {
        stopped = true;
        closeAddressWatch();
        if (!keepIpvs && planner != null) {
            planner.shutdown();
            apply(TableDiff.diff(kernel, desired, Table.EMPTY));
            desired = Table.EMPTY;
            try {
                notifier.awaitStopping(STOP_SCRIPTS_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (checkers != null) {
            checkers.close();
        }
        loop.shutdown();
    }

    private synchronized void closeAddressWatch() {
        if (addresses != null) {
            try {
                addresses.close();
            } catch (IOException e) {
                log.info("ha_suspend: " + e.getMessage());
            }
        }
    }

    /** Scripts run at shutdown get SIGTERM after 1 s and SIGKILL 2 s later: wait a little longer. */
    private static final long STOP_SCRIPTS_MILLIS = 3_500;
}
