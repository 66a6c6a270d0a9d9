package org.keepalived4j.check.io;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

import org.keepalived4j.check.IcmpEcho;
import org.keepalived4j.check.PingOutcome;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * One PING_CHECK echo (icmp_connect_thread(), icmp_check_thread() of check_ping.c) on a ping
 * socket opened in the net layer and handed to netty's epoll: sendto() the destination, then the
 * first datagram the socket receives decides, or connect_timeout passes.
 */
final class PingAttempt extends Attempt<PingOutcome> {
    private final boolean ipv6;

    PingAttempt(EventLoop loop, boolean ipv6, Consumer<PingOutcome> done) {
        super(loop, done);
        this.ipv6 = ipv6;
    }

    void start(EventLoop loop, int fd, InetSocketAddress destination, byte[] request, long timeoutMicros) {
        EpollDatagramChannel ch = new EpollDatagramChannel(fd);
        ch.pipeline().addLast(new Handler());
        channel = ch;
        arm(timeoutMicros, new PingOutcome.Timeout());
        loop.register(ch).addListener(r -> {
            if (!r.isSuccess()) {
                finish(new PingOutcome.NoSocket(ipv6));
                return;
            }
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request),
                    new InetSocketAddress(destination.getAddress(), 0))).addListener(w -> {
                        if (!w.isSuccess()) {
                            finish(new PingOutcome.NotSent(IcmpEcho.sendError(ipv6, errno(w.cause()))));
                        }
                    });
        });
    }

    private static int errno(Throwable t) {
        return t instanceof io.netty.channel.unix.Errors.NativeIoException n ? -n.expectedErr() : 0;
    }

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (over() || !(msg instanceof DatagramPacket p)) {
                    return;
                }
                ByteBuf b = p.content();
                byte[] data = new byte[Math.min(b.readableBytes(), IcmpEcho.RECEIVE)];
                b.readBytes(data);
                Optional<String> bad = IcmpEcho.check(ipv6, data, data.length);
                finish(bad.isPresent() ? new PingOutcome.Failed(bad.get()) : new PingOutcome.Reply());
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(new PingOutcome.Failed(IcmpEcho.receiveError(ipv6)));
        }
    }
}
