package org.keepalived4j.config.bind;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.util.IpAddresses;

/**
 * One address line of virtual_ipaddress, virtual_ipaddress_excluded or static_ipaddress
 * (alloc_ipaddress() in keepalived/vrrp/vrrp_ipaddress.c), with keepalived's messages.
 */
final class AddressParser {

    private static final List<String> SCOPES = List.of("global", "site", "link", "host", "nowhere");

    private AddressParser() {
    }

    /** @param staticAddr true for static_ipaddress (allows track_group, refuses use_vmac) */
    static Optional<VipAddress> parse(BindContext ctx, Node line, boolean staticAddr) {
        List<String> w = line.words();
        String text = w.get(0);
        Optional<IpAddresses.Prefix> p = IpAddresses.parsePrefix(text);
        if (p.isEmpty()) {
            ctx.error(line, "VRRP parsed invalid IP " + text + ". skipping IP...");
            return Optional.empty();
        }
        InetAddress addr = p.get().address();
        boolean v6 = IpAddresses.isIpv6(addr);
        Optional<String> dev = Optional.empty();
        Optional<InetAddress> brd = Optional.empty();
        Optional<String> brdMode = Optional.empty();
        Optional<String> scope = Optional.empty();
        Optional<String> label = Optional.empty();
        Optional<InetAddress> peer = Optional.empty();
        boolean noDad = false;
        boolean noPrefixRoute = false;
        boolean home = false;
        boolean noTrack = false;
        for (int i = 1; i < w.size(); i++) {
            String k = w.get(i);
            boolean needsParam = List.of("dev", "scope", "broadcast", "brd", "label", "peer", "preferred_lft",
                    "track_group").contains(k);
            if (needsParam && i + 1 >= w.size()) {
                ctx.error(line, "No " + k + " parameter specified for " + text);
                break;
            }
            switch (k) {
                case "dev" -> {
                    String d = w.get(++i);
                    if (dev.isPresent()) {
                        ctx.error(line, "Cannot specify ipaddress device more than once for " + text);
                    } else {
                        if (!ctx.interfaceExists(d)) {
                            ctx.error(line, "WARNING - interface " + d + " for ip address " + text + " doesn't exist");
                        }
                        dev = Optional.of(d);
                    }
                }
                case "scope" -> {
                    String s = w.get(++i);
                    if (SCOPES.contains(s) || s.chars().allMatch(Character::isDigit)) {
                        scope = Optional.of(s);
                    } else {
                        ctx.error(line, "Invalid scope '" + s + "' specified for " + text + " - ignoring");
                    }
                }
                case "broadcast", "brd" -> {
                    String b = w.get(++i);
                    if (v6) {
                        ctx.error(line, "VRRP is trying to assign a broadcast " + b + " to the IPv6 address "
                                + text + " !!?? WTF... skipping broadcast");
                    } else if (b.equals("-") || b.equals("+")) {
                        brdMode = Optional.of(b);
                    } else {
                        Optional<InetAddress> ba = IpAddresses.parse(b);
                        if (ba.isEmpty() || IpAddresses.isIpv6(ba.get())) {
                            ctx.error(line, "VRRP is trying to assign invalid broadcast " + b + ". skipping broadcast...");
                        } else {
                            brd = ba;
                        }
                    }
                }
                case "label" -> {
                    String l = w.get(++i);
                    if (l.length() > 15) {
                        ctx.error(line, "Address label " + l + " is longer than maximum length 15 - removing address");
                        return Optional.empty();
                    }
                    label = Optional.of(l);
                }
                case "peer" -> {
                    String pa = w.get(++i);
                    Optional<InetAddress> a = IpAddresses.parse(pa);
                    if (peer.isPresent()) {
                        ctx.error(line, "Peer " + pa + " - another peer has already been specified");
                    } else if (a.isEmpty()) {
                        ctx.error(line, "Invalid peer address " + pa);
                    } else if (IpAddresses.isIpv6(a.get()) != v6) {
                        ctx.error(line, "Peer address " + pa + " does not match address family");
                    } else {
                        peer = a;
                    }
                }
                case "home" -> home = true;
                case "-nodad" -> noDad = true;
                case "noprefixroute" -> noPrefixRoute = true;
                case "mngtmpaddr", "autojoin" -> ctx.notImplemented("ip address " + text, option(line, k));
                case "no_track" -> noTrack = true;
                case "preferred_lft" -> {
                    String v = w.get(++i);
                    if (!v.equals("forever") && ctx.readUnsigned(line, v, 0, 0xffff_ffffL).isEmpty()) {
                        ctx.error(line, "preferred_lft " + v + " is invalid");
                    }
                }
                case "track_group" -> {
                    i++;
                    if (!staticAddr) {
                        ctx.error(line, "Unknown configuration entry '" + k + "' for ip address - ignoring");
                    } else {
                        ctx.notImplemented("static_ipaddress " + text, option(line, k));
                    }
                }
                case "use_vmac" -> {
                    if (staticAddr) {
                        ctx.error(line, "Unknown configuration entry '" + k + "' for ip address - ignoring");
                    } else {
                        ctx.notImplemented("ip address " + text, option(line, k));
                    }
                }
                default -> ctx.error(line, "Unknown configuration entry '" + k + "' for ip address - ignoring");
            }
        }
        if (v6 && scope.isPresent()) {
            ctx.error(line, "Cannot specify scope for IPv6 addresses (" + text + ") - ignoring scope");
            scope = Optional.empty();
        }
        if (v6 && label.isPresent()) {
            ctx.error(line, "Cannot specify label for IPv6 addresses (" + text + ") - ignoring label");
            label = Optional.empty();
        }
        if (peer.isPresent() && (brd.isPresent() || brdMode.isPresent())) {
            ctx.error(line, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
            brd = Optional.empty();
            brdMode = Optional.empty();
        }
        return Optional.of(new VipAddress(addr, p.get().length(), dev, brd, brdMode, scope, label, peer, noDad,
                noPrefixRoute, home, noTrack, line.origin()));
    }

    private static Node option(Node line, String keyword) {
        return new Node(keyword, List.of(), line.raw(), line.origin(), line.seq(), line.kind(), line.subsystem(),
                List.of());
    }
}
