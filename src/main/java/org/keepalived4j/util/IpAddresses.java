package org.keepalived4j.util;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Literal IP address parsing that never touches DNS (inet_pton semantics: IPv4 dotted quad,
 * IPv6 text form). JDK only.
 */
public final class IpAddresses {

    /** An address with a prefix length ({@code 198.51.100.0/24}). */
    public record Prefix(InetAddress address, int length, boolean lengthGiven) {
        public String display() {
            return address.getHostAddress() + "/" + length;
        }
    }

    private IpAddresses() {
    }

    /** Parse a literal address; empty for anything else (host names included). */
    public static Optional<InetAddress> parse(String s) {
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s);
        }
        return parseV4(s);
    }

    private static Optional<InetAddress> parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return Optional.empty();
            }
            int v = 0;
            for (char c : p.toCharArray()) {
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return Optional.empty();
            }
            b[i] = (byte) v;
        }
        try {
            return Optional.of(InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> parseV6(String s) {
        for (char c : s.toCharArray()) {
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) {
                return Optional.empty();
            }
        }
        if (s.contains(":::") || s.indexOf("::") != s.lastIndexOf("::")) {
            return Optional.empty();
        }
        try {
            // A literal containing ':' is parsed without any name lookup.
            InetAddress a = InetAddress.getByName(s);
            if (a instanceof Inet6Address) {
                return Optional.of(a);
            }
            // Java maps IPv4-mapped IPv6 text to Inet4Address; keep it as IPv6 bytes.
            byte[] v4 = a.getAddress();
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(v4, 0, v6, 12, 4);
            return Optional.of(Inet6Address.getByAddress(null, v6, -1));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code ADDR} or {@code ADDR/LEN}; the default length is the full address length.
     * Empty when the address or length is invalid.
     */
    public static Optional<Prefix> parsePrefix(String s) {
        int slash = s.indexOf('/');
        Optional<InetAddress> a = parse(slash < 0 ? s : s.substring(0, slash));
        if (a.isEmpty()) {
            return Optional.empty();
        }
        int max = a.get() instanceof Inet4Address ? 32 : 128;
        if (slash < 0) {
            return Optional.of(new Prefix(a.get(), max, false));
        }
        String len = s.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int l = Integer.parseInt(len);
        return l > max ? Optional.empty() : Optional.of(new Prefix(a.get(), l, true));
    }

    public static boolean isIpv6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
