package org.keepalived4j.net.ipvs;

import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.io.IOException;

import org.keepalived4j.net.Errno;

/**
 * The kernel refused an IPVS request, or IPVS cannot be used at all. The message is keepalived's
 * log line for it, so it can be logged as is:
 * <ul>
 * <li>start-up (ipvswrapper.c ipvs_start()): {@code IPVS: Can't initialize ipvs: Protocol not available};</li>
 * <li>a change (ipvs_talk()): {@code IPVS cmd IP_VS_SO_SET_ADD(1154) error: Service already exists(17) (198.51.100.10:tcp:80)},
 *     naming the setsockopt command keepalived's code uses for the generic netlink command;</li>
 * <li>a query: {@code IPVS cmd IPVS_CMD_GET_SERVICE error: Permission denied (you must be root)(1)}.</li>
 * </ul>
 * The reason is keepalived's {@code ipvs_strerror()} text, else the C library's strerror().
 */
public final class IpvsException extends IOException {
    private static final long serialVersionUID = 1L;
    /** {@link #command()} of a start-up failure. */
    public static final int INIT = 0;

    private final int command;
    private final int errno;
    private final String reason;

    private IpvsException(String message, int command, int errno, String reason) {
        super(message);
        this.command = command;
        this.errno = errno;
        this.reason = reason;
    }

    /** IPVS cannot be initialised (no IPVS in the kernel, not root, ...). */
    public static IpvsException init(int errno, String libcText) {
        String reason = reason(INIT, errno, libcText);
        return new IpvsException("IPVS: Can't initialize ipvs: " + reason, INIT, errno, reason);
    }

    /**
     * The kernel refused {@code cmd} (IPVS_CMD_*).
     *
     * @param service the service of the request (null for FLUSH, GET_SERVICE, GET_INFO)
     * @param dest    the destination of the request (null unless a destination command)
     */
    public static IpvsException command(int cmd, int errno, String libcText, IpvsService service, IpvsDest dest) {
        String reason = reason(cmd, errno, libcText);
        String rule = "";
        if (service != null && cmd != IPVS_CMD_FLUSH) {
            rule = " (" + IpvsText.srule(service) + (dest != null ? IpvsText.drule(dest) : "") + ")";
        }
        int so = sockopt(cmd);
        String name = so != 0 ? sockoptName(so) + "(" + so + ")" : IpvsConstants.commandName(cmd);
        return new IpvsException("IPVS cmd " + name + " error: " + reason + "(" + errno + ")" + rule, cmd, errno, reason);
    }

    /** keepalived's ipvs_strerror() (libipvs.c): per-command texts first, then general ones, then libc's. */
    public static String reason(int cmd, int errno, String libcText) {
        String specific = switch (cmd) {
            case IPVS_CMD_NEW_SERVICE -> errno == Errno.EEXIST ? "Service already exists"
                    : errno == Errno.ENOENT ? "Scheduler or persistence engine not found" : null;
            case IPVS_CMD_SET_SERVICE -> errno == Errno.ENOENT ? "Scheduler or persistence engine not found" : null;
            case IPVS_CMD_NEW_DEST -> errno == Errno.EEXIST ? "Destination already exists" : null;
            case IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST -> errno == Errno.ENOENT ? "No such destination" : null;
            default -> null;
        };
        if (specific != null) {
            return specific;
        }
        return switch (errno) {
            case Errno.ESRCH -> "No such service";
            case Errno.EPERM -> "Permission denied (you must be root)";
            case Errno.EINVAL -> "Invalid operation.  Possibly wrong module version, address not unicast, ...";
            case Errno.ENOPROTOOPT -> "Protocol not available";
            case Errno.ENOMEM -> "Memory allocation problem";
            case Errno.EOPNOTSUPP -> "Operation not supported with IPv6";
            case Errno.EAFNOSUPPORT -> "Operation not supported with specified address family";
            case Errno.EMSGSIZE -> "Module is wrong version";
            default -> libcText;
        };
    }

    /** The setsockopt command keepalived's ipvs_talk() names for an IPVS_CMD_* (0: none). */
    static int sockopt(int cmd) {
        return switch (cmd) {
            case IPVS_CMD_NEW_SERVICE -> IP_VS_SO_SET_ADD;
            case IPVS_CMD_SET_SERVICE -> IP_VS_SO_SET_EDIT;
            case IPVS_CMD_DEL_SERVICE -> IP_VS_SO_SET_DEL;
            case IPVS_CMD_FLUSH -> IP_VS_SO_SET_FLUSH;
            case IPVS_CMD_NEW_DEST -> IP_VS_SO_SET_ADDDEST;
            case IPVS_CMD_DEL_DEST -> IP_VS_SO_SET_DELDEST;
            case IPVS_CMD_SET_DEST -> IP_VS_SO_SET_EDITDEST;
            default -> 0;
        };
    }

    static String sockoptName(int so) {
        return switch (so) {
            case IP_VS_SO_SET_ADD -> "IP_VS_SO_SET_ADD";
            case IP_VS_SO_SET_EDIT -> "IP_VS_SO_SET_EDIT";
            case IP_VS_SO_SET_DEL -> "IP_VS_SO_SET_DEL";
            case IP_VS_SO_SET_FLUSH -> "IP_VS_SO_SET_FLUSH";
            case IP_VS_SO_SET_ADDDEST -> "IP_VS_SO_SET_ADDDEST";
            case IP_VS_SO_SET_DELDEST -> "IP_VS_SO_SET_DELDEST";
            case IP_VS_SO_SET_EDITDEST -> "IP_VS_SO_SET_EDITDEST";
            default -> "(unknown)";
        };
    }

    /** The IPVS_CMD_* that failed, or {@link #INIT}. */
    public int command() {
        return command;
    }

    /** The header's name of {@link #command()} ("IPVS_CMD_NEW_SERVICE"), or "init". */
    public String commandName() {
        return command == INIT ? "init" : IpvsConstants.commandName(command);
    }

    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. EEXIST. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** keepalived's ipvs_strerror() text, e.g. "Service already exists". */
    public String reason() {
        return reason;
    }

    /** Start-up failure rather than a refused request. */
    public boolean isInit() {
        return command == INIT;
    }
}
