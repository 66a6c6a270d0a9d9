package org.keepalived4j.net.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

import org.keepalived4j.net.LinuxConstants;

/**
 * Text forms keepalived prints for IPVS rules: addresses as glibc's inet_ntop() writes them
 * (IPv6 with the longest run of zero groups compressed), and the rule strings of keepalived's
 * {@code format_srule()} / {@code format_drule()} in ipvswrapper.c
 * ({@code 198.51.100.10:tcp:80}, {@code Fwm 5 inet6}, {@code  -> 203.0.113.1:80}).
 */
public final class IpvsText {
    private IpvsText() {
    }

    /** An address as inet_ntop(3) prints it. */
    public static String ntop(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        return words(w, b, bestBase, bestLen);
    }

    private static String words(int[] w, byte[] b, int bestBase, int bestLen) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            // glibc: an IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d) address ends in a dotted quad
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                        .append(b[15] & 0xff);
                return s.toString();
            }
            s.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }

    /** "tcp", "udp", "sctp" or the number, as format_srule(). */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case LinuxConstants.IPPROTO_TCP -> "tcp";
            case LinuxConstants.IPPROTO_UDP -> "udp";
            case LinuxConstants.IPPROTO_SCTP -> "sctp";
            default -> Integer.toString(protocol);
        };
    }

    /** keepalived's format_srule(): {@code 198.51.100.10:tcp:80}, or {@code Fwm 5} (+ {@code " inet6"}). */
    public static String srule(IpvsService s) {
        if (s.isFwmark()) {
            return "Fwm " + s.fwmark() + (s.family() == LinuxConstants.AF_INET6 ? " inet6" : "");
        }
        return ntop(s.address()) + ":" + protocolName(s.protocol()) + ":" + s.port();
    }

    /** keepalived's format_drule(): {@code " -> 203.0.113.1:80"} (with the leading space). */
    public static String drule(IpvsDest d) {
        return " -> " + ntop(d.address()) + ":" + d.port();
    }
}
