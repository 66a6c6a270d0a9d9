package org.keepalived4j.config.model;

import java.util.Optional;

/**
 * {@code use_vmac [NAME] [MAC]} and {@code vmac_xmit_base} of a vrrp_instance (keepalived's
 * vrrp_vmac_handler(), vrrp_vmac_xmit_base_handler(); the interface is made by
 * netlink_link_add_vmac() in vrrp_vmac.c): a private-mode macvlan on the instance's interface
 * that carries the VIPs with the VRRP virtual MAC.
 *
 * @param ifname   the configured interface name; empty means keepalived's default,
 *                 {@code vrrp.VRID} (then {@code vrrp1.VRID}, ... or for IPv6 {@code vrrp6.VRID}, ...)
 * @param mac      a configured MAC ({@code use_vmac 02:11:22:33:44:55}), canonical lower-case
 *                 {@code xx:xx:xx:xx:xx:xx} with the VRID already filled in when only five octets were
 *                 given; empty means the RFC 5798 MAC {@code 00:00:5e:00:01:VRID} (IPv4) or
 *                 {@code 00:00:5e:00:02:VRID} (IPv6)
 * @param xmitBase adverts are sent (and received) on the base interface instead of the VMAC
 */
public record VmacConfig(Optional<String> ifname, Optional<String> mac, boolean xmitBase) {

    /** The MAC the VMAC interface gets (6 bytes). */
    public byte[] macFor(int vrid, boolean ipv6) {
        if (mac.isPresent()) {
            String[] p = mac.get().split(":");
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) Integer.parseInt(p[i], 16);
            }
            return b;
        }
        return rfc5798Mac(vrid, ipv6);
    }

    /** RFC 5798 §7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    public static byte[] rfc5798Mac(int vrid, boolean ipv6) {
        return new byte[] {0x00, 0x00, 0x5e, 0x00, (byte) (ipv6 ? 0x02 : 0x01), (byte) vrid};
    }

    /** {@code 00:00:5e:00:01:33} */
    public static String format(byte[] mac) {
        StringBuilder s = new StringBuilder();
        for (byte x : mac) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
