package org.keepalived4j.net.ipvs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keepalived4j.net.LinuxConstants;

/**
 * Drives {@link LinuxIpvs} against a kernel that has IPVS (the test VM: run as root in a
 * throw-away guest, it flushes the whole IPVS table): add a service and two real servers, dump
 * them, change a weight, edit the service, provoke keepalived's error lines, add an IPv6 and a
 * fwmark service, delete, flush; each step is checked through our dump and, when installed,
 * {@code ipvsadm -Ln}. Prints one line per step and "LinuxIpvsScenario: OK"; exits 1 on the
 * first mismatch. Addresses: 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32 only.
 */
public final class LinuxIpvsScenario {
    private final LinuxIpvs ipvs;

    private LinuxIpvsScenario(LinuxIpvs ipvs) {
        this.ipvs = ipvs;
    }

    public static void main(String[] args) throws Exception {
        try (LinuxIpvs ipvs = LinuxIpvs.open()) {
            new LinuxIpvsScenario(ipvs).run();
            System.out.println("LinuxIpvsScenario: OK");
        } catch (IpvsException | AssertionError e) {
            System.out.println("LinuxIpvsScenario: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
        System.out.println("ok  " + what);
    }

    private void run() throws Exception {
        IpvsInfo info = ipvs.info();
        System.out.println("IPVS family id " + ipvs.familyId() + " version " + ipvs.familyVersion() + ", IPVS "
                + info.versionString() + " (size=" + info.connTableSize() + ")");
        ipvs.flush();
        check(ipvs.services().isEmpty(), "flush leaves no service");

        IpvsService vs = IpvsService.tcp(ip("198.51.100.10"), 80, "wlc");
        IpvsDest rs1 = IpvsDest.of(ip("203.0.113.1"), 80, IpvsForwarding.MASQ, 1);
        IpvsDest rs2 = IpvsDest.of(ip("203.0.113.2"), 80, IpvsForwarding.MASQ, 2);
        ipvs.addService(vs);
        ipvs.addDest(vs, rs1);
        ipvs.addDest(vs, rs2);
        List<IpvsServiceEntry> svcs = ipvs.services();
        check(svcs.size() == 1 && svcs.get(0).service().equals(vs.withFlags(IpvsConstants.IP_VS_SVC_F_HASHED)),
                "dump shows the service as added (+ HASHED): " + svcs);
        check(svcs.get(0).stats().isPresent(), "the kernel sends the service's counters");
        check(dests(vs).equals(Set.of(rs1, rs2)), "dump shows both real servers");
        ipvsadm("TCP 198.51.100.10:80 wlc", "-> 203.0.113.1:80 Masq 1 0 0", "-> 203.0.113.2:80 Masq 2 0 0");

        ipvs.editDest(vs, rs1.withWeight(5));
        check(dests(vs).equals(Set.of(rs1.withWeight(5), rs2)), "editDest changes the weight to 5");
        ipvsadm("-> 203.0.113.1:80 Masq 5 0 0");

        IpvsService edited = vs.withScheduler("rr").withPersistence(300);
        ipvs.editService(edited);
        check(ipvs.services().get(0).service().equals(edited.withFlags(edited.flags() | IpvsConstants.IP_VS_SVC_F_HASHED)),
                "editService changes scheduler and persistence");
        ipvsadm("TCP 198.51.100.10:80 rr persistent 300");

        errors(edited, rs1);
        others();

        ipvs.deleteDest(edited, rs2);
        check(dests(edited).equals(Set.of(rs1.withWeight(5))), "deleteDest removes one real server");
        ipvs.deleteService(edited);
        check(ipvs.services().size() == 2, "deleteService removes the service");
        check(ipvs.dests(edited).isEmpty(), "the dests of a deleted service: none");
        ipvs.flush();
        check(ipvs.services().isEmpty(), "flush removes the rest");
        ipvsadm();
    }

    private void errors(IpvsService vs, IpvsDest rs1) throws Exception {
        expect(() -> ipvs.addService(vs), "IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17)"
                + " (198.51.100.10:tcp:80)");
        expect(() -> ipvs.addDest(vs, rs1), "IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Destination already exists(17)"
                + " (198.51.100.10:tcp:80 -> 203.0.113.1:80)");
        IpvsDest missing = IpvsDest.of(ip("203.0.113.9"), 80, IpvsForwarding.MASQ, 1);
        expect(() -> ipvs.deleteDest(vs, missing), "IPVS cmd IP_VS_SO_SET_DELDEST(1160) error: No such destination(2)"
                + " (198.51.100.10:tcp:80 -> 203.0.113.9:80)");
        expect(() -> ipvs.editDest(vs, missing), "IPVS cmd IP_VS_SO_SET_EDITDEST(1161) error: No such destination(2)"
                + " (198.51.100.10:tcp:80 -> 203.0.113.9:80)");
        IpvsService other = IpvsService.tcp(ip("198.51.100.11"), 80, "nosuch");
        expect(() -> ipvs.addService(other), "IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine"
                + " not found(2) (198.51.100.11:tcp:80)");
        expect(() -> ipvs.deleteService(other), "IPVS cmd IP_VS_SO_SET_DEL(1156) error: No such service(3)"
                + " (198.51.100.11:tcp:80)");
    }

    private void others() throws Exception {
        IpvsService v6 = IpvsService.tcp(ip("2001:db8::10"), 443, "sh")
                .withFlags(IpvsConstants.IP_VS_SVC_F_SCHED_SH_PORT);
        IpvsDest rs6 = IpvsDest.of(ip("2001:db8::1"), 443, IpvsForwarding.ROUTE, 3).withThresholds(100, 10);
        ipvs.addService(v6);
        ipvs.addDest(v6, rs6);
        check(dests(v6).equals(Set.of(rs6)), "IPv6 service with a DR real server and thresholds");
        IpvsService fwm = IpvsService.fwmark(LinuxConstants.AF_INET, 7, "lc").withPersistence(60)
                .withNetmask(0xffffff00L);
        IpvsDest tun = IpvsDest.of(ip("203.0.113.3"), 0, IpvsForwarding.TUNNEL, 1);
        ipvs.addService(fwm);
        ipvs.addDest(fwm, tun);
        check(dests(fwm).equals(Set.of(tun)), "fwmark service with an IPIP real server");
        Set<IpvsService> all = ipvs.services().stream().map(IpvsServiceEntry::service).collect(Collectors.toSet());
        check(all.stream().anyMatch(s -> s.sameIdentity(fwm) && s.netmask() == 0xffffff00L && s.timeout() == 60),
                "fwmark service dumped with its /24 granularity and timeout: " + all);
        ipvsadm("TCP [2001:db8::10]:443 sh (sh-port)", "-> [2001:db8::1]:443 Route 3 0 0",
                "FWM 7 lc persistent 60 mask 255.255.255.0", "-> 203.0.113.3:0 Tunnel 1 0 0");
    }

    private Set<IpvsDest> dests(IpvsService s) throws IOException {
        return ipvs.dests(s).stream().map(IpvsDestEntry::dest).collect(Collectors.toSet());
    }

    interface Call {
        void run() throws IOException;
    }

    private static void expect(Call c, String message) {
        try {
            c.run();
        } catch (IpvsException e) {
            check(e.getMessage().equals(message), "error line: " + e.getMessage());
            return;
        } catch (IOException e) {
            throw new AssertionError("expected '" + message + "', got " + e);
        }
        throw new AssertionError("expected '" + message + "', the kernel accepted the request");
    }

    /** {@code ipvsadm -Ln} holds these lines (whitespace collapsed), and no service when none is given. */
    private static void ipvsadm(String... lines) throws Exception {
        Path bin = Path.of("/usr/sbin/ipvsadm");
        if (!Files.isExecutable(bin)) {
            System.out.println("--  ipvsadm not installed: not compared");
            return;
        }
        Process p = new ProcessBuilder(bin.toString(), "-Ln").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> got = out.lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        if (lines.length == 0) {
            check(got.size() == 3, "ipvsadm -Ln lists no service: " + got);
        }
        for (String l : lines) {
            check(got.contains(l), "ipvsadm -Ln: " + l + (got.contains(l) ? "" : " in " + got));
        }
    }
}
