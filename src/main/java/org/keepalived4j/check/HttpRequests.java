package org.keepalived4j.check;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The GET request of http_request_thread() (check_http.c), byte for byte. */
public final class HttpRequests {
    private HttpRequests() {
    }

    /**
     * {@code GET path HTTP/1.x\r\nUser-Agent: KeepAliveClient\r\n[Connection: close\r\n]Host: h\r\n\r\n}.
     *
     * @param protocol "1.0", "1.0C" or "1.1" (http_protocol); 1.0C and 1.1 add Connection: close
     * @param vhost    the url's, else the checker's, else the virtual server's virtualhost; when
     *                 absent the Host is the connect address and port ({@code [v6]:port})
     */
    public static String get(String path, String protocol, Optional<String> vhost, InetSocketAddress dst) {
        String host;
        if (vhost.isPresent()) {
            host = vhost.get();
        } else {
            String ip = AddressText.ntop(dst.getAddress());
            host = (dst.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + dst.getPort();
        }
        return "GET " + path + " HTTP/1." + (protocol.equals("1.1") ? 1 : 0) + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (protocol.equals("1.0") ? "" : "Connection: close\r\n")
                + "Host: " + host + "\r\n\r\n";
    }
}
