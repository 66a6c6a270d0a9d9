package org.keepalived4j.check;

import java.util.List;
import java.util.function.Consumer;

import org.keepalived4j.config.model.Script;
import org.keepalived4j.util.ScriptOutcome;

/**
 * The I/O of the checkers (a port: {@code check.io.NettyCheckIo}, or a fake in tests). Every
 * operation is asynchronous and bounded by its own timeouts; {@code done} is called exactly once
 * on the checker thread (possibly before the method returns), never after {@code cancel()}.
 */
public interface CheckIo {

    /** TCP_CHECK: connect within the connect timeout, then close. */
    Cancellable tcp(ConnectSpec connect, Consumer<TcpOutcome> done);

    /**
     * HTTP_GET / SSL_GET: connect, send {@code request}, read to EOF with {@link HttpResponseReader};
     * connect_timeout bounds the connect (and TLS handshake), the write and each read.
     *
     * @param digest compute the MD5 of the body
     */
    Cancellable http(ConnectSpec connect, boolean ssl, String request, boolean digest, Consumer<HttpOutcome> done);

    /**
     * MISC_CHECK: run {@code script} (no shell) in its own process group, as its user (or the
     * default script user); after {@code timeoutMicros} SIGTERM the group, 2 s later SIGKILL it.
     */
    Cancellable misc(Script script, long timeoutMicros, Consumer<ScriptOutcome> done);

    /**
     * SMTP_CHECK: connect, read the greeting, {@code HELO heloName}, read, {@code QUIT}, read;
     * connect_timeout bounds the connect and each read and write. A reply line is checked with
     * {@link SmtpOutcome#status}.
     */
    Cancellable smtp(ConnectSpec connect, String heloName, Consumer<SmtpOutcome> done);

    /**
     * DNS_CHECK: send {@code query} (its first two bytes are the id; the I/O may replace them
     * with a random one) on a connected UDP socket and wait up to connect_timeout for a
     * response {@link DnsQuery#classify} does not ignore.
     */
    Cancellable dns(ConnectSpec connect, byte[] query, Consumer<DnsOutcome> done);

    /**
     * UDP_CHECK: send {@code payload} on a connected UDP socket that receives ICMP errors, and
     * wait up to connect_timeout for a reply (the first {@code replyLimit} octets are kept), an
     * error, or silence.
     */
    Cancellable udp(ConnectSpec connect, byte[] payload, int replyLimit, Consumer<UdpOutcome> done);

    /**
     * PING_CHECK: an echo request ({@link IcmpEcho#request}) on a ping socket to the destination's
     * address, and up to connect_timeout for the first datagram the socket receives.
     */
    Cancellable ping(ConnectSpec connect, Consumer<PingOutcome> done);

    /** FILE_CHECK: the track file's value now (read synchronously; small files). */
    FileValue readTrackFile(String path);

    /**
     * FILE_CHECK: calls {@code changed} with the file's value whenever it is written, moved in,
     * deleted or moved away (inotify on its directory, as keepalived watches track files).
     */
    Cancellable watchTrackFile(String path, Consumer<FileValue> changed);
}
