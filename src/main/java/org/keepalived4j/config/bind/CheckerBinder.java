package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.CheckerCommon;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/**
 * Binds checker blocks inside a real_server (check_tcp.c, check_http.c, check_misc.c,
 * check_ping.c, the common keywords of check_api.c; FILE_CHECK in {@link FileCheckBinder},
 * SMTP_CHECK, DNS_CHECK and UDP_CHECK in {@link ProtocolCheckBinder}). A checker keepalived
 * knows and this build does not model would be kept as {@link CheckerConfig.OtherCheck} and
 * reported as not implemented.
 */
final class CheckerBinder {
    private static final long HZ = BindContext.TIMER_HZ;

    private final BindContext ctx;
    /** The track_file blocks defined so far (a FILE_CHECK names one defined before it). */
    private final Map<String, TrackFileConfig> trackFiles;

    private final ProtocolCheckBinder protocols;

    CheckerBinder(BindContext ctx, Map<String, TrackFileConfig> trackFiles) {
        this.ctx = ctx;
        this.trackFiles = trackFiles;
        this.protocols = new ProtocolCheckBinder(ctx, this);
    }

    static boolean isChecker(String keyword) {
        return List.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK",
                "PING_CHECK", "FILE_CHECK", "BFD_CHECK").contains(keyword);
    }

    /** @return empty when keepalived drops the block (a FILE_CHECK without track_file) */
    Optional<CheckerConfig> bind(Node block, String path) {
        if (block.keyword().equals("FILE_CHECK")) {
            return new FileCheckBinder(ctx, trackFiles).bind(block);
        }
        if (block.keyword().equals("SMTP_CHECK")) {
            return Optional.of(protocols.smtp(block, path + " > SMTP_CHECK"));
        }
        if (block.keyword().equals("DNS_CHECK")) {
            return protocols.dns(block, path + " > DNS_CHECK");
        }
        if (block.keyword().equals("UDP_CHECK")) {
            return protocols.udp(block, path + " > UDP_CHECK");
        }
        CheckerConfig c = bindNetwork(block, path);
        if (c instanceof CheckerConfig.PingCheck) {
            Common k = new Common();
            k.connectIp = c.common().connectIp();
            k.bindIf = c.common().bindIf();
            if (linkLocalNeedsBindIf(block, k)) {     // ping_check_end_handler()
                return Optional.empty();
            }
        }
        return Optional.of(c);
    }

    private CheckerConfig bindNetwork(Node block, String path) {
        Common c = new Common();
        List<CheckerConfig.Url> urls = new ArrayList<>();
        Optional<String> vhost = Optional.empty();
        String protocol = "1.0";
        Optional<Script> misc = Optional.empty();
        OptionalLong miscTimeout = OptionalLong.empty();
        boolean dynamic = false;
        String here = path + " > " + block.keyword();
        for (Node n : block.children()) {
            if (checkerCommon(c, n)) {
                continue;
            }
            switch (n.keyword()) {
                case "url" -> urls.add(url(n, here));
                case "nb_get_retry" -> {
                    ctx.error(n, "nb_get_retry is deprecated - please use 'retry'");
                    retry(c, n);
                }
                case "virtualhost" -> vhost = Optional.of(ctx.require(n, 1));
                case "http_protocol" -> {
                    String v = ctx.require(n, 1);
                    if (List.of("1.0", "1.0C", "1.1").contains(v)) {
                        protocol = v;
                    } else {
                        ctx.error(n, "Invalid http_protocol " + v);
                    }
                }
                case "misc_path" -> misc = Scripts.parse(ctx, n);
                case "misc_timeout" -> {
                    OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL / HZ);
                    if (v.isEmpty()) {
                        ctx.error(n, "Invalid misc_timeout value '" + n.arg(0) + "'");
                    } else {
                        miscTimeout = OptionalLong.of(v.getAsLong() * HZ);
                    }
                }
                case "misc_dynamic" -> dynamic = true;
                case "user" -> misc = misc.map(s -> new Script(s.args(), Optional.of(n.arg(0)),
                        Optional.ofNullable(n.arg(1)), s.origin()));
                default -> ctx.notImplemented(here, n);
            }
        }
        CheckerCommon common = c.build();
        return switch (block.keyword()) {
            case "TCP_CHECK" -> new CheckerConfig.TcpCheck(common, block.origin());
            case "PING_CHECK" -> new CheckerConfig.PingCheck(common, block.origin());
            case "HTTP_GET", "SSL_GET" -> new CheckerConfig.HttpCheck(block.keyword().equals("SSL_GET"), common, urls,
                    vhost, protocol, block.origin());
            case "MISC_CHECK" -> {
                if (misc.isEmpty()) {
                    ctx.error(block, "Misc check with no script specified");
                }
                yield new CheckerConfig.MiscCheck(common, misc, miscTimeout, dynamic, block.origin());
            }
            default -> {
                ctx.notImplemented(path, block);
                yield new CheckerConfig.OtherCheck(block.keyword(), common, block.origin());
            }
        };
    }

    /** check_conn_opts(): an IPv6 link-local connect_ip needs a bind_if (reported at the block's end). */
    boolean linkLocalNeedsBindIf(Node block, Common c) {
        if (c.connectIp.isEmpty() || !c.connectIp.get().isLinkLocalAddress()
                || !(c.connectIp.get() instanceof java.net.Inet6Address) || c.bindIf.isPresent()) {
            return false;
        }
        String text = block.children().stream().filter(k -> k.keyword().equals("connect_ip")).reduce((a, b) -> b)
                .map(k -> k.arg(0)).orElse("");
        ctx.errorAtEnd(block, "Checker link local address " + text + " requires a bind_if");
        return true;
    }

    private CheckerConfig.Url url(Node block, String path) {
        String p = "/";
        Optional<String> digest = Optional.empty();
        List<int[]> codes = new ArrayList<>();
        Optional<String> vhost = Optional.empty();
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "path" -> p = ctx.require(n, 1);
                case "digest" -> {
                    String d = ctx.require(n, 1);
                    if (d.length() != 32 || !d.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        ctx.error(n, "digest '" + d + "' is not a valid MD5 digest");
                    } else {
                        digest = Optional.of(d.toLowerCase());
                    }
                }
                case "status_code" -> {
                    for (String s : n.args()) {
                        int dash = s.indexOf('-');
                        OptionalLong lo = ctx.readUnsigned(n, dash < 0 ? s : s.substring(0, dash), 100, 599);
                        OptionalLong hi = dash < 0 ? lo : ctx.readUnsigned(n, s.substring(dash + 1), 100, 599);
                        if (lo.isEmpty() || hi.isEmpty() || hi.getAsLong() < lo.getAsLong()) {
                            ctx.error(n, "Invalid HTTP_GET status code range '" + s + "' - ignoring");
                        } else {
                            codes.add(new int[] {(int) lo.getAsLong(), (int) hi.getAsLong()});
                        }
                    }
                }
                case "virtualhost" -> vhost = Optional.of(ctx.require(n, 1));
                default -> ctx.notImplemented(path + " > url", n);
            }
        }
        return new CheckerConfig.Url(p, digest, codes, vhost, block.origin());
    }

    /** The mutable common settings while a block is read. */
    static final class Common {
        Optional<InetAddress> connectIp = Optional.empty();
        OptionalInt connectPort = OptionalInt.empty();
        Optional<InetAddress> bindTo = Optional.empty();
        OptionalInt bindPort = OptionalInt.empty();
        Optional<String> bindIf = Optional.empty();
        OptionalLong connectTimeout = OptionalLong.empty();
        OptionalLong fwmark = OptionalLong.empty();
        OptionalLong retry = OptionalLong.empty();
        OptionalLong delayBeforeRetry = OptionalLong.empty();
        OptionalLong warmup = OptionalLong.empty();
        OptionalLong delayLoop = OptionalLong.empty();
        Optional<Boolean> alpha = Optional.empty();
        boolean logAllFailures;

        CheckerCommon build() {
            return new CheckerCommon(connectIp, connectPort, bindTo, bindPort, bindIf, connectTimeout, fwmark, retry,
                    delayBeforeRetry, warmup, delayLoop, alpha, logAllFailures);
        }
    }

    /** The keywords shared by checkers, real servers and virtual servers; false when not one. */
    boolean common(Common c, Node n) {
        switch (n.keyword()) {
            case "connect_ip" -> address(n).ifPresent(a -> c.connectIp = Optional.of(a));
            case "connect_port" -> port(n).ifPresent(p -> c.connectPort = OptionalInt.of(p));
            case "bindto" -> address(n).ifPresent(a -> c.bindTo = Optional.of(a));
            case "bind_port" -> port(n).ifPresent(p -> c.bindPort = OptionalInt.of(p));
            case "bind_if" -> c.bindIf = Optional.of(ctx.require(n, 1));
            case "connect_timeout" -> timer(n, "connect_timeout").ifPresent(v -> c.connectTimeout = OptionalLong.of(v));
            case "fwmark" -> {
                OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL);
                if (v.isPresent()) {
                    c.fwmark = v;
                }
            }
            case "retry" -> retry(c, n);
            case "delay_before_retry" -> timer(n, "delay_before_retry").ifPresent(v -> c.delayBeforeRetry = OptionalLong.of(v));
            case "warmup" -> timer(n, "warmup").ifPresent(v -> c.warmup = OptionalLong.of(v));
            case "delay_loop" -> timer(n, "delay_loop").ifPresent(v -> c.delayLoop = OptionalLong.of(v));
            case "alpha" -> c.alpha = ctx.flag(n, "Invalid alpha parameter " + n.arg(0));
            case "log_all_failures" -> ctx.flag(n, "Invalid log_all_failures parameter " + n.arg(0))
                    .ifPresent(b -> c.logAllFailures = b);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The common keywords inside a checker block (install_checker_common_keywords(), check_api.c):
     * their own messages and ranges (warmup and delay_before_retry may be 0 there).
     */
    boolean checkerCommon(Common c, Node n) {
        switch (n.keyword()) {
            case "connect_ip" -> checkerAddress(n).ifPresent(a -> c.connectIp = Optional.of(a));
            case "bindto" -> checkerAddress(n).ifPresent(a -> c.bindTo = Optional.of(a));
            case "connect_port" -> unsigned(n, 1, 65535, "Invalid checker connect_port '" + n.arg(0) + "'")
                    .ifPresent(p -> c.connectPort = OptionalInt.of((int) p));
            case "bind_port" -> unsigned(n, 1, 65535, "Invalid checker bind_port '" + n.arg(0) + "'")
                    .ifPresent(p -> c.bindPort = OptionalInt.of((int) p));
            case "fwmark" -> unsigned(n, 0, 0xffff_ffffL, "Invalid fwmark connection value '" + n.arg(0) + "'")
                    .ifPresent(v -> c.fwmark = OptionalLong.of(v));
            case "retry" -> unsigned(n, 0, 0xffff_ffffL, "Invalid retry connection value '" + n.arg(0) + "'")
                    .ifPresent(v -> c.retry = OptionalLong.of(v));
            case "connect_timeout" -> checkerTimer(n, 1, 0xffff_ffffL, "connect_timeout " + n.arg(0) + " invalid - ignoring")
                    .ifPresent(v -> c.connectTimeout = OptionalLong.of(v));
            case "delay_before_retry" -> checkerTimer(n, 0, 0, "Invalid delay_before_retry connection value '"
                    + n.arg(0) + "'").ifPresent(v -> c.delayBeforeRetry = OptionalLong.of(v));
            case "warmup" -> checkerTimer(n, 0, 0, "Invalid warmup connection value '" + n.arg(0) + "'")
                    .ifPresent(v -> c.warmup = OptionalLong.of(v));
            case "delay_loop" -> checkerTimer(n, 1, 0, "delay_loop '" + n.arg(0) + "' is invalid - ignoring")
                    .ifPresent(v -> c.delayLoop = OptionalLong.of(v));
            default -> {
                return common(c, n);
            }
        }
        return true;
    }

    private Optional<InetAddress> checkerAddress(Node n) {
        String s = ctx.require(n, 1);
        Optional<InetAddress> a = IpAddresses.parse(s);
        if (a.isEmpty()) {
            ctx.error(n, "Invalid " + n.keyword() + " address " + s + " - ignoring");
        }
        return a;
    }

    private OptionalLong unsigned(Node n, long min, long max, String message) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), min, max);
        if (v.isEmpty()) {
            ctx.error(n, message);
        }
        return v;
    }

    /** @param maxMicros 0: TIMER_MAXIMUM */
    private OptionalLong checkerTimer(Node n, long minMicros, long maxMicros, String message) {
        OptionalLong v = ctx.readTimer(n, ctx.require(n, 1), minMicros, maxMicros);
        if (v.isEmpty()) {
            ctx.error(n, message);
        }
        return v;
    }

    private void retry(Common c, Node n) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 0xffff_ffffL);
        if (v.isEmpty()) {
            ctx.error(n, "retry value invalid - " + n.arg(0));
        } else {
            c.retry = v;
        }
    }

    private Optional<InetAddress> address(Node n) {
        String s = ctx.require(n, 1);
        Optional<InetAddress> a = IpAddresses.parse(s);
        if (a.isEmpty()) {
            ctx.error(n, "Invalid " + n.keyword() + " address " + s);
        }
        return a;
    }

    private OptionalInt port(Node n) {
        OptionalLong v = ctx.readUnsigned(n, ctx.require(n, 1), 0, 65535);
        if (v.isEmpty()) {
            ctx.error(n, "Invalid " + n.keyword() + " " + n.arg(0));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    private OptionalLong timer(Node n, String what) {
        OptionalLong v = ctx.readTimer(n, ctx.require(n, 1), 1, 0);
        if (v.isEmpty()) {
            ctx.error(n, what + " '" + n.arg(0) + "' invalid - ignoring");
        }
        return v;
    }
}
