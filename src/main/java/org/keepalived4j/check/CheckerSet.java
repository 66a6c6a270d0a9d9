package org.keepalived4j.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerCommon;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * The checkers of one configuration and the health of its real servers, built from the model.
 * Checkers this implementation does not run (announced at start-up by the config binder) and
 * checkers keepalived drops at parse time (HTTP_GET without url,
 * MISC_CHECK without misc_path) are left out: they count neither up nor down.
 */
final class CheckerSet {
    final List<VirtualServerConfig> vss;
    /** Per virtual server, per real server. */
    final List<List<RsHealth>> health = new ArrayList<>();
    /** Per virtual server, per real server: its checkers. */
    final List<List<List<Checker>>> byRs = new ArrayList<>();
    final List<Checker> all = new ArrayList<>();

    CheckerSet(List<VirtualServerConfig> vss, HealthListener listener, Consumer<String> log) {
        this.vss = List.copyOf(vss);
        for (int v = 0; v < this.vss.size(); v++) {
            VirtualServerConfig vs = this.vss.get(v);
            List<RsHealth> hs = new ArrayList<>();
            List<List<Checker>> cs = new ArrayList<>();
            for (int r = 0; r < vs.realServers().size(); r++) {
                RealServerConfig rs = vs.realServers().get(r);
                RsHealth h = new RsHealth(new RealServerRef(v, r, vs, rs), listener);
                List<Checker> mine = new ArrayList<>();
                for (CheckerConfig c : rs.checkers()) {
                    if (c instanceof CheckerConfig.SmtpCheck smtp) {
                        mine.addAll(smtp(vs, rs, smtp, h, log));
                    } else {
                        create(vs, rs, c, h, log).ifPresent(mine::add);
                    }
                }
                hs.add(h);
                cs.add(mine);
                all.addAll(mine);
            }
            health.add(hs);
            byRs.add(cs);
        }
    }

    static Optional<Checker> create(VirtualServerConfig vs, RealServerConfig rs, CheckerConfig c, RsHealth h,
                                    Consumer<String> log) {
        CheckerSettings s = CheckerSettings.resolve(vs, rs, c);
        if (c instanceof CheckerConfig.TcpCheck t) {
            return Optional.of(new TcpChecker(t, s, ConnectSpec.of(rs, c.common(), s.connectTimeoutMicros()), h, log));
        }
        if (c instanceof CheckerConfig.HttpCheck http && !http.urls().isEmpty()) {
            return Optional.of(new HttpChecker(http, s, ConnectSpec.of(rs, c.common(), s.connectTimeoutMicros()),
                    vs.virtualhost(), h, log));
        }
        if (c instanceof CheckerConfig.DnsCheck d) {
            return Optional.of(new DnsChecker(d, s, ConnectSpec.of(rs, c.common(), s.connectTimeoutMicros()), h, log));
        }
        if (c instanceof CheckerConfig.UdpCheck u) {
            return Optional.of(new UdpChecker(u, s, ConnectSpec.of(rs, c.common(), s.connectTimeoutMicros()), h, log));
        }
        if (c instanceof CheckerConfig.PingCheck p) {
            return Optional.of(new PingChecker(p, s, ConnectSpec.of(rs, c.common(), s.connectTimeoutMicros()), h, log));
        }
        if (c instanceof CheckerConfig.FileCheck f) {
            return Optional.of(new FileChecker(f, s, h, log));
        }
        if (c instanceof CheckerConfig.MiscCheck m && m.script().isPresent()) {
            long timeout = m.timeoutMicros().orElse(0);
            return Optional.of(new MiscChecker(m, s, timeout > 0 ? timeout : CheckerSettings.vsDelayLoop(vs), h, log));
        }
        return Optional.empty();
    }

    /**
     * SMTP_CHECK and its deprecated host blocks (smtp_check_end_handler()): the block's own
     * connection unless it sets no connection option and has hosts (then the first host's), and
     * one more checker per further host. A host without connect_timeout uses the real server's or
     * virtual server's (keepalived 2.2.7 leaves it 0).
     */
    static List<Checker> smtp(VirtualServerConfig vs, RealServerConfig rs, CheckerConfig.SmtpCheck c, RsHealth h,
                              Consumer<String> log) {
        CheckerSettings s = CheckerSettings.resolve(vs, rs, c);
        CheckerCommon k = c.common();
        List<CheckerCommon> conns = new ArrayList<>();
        boolean own = k.connectIp().isPresent() || k.connectPort().isPresent() || k.bindTo().isPresent()
                || k.bindPort().isPresent() || k.bindIf().isPresent() || k.fwmark().isPresent()
                || k.connectTimeoutMicros().isPresent() || c.hosts().isEmpty();
        if (!c.hosts().isEmpty()) {
            log.accept(CheckMessages.SMTP_HOST_DEPRECATED);
        }
        if (own) {
            conns.add(k);
        }
        conns.addAll(c.hosts());
        long inherited = rs.defaults().connectTimeoutMicros().orElse(vs.defaults().connectTimeoutMicros()
                .orElse(CheckerSettings.DEFAULT_CONNECT_TIMEOUT));
        List<Checker> out = new ArrayList<>();
        for (int i = 0; i < conns.size(); i++) {
            CheckerCommon co = conns.get(i);
            long timeout = co == k ? s.connectTimeoutMicros() : co.connectTimeoutMicros().orElse(inherited);
            CheckerSettings cs = new CheckerSettings(s.delayLoopMicros(), timeout, s.retry(), s.delayBeforeRetryMicros(),
                    s.warmupMicros(), s.alpha(), s.logAllFailures());
            out.add(new SmtpChecker(c, cs, ConnectSpec.of(rs, co, timeout), h, log));
        }
        return out;
    }

    /** vs_iseq() (ipwrapper.c): group name and port, or fwmark, or protocol, address and port. */
    static String vsKey(VirtualServerConfig vs) {
        if (vs.group().isPresent()) {
            return "group " + vs.group().get() + " " + vs.port();
        }
        if (vs.fwmark().isPresent()) {
            return "fwmark " + vs.fwmark().getAsLong() + " " + vs.address().map(a -> a.getAddress().length).orElse(0);
        }
        return vs.protocol() + " " + vs.address().get().getHostAddress() + " " + vs.port();
    }

    List<RsStatus> status() {
        List<RsStatus> out = new ArrayList<>();
        for (List<RsHealth> hs : health) {
            for (RsHealth h : hs) {
                out.add(new RsStatus(h.ref(), h.alive(), h.weight()));
            }
        }
        return out;
    }
}
