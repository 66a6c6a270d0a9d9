package org.keepalived4j.config.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.CheckerCommon;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.parser.Node;

/**
 * The keywords of SMTP_CHECK, DNS_CHECK and UDP_CHECK (check_smtp.c, check_dns.c, check_udp.c),
 * with keepalived's messages; the common checker keywords are {@link CheckerBinder}'s.
 */
final class ProtocolCheckBinder {
    private final BindContext ctx;
    private final CheckerBinder checkers;

    ProtocolCheckBinder(BindContext ctx, CheckerBinder checkers) {
        this.ctx = ctx;
        this.checkers = checkers;
    }

    /** SMTP_CHECK: helo_name and the deprecated host blocks (smtp_check_handler(), smtp_host_handler()). */
    CheckerConfig smtp(Node block, String here) {
        CheckerBinder.Common c = new CheckerBinder.Common();
        String helo = "smtpchecker.keepalived.org";
        List<CheckerCommon> hosts = new ArrayList<>();
        for (Node n : block.children()) {
            if (checkers.checkerCommon(c, n)) {
                continue;
            }
            switch (n.keyword()) {
                case "helo_name" -> {
                    if (n.args().isEmpty()) {
                        ctx.error(n, "SMTP_CHECK helo name missing");
                    } else {
                        helo = n.arg(0);
                    }
                }
                case "host" -> {
                    CheckerBinder.Common h = new CheckerBinder.Common();
                    for (Node k : n.children()) {
                        if (!checkers.checkerCommon(h, k)) {
                            ctx.notImplemented(here + " > host", k);
                        }
                    }
                    // the timing keywords act on the checker itself, the connection ones on the host
                    c.retry = h.retry.isPresent() ? h.retry : c.retry;
                    c.delayBeforeRetry = h.delayBeforeRetry.isPresent() ? h.delayBeforeRetry : c.delayBeforeRetry;
                    c.warmup = h.warmup.isPresent() ? h.warmup : c.warmup;
                    c.delayLoop = h.delayLoop.isPresent() ? h.delayLoop : c.delayLoop;
                    c.alpha = h.alpha.isPresent() ? h.alpha : c.alpha;
                    c.logAllFailures |= h.logAllFailures;
                    if (checkers.linkLocalNeedsBindIf(n, h)) {
                        continue;
                    }
                    hosts.add(h.build());
                }
                default -> ctx.notImplemented(here, n);
            }
        }
        return new CheckerConfig.SmtpCheck(c.build(), helo, hosts, block.origin());
    }

    /** DNS_CHECK: type and name (dns_type_handler(), dns_name_handler(), dns_check_end()). */
    Optional<CheckerConfig> dns(Node block, String here) {
        CheckerBinder.Common c = new CheckerBinder.Common();
        int type = DnsTypes.DEFAULT;
        Optional<String> name = Optional.empty();
        for (Node n : block.children()) {
            if (checkers.checkerCommon(c, n)) {
                continue;
            }
            switch (n.keyword()) {
                case "type" -> {
                    String t = ctx.require(n, 1);
                    Integer v = DnsTypes.TYPES.get(t.toUpperCase(java.util.Locale.ROOT));
                    if (v == null) {
                        ctx.error(n, "Unknown DNS check type " + t + " - ignoring");
                    } else {
                        type = v;
                    }
                }
                case "name" -> {
                    String v = ctx.require(n, 1);
                    if (name.isPresent()) {
                        ctx.error(n, "DNS_CHECK name already specified - ignoring");
                    } else if (DnsTypes.hasEmptyLabel(v)) {
                        ctx.error(n, "DNS_CHECK name '" + v + "' has empty label - ignoring");
                    } else {
                        name = Optional.of(v);
                    }
                }
                default -> ctx.notImplemented(here, n);
            }
        }
        if (checkers.linkLocalNeedsBindIf(block, c)) {
            return Optional.empty();
        }
        return Optional.of(new CheckerConfig.DnsCheck(c.build(), type, name.orElse(""), block.origin()));
    }

    /** UDP_CHECK: payload, require_reply, min/max_reply_length (check_udp.c handlers). */
    Optional<CheckerConfig> udp(Node block, String here) {
        CheckerBinder.Common c = new CheckerBinder.Common();
        Optional<byte[]> payload = Optional.empty();
        boolean require = false;
        Optional<HexStrings.Parsed> reply = Optional.empty();
        long min = 0;
        long max = 255;
        for (Node n : block.children()) {
            if (checkers.checkerCommon(c, n)) {
                continue;
            }
            switch (n.keyword()) {
                case "payload" -> {
                    if (n.args().isEmpty()) {
                        ctx.error(n, "UDP_CHECK payload requires a payload");
                        continue;
                    }
                    Optional<HexStrings.Parsed> p = HexStrings.parse(String.join(" ", n.args()), false);
                    if (p.isEmpty()) {
                        ctx.error(n, "Invalid hex string for UDP_CHECK payload");
                    }
                    payload = p.map(HexStrings.Parsed::data);
                }
                case "require_reply" -> {
                    require = true;
                    if (!n.args().isEmpty()) {
                        reply = HexStrings.parse(String.join(" ", n.args()), true);
                        if (reply.isEmpty()) {
                            ctx.error(n, "Invalid hex string for UDP_CHECK reply");
                        }
                    }
                }
                case "min_reply_length", "max_reply_length" -> {
                    boolean isMin = n.keyword().startsWith("min");
                    String v = ctx.require(n, 1);
                    OptionalLong len = ctx.readUnsigned(n, v, 0, 65535);
                    if (len.isEmpty()) {
                        ctx.error(n, "UDP_CHECK " + (isMin ? "min" : "max") + " length " + v
                                + " not valid - must be between 0 & 65535");
                    } else if (isMin) {
                        min = len.getAsLong();
                    } else {
                        max = len.getAsLong();
                    }
                }
                default -> ctx.notImplemented(here, n);
            }
        }
        if (checkers.linkLocalNeedsBindIf(block, c)) {
            return Optional.empty();
        }
        if (min > max) {
            ctx.errorAtEnd(block, "UDP_CHECK min_reply length " + min + " > max_reply_length " + max
                    + " - will always fail");
        }
        return Optional.of(new CheckerConfig.UdpCheck(c.build(), payload, require,
                reply.map(HexStrings.Parsed::data), reply.flatMap(HexStrings.Parsed::mask), (int) min, (int) max,
                block.origin()));
    }
}
