package org.keepalived4j.vrrp.packet;

import java.net.Inet6Address;

/**
 * An unsolicited Neighbour Advertisement (RFC 4861 §4.4, §7.2.6) as keepalived sends it for an
 * IPv6 VIP (vrrp_ndisc.c): ICMPv6 type 136, Override flag (Router flag when forwarding), the
 * VIP as target, and a target link-layer address option. The checksum is left to the kernel.
 */
public final class NdiscCodec {
    public static final int LENGTH = 32;
    private static final int FLAG_ROUTER = 0x80;
    private static final int FLAG_OVERRIDE = 0x20;

    private NdiscCodec() {
    }

    public static byte[] unsolicitedNa(Inet6Address target, byte[] mac, boolean router) {
        byte[] b = new byte[LENGTH];
        b[0] = (byte) 136;                                  // type: neighbour advertisement
        b[1] = 0;                                           // code
        // b[2..3] checksum: computed by the kernel for ICMPv6 raw sockets
        b[4] = (byte) (FLAG_OVERRIDE | (router ? FLAG_ROUTER : 0));
        System.arraycopy(target.getAddress(), 0, b, 8, 16); // target address
        b[24] = 2;                                          // option: target link-layer address
        b[25] = 1;                                          // length in units of 8 bytes
        System.arraycopy(mac, 0, b, 26, 6);
        return b;
    }
}
