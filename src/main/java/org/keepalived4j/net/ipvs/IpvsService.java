package org.keepalived4j.net.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.keepalived4j.net.LinuxConstants;

/**
 * An IPVS virtual service: protocol + address + port, or a firewall mark (then protocol,
 * address and port are normalised to 0, the family's any-address and 0). Immutable; the
 * {@code with*} methods return copies.
 *
 * @param family    AF_INET (2) or AF_INET6 (10)
 * @param protocol  IPPROTO_TCP (6), IPPROTO_UDP (17), IPPROTO_SCTP (132); 0 for a fwmark service
 * @param fwmark    firewall mark (unsigned 32 bits), 0 for an address service
 * @param scheduler scheduler name ("rr", "wlc", ...; at most 15 characters)
 * @param flags     IP_VS_SVC_F_* bits (persistent, one-packet, sh-fallback/sh-port, ...); a
 *                  service read from the kernel also has IP_VS_SVC_F_HASHED
 * @param timeout   persistence timeout in seconds (0: not persistent)
 * @param netmask   persistence granularity: for IPv4 the mask as a number (0xffffffff = /32,
 *                  0xffffff00 = /24), for IPv6 the prefix length (1..128)
 * @param peName    persistence engine ("sip"), "" for none
 */
public record IpvsService(int family, int protocol, InetAddress address, int port, long fwmark, String scheduler,
                          int flags, long timeout, long netmask, String peName) {

    public IpvsService {
        if (family != LinuxConstants.AF_INET && family != LinuxConstants.AF_INET6) {
            throw new IllegalArgumentException("IPVS service family " + family + ", expected AF_INET or AF_INET6");
        }
        if (fwmark != 0) {
            // the kernel identifies a fwmark service by family and mark only, and reports nothing else
            protocol = 0;
            address = any(family);
            port = 0;
        }
        if (address == null || familyOf(address) != family) {
            throw new IllegalArgumentException("IPVS service address " + address + " is not of family " + family);
        }
        check(port, 0xffff, "port");
        check(protocol, 0xffff, "protocol");
        check(fwmark, 0xffffffffL, "fwmark");
        check(timeout, 0xffffffffL, "timeout");
        check(netmask, family == LinuxConstants.AF_INET ? 0xffffffffL : 128, "netmask");
        name(scheduler, "scheduler");
        name(peName, "persistence engine");
    }

    private static void check(long v, long max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("IPVS service " + what + " " + v + " out of range 0.." + max);
        }
    }

    private static void name(String s, String what) {
        if (s == null || s.length() >= IpvsConstants.IP_VS_SCHEDNAME_MAXLEN || !s.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("IPVS " + what + " name '" + s + "': 0 to 15 printable ASCII characters");
        }
    }

    static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? LinuxConstants.AF_INET : LinuxConstants.AF_INET6;
    }

    static InetAddress any(int family) {
        try {
            return InetAddress.getByAddress(new byte[family == LinuxConstants.AF_INET6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default granularity keepalived sets (ipvs_set_srule()): /32 for IPv4, 128 for IPv6. */
    static long fullNetmask(int family) {
        return family == LinuxConstants.AF_INET6 ? 128 : 0xffffffffL;
    }

    /** An address service, not persistent, with keepalived's default netmask. */
    public static IpvsService of(int protocol, InetAddress address, int port, String scheduler) {
        int family = familyOf(address);
        return new IpvsService(family, protocol, address, port, 0, scheduler, 0, 0, fullNetmask(family), "");
    }

    public static IpvsService tcp(InetAddress address, int port, String scheduler) {
        return of(LinuxConstants.IPPROTO_TCP, address, port, scheduler);
    }

    /** A firewall-mark service of one family. */
    public static IpvsService fwmark(int family, long mark, String scheduler) {
        if (mark == 0) {
            throw new IllegalArgumentException("IPVS fwmark service with mark 0");
        }
        return new IpvsService(family, 0, any(family), 0, mark, scheduler, 0, 0, fullNetmask(family), "");
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    public boolean isIpv6() {
        return family == LinuxConstants.AF_INET6;
    }

    /** Same kernel identity: family and fwmark, or family, protocol, address and port. */
    public boolean sameIdentity(IpvsService o) {
        if (family != o.family || fwmark != o.fwmark) {
            return false;
        }
        return isFwmark() || (protocol == o.protocol && port == o.port && address.equals(o.address));
    }

    public IpvsService withScheduler(String s) {
        return new IpvsService(family, protocol, address, port, fwmark, s, flags, timeout, netmask, peName);
    }

    public IpvsService withFlags(int f) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, f, timeout, netmask, peName);
    }

    /** Persistent for {@code seconds} (sets IP_VS_SVC_F_PERSISTENT, as keepalived does). */
    public IpvsService withPersistence(long seconds) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler,
                flags | IpvsConstants.IP_VS_SVC_F_PERSISTENT, seconds, netmask, peName);
    }

    public IpvsService withNetmask(long mask) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, flags, timeout, mask, peName);
    }

    public IpvsService withPeName(String pe) {
        return new IpvsService(family, protocol, address, port, fwmark, scheduler, flags, timeout, netmask, pe);
    }

    /** keepalived's format_srule() text, e.g. {@code 198.51.100.10:tcp:80} or {@code Fwm 5}. */
    public String display() {
        return IpvsText.srule(this);
    }
}
