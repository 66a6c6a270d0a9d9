package org.keepalived4j.check.io;

import java.util.function.Consumer;

import org.keepalived4j.check.UdpOutcome;

import io.netty.channel.EventLoop;

/**
 * One UDP_CHECK exchange (udp_bind_connect(), udp_socket_state() of core/layer4.c) on a connected
 * UDP channel with IP(V6)_RECVERR: the first datagram, receive error or ICMP error decides; the
 * timer (connect_timeout) ends it in silence.
 */
final class UdpAttempt extends DatagramAttempt<UdpOutcome> {
    UdpAttempt(EventLoop loop, byte[] payload, int replyLimit, long timeoutMicros, Consumer<UdpOutcome> done) {
        super(loop, payload, replyLimit, timeoutMicros, done);
    }

    @Override
    UdpOutcome timedOut() {
        return new UdpOutcome.Silence();
    }

    @Override
    UdpOutcome connectFailed(Throwable cause) {
        return new UdpOutcome.NotSent();
    }

    @Override
    UdpOutcome writeFailed() {
        return new UdpOutcome.NotSent();
    }

    @Override
    void received(byte[] data) {
        finish(new UdpOutcome.Reply(data));
    }

    @Override
    UdpOutcome readFailed(Throwable cause) {
        return new UdpOutcome.Refused();
    }
}
