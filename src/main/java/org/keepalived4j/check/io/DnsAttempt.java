package org.keepalived4j.check.io;

import java.net.PortUnreachableException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.keepalived4j.check.DnsOutcome;
import org.keepalived4j.check.DnsQuery;

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
 * One DNS_CHECK query (dns_connect_thread(), dns_send(), dns_recv_thread() of check_dns.c) on a
 * connected UDP channel: a random id, then datagrams are read until one answers it (others are
 * ignored) or connect_timeout, counted from the connect, passes.
 */
final class DnsAttempt extends Attempt<DnsOutcome> {
    private final byte[] query;
    private final int id;
    private final long timeoutMicros;

    DnsAttempt(EventLoop loop, byte[] query, long timeoutMicros, Consumer<DnsOutcome> done) {
        super(loop, done);
        this.query = query.clone();
        this.id = ThreadLocalRandom.current().nextInt(0x10000);
        this.query[0] = (byte) (id >> 8);
        this.query[1] = (byte) id;
        this.timeoutMicros = timeoutMicros;
    }

    ChannelInboundHandler handler() {
        return handler;
    }

    void start(ChannelFuture cf) {
        channel = cf.channel();
        arm(timeoutMicros, new DnsOutcome.ReadTimeout());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                finish(ConnectFailure.of(f.cause()) == ConnectFailure.ERROR ? new DnsOutcome.BindError()
                        : new DnsOutcome.NetworkUnreachable());
                return;
            }
            channel.writeAndFlush(Unpooled.wrappedBuffer(query)).addListener(w -> {
                if (!w.isSuccess()) {
                    finish(new DnsOutcome.WriteFailed());
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
                byte[] data = new byte[Math.min(b.readableBytes(), DnsQuery.BUFFER_SIZE)];
                b.readBytes(data);
                switch (DnsQuery.classify(id, data, data.length)) {
                    case SUCCESS -> finish(new DnsOutcome.Success());
                    case ERROR -> finish(new DnsOutcome.Rcode(DnsQuery.rcode(data)));
                    default -> { }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(readError(cause));
        }
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
