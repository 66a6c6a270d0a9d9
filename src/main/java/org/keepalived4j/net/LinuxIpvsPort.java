package org.keepalived4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.ForwardingMethod;
import org.keepalived4j.lvs.Destination;
import org.keepalived4j.lvs.IpvsPort;
import org.keepalived4j.lvs.LvsOp;
import org.keepalived4j.lvs.Service;
import org.keepalived4j.lvs.ServiceKey;
import org.keepalived4j.lvs.Table;
import org.keepalived4j.net.ipvs.IpvsConstants;
import org.keepalived4j.net.ipvs.IpvsDest;
import org.keepalived4j.net.ipvs.IpvsDestEntry;
import org.keepalived4j.net.ipvs.IpvsException;
import org.keepalived4j.net.ipvs.IpvsForwarding;
import org.keepalived4j.net.ipvs.IpvsService;
import org.keepalived4j.net.ipvs.IpvsServiceEntry;
import org.keepalived4j.net.ipvs.LinuxIpvs;

/**
 * The LVS planner's view of the kernel's IPVS table ({@link IpvsPort}) over {@link LinuxIpvs}:
 * translates services and destinations both ways, keepalived's settings to IPVS flags
 * (persistence_timeout sets IP_VS_SVC_F_PERSISTENT, {@code ops} one-packet, sh-/mh-port and
 * -fallback the scheduler flags) and back, so a table read from the kernel compares equal to
 * the one we wrote.
 */
public final class LinuxIpvsPort implements IpvsPort, AutoCloseable {
    private final LinuxIpvs ipvs;

    public LinuxIpvsPort(LinuxIpvs ipvs) {
        this.ipvs = ipvs;
    }

    @Override
    public Table dump() throws IOException {
        Map<ServiceKey, Table.Entry> out = new LinkedHashMap<>();
        for (IpvsServiceEntry e : ipvs.services()) {
            Service s = fromIpvs(e.service());
            Map<String, Destination> dests = new LinkedHashMap<>();
            for (IpvsDestEntry d : ipvs.dests(e.service())) {
                Destination dest = fromIpvs(d.dest());
                dests.put(dest.key(), dest);
            }
            out.put(s.key(), new Table.Entry(s, dests));
        }
        return new Table(out);
    }

    /** The desired table as it will read back from the kernel (defaults made explicit). */
    public static Table canonical(Table t) {
        Map<ServiceKey, Table.Entry> out = new LinkedHashMap<>();
        t.services().forEach((k, e) -> {
            Service s = fromIpvs(toIpvs(e.service()));
            Map<String, Destination> dests = new LinkedHashMap<>();
            e.dests().values().forEach(d -> dests.put(d.key(), fromIpvs(toIpvs(d))));
            out.put(s.key(), new Table.Entry(s, dests));
        });
        return new Table(out);
    }

    /**
     * Apply one change with keepalived's ipvs_talk() tolerance: adding what already exists edits
     * it instead, deleting what is already gone is done.
     */
    @Override
    public void apply(LvsOp op) throws IOException {
        try {
            send(op);
        } catch (IpvsException e) {
            if (e.errno() == EEXIST && op instanceof LvsOp.AddService a) {
                ipvs.editService(toIpvs(a.service()));
            } else if (e.errno() == EEXIST && op instanceof LvsOp.AddDest a) {
                ipvs.editDest(identity(a.service()), toIpvs(a.dest()));
            } else if ((e.errno() == ENOENT || e.errno() == ESRCH)
                    && (op instanceof LvsOp.DeleteService || op instanceof LvsOp.DeleteDest)) {
                return;
            } else {
                throw e;
            }
        }
    }

    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EEXIST = 17;

    private void send(LvsOp op) throws IOException {
        if (op instanceof LvsOp.AddService a) {
            ipvs.addService(toIpvs(a.service()));
        } else if (op instanceof LvsOp.EditService e) {
            ipvs.editService(toIpvs(e.service()));
        } else if (op instanceof LvsOp.DeleteService d) {
            ipvs.deleteService(identity(d.key()));
        } else if (op instanceof LvsOp.AddDest a) {
            ipvs.addDest(identity(a.service()), toIpvs(a.dest()));
        } else if (op instanceof LvsOp.EditDest e) {
            ipvs.editDest(identity(e.service()), toIpvs(e.dest()));
        } else if (op instanceof LvsOp.DeleteDest d) {
            ipvs.deleteDest(identity(d.service()), toIpvs(d.dest()));
        }
    }

    private static int family(boolean ipv6) {
        return ipv6 ? LinuxConstants.AF_INET6 : LinuxConstants.AF_INET;
    }

    private static int protocol(String p) {
        return switch (p.toUpperCase(Locale.ROOT)) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "SCTP" -> 132;
            default -> 0;
        };
    }

    private static String protocolName(int p) {
        return switch (p) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 132 -> "SCTP";
            default -> "NONE";
        };
    }

    /** Enough of a service to name it in a command (the kernel matches on identity only). */
    static IpvsService identity(ServiceKey k) {
        return k.isFwmark() ? IpvsService.fwmark(family(k.ipv6()), k.fwmark(), "")
                : IpvsService.of(protocol(k.protocol()), k.address().get(), k.port(), "");
    }

    static IpvsService toIpvs(Service s) {
        ServiceKey k = s.key();
        int flags = s.persistenceTimeoutSeconds() > 0 ? IpvsConstants.IP_VS_SVC_F_PERSISTENT : 0;
        for (String f : s.flags()) {
            flags |= switch (f) {
                case "ops" -> IpvsConstants.IP_VS_SVC_F_ONEPACKET;
                case "sh-fallback", "mh-fallback" -> IpvsConstants.IP_VS_SVC_F_SCHED1;
                case "sh-port", "mh-port" -> IpvsConstants.IP_VS_SVC_F_SCHED2;
                default -> 0;
            };
        }
        long netmask = k.ipv6() ? 128 : 0xffffffffL;
        if (s.netmask().isPresent()) {
            netmask = k.ipv6() ? Long.parseLong(s.netmask().get().replace("/", ""))
                    : Integer.toUnsignedLong(ipv4(s.netmask().get()));
        }
        IpvsService base = k.isFwmark() ? IpvsService.fwmark(family(k.ipv6()), k.fwmark(), s.scheduler())
                : IpvsService.of(protocol(k.protocol()), k.address().get(), k.port(), s.scheduler());
        IpvsService svc = base.withFlags(flags).withNetmask(netmask).withPeName(s.persistenceEngine().orElse(""));
        return s.persistenceTimeoutSeconds() > 0 ? svc.withPersistence(s.persistenceTimeoutSeconds()) : svc;
    }

    private static int ipv4(String dotted) {
        try {
            byte[] b = InetAddress.getByName(dotted).getAddress();
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        } catch (IOException e) {
            return -1;
        }
    }

    static Service fromIpvs(IpvsService s) {
        ServiceKey key = s.isFwmark() ? ServiceKey.fwmark(s.fwmark(), s.isIpv6())
                : ServiceKey.of(protocolName(s.protocol()), s.address(), s.port());
        int f = s.flags() & ~IpvsConstants.IP_VS_SVC_F_HASHED & ~IpvsConstants.IP_VS_SVC_F_PERSISTENT;
        Set<String> flags = new HashSet<>();
        String prefix = s.scheduler().equals("mh") ? "mh-" : "sh-";
        if ((f & IpvsConstants.IP_VS_SVC_F_ONEPACKET) != 0) {
            flags.add("ops");
        }
        if ((f & IpvsConstants.IP_VS_SVC_F_SCHED1) != 0) {
            flags.add(prefix + "fallback");
        }
        if ((f & IpvsConstants.IP_VS_SVC_F_SCHED2) != 0) {
            flags.add(prefix + "port");
        }
        boolean full = s.isIpv6() ? s.netmask() == 128 : s.netmask() == 0xffffffffL;
        Optional<String> mask = full || s.timeout() == 0 ? Optional.empty()
                : Optional.of(s.isIpv6() ? Long.toString(s.netmask()) : dotted(s.netmask()));
        return new Service(key, s.scheduler(), s.timeout(), mask,
                s.peName().isEmpty() ? Optional.empty() : Optional.of(s.peName()), flags);
    }

    private static String dotted(long m) {
        return (m >> 24 & 0xff) + "." + (m >> 16 & 0xff) + "." + (m >> 8 & 0xff) + "." + (m & 0xff);
    }

    static IpvsDest toIpvs(Destination d) {
        return IpvsDest.of(d.address(), d.port(), IpvsForwarding.of(d.method()), d.weight())
                .withThresholds(d.upperThreshold(), d.lowerThreshold());
    }

    /** The kernel reports LOCAL for a real server on this host: keepalived's config can only have meant NAT/DR/TUN. */
    static Destination fromIpvs(IpvsDest d) {
        ForwardingMethod m = switch (d.forwarding()) {
            case ROUTE -> ForwardingMethod.DR;
            case TUNNEL -> ForwardingMethod.TUN;
            default -> ForwardingMethod.NAT;
        };
        return new Destination(d.address(), d.port(), m, d.weight(), d.upperThreshold(), d.lowerThreshold());
    }

    @Override
    public void close() {
        ipvs.close();
    }
}
