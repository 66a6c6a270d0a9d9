package org.keepalived4j.check.io;

import java.util.function.Consumer;

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
 * One request datagram on a connected UDP channel and the wait for an answer (DNS_CHECK,
 * UDP_CHECK): the timer runs from the connect; a failed connect or write, a datagram (at most
 * {@code readLimit} octets of it kept) or a receive error is handed to the subclass.
 */
abstract class DatagramAttempt<T> extends Attempt<T> {
    private final byte[] request;
    private final int readLimit;
    private final long timeoutMicros;
    private final ChannelInboundHandler handler = new Handler();

    DatagramAttempt(EventLoop loop, byte[] request, int readLimit, long timeoutMicros, Consumer<T> done) {
        super(loop, done);
        this.request = request;
        this.readLimit = readLimit;
        this.timeoutMicros = timeoutMicros;
    }

    /** The outcome when nothing decided within the timeout. */
    abstract T timedOut();

    abstract T connectFailed(Throwable cause);

    abstract T writeFailed();

    /** A datagram arrived; {@link #finish} when it decides, else keep waiting. */
    abstract void received(byte[] data);

    /** A receive error (an ICMP error through IP_RECVERR, ...). */
    abstract T readFailed(Throwable cause);

    final ChannelInboundHandler handler() {
        return handler;
    }

    final void start(ChannelFuture cf) {
        channel = cf.channel();
        arm(timeoutMicros, timedOut());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                finish(connectFailed(f.cause()));
                return;
            }
            channel.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(w -> {
                if (!w.isSuccess()) {
                    finish(writeFailed());
                }
            });
        });
    }

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf b = msg instanceof DatagramPacket p ? p.content() : msg instanceof ByteBuf bb ? bb : null;
                if (over() || b == null) {
                    return;
                }
                byte[] data = new byte[Math.min(b.readableBytes(), readLimit)];
                b.readBytes(data);
                received(data);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(readFailed(cause));
        }
    }
}
