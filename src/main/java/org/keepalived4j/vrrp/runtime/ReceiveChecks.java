package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.packet.AhCodec;
import org.keepalived4j.vrrp.packet.DropReason;
import org.keepalived4j.vrrp.packet.VrrpCodec;
import org.keepalived4j.vrrp.packet.VrrpPacket;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * The checks keepalived applies to a received advert (vrrp_check_packet()), in its order and
 * with its messages. Event-loop thread only.
 */
final class ReceiveChecks {
    private final InstanceStats stats;
    private final LogPort log;
    private final AhSequence ahSequence;
    private final Set<DropReason> loggedSinceTransition = EnumSet.noneOf(DropReason.class);

    ReceiveChecks(InstanceStats stats, LogPort log, AhSequence ahSequence) {
        this.stats = stats;
        this.log = log;
        this.ahSequence = ahSequence;
    }

    /** A state change re-arms the rate-limited log lines. */
    void stateChanged() {
        loggedSinceTransition.clear();
    }

    private boolean multicastDestination(InetAddress dst) {
        return dst.isMulticastAddress();
    }

    /**
     * The advert as a packet when it passes every check; null when it is dropped (counted, and
     * logged once per kind until the next state change). An address list that differs from ours
     * is dropped as keepalived 2.2.7 drops it (its VRRP_PACKET_KO; later keepalived versions only
     * log it), in every mode, strict or not.
     *
     * @param checkVipAddr keepalived's check_vip_addr: false only for a BACKUP with
     *                     skip_check_adv_addr hearing the master it already follows
     */
    VrrpPacket accept(ReceivedAdvert in, VrrpInstanceConfig cfg, byte[] authData, List<InetAddress> peers,
                      boolean backup, boolean checkVipAddr) {
        String p = "(" + cfg.name() + ") ";
        boolean ah = InstanceRuntime.usesAh(cfg);
        if (!protocolMatches(in, cfg, ah)) {
            return null;
        }
        boolean multicast = multicastDestination(in.dst());
        if (multicast && in.ttl() != 255) {
            drop(DropReason.BAD_TTL, p + "invalid TTL/HL. Received " + in.ttl() + " and expect 255");
            return null;
        }
        // With AH keepalived verifies the checksum after the digest (a corrupted packet is an auth failure).
        VrrpCodec.Decoded d = VrrpCodec.decode(in.message(), 0, in.message().length, in.src(), in.dst(), false, !ah);
        if (d instanceof VrrpCodec.Decoded.Dropped dropped) {
            decodeDropped(dropped, in, p);
            return null;
        }
        VrrpPacket pkt = ((VrrpCodec.Decoded.Ok) d).packet();
        if (pkt.version() != cfg.version()) {
            drop(DropReason.BAD_VERSION, p + "wrong version. Received " + pkt.version() + " and expect " + cfg.version());
            return null;
        }
        if (cfg.version() == 2 && !cfg.isIpv6() && !checkV2Auth(pkt, p, cfg, authData)) {
            return null;
        }
        if (ah && !checkAh(in, cfg, backup)) {
            return null;
        }
        if (cfg.version() == 2 && pkt.advertInterval() * 1_000_000L != cfg.advertIntMicros()) {
            drop(DropReason.INTERVAL_MISMATCH, p + "advertisement interval mismatch mine=" + cfg.advertIntMicros() / 1_000_000
                    + " sec rcv'd=" + pkt.advertInterval() + " sec");
            return null;
        }
        List<InetAddress> ours = cfg.virtualIpAddresses().stream().map(VipAddress::address).toList();
        if (checkVipAddr && pkt.addresses().size() != ours.size()) {
            drop(DropReason.ADDRESS_COUNT, p + "received an unexpected ip number count " + pkt.addresses().size()
                    + ", expected " + ours.size() + "!");
            return null;
        }
        VrrpCodec.Decoded.Dropped badSum = ah ? VrrpCodec.checksumError(in.message(), in.src(), in.dst(), false) : null;
        if (badSum != null) {
            decodeDropped(badSum, in, p);
            return null;
        }
        if (cfg.isUnicast() && multicast) {
            drop(DropReason.NOT_A_PEER, p + "Expected unicast packet but received multicast packet");
            return null;
        }
        if (checkVipAddr && !addressListMatches(pkt, p, cfg, ours)) {
            return null;
        }
        if (cfg.isUnicast() && peers.stream().noneMatch(a -> a.equals(in.src()))) {
            drop(DropReason.NOT_A_PEER, p + "unicast source address " + in.src().getHostAddress() + " not a unicast peer");
            return null;
        }
        return pkt;
    }

    /** vrrp_check_packet(): an AH header exactly when the instance uses AH (IPv4). */
    private boolean protocolMatches(ReceivedAdvert in, VrrpInstanceConfig cfg, boolean ah) {
        if (!cfg.isIpv6() && (in.protocol() == AhCodec.IPPROTO_AH) != ah) {
            drop(DropReason.AUTH_TYPE_MISMATCH, ah ? AhMessages.noAhHeader(cfg.name())
                    : AhMessages.unexpectedAhHeader(cfg.name()));
            return false;
        }
        return true;
    }

    private void decodeDropped(VrrpCodec.Decoded.Dropped dropped, ReceivedAdvert in, String p) {
        String text = switch (dropped.reason()) {
            case BAD_CHECKSUM -> p + "Invalid VRRPv" + ((in.message()[0] & 0xff) >>> 4) + " checksum ("
                    + dropped.detail() + ")";
            case BAD_VERSION -> p + "wrong version. " + dropped.detail();
            case BAD_TYPE -> p + "Invalid packet type. " + dropped.detail();
            default -> p + "vrrp packet dropped: " + dropped.detail();
        };
        drop(dropped.reason(), text);
    }

    /**
     * keepalived's AH checks (vrrp_check_packet(), vrrp_in_chk_ipsecah()), in its order: an AH
     * header for another protocol is ignored silently; then the digest, the SPI (= source
     * address) and the anti-replay sequence number, each an auth failure.
     */
    private boolean checkAh(ReceivedAdvert in, VrrpInstanceConfig cfg, boolean backup) {
        AhCodec.AhHeader h = in.ah();
        if (h == null || h.nextHeader() != VrrpPacket.IPPROTO_VRRP) {
            return false;   // keepalived: VRRP_PACKET_DROP, neither logged nor counted
        }
        byte[] d = in.ahDatagram();
        byte[] key = AhCodec.key(cfg.authentication().map(Authentication::password).orElse(""));
        if (!AhCodec.verify(d, in.ipHeaderLength(), d.length, key, cfg.isUnicast())) {
            drop(DropReason.AH_BAD_DIGEST, AhMessages.invalidDigest(cfg.name()));
            return false;
        }
        long source = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(d, 12, 4).getInt());
        if (h.spi() != source) {
            drop(DropReason.AH_BAD_SPI, AhMessages.invalidSpi(source, h.spi()));
            return false;
        }
        if (!ahSequence.accept(h.sequence())) {
            drop(DropReason.AH_REPLAY, AhMessages.sequenceAlreadyProcessed(cfg.name(), h.sequence(), ahSequence.local()));
            return false;
        }
        if (backup) {
            ahSequence.backupAccepted(h.sequence());
        }
        return true;
    }

    private boolean checkV2Auth(VrrpPacket pkt, String p, VrrpInstanceConfig cfg, byte[] authData) {
        int want = cfg.authentication().map(a -> a.type() == Authentication.Type.PASS ? VrrpPacket.AUTH_PASS
                : VrrpPacket.AUTH_AH).orElse(VrrpPacket.AUTH_NONE);
        if (pkt.authType() > 2) {
            drop(DropReason.BAD_AUTH_TYPE, p + "Invalid auth type: " + pkt.authType());
            return false;
        }
        if (pkt.authType() != want) {
            drop(DropReason.AUTH_TYPE_MISMATCH, p + "received a " + pkt.authType() + " auth, expecting " + want + "!");
            return false;
        }
        if (want == VrrpPacket.AUTH_PASS && !java.security.MessageDigest.isEqual(pkt.authData(), authData)) {
            drop(DropReason.BAD_AUTH, p + "received an invalid passwd!");
            return false;
        }
        return true;
    }

    /**
     * vrrp_check_packet() in keepalived 2.2.7: the advert is counted as received (advert_rcvd)
     * before each of our VIPs is looked up in it; a missing one drops it as an address list error.
     */
    private boolean addressListMatches(VrrpPacket pkt, String p, VrrpInstanceConfig cfg, List<InetAddress> ours) {
        for (InetAddress a : ours) {
            if (!pkt.addresses().contains(a)) {
                stats.advertsReceived++;
                drop(DropReason.ADDRESS_COUNT, p + "ip address associated with VRID " + cfg.vrid()
                        + " not present in MASTER advert: " + a.getHostAddress());
                return false;
            }
        }
        return true;
    }

    private void drop(DropReason r, String message) {
        stats.drop(r);
        logRateLimited(r, message);
    }

    /** keepalived's log_rate_limited_error(): each kind once until the next state change. */
    private void logRateLimited(DropReason r, String message) {
        if (loggedSinceTransition.add(r)) {
            log.info(message);
        }
    }
}
