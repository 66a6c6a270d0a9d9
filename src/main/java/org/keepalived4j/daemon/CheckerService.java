package org.keepalived4j.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.keepalived4j.check.RsStatus;
import org.keepalived4j.check.io.HealthCheckers;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.lvs.IpvsPort;
import org.keepalived4j.lvs.LvsOp;
import org.keepalived4j.lvs.LvsPlanner;
import org.keepalived4j.lvs.Table;
import org.keepalived4j.lvs.TableDiff;
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
    private HealthCheckers checkers;
    private LvsPlanner planner;
    private Table kernel = Table.EMPTY;
    private Table desired = Table.EMPTY;
    private Thread thread;
    private volatile Throwable crash;

    CheckerService(DaemonLog log, IpvsPort ipvs, UnaryOperator<Table> canonical, org.keepalived4j.util.Ticker ticker) {
        this.log = log;
        this.ipvs = ipvs;
        this.canonical = canonical;
        this.loop = new EventLoop(ticker, () -> VrrpFsm.NEVER, now -> { });
    }

    EventLoop loop() {
        return loop;
    }

    /** Read the kernel's table, start the checkers and program the configured services. */
    void start(KeepalivedConfig cfg) throws IOException {
        kernel = ipvs.dump();
        checkers = HealthCheckers.create((rs, alive, weight) -> loop.post(now -> health(rs.vsIndex(), rs.rsIndex(),
                alive, weight)), line -> log.info(line));
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

    private void install(KeepalivedConfig cfg, List<RsStatus> initial, LvsPlanner previous) {
        planner = new LvsPlanner(cfg.virtualServers(), cfg.virtualServerGroups(), line -> log.info(line));
        for (RsStatus s : initial) {
            planner.seed(new LvsPlanner.RsId(s.ref().vsIndex(), s.ref().rsIndex()), s.alive(), s.weight());
        }
        planner.start(previous);
        sync();
    }

    private void health(int vs, int rs, boolean alive, int weight) {
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
        List<RsStatus> after = checkers.reload(cfg);
        loop.post(now -> {
            Table before = desired;
            install(cfg, after, planner);
            before.services().keySet().stream().filter(k -> !desired.services().containsKey(k))
                    .forEach(k -> log.info("Removing Virtual Server " + k.display()));
        });
    }

    /** SIGTERM: remove what we configured (kept with -I), then stop. Loop thread. */
    void stop(boolean keepIpvs) {
        if (checkers != null) {
            checkers.close();
        }
        if (!keepIpvs && planner != null) {
            desired.services().forEach((k, e) -> e.dests().values().forEach(d ->
                    log.info("Shutting down service " + d.display(k) + " from VS " + k.display())));
            apply(TableDiff.diff(kernel, desired, Table.EMPTY));
            desired = Table.EMPTY;
        }
        loop.shutdown();
    }
}
