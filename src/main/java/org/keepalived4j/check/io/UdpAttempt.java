package org.keepalived4j.check.io;

import java.util.function.Consumer;

import org.keepalived4j.check.UdpOutcome;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/**
 * One UDP_CHECK exchange (udp_bind_connect(), udp_socket_state() of core/layer4.c) on a connected
 * UDP channel with IP(V6)_RECVERR: the first datagram, receive error or ICMP error decides; the
 * timer (connect_timeout) ends it in silence.
 */
final class UdpAttempt extends Attempt<UdpOutcome> {
    private final byte[] payload;
    private final int replyLimit;
    private final long timeoutMicros;

    UdpAttempt(EventLoop loop, byte[] payload, int replyLimit, long timeoutMicros, Consumer<UdpOutcome> done) {
        super(loop, done);
        this.payload = payload;
        this.replyLimit = replyLimit;
        this.timeoutMicros = timeoutMicros;
    }

    ChannelInboundHandler handler() {
        return handler;
    }

    void start(ChannelFuture cf) {
        channel = cf.channel();
        arm(timeoutMicros, new UdpOutcome.Silence());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                finish(new UdpOutcome.NotSent());
                return;
            }
            channel.writeAndFlush(Unpooled.wrappedBuffer(payload)).addListener(w -> {
                if (!w.isSuccess()) {
                    finish(new UdpOutcome.NotSent());
                }
            });
        });
    }

    private final ChannelInboundHandler handler = new Handler();

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf b = msg instanceof DatagramPacket p ? p.content() : msg instanceof ByteBuf bb ? bb : null;
                if (over() || b == null) {
                    return;
                }
                byte[] data = new byte[Math.min(b.readableBytes(), replyLimit)];
                b.readBytes(data);
                finish(new UdpOutcome.Reply(data));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(new UdpOutcome.Refused());
        }
    }
}
