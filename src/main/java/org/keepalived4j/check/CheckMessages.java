package org.keepalived4j.check;

/**
 * Every operator-facing line of the checkers, word for word as keepalived 2.2.7 logs them
 * (check_tcp.c, check_http.c, check_ssl.c, check_misc.c, check_api.c, lib/notify.c).
 * {@code rs} is FMT_CHK / FMT_RS ({@code [ip]:tcp:port}), {@code vs} is FMT_VS.
 */
public final class CheckMessages {
    private CheckMessages() {
    }

    /** register_checkers_thread(). */
    public static String activating(String rs, String vs) {
        return "Activating healthchecker for service " + rs + " for VS " + vs;
    }

    /** register_checkers_thread() for an ha_suspend virtual server whose address is not on the host. */
    public static String deactivating(String rs, String vs) {
        return "Deactivating healthchecker for service " + rs + " for VS " + vs;
    }

    /** update_checker_activity() with -D, before the lines below (once per address change). */
    public static String netlinkReports(String address, boolean added) {
        return "Netlink reflector reports IP " + address + (added ? " added" : " removed");
    }

    /** update_checker_activity(): the address of an ha_suspend virtual server came or went. */
    public static String activity(boolean activate, String rs, String vs) {
        return (activate ? "Activat" : "Suspend") + "ing healthchecker for service " + rs + " for VS " + vs;
    }

    /** The final-failure line the checkers' epilogs share: "{@code X_CHECK on service RS failed[ after N retries].}" */
    private static String epilogFailed(String checker, String rs, long retries) {
        return retries > 0 ? checker + " on service " + rs + " failed after " + retries + " retries."
                : checker + " on service " + rs + " failed.";
    }

    private static String connectionSuccess(String protocol, String rs) {
        return protocol + " connection to " + rs + " success.";
    }

    // ---- TCP_CHECK: tcp_epilog(), tcp_check_thread(), tcp_connect_thread()

    public static String tcpSuccess(String rs) {
        return connectionSuccess("TCP", rs);
    }

    public static String tcpFailed(String rs, long retries) {
        return epilogFailed("TCP_CHECK", rs, retries);
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String tcpAttemptTimeout(String rs) {
        return "TCP connection to " + rs + " timeout.";
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String tcpAttemptFailed(String rs) {
        return "TCP connection to " + rs + " failed.";
    }

    public static final String TCP_BIND_FAILED = "TCP socket bind failed. Rescheduling.";

    // ---- HTTP_GET / SSL_GET: epilog(), timeout_epilog(), http_handle_response()

    public static String webSucceed(String rs) {
        return "Remote Web server " + rs + " succeed on service.";
    }

    /** keepalived says HTTP_CHECK for SSL_GET too. */
    public static String httpFailed(String rs, long retries) {
        return epilogFailed("HTTP_CHECK", rs, retries);
    }

    /** timeout_epilog() with log_all_failures: {@code "HTTP status code error to server [ip]:tcp:80."}. */
    public static String httpAttempt(String reason, String rs) {
        return reason + " server " + rs + ".";
    }

    /** While down, a URL passes: {@code what} is "HTTP status code" or "MD5 digest". No full stop. */
    public static String urlSuccess(String what, String rs, String path) {
        return what + " success to " + rs + " url(" + path + ")";
    }

    public static String lengthMismatch(String rs, String vs, String vhost, String path, long contentLength, long rx) {
        return "http_check for RS " + rs + " VS " + vs + " url " + vhost + path + ": content_length (" + contentLength
                + ") does not match received bytes (" + rx + ")";
    }

    public static final String WEB_BIND_FAILED = "WEB socket bind failed. Rescheduling";

    /** The reasons of timeout_epilog(), in the order a check meets them. */
    public static final String TIMEOUT_CONNECTING = "Timeout connecting";
    public static final String ERROR_CONNECTING = "Error connecting";
    public static final String CONNECTION_FAILED = "Connection failed";
    public static final String NETWORK_UNREACHABLE = "HTTP_CHECK - network unreachable";
    public static final String SSL_HANDSHAKE_ERROR = "SSL handshake/communication error connecting to";
    public static final String TIMEOUT_WEB_WRITE = "Timeout WEB write";
    public static final String CANNOT_SEND = "Cannot send get request to";
    public static final String TIMEOUT_WEB_READ = "Timeout WEB read";
    public static final String TIMEOUT_HTTP_READ = "Timeout HTTP read";
    public static final String TIMEOUT_SSL_READ = "Timeout SSL read";
    public static final String READ_ERROR = "Read error with";
    public static final String SSL_READ_ERROR = "SSL read error from";
    public static final String NO_DATA = "Read, no data received from";
    public static final String STATUS_CODE_ERROR = "HTTP status code error to";
    public static final String DIGEST_ERROR = "MD5 digest error to";

    // ---- MISC_CHECK: misc_check_child_thread(), system_call_script()

    /**
     * {@code Misc check for [[ip]:tcp:80 VS [vip]:tcp:80] by [/path] failed after 1 retry (exited
     * with status 1).}; {@code reason} null for "succeeded" and "timed out".
     */
    public static String misc(String rs, String vs, String script, String result, String retryText, String reason,
                              int code) {
        String head = "Misc check for [" + rs + " VS " + vs + "] by [" + script + "] " + result + retryText;
        return reason == null ? head + "." : head + " (" + reason + " " + code + ").";
    }

    /** The retry part of a MISC_CHECK failure line. */
    public static String miscRetryText(long retry, long retryIt) {
        if (retry == 0) {
            return " with retry disabled";
        }
        String noun = retry == 1 ? "retry" : "retries";
        if (retryIt == 1) {
            return ", will do " + retry + " " + noun;
        }
        if (retryIt > 1) {
            return " on retry " + (retryIt - 1) + "/" + retry;
        }
        return " after " + retry + " " + noun;
    }

    public static String execFailed(String command, String error) {
        return "Error exec-ing command '" + command + "', error " + error;
    }

    public static String childFailedToTerminate(long pid) {
        return "Child (PID " + pid + ") failed to terminate after kill";
    }

    // ---- FILE_CHECK: process_track_file(), process_update_checker_track_file_status()

    public static String trackFileInvalidNumber(long value, String path) {
        return "Invalid number " + value + " read from " + path + " - ignoring";
    }

    /** -D only. */
    public static String trackFileFault(String rs, String name, boolean entering) {
        return "(" + rs + "): tracked file " + name + (entering ? " now FAULT state" : " leaving FAULT state");
    }

    // ---- SMTP_CHECK: smtp_final(), smtp_connect_thread(), smtp_check_end_handler()

    /** {@code server} is FMT_SMTP_RS: {@code [ip]:port} of the connection. */
    public static String smtpFailure(SmtpOutcome o, String server, String rsAddress, String rsPair) {
        String m = switch (o) {
            case NETWORK_UNREACHABLE -> "Network unreachable for server " + rsAddress + " - real server " + rsPair;
            case CONNECT_TIMEOUT -> "Connection timeout to server " + server;
            case CONNECT_FAILED -> "Could not connect to server " + server;
            case READ_TIMEOUT -> "Read timeout from server " + server;
            case READ_FAILURE -> "Read failure from server " + server;
            case WRITE_TIMEOUT -> "Write timeout to server " + server;
            case WRITE_FAILURE -> "Write failure to server " + server;
            case BAD_BANNER -> "Bad greeting banner from server " + server;
            case BAD_HELO -> "Bad HELO response from server " + server;
            default -> throw new IllegalArgumentException(o.name());
        };
        return "SMTP_CHECK " + m;
    }

    public static String smtpSucceed(String rs) {
        return "Remote SMTP server " + rs + " succeed on service.";
    }

    public static final String SMTP_BIND_FAILED = "SMTP_CHECK socket bind failed. Rescheduling.";

    public static final String SMTP_HOST_DEPRECATED =
            "The SMTP_CHECK host block is deprecated. Please define additional checkers.";

    /** inet_sockaddrtopair(): {@code [198.51.100.2]:25}. */
    public static String pair(java.net.InetSocketAddress a) {
        return "[" + AddressText.ntop(a.getAddress()) + "]:" + a.getPort();
    }

    // ---- DNS_CHECK: dns_final(), dns_log_message(), dns_connect_thread()

    /** {@code DNS_CHECK ([ip]:udp:53) reason}. */
    public static String dns(String rs, String reason) {
        return "DNS_CHECK (" + rs + ") " + reason;
    }

    /** The reason dns_final() is given; {@code destination} is inet_sockaddrtopair() of the connection. */
    public static String dnsReason(DnsOutcome o, String destination) {
        if (o instanceof DnsOutcome.Rcode r) {
            return "read error occurred. (rcode = " + r.rcode() + ")";
        }
        if (o instanceof DnsOutcome.ReadError e) {
            return "failed to read socket; errno " + e.errno() + " (" + e.error() + ")";
        }
        if (o instanceof DnsOutcome.ReadTimeout) {
            return "read timeout from socket";
        }
        if (o instanceof DnsOutcome.WriteFailed) {
            return "failed to write socket.";
        }
        if (o instanceof DnsOutcome.NetworkUnreachable) {
            return "network unreachable for " + destination;
        }
        throw new IllegalArgumentException(o.toString());
    }

    public static final String DNS_BIND_FAILED = "UDP socket bind failed. Rescheduling.";

    // ---- UDP_CHECK: udp_epilog(), udp_check_thread()

    public static String udpSuccess(String rs) {
        return connectionSuccess("UDP", rs);
    }

    public static String udpFailed(String rs, long retries) {
        return epilogFailed("UDP_CHECK", rs, retries);
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String udpAttemptFailed(String rs) {
        return "UDP connection to " + rs + " failed.";
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String udpMismatch(String rs) {
        return "UDP check to " + rs + " reply data mismatch.";
    }

    // ---- PING_CHECK: icmp_epilog(), icmp_check_thread(), icmp_connect_thread()

    public static String pingSuccess(String rs) {
        return "ICMP connection to " + rs + " success.";
    }

    public static String pingFailed(String rs, String vs, long retries) {
        return retries > 0 ? "ICMP CHECK on service " + rs + " of " + vs + " failed after " + retries + " retries."
                : "ICMP CHECK on service " + rs + " failed.";
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String pingTimeout(String rs) {
        return "ICMP connection to address " + rs + " timeout.";
    }

    /** Only with log_all_failures, while the checker is up. */
    public static String pingAttemptFailed(String rs, String vs) {
        return "ICMP connection to " + rs + " of " + vs + " failed.";
    }

    public static String pingNoSocket(boolean ipv6) {
        return "ICMP" + (ipv6 ? "v6" : "") + " connect fail to create socket. Rescheduling.";
    }

    /** set_ping_group_range(). */
    public static String pingGroupRangeExpanded(long min, long max) {
        return "Warning: /proc/sys/net/ipv4/ping_group_range being expanded from " + min + " " + max + " to 0 " + max;
    }
}
