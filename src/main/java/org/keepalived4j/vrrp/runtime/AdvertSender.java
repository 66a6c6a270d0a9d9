package org.keepalived4j.vrrp.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.UnicastPeer;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.Ports;

/**
 * The adverts of one instance as it sends them (keepalived's vrrp_send_adv()): the source they
 * carry, their destinations (the group, mcast_dst_address or the unicast peers), the simple
 * password, the encoding and the sending through the advert port, with AH one round of whole
 * datagrams. A reload gives it the new configuration. Event-loop thread only.
 *
 * <p>Each destination's advert is kept as encoded for the priority last sent and for priority 0
 * (keepalived too builds its advert once and rewrites only what changed): a takeover's first
 * advert and a stop's priority-0 advert go out without being encoded then (0.1-0.3 ms while
 * that code is cold).
 */
final class AdvertSender {
    private final String ifname;
    private final InetAddress group;
    private final Ports ports;
    private final InstanceStats stats;
    private final AhAdverts ahAdverts;
    private VrrpInstanceConfig cfg;
    private InetAddress source;
    private List<InetAddress> destinations;
    private byte[] authData;
    private byte[][] encoded;         // per destination, the advert at encodedPriority
    private int[] encodedPriority;
    private byte[][] encodedZero;     // per destination, the priority-0 advert

    /** @param ahSequence the instance's AH sequence numbers (shared with the receive checks) */
    AdvertSender(VrrpInstanceConfig cfg, String ifname, InetAddress source, InetAddress group, Ports ports,
                 InstanceStats stats, AhSequence ahSequence) {
        this.ifname = ifname;
        this.group = group;
        this.ports = ports;
        this.stats = stats;
        this.ahAdverts = new AhAdverts(ahSequence);
        configure(cfg, source);
    }

    /** The configuration and source address the adverts follow from now on. */
    void configure(VrrpInstanceConfig next, InetAddress nextSource) {
        cfg = next;
        source = nextSource;
        destinations = destinations(next, group);
        authData = authData(next);
        encoded = new byte[destinations.size()][];
        encodedPriority = new int[destinations.size()];
        encodedZero = new byte[destinations.size()][];
    }

    private static List<InetAddress> destinations(VrrpInstanceConfig cfg, InetAddress group) {
        return cfg.isUnicast() ? cfg.unicastPeers().stream().map(UnicastPeer::address).toList()
                : List.of(cfg.mcastDestination().orElse(group));
    }

    private static byte[] authData(VrrpInstanceConfig cfg) {
        byte[] a = new byte[8];
        cfg.authentication().filter(x -> x.type() == Authentication.Type.PASS)
                .ifPresent(x -> {
                    byte[] p = x.password().getBytes(StandardCharsets.ISO_8859_1);
                    System.arraycopy(p, 0, a, 0, Math.min(8, p.length));
                });
        return a;
    }

    /** The source address adverts carry. */
    InetAddress source() {
        return source;
    }

    /** Where adverts go: the group (or mcast_dst_address), else the unicast peers. */
    List<InetAddress> destinations() {
        return destinations;
    }

    /** The authentication data of the adverts (the simple password, zero padded to 8 bytes). */
    byte[] authData() {
        return authData;
    }

    /**
     * Encode each advert at {@code priority} and at 0 now (kept for the first sends), and its AH
     * digest once, so the classes are loaded before a takeover.
     */
    void warmUp(int priority) {
        for (int i = 0; i < destinations.size(); i++) {
            byte[] m = advert(i, priority);
            advert(i, 0);
            if (InstanceRuntime.usesAh(cfg)) {
                AhAdverts.warmUp(cfg, source, destinations.get(i), m);
            }
        }
    }

    /** The advert to destination {@code i} at {@code priority}, as encoded before when nothing changed since. */
    private byte[] advert(int i, int priority) {
        if (priority == 0) {
            if (encodedZero[i] == null) {
                encodedZero[i] = encode(0, destinations.get(i));
            }
            return encodedZero[i];
        }
        if (encoded[i] == null || encodedPriority[i] != priority) {
            encoded[i] = encode(priority, destinations.get(i));
            encodedPriority[i] = priority;
        }
        return encoded[i];
    }

    /** The advert as this instance sends it now. */
    byte[] encode(int priority, InetAddress dst) {
        int interval = cfg.version() == 2 ? (int) (cfg.advertIntMicros() / 1_000_000) : (int) (cfg.advertIntMicros() / 10_000);
        int authType = cfg.version() == 2 ? cfg.authentication().map(x -> x.type() == Authentication.Type.PASS
                ? VrrpPacket.AUTH_PASS : VrrpPacket.AUTH_AH).orElse(VrrpPacket.AUTH_NONE) : 0;
        VrrpPacket pkt = new VrrpPacket(cfg.version(), cfg.vrid(), priority, authType, interval,
                cfg.virtualIpAddresses().stream().map(VipAddress::address).toList(),
                cfg.version() == 2 && !cfg.isIpv6() ? authData : new byte[0]);
        return VrrpCodec.encode(pkt, source, dst, false);
    }

    private int ttl() {
        return cfg.isUnicast() ? cfg.unicastTtl() : 255;
    }

    /** One advert to every destination; with AH one round of whole datagrams (one sequence number). */
    void send(int priority) {
        List<byte[]> ah = InstanceRuntime.usesAh(cfg)
                ? ahAdverts.round(cfg, source, destinations, ttl(), d -> encode(priority, d)) : null;
        for (int i = 0; i < destinations.size(); i++) {
            InetAddress dst = destinations.get(i);
            try {
                if (ah != null) {
                    ports.adverts().sendIpv4(ifname, (java.net.Inet4Address) dst, ah.get(i));
                } else {
                    ports.adverts().send(ifname, source, dst, advert(i, priority), ttl());
                }
                stats.advertsSent++;
                if (priority == 0) {
                    stats.priorityZeroSent++;
                }
            } catch (IOException e) {
                ports.log().info("(" + cfg.name() + ") failed to send advert to " + dst.getHostAddress() + ": "
                        + e.getMessage());
            }
        }
    }
}
