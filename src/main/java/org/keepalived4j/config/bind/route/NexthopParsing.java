package org.keepalived4j.config.bind.route;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.RouteConfig.Encap;
import org.keepalived4j.config.model.RouteConfig.Family;
import org.keepalived4j.config.model.RouteConfig.Nexthop;
import org.keepalived4j.config.model.RouteConfig.Prefix;

/**
 * The {@code nexthop ...} tail of a route. keepalived keeps the route when a next hop is in
 * error: the faulty hop and the rest of the line are dropped, with a message.
 */
final class NexthopParsing {
    interface FamilyAccess {
        Optional<Family> get();

        void set(Family f);
    }

    private NexthopParsing() {
    }

    static void parse(LineReader r, int i, RouteContext ctx, FamilyAccess fam, List<Nexthop> out) {
        Optional<Family> given = Optional.empty(); // an explicit inet/inet6, remembered across hops
        while (i < r.size() && r.slot(i).equals("nexthop")) {
            i++;
            Optional<InetAddress> via = Optional.empty();
            Optional<String> dev = Optional.empty();
            OptionalInt weight = OptionalInt.empty();
            boolean onlink = false;
            OptionalLong realms = OptionalLong.empty();
            Optional<Encap> encap = Optional.empty();
            hop:
            while (i < r.size()) {
                String k = r.slot(i);
                switch (k) {
                    case "via" -> {
                        String s = r.slot(++i);
                        if (s.equals("inet") || s.equals("inet6")) {
                            given = Optional.of(s.equals("inet") ? Family.INET : Family.INET6);
                            s = r.slot(++i);
                        }
                        if (given.isPresent()) {
                            if (fam.get().isEmpty()) {
                                fam.set(given.get());
                            } else if (fam.get().get() != given.get()) {
                                r.error("IPv4/6 mismatch for nexthop");
                                return;
                            }
                        }
                        Optional<Prefix> a = r.parseAddress(s, false);
                        if (a.isEmpty()) {
                            r.error("invalid nexthop address " + s);
                            return;
                        }
                        Family f = Family.of(a.get().address().get());
                        if (fam.get().isPresent() && fam.get().get() != f) {
                            r.error("Address family mismatch for next hop");
                            return;
                        }
                        fam.set(f);
                        via = a.get().address();
                    }
                    case "dev" -> {
                        String s = r.slot(++i);
                        if (!ctx.interfaceExists().test(s)) {
                            r.error("WARNING - interface " + s + " for VROUTE nexthop doesn't exist");
                            return;
                        }
                        dev = Optional.of(s);
                    }
                    case "weight" -> {
                        OptionalLong w = r.getUnsigned(r.slot(++i), 256, "Invalid weight %s specified for route");
                        if (w.isEmpty()) {
                            return;
                        }
                        if (w.getAsLong() == 0) {
                            r.error("Invalid weight 0 specified for route");
                            return;
                        }
                        weight = OptionalInt.of((int) w.getAsLong());
                    }
                    case "onlink" -> onlink = true;
                    case "encap" -> {
                        EncapParsing.Result e = EncapParsing.parse(r, i);
                        encap = e.encap().or(() -> Optional.empty());
                        i = e.next() - 1;
                    }
                    case "realms" -> {
                        String s = r.slot(++i);
                        realms = RtTables.realms(s);
                        if (realms.isEmpty()) {
                            r.error("Invalid realms " + s + " for route");
                            return;
                        }
                        if (fam.get().isEmpty()) {
                            fam.set(Family.INET);
                        } else if (fam.get().get() != Family.INET) {
                            r.error("realms are only supported for IPv4");
                            return;
                        }
                    }
                    case "as" -> {
                        if (r.slot(++i).equals("to")) {
                            i++;
                        }
                        r.error("'as [to]' (nat) not supported");
                        return;
                    }
                    default -> {
                        break hop;
                    }
                }
                i++;
            }
            out.add(new Nexthop(via, dev, weight, onlink, realms, encap));
        }
        if (i < r.size()) {
            r.error("Route has trailing nonsense after nexthops - " + r.slot(i));
        }
    }
}
