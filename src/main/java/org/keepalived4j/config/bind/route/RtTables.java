package org.keepalived4j.config.bind.route;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * keepalived's rttables lookups (lib/rttables.c): a number (any base strtoul() accepts) within
 * range, or a name from iproute2's files ({@code /etc/iproute2/NAME} and {@code NAME.d/*.conf})
 * on top of keepalived's built-in defaults.
 */
public final class RtTables {
    private static final Path DIR = Path.of("/etc/iproute2");
    private static final Map<String, Map<String, Long>> CACHE = new ConcurrentHashMap<>();

    private static final Map<String, Map<String, Long>> DEFAULTS = Map.of(
            "rt_tables", Map.of("default", 253L, "main", 254L, "local", 255L, "unspec", 0L),
            "rt_scopes", Map.of("global", 0L, "nowhere", 255L, "host", 254L, "link", 253L, "site", 200L),
            "rt_protos", Map.ofEntries(Map.entry("unspec", 0L), Map.entry("redirect", 1L), Map.entry("kernel", 2L),
                    Map.entry("boot", 3L), Map.entry("static", 4L), Map.entry("gated", 8L), Map.entry("ra", 9L),
                    Map.entry("mrt", 10L), Map.entry("zebra", 11L), Map.entry("bird", 12L),
                    Map.entry("dnrouted", 13L), Map.entry("xorp", 14L), Map.entry("ntk", 15L),
                    Map.entry("dhcp", 16L), Map.entry("keepalived", 18L), Map.entry("babel", 42L),
                    Map.entry("bgp", 186L), Map.entry("isis", 187L), Map.entry("ospf", 188L),
                    Map.entry("rip", 189L), Map.entry("eigrp", 192L)),
            "rt_dsfield", Map.of("default", 0L),
            "rt_realms", Map.of("cosmos", 0L),
            "group", Map.of("default", 0L));

    /** Route types by name (rtntype); numbers 0..255 are also accepted. */
    private static final List<String> RTNTYPES = List.of("", "unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve");

    private RtTables() {
    }

    public static OptionalLong table(String s) {
        return find(s, "rt_tables", LineReader.UINT_MAX);
    }

    public static OptionalLong scope(String s) {
        return find(s, "rt_scopes", 255);
    }

    public static OptionalLong protocol(String s) {
        return find(s, "rt_protos", 255);
    }

    public static OptionalLong dsfield(String s) {
        return find(s, "rt_dsfield", 255);
    }

    public static OptionalLong group(String s) {
        return find(s, "group", LineReader.UINT_MAX);
    }

    /** get_realms(): FROM[/TO], each a realm name or number; empty when invalid. */
    public static OptionalLong realms(String s) {
        int slash = s.indexOf('/');
        OptionalLong from = find(slash < 0 ? s : s.substring(0, slash), "rt_realms", 0xffff);
        if (from.isEmpty()) {
            return OptionalLong.empty();
        }
        if (slash < 0) {
            return from;
        }
        OptionalLong to = find(s.substring(slash + 1), "rt_realms", 0xffff);
        return to.isEmpty() ? to : OptionalLong.of(from.getAsLong() << 16 | to.getAsLong());
    }

    /** find_rttables_rtntype(): a type name or a number up to 255 (an empty word is 0). */
    public static OptionalLong rtntype(String s) {
        int i = s.isEmpty() ? -1 : RTNTYPES.indexOf(s);
        if (i > 0) {
            return OptionalLong.of(i);
        }
        LineReader.Strtoul r = LineReader.strtoul(s, 0);
        if (r.end() < s.length() || r.overflow() || r.value().longValue() > 255 || (!s.isEmpty() && s.charAt(0) == '-')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(r.value().longValue());
    }

    /** The name of a route type number, or the number. */
    public static String rtntypeName(int type) {
        return type > 0 && type < RTNTYPES.size() ? RTNTYPES.get(type) : Integer.toString(type);
    }

    private static OptionalLong find(String name, String file, long max) {
        LineReader.Strtoul r = LineReader.strtoul(name, 0);
        if (r.end() > 0 && r.end() == name.length()) {
            long v = r.value().longValue() & LineReader.UINT_MAX;
            return v <= max && !r.overflow() ? OptionalLong.of(v) : OptionalLong.empty();
        }
        Long v = names(file).get(name);
        return v == null || v > max ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static Map<String, Long> names(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            Map<String, Long> m = new HashMap<>(DEFAULTS.getOrDefault(f, Map.of()));
            read(DIR.resolve(f), m);
            Path d = DIR.resolve(f + ".d");
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.conf")) {
                    ds.forEach(p -> read(p, m));
                } catch (IOException | RuntimeException e) {
                    // unreadable directory: defaults only, as keepalived
                }
            }
            return Map.copyOf(m);
        });
    }

    private static void read(Path p, Map<String, Long> into) {
        try {
            for (String l : Files.readAllLines(p)) {
                String t = l.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f.length < 2 || f[1].startsWith("#")) {
                    continue;
                }
                LineReader.Strtoul r = LineReader.strtoul(f[0], 0);
                if (r.end() == f[0].length() && r.end() > 0) {
                    into.put(f[1], r.value().longValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            // missing file: defaults only
        }
    }

    /** inet_proto_a2n(): a protocol name or a number 0..255. */
    public static Optional<Integer> ipProto(String s) {
        Map<String, Long> known = Map.of("ip", 0L, "icmp", 1L, "igmp", 2L, "tcp", 6L, "udp", 17L, "ipv6", 41L,
                "gre", 47L, "esp", 50L, "ah", 51L, "ipv6-icmp", 58L);
        Long v = known.get(s.toLowerCase(java.util.Locale.ROOT));
        if (v == null && s.equalsIgnoreCase("icmpv6")) {
            v = 58L;
        }
        if (v == null) {
            v = protocolsFile().get(s);
        }
        if (v != null) {
            return Optional.of(v.intValue());
        }
        LineReader.Strtoul r = LineReader.strtoul(s, 0);
        if (r.end() > 0 && r.end() == s.length() && !s.startsWith("-") && r.value().longValue() <= 255) {
            return Optional.of(r.value().intValue());
        }
        return Optional.empty();
    }

    private static Map<String, Long> protocolsFile() {
        return CACHE.computeIfAbsent("/etc/protocols", f -> {
            Map<String, Long> m = new HashMap<>();
            try {
                for (String l : Files.readAllLines(Path.of(f))) {
                    String[] w = l.replaceAll("#.*", "").strip().split("\\s+");
                    if (w.length >= 2 && w[1].chars().allMatch(Character::isDigit)) {
                        for (int i = 0; i < w.length; i++) {
                            if (i != 1) {
                                m.putIfAbsent(w[i], Long.parseLong(w[1]));
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /etc/protocols
            }
            return Map.copyOf(m);
        });
    }
}
