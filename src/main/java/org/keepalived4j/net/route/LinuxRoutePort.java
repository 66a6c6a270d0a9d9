package org.keepalived4j.net.route;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.ToIntFunction;

import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.net.Errno;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.NativeException;
import org.keepalived4j.net.Structs;
import org.keepalived4j.net.Syscalls;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.RoutePort;

/**
 * Routes and rules through rtnetlink: one request with NLM_F_ACK at a time, the kernel's answer
 * awaited (2 s at most). As keepalived's netlink_talk() / netlink_parse_info(): EEXIST for a new
 * route is success; any other error is logged as keepalived logs it ({@code Netlink: error:
 * No such device(19), type=RTM_NEWROUTE(24), seq=7, pid=0}) and thrown, naming the route or rule.
 */
public final class LinuxRoutePort implements RoutePort, AutoCloseable {
    private final int fd;
    private final LogPort log;
    private int seq = 1;

    public LinuxRoutePort(LogPort log) throws NativeException {
        this.log = log;
        fd = Syscalls.socket(LinuxConstants.AF_NETLINK, LinuxConstants.SOCK_RAW | LinuxConstants.SOCK_CLOEXEC,
                LinuxConstants.NETLINK_ROUTE);
        Syscalls.setsockopt(fd, LinuxConstants.SOL_SOCKET, LinuxConstants.SO_RCVTIMEO, Structs.timeval(2_000_000),
                "SO_RCVTIMEO");
        Syscalls.bind(fd, Structs.sockaddrNl(0, 0));
    }

    @Override
    public synchronized void addRoute(RouteConfig route) throws IOException {
        route(route, RouteCodec.Op.ADD);
    }

    @Override
    public synchronized void replaceRoute(RouteConfig route) throws IOException {
        route(route, RouteCodec.Op.REPLACE);
    }

    @Override
    public synchronized void removeRoute(RouteConfig route) throws IOException {
        route(route, RouteCodec.Op.DELETE);
    }

    private void route(RouteConfig r, RouteCodec.Op op) throws IOException {
        String what = (op == RouteCodec.Op.DELETE ? "RTM_DELROUTE " : "RTM_NEWROUTE ") + r.display();
        int s = seq++;
        byte[] msg;
        try {
            msg = RouteCodec.encode(r, op, s, ifindexes(what));
        } catch (MissingInterface e) {
            throw (NativeException) e.getCause();
        }
        // clear_diff_routes() sets netlink_error_ignore = EINVAL around a replace: no Netlink line then
        int quiet = op == RouteCodec.Op.REPLACE ? Errno.EINVAL : 0;
        int errno = talk(msg, s, what, quiet);
        if (errno != 0 && !(op != RouteCodec.Op.DELETE && errno == Errno.EEXIST)) {
            throw new NativeException(what, errno, Syscalls.strerror(errno));
        }
    }

    /** Interface names to indexes; an interface that is gone is an ENODEV naming the route. */
    private static ToIntFunction<String> ifindexes(String what) {
        return name -> {
            try {
                return Syscalls.ifNameToIndex(name);
            } catch (NativeException e) {
                throw new MissingInterface(new NativeException(what, e.errno(), "interface " + name
                        + " does not exist"));
            }
        };
    }

    /** Carries a missing interface out of the codec's callback. */
    private static final class MissingInterface extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingInterface(NativeException cause) {
            super(cause);
        }
    }

    @Override
    public synchronized void addRule(RuleConfig rule) throws IOException {
        rule(rule, true, false);
    }

    @Override
    public synchronized void removeRule(RuleConfig rule, boolean leftover) throws IOException {
        rule(rule, false, leftover);
    }

    private void rule(RuleConfig r, boolean add, boolean leftover) throws IOException {
        String what = (add ? "RTM_NEWRULE " : "RTM_DELRULE ") + r.display();
        int s = seq++;
        int errno = talk(RuleCodec.encode(r, add, s), s, what, leftover ? Errno.ENOENT : 0);
        if (errno != 0 && !(leftover && errno == Errno.ENOENT)) {
            throw new NativeException(what, errno, Syscalls.strerror(errno));
        }
    }

    /**
     * Send one request and wait for its acknowledgement.
     *
     * @param quiet an errno keepalived expects here and does not log (0: none)
     * @return 0 or the errno the kernel answered
     */
    private int talk(byte[] msg, int s, String what, int quiet) throws IOException {
        Syscalls.sendto(fd, msg, msg.length, Structs.sockaddrNl(0, 0));
        byte[] buf = new byte[8192];
        for (int tries = 0; tries < 16; tries++) {
            int n = Syscalls.recvfrom(fd, buf, null);
            if (n < 0) {
                throw new IOException(what + ": no answer from the kernel within 2 s");
            }
            Ack ack = ack(buf, n, s);
            if (ack == null) {
                continue;
            }
            if (ack.errno() != 0 && ack.errno() != quiet
                    && !(ack.errno() == Errno.EEXIST && ack.type() == RouteConstants.RTM_NEWROUTE)) {
                log.info(netlinkError(ack));
            }
            return ack.errno();
        }
        throw new IOException(what + ": no acknowledgement for sequence " + s);
    }

    /** struct nlmsgerr: the errno and the header of the request it answers. */
    record Ack(int errno, int type, int seq, int pid) {
    }

    /** The NLMSG_ERROR answering {@code seq} in a received buffer, or null. */
    static Ack ack(byte[] buf, int len, int seq) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + 16 <= len) {
            int mlen = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            if (mlen < 16) {
                return null;
            }
            if (type == LinuxConstants.NLMSG_ERROR && b.getInt(off + 8) == seq && off + 36 <= len) {
                return new Ack(-b.getInt(off + 16), b.getShort(off + 24) & 0xffff, b.getInt(off + 28),
                        b.getInt(off + 32));
            }
            off += (mlen + 3) & ~3;
        }
        return null;
    }

    /** keepalived's netlink_parse_info() line for a refused request. */
    static String netlinkError(Ack a) {
        return "Netlink: error: " + Syscalls.strerror(a.errno()) + "(" + a.errno() + "), type=" + typeName(a.type())
                + "(" + a.type() + "), seq=" + Integer.toUnsignedString(a.seq()) + ", pid="
                + Integer.toUnsignedString(a.pid());
    }

    /** get_nl_msg_type(). */
    static String typeName(int type) {
        return switch (type) {
            case RouteConstants.RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RouteConstants.RTM_DELROUTE -> "RTM_DELROUTE";
            case RouteConstants.RTM_NEWRULE -> "RTM_NEWRULE";
            case RouteConstants.RTM_DELRULE -> "RTM_DELRULE";
            default -> "";
        };
    }

    @Override
    public void close() {
        Syscalls.close(fd);
    }
}
