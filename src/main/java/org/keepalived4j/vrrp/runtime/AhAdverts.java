package org.keepalived4j.vrrp.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.packet.AhCodec;

/**
 * The sending side of AH authentication for one instance, as keepalived's vrrp_send_adv() and
 * vrrp_update_pkt() do it: one sequence number and one IPv4 id per advert round, one datagram
 * with its own digest per destination. The id is per instance (keepalived's vrrp->ip_id),
 * starts at 1 and is never 0. Event-loop thread only.
 */
final class AhAdverts {
    private final AhSequence sequence;
    private int ipId;

    AhAdverts(AhSequence sequence) {
        this.sequence = sequence;
    }

    /**
     * The datagrams of one advert round.
     *
     * @param message the VRRP message for a destination
     */
    List<byte[]> round(VrrpInstanceConfig cfg, InetAddress source, List<InetAddress> destinations, int ttl,
                       Function<InetAddress, byte[]> message) {
        long seq = sequence.nextToSend();
        ipId = (ipId + 1) & 0xffff;
        if (ipId == 0) {
            ipId = 1;   // 0 would let the kernel choose the id after the digest was computed
        }
        byte[] key = key(cfg);
        List<byte[]> out = new ArrayList<>(destinations.size());
        for (InetAddress dst : destinations) {
            out.add(AhCodec.encode(ipId, ttl, (Inet4Address) source, (Inet4Address) dst, seq, message.apply(dst), key,
                    cfg.isUnicast()));
        }
        return out;
    }

    /** Run the digest once (class loading) without touching the counters. */
    static void warmUp(VrrpInstanceConfig cfg, InetAddress source, InetAddress dst, byte[] message) {
        AhCodec.encode(1, 255, (Inet4Address) source, (Inet4Address) dst, 1, message, key(cfg), cfg.isUnicast());
    }

    static byte[] key(VrrpInstanceConfig cfg) {
        return AhCodec.key(cfg.authentication().map(Authentication::password).orElse(""));
    }

    /** The advert ranks below ours as vrrp_state_master_rx() ranks it (priority 0 is handled before). */
    static boolean lower(int priority, int ours, InetAddress from, InetAddress own) {
        int cmp = Arrays.compareUnsigned(from.getAddress(), own.getAddress());
        return priority != 0 && (priority < ours || (priority == ours && cmp < 0));
    }

    static boolean higher(int priority, int ours, InetAddress from, InetAddress own) {
        int cmp = Arrays.compareUnsigned(from.getAddress(), own.getAddress());
        return priority > ours || (priority == ours && cmp > 0);
    }
}
