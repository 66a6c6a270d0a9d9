package org.keepalived4j.lvs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VirtualServerGroupConfig;
import java.util.function.Consumer;

/**
 * What the IPVS table should hold, from the configuration and the health of the real servers,
 * with keepalived's rules and log lines (ipwrapper.c): a real server that fails is removed, or
 * kept with weight 0 with inhibit_on_failure; one that recovers is added back; a virtual server
 * whose live weight falls below quorum - hysteresis loses quorum and, with a sorry_server,
 * swaps its live servers for it until the weight reaches quorum + hysteresis again. A real
 * server with alpha starts down; one without checkers is always up. Pure and single-threaded:
 * the checker subsystem feeds it events and applies {@link TableDiff} of {@link #desired()}.
 */
public final class LvsPlanner {

    /** A real server: the index of its virtual server and its index there. */
    public record RsId(int vs, int rs) {
    }

    private static final class RsState {
        boolean alive;
        int weight;
    }

    private final List<VirtualServerConfig> vss;
    private final Map<String, VirtualServerGroupConfig> groups = new LinkedHashMap<>();
    private final Consumer<String> log;
    private final List<List<RsState>> rs = new ArrayList<>();
    private final List<Boolean> quorumUp = new ArrayList<>();
    private final LvsEvents events;
    /** The quorum states a reload carries over (taken before {@link #retire} changes them). */
    private List<Boolean> carriedQuorum;

    public LvsPlanner(List<VirtualServerConfig> vss, List<VirtualServerGroupConfig> groups, Consumer<String> log) {
        this(vss, groups, log, LvsEvents.NONE);
    }

    /** @param events where keepalived would run notify_up/down and quorum_up/down scripts */
    public LvsPlanner(List<VirtualServerConfig> vss, List<VirtualServerGroupConfig> groups, Consumer<String> log,
                      LvsEvents events) {
        this.vss = List.copyOf(vss);
        this.log = log;
        this.events = events;
        groups.forEach(g -> this.groups.put(g.name(), g));
        for (VirtualServerConfig vs : this.vss) {
            List<RsState> states = new ArrayList<>();
            for (RealServerConfig r : vs.realServers()) {
                RsState s = new RsState();
                s.alive = r.checkers().isEmpty() || !startsDown(vs, r);
                s.weight = r.weight().orElse(vs.weight());
                states.add(s);
            }
            rs.add(states);
            quorumUp.add(liveWeight(rs.size() - 1) >= vs.quorum() + vs.hysteresis());
        }
    }

    /**
     * The checkers' view after a start or reload (alive and weight of a real server), before
     * {@link #start()}: no log line, quorum recomputed.
     */
    public void seed(RsId id, boolean alive, int weight) {
        RsState s = rs.get(id.vs()).get(id.rs());
        s.alive = alive;
        s.weight = weight;
        VirtualServerConfig vs = vss.get(id.vs());
        quorumUp.set(id.vs(), liveWeight(id.vs()) >= vs.quorum() + vs.hysteresis());
    }

    /**
     * keepalived's start-up quorum step, update_quorum_state(vs, true) in init_service_vs(), on a
     * first start: no real server counted as alive before it, so every virtual server whose live
     * weight reaches quorum + hysteresis logs "Gained quorum", and one that does not but has a
     * sorry_server logs "Starting with quorum down" and swaps the sorry server in.
     */
    public void start() {
        start(null);
    }

    /**
     * The same step after a reload: a virtual server that was already running (same address,
     * protocol and port, fwmark, or group and port: keepalived's vs_iseq()) keeps its quorum state
     * (clear_diff_services() copies it), so only a change is logged.
     *
     * @param previous the planner of the configuration before the reload, or null on a first start
     */
    public void start(LvsPlanner previous) {
        for (int v = 0; v < vss.size(); v++) {
            int old = previous == null ? -1 : previous.indexOf(identity(vss.get(v)));
            boolean prior = old >= 0 && previous.carried().get(old);
            boolean sorryInUse = old >= 0 && !prior && previous.vss.get(old).sorryServer().isPresent();
            initQuorum(v, prior, sorryInUse);
        }
    }

    private void initQuorum(int v, boolean prior, boolean sorryInUse) {
        VirtualServerConfig vs = vss.get(v);
        long sum = liveWeight(v);
        long threshold = vs.quorum() + (prior ? -1 : 1) * vs.hysteresis();
        quorumUp.set(v, prior);
        if (!prior && sum >= threshold) {
            quorumUp.set(v, true);
            gained(vs, threshold, sum, sorryInUse);
        } else if (prior && (sum == 0 || sum < threshold) || !prior && vs.sorryServer().isPresent() && !sorryInUse) {
            quorumUp.set(v, false);
            lost(vs, "Starting with quorum down", threshold, sum, true);
        }
    }

    private int indexOf(String identity) {
        for (int v = 0; v < vss.size(); v++) {
            if (identity(vss.get(v)).equals(identity)) {
                return v;
            }
        }
        return -1;
    }

    /** keepalived's vs_iseq(): group and port, else fwmark (and family), else protocol and address and port. */
    private static String identity(VirtualServerConfig vs) {
        if (vs.group().isPresent()) {
            return "group " + vs.group().get() + " " + vs.port();
        }
        String family = vs.address().map(a -> a instanceof java.net.Inet6Address ? "6" : "4").orElse("");
        return vs.fwmark().isPresent() ? "fwmark " + vs.fwmark().getAsLong() + " " + family
                : vs.protocol() + " " + vs.address().map(java.net.InetAddress::getHostAddress).orElse("") + " " + vs.port();
    }

    public List<VirtualServerConfig> virtualServers() {
        return vss;
    }

    public boolean alive(RsId id) {
        return rs.get(id.vs()).get(id.rs()).alive;
    }

    /** A checker verdict for a real server (perform_svr_state()). */
    public void health(RsId id, boolean up) {
        VirtualServerConfig vs = vss.get(id.vs());
        RealServerConfig r = vs.realServers().get(id.rs());
        RsState s = rs.get(id.vs()).get(id.rs());
        if (s.alive == up) {
            return;
        }
        boolean inh = inhibit(vs, r);
        log.accept((up ? (inh ? "Enabl" : "Add") : (inh ? "Disabl" : "Remov")) + "ing service " + rsDisplay(vs, r) + " "
                + (inh ? "of" : up ? "to" : "from") + " VS " + vs.display());
        s.alive = up;
        events.realServer(vs, r, up, false);
        updateQuorum(id.vs());
    }

    /**
     * A checker's first result left the real server's state as it was, and keepalived runs its
     * notify script for that state anyway (update_svr_checker_state(): alpha, or a failure).
     */
    public void firstResultUnchanged(RsId id) {
        VirtualServerConfig vs = vss.get(id.vs());
        events.realServer(vs, vs.realServers().get(id.rs()), alive(id), false);
    }

    /** A checker set a new weight (MISC_CHECK misc_dynamic). */
    public void weight(RsId id, int weight) {
        VirtualServerConfig vs = vss.get(id.vs());
        RsState s = rs.get(id.vs()).get(id.rs());
        if (s.weight == weight) {
            return;
        }
        log.accept("Changing weight from " + s.weight + " to " + weight + " for " + (s.alive ? "" : "in")
                + "active service " + rsDisplay(vs, vs.realServers().get(id.rs())) + " of VS " + vs.display());
        s.weight = weight;
        updateQuorum(id.vs());
    }

    private void updateQuorum(int v) {
        VirtualServerConfig vs = vss.get(v);
        long sum = liveWeight(v);
        boolean up = quorumUp.get(v);
        long threshold = vs.quorum() + (up ? -1 : 1) * vs.hysteresis();
        if (!up && sum >= threshold) {
            quorumUp.set(v, true);
            gained(vs, threshold, sum, true);
        } else if (up && (sum == 0 || sum < threshold)) {
            quorumUp.set(v, false);
            lost(vs, "Lost quorum", threshold, sum, true);
        }
    }

    /** keepalived's "Gained quorum" branch; the sorry server goes out when it was in. */
    private void gained(VirtualServerConfig vs, long threshold, long sum, boolean sorryWasIn) {
        log.accept("Gained quorum " + vs.quorum() + "+" + vs.hysteresis() + "=" + threshold + " <= " + sum
                + " for VS " + vs.display());
        vs.sorryServer().filter(sorry -> sorryWasIn).ifPresent(sorry -> {
            log.accept((inhibit(vs, sorry) ? "Disabling" : "Removing") + " sorry server " + sorryDisplay(vs)
                    + " from VS " + vs.display());
            log.accept("Adding alive servers to the pool for VS " + vs.display());
        });
        events.quorum(vs, true, false);
    }

    /**
     * keepalived's "Lost quorum" / "Starting with quorum down" branch: the threshold printed is the
     * one compared, quorum + hysteresis when starting down (keepalived prints it after "q-h=").
     */
    private void lost(VirtualServerConfig vs, String what, long threshold, long sum, boolean swapSorryIn) {
        log.accept(what + " " + vs.quorum() + "-" + vs.hysteresis() + "=" + threshold + " > " + sum + " for VS "
                + vs.display());
        vs.sorryServer().filter(sorry -> swapSorryIn).ifPresent(sorry -> {
            log.accept((inhibit(vs, sorry) ? "Enabling" : "Adding") + " sorry server " + sorryDisplay(vs) + " to VS "
                    + vs.display());
            log.accept("Removing alive servers from the pool for VS " + vs.display());
        });
        events.quorum(vs, false, false);
    }

    /**
     * SIGTERM (keepalived's clear_services(), not run with -I): "Shutting down service" for every
     * real server; with omega, notify_down for each one that was alive in the table and
     * quorum_down for every virtual server (bounded scripts). The caller then empties the table.
     */
    public void shutdown() {
        for (int v = 0; v < vss.size(); v++) {
            VirtualServerConfig vs = vss.get(v);
            for (int i = 0; i < vs.realServers().size(); i++) {
                clear(v, i, true);
            }
            quorumUp.set(v, false);     // update_vs_notifies(vs, true)
            if (vs.omega()) {
                events.quorum(vs, false, true);
            }
        }
    }

    /**
     * Reload, on the planner of the running configuration (clear_diff_services()): a virtual server
     * gone from {@code next} logs "Removing Virtual Server" and its real servers "Removing service";
     * a real server gone from a virtual server that stays logs "service ... no longer exist". A
     * removed real server that was alive gets notify_down, a virtual server left below quorum
     * quorum_down. Then call {@code next.start(this)}: it sees the quorum states from before.
     */
    public void retire(LvsPlanner next) {
        carriedQuorum = List.copyOf(quorumUp);
        for (int v = 0; v < vss.size(); v++) {
            VirtualServerConfig vs = vss.get(v);
            int n = next.indexOf(identity(vs));
            if (n < 0) {
                log.accept(vs.group().map(g -> "Removing Virtual Server Group [" + g + "]")
                        .orElse("Removing Virtual Server " + vs.display()));
            }
            for (int i = 0; i < vs.realServers().size(); i++) {
                RealServerConfig r = vs.realServers().get(i);
                if (n < 0) {
                    clear(v, i, false);
                } else if (next.vss.get(n).realServers().stream().noneMatch(o -> o.address().equals(r.address())
                        && o.port() == r.port())) {
                    log.accept("service " + rsDisplay(vs, r) + " no longer exist");
                    clear(v, i, false);
                }
            }
            long sum = liveWeight(v);      // update_vs_notifies(vs, false)
            if (quorumUp.get(v) && (sum == 0 || sum < vs.quorum() - vs.hysteresis())) {
                quorumUp.set(v, false);
                events.quorum(vs, false, false);
            }
        }
    }

    /** clear_service_rs(): the line, and notify_down for a real server alive in the table. */
    private void clear(int v, int i, boolean stopping) {
        VirtualServerConfig vs = vss.get(v);
        RealServerConfig r = vs.realServers().get(i);
        RsState s = rs.get(v).get(i);
        boolean set = s.alive && (quorumUp.get(v) || vs.sorryServer().isEmpty()) || inhibit(vs, r);
        if (set || stopping) {
            log.accept((stopping ? "Shutting down" : "Removing") + " " + (inhibit(vs, r) && !s.alive ? "(inhibited) " : "")
                    + "service " + rsDisplay(vs, r) + " from VS " + vs.display());
        }
        if (!set || !s.alive) {
            return;
        }
        s.alive = false;
        if (!stopping || vs.omega()) {
            events.realServer(vs, r, false, stopping);
        }
    }

    private List<Boolean> carried() {
        return carriedQuorum != null ? carriedQuorum : quorumUp;
    }

    private long liveWeight(int v) {
        long sum = 0;
        for (RsState s : rs.get(v)) {
            if (s.alive) {
                sum += Math.max(0, s.weight);
            }
        }
        return sum;
    }

    /** The table the kernel should hold now. */
    public Table desired() {
        Map<ServiceKey, Table.Entry> out = new LinkedHashMap<>();
        for (int v = 0; v < vss.size(); v++) {
            VirtualServerConfig vs = vss.get(v);
            Map<String, Destination> dests = dests(v);
            for (ServiceKey key : ServiceKeys.expand(vs, groups.get(vs.group().orElse("")))) {
                Service svc = new Service(key, vs.scheduler(), vs.persistenceTimeoutSeconds(),
                        vs.persistenceGranularity(), vs.persistenceEngine(), vs.flags());
                out.put(key, new Table.Entry(svc, dests));
            }
        }
        return new Table(out);
    }

    private Map<String, Destination> dests(int v) {
        VirtualServerConfig vs = vss.get(v);
        boolean pooled = quorumUp.get(v) || vs.sorryServer().isEmpty();
        Map<String, Destination> d = new LinkedHashMap<>();
        for (int i = 0; i < vs.realServers().size(); i++) {
            RealServerConfig r = vs.realServers().get(i);
            RsState s = rs.get(v).get(i);
            if (pooled && s.alive) {
                put(d, dest(vs, r, Math.max(0, s.weight)));
            } else if (inhibit(vs, r)) {
                put(d, dest(vs, r, 0));
            }
        }
        vs.sorryServer().ifPresent(sorry -> {
            if (!pooled) {
                put(d, dest(vs, sorry, sorry.weight().orElse(1)));
            } else if (inhibit(vs, sorry)) {
                put(d, dest(vs, sorry, 0));
            }
        });
        return d;
    }

    private static void put(Map<String, Destination> d, Destination dest) {
        d.put(dest.key(), dest);
    }

    private static Destination dest(VirtualServerConfig vs, RealServerConfig r, int weight) {
        return new Destination(r.address(), r.port(), r.method().orElse(vs.method()), weight,
                r.upperThreshold().orElse(0), r.lowerThreshold().orElse(0));
    }

    /** alpha, wherever it is written: the virtual server, its real server, or a checker's block. */
    private static boolean startsDown(VirtualServerConfig vs, RealServerConfig r) {
        return r.alpha().orElse(false) || vs.alpha() || vs.defaults().alpha().orElse(false)
                || r.defaults().alpha().orElse(false)
                || r.checkers().stream().anyMatch(c -> c.common().alpha().orElse(false));
    }

    private static boolean inhibit(VirtualServerConfig vs, RealServerConfig r) {
        if (vs.sorryServer().isPresent() && vs.sorryServer().get() == r) {
            return vs.sorryServerInhibit();
        }
        return r.inhibitOnFailure().orElse(vs.inhibitOnFailure());
    }

    private static String rsDisplay(VirtualServerConfig vs, RealServerConfig r) {
        String proto = vs.fwmark().isPresent() ? "tcp" : vs.protocol().toLowerCase(java.util.Locale.ROOT);
        return "[" + r.address().getHostAddress() + "]:" + proto + ":" + r.port();
    }

    private static String sorryDisplay(VirtualServerConfig vs) {
        return rsDisplay(vs, vs.sorryServer().get());
    }
}
