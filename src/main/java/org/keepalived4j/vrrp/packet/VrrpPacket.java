package org.keepalived4j.vrrp.packet;

import java.net.InetAddress;
import java.util.List;

/**
 * A VRRP advertisement (RFC 3768 §5.1 for version 2, RFC 5798 §5.1 for version 3).
 *
 * @param version        2 or 3
 * @param vrid           virtual router id, 1..255
 * @param priority       0..255 (0: the master is stopping; 255: address owner)
 * @param authType       version 2 only: 0 none, 1 simple text password, 2 AH; 0 for version 3
 * @param advertInterval version 2: seconds (8 bits); version 3: centiseconds (12 bits)
 * @param addresses      the virtual addresses, all of the packet's family
 * @param authData       version 2 over IPv4: the 8-byte authentication field; empty otherwise
 */
public record VrrpPacket(int version, int vrid, int priority, int authType, int advertInterval,
                         List<InetAddress> addresses, byte[] authData) {

    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int IPPROTO_VRRP = 112;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    public static final int AUTH_AH = 2;

    public VrrpPacket {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version " + version);
        }
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** The advert interval in microseconds. */
    public long advertIntervalMicros() {
        return version == 2 ? advertInterval * 1_000_000L : advertInterval * 10_000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && p.version == version && p.vrid == vrid && p.priority == priority
                && p.authType == authType && p.advertInterval == advertInterval && p.addresses.equals(addresses)
                && java.util.Arrays.equals(p.authData, authData);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, vrid, priority, advertInterval, addresses);
    }

    @Override
    public String toString() {
        return "VRRPv" + version + " vrid " + vrid + " prio " + priority + " intvl " + advertInterval
                + (version == 2 ? "s" : "cs") + " addrs " + addresses.stream().map(InetAddress::getHostAddress).toList();
    }
}
