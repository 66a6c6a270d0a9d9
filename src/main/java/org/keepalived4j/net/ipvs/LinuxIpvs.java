package org.keepalived4j.net.ipvs;

import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.net.Errno;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.Structs;
import org.keepalived4j.net.Syscalls;

/**
 * The kernel's IPVS table over generic netlink (family "IPVS"): one NETLINK_GENERIC socket,
 * one request at a time, each acknowledged (NLM_F_ACK) or ended by NLMSG_DONE (dumps).
 * A refused request throws {@link IpvsException} with keepalived's log line; this client does
 * not hide any error (keepalived's ipvs_talk() treats EEXIST on add and ENOENT on delete as
 * success, and retries a failed dest edit as an add: that policy belongs to its caller).
 * Requests are serialised; the answer to each waits at most 2 s.
 */
public final class LinuxIpvs implements AutoCloseable {
    private static final int RECV_TIMEOUT_MICROS = 2_000_000;
    private static final int MAX_READS = 100_000;

    private final int fd;
    private final int familyId;
    private final int familyVersion;
    private final byte[] buf = new byte[65536];
    private int seq = 2;   // 1 was CTRL_CMD_GETFAMILY

    private LinuxIpvs(int fd, int familyId, int familyVersion) {
        this.fd = fd;
        this.familyId = familyId;
        this.familyVersion = familyVersion;
    }

    /**
     * Opens the socket, resolves the "IPVS" family and asks for IPVS_CMD_GET_INFO, as
     * keepalived's ipvs_init() does. Any failure is an {@link IpvsException#isInit()} with
     * keepalived's text; without IPVS in the kernel: {@code IPVS: Can't initialize ipvs: Protocol not available}.
     */
    public static LinuxIpvs open() throws IpvsException {
        int fd;
        try {
            fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                    LinuxConstants.NETLINK_GENERIC);
        } catch (NativeException e) {
            throw IpvsException.init(e.errno(), Syscalls.strerror(e.errno()));
        }
        try {
            Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO,
                    Structs.timeval(RECV_TIMEOUT_MICROS), "SO_RCVTIMEO");
            Syscalls.bind(fd, Structs.sockaddrNl(0, 0));
            GenlCtrlCodec.GenlFamily family = resolve(fd);
            LinuxIpvs ipvs = new LinuxIpvs(fd, family.id(), family.version());
            ipvs.info();
            return ipvs;
        } catch (IpvsException e) {
            Syscalls.close(fd);
            throw e.isInit() ? e : IpvsException.init(e.errno(), Syscalls.strerror(e.errno()));
        } catch (NativeException e) {
            Syscalls.close(fd);
            throw IpvsException.init(e.errno(), Syscalls.strerror(e.errno()));
        } catch (IOException e) {
            // no answer in time, or an answer we cannot read: strerror() would not say which
            Syscalls.close(fd);
            throw IpvsException.init(Errno.EPROTO, e.getMessage());
        }
    }

    /**
     * CTRL_CMD_GETFAMILY "IPVS". Without the family keepalived falls back to the setsockopt
     * interface, whose probe (getsockopt IP_VS_SO_GET_INFO on a raw socket) gives the errno it
     * reports: ENOPROTOOPT when the kernel has no IPVS, EPERM when not root.
     */
    private static GenlCtrlCodec.GenlFamily resolve(int fd) throws IOException {
        int s = 1;
        byte[] req = GenlCtrlCodec.getFamily(s, IPVS_GENL_NAME);
        Syscalls.sendto(fd, req, req.length, Structs.sockaddrNl(0, 0));
        List<NlMessage> answer;
        try {
            answer = receive(fd, new byte[8192], new NlAnswer(s, false), "CTRL_CMD_GETFAMILY " + IPVS_GENL_NAME);
        } catch (NlAnswer.KernelError e) {
            int errno = e.errno() == Errno.ENOENT ? probeSockopt() : e.errno();
            throw IpvsException.init(errno, Syscalls.strerror(errno));
        }
        for (NlMessage m : answer) {
            if (m.type() == LinuxConstants.GENL_ID_CTRL) {
                return GenlCtrlCodec.parseFamily(m);
            }
        }
        throw new ProtocolException("CTRL_CMD_GETFAMILY " + IPVS_GENL_NAME + ": acknowledged without an answer");
    }

    /** The errno of keepalived's fallback probe; ENOPROTOOPT if it succeeds (we only speak netlink). */
    private static int probeSockopt() {
        int raw = -1;
        try {
            raw = Syscalls.socket(LinuxConstants.AF_INET, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                    LinuxConstants.IPPROTO_RAW);
            Syscalls.getsockopt(raw, LinuxConstants.IPPROTO_IP, IP_VS_SO_GET_INFO, new byte[12], "IP_VS_SO_GET_INFO");
            return Errno.ENOPROTOOPT;
        } catch (NativeException e) {
            return e.errno();
        } finally {
            if (raw >= 0) {
                Syscalls.close(raw);
            }
        }
    }

    /** The id the kernel gave the IPVS family (differs between boots). */
    public int familyId() {
        return familyId;
    }

    /** The family's version (CTRL_ATTR_VERSION; 1 on every kernel so far). */
    public int familyVersion() {
        return familyVersion;
    }

    public synchronized IpvsInfo info() throws IOException {
        int s = seq++;
        List<NlMessage> answer = talk(IpvsCodec.getInfo(familyId, s), s, false, IPVS_CMD_GET_INFO, null, null);
        for (NlMessage m : answer) {
            if (m.type() == familyId && m.genlCommand() == IPVS_CMD_SET_INFO) {
                return IpvsReplies.info(m);
            }
        }
        throw new ProtocolException("IPVS_CMD_GET_INFO: acknowledged without an answer");
    }

    /** Every service (IPVS_CMD_GET_SERVICE dump), in the kernel's order. */
    public synchronized List<IpvsServiceEntry> services() throws IOException {
        int s = seq++;
        List<IpvsServiceEntry> out = new ArrayList<>();
        for (NlMessage m : talk(IpvsCodec.dumpServices(familyId, s), s, true, IPVS_CMD_GET_SERVICE, null, null)) {
            if (m.type() == familyId) {
                out.add(IpvsReplies.service(m));
            }
        }
        return out;
    }

    /** The destinations of one service (IPVS_CMD_GET_DEST dump); none if the service does not exist. */
    public synchronized List<IpvsDestEntry> dests(IpvsService service) throws IOException {
        int s = seq++;
        List<IpvsDestEntry> out = new ArrayList<>();
        byte[] req = IpvsCodec.dumpDests(familyId, s, service);
        for (NlMessage m : talk(req, s, true, IPVS_CMD_GET_DEST, service, null)) {
            if (m.type() == familyId) {
                out.add(IpvsReplies.dest(m, service.family()));
            }
        }
        return out;
    }

    public void addService(IpvsService s) throws IOException {
        serviceCommand(IPVS_CMD_NEW_SERVICE, s);
    }

    /** Replaces scheduler, flags, timeout, netmask and persistence engine of an existing service. */
    public void editService(IpvsService s) throws IOException {
        serviceCommand(IPVS_CMD_SET_SERVICE, s);
    }

    /** Removes a service and its destinations (ESRCH "No such service" if there is none). */
    public void deleteService(IpvsService s) throws IOException {
        serviceCommand(IPVS_CMD_DEL_SERVICE, s);
    }

    public void addDest(IpvsService s, IpvsDest d) throws IOException {
        destCommand(IPVS_CMD_NEW_DEST, s, d);
    }

    /** Changes forwarding, weight and thresholds of an existing destination. */
    public void editDest(IpvsService s, IpvsDest d) throws IOException {
        destCommand(IPVS_CMD_SET_DEST, s, d);
    }

    public void deleteDest(IpvsService s, IpvsDest d) throws IOException {
        destCommand(IPVS_CMD_DEL_DEST, s, d);
    }

    /** Removes every service and destination. */
    public synchronized void flush() throws IOException {
        int s = seq++;
        talk(IpvsCodec.flush(familyId, s), s, false, IPVS_CMD_FLUSH, null, null);
    }

    private synchronized void serviceCommand(int cmd, IpvsService svc) throws IOException {
        int s = seq++;
        talk(IpvsCodec.service(familyId, s, cmd, svc), s, false, cmd, svc, null);
    }

    private synchronized void destCommand(int cmd, IpvsService svc, IpvsDest d) throws IOException {
        int s = seq++;
        talk(IpvsCodec.dest(familyId, s, cmd, svc, d), s, false, cmd, svc, d);
    }

    /** Send one request and collect its answer; a kernel error becomes the command's IpvsException. */
    private List<NlMessage> talk(byte[] req, int s, boolean dump, int cmd, IpvsService svc, IpvsDest d)
            throws IOException {
        Syscalls.sendto(fd, req, req.length, Structs.sockaddrNl(0, 0));
        try {
            return receive(fd, buf, new NlAnswer(s, dump), IpvsConstants.commandName(cmd));
        } catch (NlAnswer.KernelError e) {
            throw IpvsException.command(cmd, e.errno(), Syscalls.strerror(e.errno()), svc, d);
        }
    }

    /** Receive until {@code answer} is complete, at most 2 s per buffer. */
    private static List<NlMessage> receive(int fd, byte[] buf, NlAnswer answer, String what) throws IOException {
        for (int reads = 0; reads < MAX_READS; reads++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException(what + ": no answer from the kernel within 2 s");
            }
            if (answer.feed(buf, n)) {
                return answer.messages();
            }
        }
        throw new IOException(what + ": the answer did not end after " + MAX_READS + " reads");
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}
