package org.keepalived4j.config.bind.route;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.keepalived4j.config.model.RouteConfig.Family;

/**
 * The RTA_METRICS words of a route line (mtu, advmss, rtt, ..., congctl, features, pref,
 * expires, ttl-propagate), with keepalived 2.2.7's acceptance rules and messages; part of
 * {@link RouteParsing}.
 */
final class RouteMetricsParsing {
    /** The word is not a metric. */
    static final int NOT_MINE = -2;
    /** The line is rejected (the message is out). */
    static final int FAIL = -1;

    /** Metrics that accept a leading {@code lock} and a plain unsigned value, with keepalived's message. */
    private static final Map<String, String> LOCKABLE_U32 = Map.of(
            "mtu", "Invalid MTU %s specified for route",
            "advmss", "Invalid advmss %s specified for route",
            "reordering", "Invalid reordering value %s specified for route",
            "cwnd", "Invalid cwnd value %s specified for route",
            "ssthresh", "Invalid ssthresh value %s specified for route");
    private static final Map<String, String> PLAIN_U32 = Map.of(
            "window", "Invalid window value %s specified for route",
            "initcwnd", "Invalid initcwnd value %s specified for route",
            "initrwnd", "Invalid initrwnd value %s specified for route");
    private static final Map<String, Long> PREF = Map.of("low", 3L, "medium", 0L, "high", 1L);

    private final LineReader r;
    private final NexthopParsing.FamilyAccess family;
    final Map<String, Long> metrics = new LinkedHashMap<>();
    final Set<String> locked = new HashSet<>();
    Optional<String> congctl = Optional.empty();
    boolean ecn;

    RouteMetricsParsing(LineReader r, NexthopParsing.FamilyAccess family) {
        this.r = r;
        this.family = family;
    }

    /**
     * The word {@code k} at slot {@code i}.
     *
     * @return the slot of the last word it used, {@link #NOT_MINE} or {@link #FAIL}
     */
    int word(String k, int i) {
        switch (k) {
            case "expires" -> {
                return familyOnly(Family.INET6, "expires is only valid for IPv6") ? metric("expires", i + 1,
                        r.getUnsigned(r.slot(i + 1), LineReader.UINT_MAX, "Invalid expires time %s specified for route"))
                        : FAIL;
            }
            case "hoplimit" -> {
                return metric(k, i + 1, r.getUnsigned(r.slot(i + 1), 255, "Invalid hoplimit %s specified for route"));
            }
            case "rtt", "rttvar", "rto_min" -> {
                return rtt(k, lock(k, i + 1));
            }
            case "features" -> {
                String s = r.slot(++i);
                if (s.equals("ecn")) {
                    ecn = true;
                } else {
                    r.error("feature " + s + " not supported");
                }
                return i;
            }
            case "quickack", "fastopen_no_cookie" -> {
                return metric(k, i + 1, r.getUnsigned(r.slot(i + 1), 1, "Invalid " + k + " value %s specified for route"));
            }
            case "congctl" -> {
                i = lock("congctl", i + 1);
                congctl = Optional.of(r.slot(i));
                return i;
            }
            case "pref" -> {
                return pref(i + 1);
            }
            case "ttl-propagate" -> {
                String s = r.slot(++i);
                if (!s.equals("enabled") && !s.equals("disabled")) {
                    r.error("ttl-propagate value " + s + " not recognised");
                }
                metrics.put(k, s.equals("enabled") ? 1L : 0L);
                return i;
            }
            default -> {
                return u32(k, i);
            }
        }
    }

    private int u32(String k, int i) {
        if (LOCKABLE_U32.containsKey(k)) {
            i = lock(k, i + 1);
            return metric(k, i, r.getUnsigned(r.slot(i), LineReader.UINT_MAX, LOCKABLE_U32.get(k)));
        }
        if (PLAIN_U32.containsKey(k)) {
            return metric(k, i + 1, r.getUnsigned(r.slot(i + 1), LineReader.UINT_MAX, PLAIN_U32.get(k)));
        }
        return NOT_MINE;
    }

    private int rtt(String k, int i) {
        String s = r.slot(i);
        OptionalLong v = RttValues.parse(r, s, k.equals("rtt") ? 8 : k.equals("rttvar") ? 4 : 1);
        if (v.isEmpty()) {
            r.error(k.equals("rto_min") ? "Invalid rto_min value " + s + " specified for route"
                    : "Invalid " + k + " " + s + " for route");
            return FAIL;
        }
        metrics.put(k, v.getAsLong());
        return i;
    }

    private int pref(int i) {
        if (!familyOnly(Family.INET6, "pref is only valid for IPv6")) {
            return FAIL;
        }
        String s = r.slot(i);
        OptionalLong v = PREF.containsKey(s) ? OptionalLong.of(PREF.get(s))
                : r.getUnsigned(s, 255, "Invalid pref value %s specified for route");
        return metric("pref", i, v);
    }

    /** keepalived sets the family for these words, and refuses them for the other one. */
    private boolean familyOnly(Family f, String message) {
        if (family.get().isPresent() && family.get().get() != f) {
            r.error(message);
            return false;
        }
        family.set(f);
        return true;
    }

    private int lock(String metric, int i) {
        if (r.slot(i).equals("lock")) {
            locked.add(metric);
            return i + 1;
        }
        return i;
    }

    private int metric(String name, int i, OptionalLong v) {
        v.ifPresent(x -> metrics.put(name, x));
        return v.isPresent() ? i : FAIL;
    }
}
