package org.keepalived4j.check;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * Addresses as keepalived prints them: {@code inet_ntop()} text (IPv6 with the longest run of
 * two or more zero groups compressed, as glibc does) and the {@code [ip]:proto:port} trio of
 * {@code inet_sockaddrtotrio()} (lib/utils.c) that FMT_RS / FMT_CHK use.
 */
public final class AddressText {
    private AddressText() {
    }

    /** glibc inet_ntop(): {@code 2001:db8::1}, {@code ::ffff:198.51.100.1}, {@code 198.51.100.1}. */
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
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // glibc: an IPv4-compatible or IPv4-mapped address ends with dotted quad
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                        .append(b[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** {@code [ip]:tcp:80}; the protocol is the virtual server's (none for a fwmark service). */
    public static String trio(InetAddress a, String protocol, int port) {
        return "[" + ntop(a) + "]:" + protocol.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** FMT_VS (format_vs() in check_data.c): {@code [ip]:tcp:80}, {@code FWM 5} or {@code [group]:80}. */
    public static String vs(VirtualServerConfig vs) {
        if (vs.group().isPresent()) {
            return "[" + vs.group().get() + "]:" + vs.port();
        }
        if (vs.fwmark().isPresent()) {
            return "FWM " + vs.fwmark().getAsLong();
        }
        return trio(vs.address().get(), vs.protocol(), vs.port());
    }
}
