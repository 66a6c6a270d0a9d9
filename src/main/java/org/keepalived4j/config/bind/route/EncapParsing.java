package org.keepalived4j.config.bind.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.keepalived4j.config.model.RouteConfig.Encap;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Prefix;

/**
 * {@code encap ip|ip6|mpls|ila ...}. keepalived ignores the outcome: an invalid encapsulation
 * is reported and parsing resumes at the word that failed (which then usually fails as a
 * destination).
 */
final class EncapParsing {
    /** @param next index of the first word not consumed */
    record Result(Optional<Encap> encap, int next) {
    }

    private EncapParsing() {
    }

    static Result parse(LineReader r, int encapIndex) {
        int i = encapIndex + 1;
        if (r.size() <= i) {
            r.error("Missing encap type");
            return new Result(Optional.empty(), i + 1);
        }
        String type = r.slot(i++);
        return switch (type) {
            case "ip", "ip6" -> ip(r, i, type.equals("ip6"));
            case "mpls" -> single(r, i, "mpls", "missing address for MPLS encapsulation",
                    "invalid mpls address %s for encapsulation", EncapParsing::mplsValid);
            case "ila" -> single(r, i, "ila", "missing locator for ILA encapsulation",
                    "invalid locator %s for ila encapsulation", EncapParsing::addr64Valid);
            default -> {
                r.error("Unknown encap type - " + type);
                yield new Result(Optional.empty(), i + 1);
            }
        };
    }

    private static Result single(LineReader r, int i, String type, String missing, String invalid,
                                 java.util.function.Predicate<String> valid) {
        if (i >= r.size()) {
            r.error(missing);
            return new Result(Optional.empty(), i);
        }
        String s = r.slot(i++);
        if (!valid.test(s)) {
            r.error(invalid.replace("%s", s));
            return new Result(Optional.empty(), i);
        }
        return new Result(Optional.of(new Encap(type, Map.of(type.equals("mpls") ? "labels" : "locator", s))), i);
    }

    private static Result ip(LineReader r, int i, boolean v6) {
        String sfx = v6 ? " for ip6 encapsulation" : " for ip encapsulation";
        Map<String, String> f = new LinkedHashMap<>();
        while (i + 1 < r.size()) {
            String k = r.slot(i);
            String v = r.slot(i + 1);
            int ok = switch (k) {
                case "id" -> {
                    boolean good = r.readUnsigned64(v).isPresent();
                    if (!good) {
                        r.error(v6 ? "id " + v + " value invalid for IPv6 encapsulation"
                                : "encap id " + v + " value is invalid");
                    }
                    yield good ? 1 : -1;
                }
                case "dst", "src" -> {
                    Optional<Prefix> a = r.parseAddress(v, false);
                    if (a.isEmpty()) {
                        r.error("Invalid encap " + (v6 ? "ip6 " : "ip ") + k + " " + v);
                        yield -1;
                    }
                    Family fam = Family.of(a.get().address().get());
                    if (fam != (v6 ? Family.INET6 : Family.INET)) {
                        r.error((v6 ? "IPv4" : "IPv6") + " address " + v + " not valid" + sfx);
                        yield -1;
                    }
                    yield 1;
                }
                case "tos" -> {
                    if (v6) {
                        yield 0;
                    }
                    boolean good = RtTables.dsfield(v).isPresent();
                    if (!good) {
                        r.error("dsfield " + v + " not valid for ip encapsulation");
                    }
                    yield good ? 1 : -1;
                }
                case "tc" -> {
                    if (!v6) {
                        yield 0;
                    }
                    boolean good = RtTables.dsfield(v).isPresent();
                    if (!good) {
                        r.error("tc value " + k + " is invalid for ip6 encapsulation");
                    }
                    yield good ? 1 : -1;
                }
                case "ttl" -> {
                    if (v6) {
                        yield 0;
                    }
                    yield r.getUnsigned(v, 255, "ttl %s is not valid for ip encapsulation").isPresent() ? 1 : -1;
                }
                case "hoplimit" -> {
                    if (!v6) {
                        yield 0;
                    }
                    yield r.getUnsigned(v, 255, "Invalid hoplimit %s specified for ip6 encapsulation").isPresent() ? 1 : -1;
                }
                case "flags" -> r.getUnsigned(v, 0xffff, "flags %s is not valid" + sfx).isPresent() ? 1 : -1;
                default -> 0;
            };
            if (ok == 0) {
                break;
            }
            if (ok < 0) {
                return new Result(Optional.empty(), i);
            }
            f.put(k, v);
            i += 2;
        }
        if (!f.containsKey("dst") && !f.containsKey("id")) {
            r.error("address or id missing" + sfx);
            return new Result(Optional.empty(), i);
        }
        return new Result(Optional.of(new Encap(v6 ? "ip6" : "ip", f)), i);
    }

    /** parse_mpls_address(): up to 16 labels of 20 bits separated by '/'. */
    private static boolean mplsValid(String s) {
        String t = s.stripLeading();
        String[] labels = t.split("/", -1);
        if (labels.length > 16) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.startsWith("-") || LineReader.isSpace(l.charAt(0))) {
                return false;
            }
            LineReader.Strtoul v = LineReader.strtoul(l, 0);
            if (v.end() != l.length() || v.overflow() || v.value().longValue() > 0xfffff) {
                return false;
            }
        }
        return true;
    }

    /** get_addr64(): four groups of up to four hex digits separated by ':'. */
    private static boolean addr64Valid(String s) {
        String[] g = s.stripLeading().split(":", -1);
        if (g.length != 4) {
            return false;
        }
        for (String x : g) {
            if (x.isEmpty() || Character.digit(x.charAt(0), 16) < 0) {
                return false;
            }
            LineReader.Strtoul v = LineReader.strtoul(x, 16);
            if (v.end() != x.length() || v.value().longValue() > 0xffff) {
                return false;
            }
        }
        return true;
    }
}
