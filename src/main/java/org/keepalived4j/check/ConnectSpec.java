package org.keepalived4j.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.keepalived4j.config.model.CheckerCommon;
import org.keepalived4j.config.model.RealServerConfig;

/**
 * Where and how a TCP_CHECK / HTTP_GET / SSL_GET connects (keepalived's {@code conn_opts_t}).
 *
 * @param destination          connect_ip / connect_port, else the real server's address and port
 * @param bindTo               bindto with bind_port (0 = any), when bindto is set
 * @param bindIf               bind_if (SO_BINDTODEVICE)
 * @param fwmark               SO_MARK, 0 = none
 * @param connectTimeoutMicros connect_timeout in microseconds (also each read and write of HTTP)
 */
public record ConnectSpec(InetSocketAddress destination, Optional<InetSocketAddress> bindTo, Optional<String> bindIf,
                          long fwmark, long connectTimeoutMicros) {

    /**
     * The options of a checker block; only the checker's own block sets them (check_api.c:
     * {@code install_checker_common_keywords(true)}). The destination port is the real server's
     * port as completed by the config; keepalived copies the port as written, before a DR/TUN
     * virtual server resets it to its own (a difference only for such a real server written
     * with another port and no connect_port).
     */
    public static ConnectSpec of(RealServerConfig rs, CheckerCommon c, long connectTimeoutMicros) {
        InetAddress ip = c.connectIp().orElse(rs.address());
        int port = c.connectPort().orElse(rs.port());
        Optional<InetSocketAddress> bind = c.bindTo().map(a -> new InetSocketAddress(a, c.bindPort().orElse(0)));
        return new ConnectSpec(new InetSocketAddress(ip, port), bind, c.bindIf(), c.fwmark().orElse(0),
                connectTimeoutMicros);
    }
}
