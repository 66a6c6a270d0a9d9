package org.keepalived4j.check.io;

import java.net.PortUnreachableException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.keepalived4j.check.DnsOutcome;
import org.keepalived4j.check.DnsQuery;

import io.netty.channel.EventLoop;

/**
 * One DNS_CHECK query (dns_connect_thread(), dns_send(), dns_recv_thread() of check_dns.c) on a
 * connected UDP channel: a random id, then datagrams are read until one answers it (others are
 * ignored) or connect_timeout, counted from the connect, passes.
 */
final class DnsAttempt extends DatagramAttempt<DnsOutcome> {
    private final int id;

    DnsAttempt(EventLoop loop, byte[] query, long timeoutMicros, Consumer<DnsOutcome> done) {
        this(loop, query, ThreadLocalRandom.current().nextInt(0x10000), timeoutMicros, done);
    }

    private DnsAttempt(EventLoop loop, byte[] query, int id, long timeoutMicros, Consumer<DnsOutcome> done) {
        super(loop, withId(query, id), DnsQuery.BUFFER_SIZE, timeoutMicros, done);
        this.id = id;
    }

    private static byte[] withId(byte[] query, int id) {
        byte[] q = query.clone();
        q[0] = (byte) (id >> 8);
        q[1] = (byte) id;
        return q;
    }

    @Override
    DnsOutcome timedOut() {
        return new DnsOutcome.ReadTimeout();
    }

    @Override
    DnsOutcome connectFailed(Throwable cause) {
        return ConnectFailure.of(cause) == ConnectFailure.ERROR ? new DnsOutcome.BindError()
                : new DnsOutcome.NetworkUnreachable();
    }

    @Override
    DnsOutcome writeFailed() {
        return new DnsOutcome.WriteFailed();
    }

    @Override
    void received(byte[] data) {
        switch (DnsQuery.classify(id, data, data.length)) {
            case SUCCESS -> finish(new DnsOutcome.Success());
            case ERROR -> finish(new DnsOutcome.Rcode(DnsQuery.rcode(data)));
            default -> { }
        }
    }

    @Override
    DnsOutcome readFailed(Throwable cause) {
        return readError(cause);
    }

    /** recv()'s errno as keepalived prints it (strerror()). */
    static DnsOutcome readError(Throwable cause) {
        String m = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (cause instanceof PortUnreachableException || m.contains("connection refused")) {
            return new DnsOutcome.ReadError(111, "Connection refused");
        }
        if (m.contains("no route to host")) {
            return new DnsOutcome.ReadError(113, "No route to host");
        }
        if (m.contains("network is unreachable")) {
            return new DnsOutcome.ReadError(101, "Network is unreachable");
        }
        return new DnsOutcome.ReadError(5, "Input/output error");
    }
}
