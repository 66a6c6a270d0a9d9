package org.keepalived4j.check.io;

import java.io.IOException;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import org.keepalived4j.check.CheckMessages;
import org.keepalived4j.check.HttpOutcome;
import org.keepalived4j.check.HttpResponseReader;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP_GET / SSL_GET attempt, phase by phase as check_http.c runs it, each phase bounded by
 * connect_timeout: connect (and TLS handshake) "Timeout connecting", the write "Timeout WEB
 * write", the wait for the answer "Timeout WEB read", then each further read "Timeout HTTP read"
 * ("Timeout SSL read"). The answer is read to EOF.
 */
final class HttpAttempt extends Attempt<HttpOutcome> {
    private final byte[] request;
    private final boolean ssl;
    private final long timeoutMicros;
    private final HttpResponseReader reader;
    private boolean reading;

    HttpAttempt(EventLoop loop, byte[] request, boolean digest, boolean ssl, long timeoutMicros,
                Consumer<HttpOutcome> done) {
        super(loop, done);
        this.request = request;
        this.ssl = ssl;
        this.timeoutMicros = timeoutMicros;
        this.reader = new HttpResponseReader(digest);
    }

    /** The handler to put last in the channel's pipeline. */
    ChannelInboundHandler handler() {
        return handler;
    }

    void start(ChannelFuture cf) {
        channel = cf.channel();
        arm(timeoutMicros, failure(CheckMessages.TIMEOUT_CONNECTING));
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                connectFailed(f.cause());
            } else if (ssl) {
                SslHandler h = cf.channel().pipeline().get(SslHandler.class);
                h.handshakeFuture().addListener(hf -> {
                    if (hf.isSuccess()) {
                        send();
                    } else {
                        finish(failure(CheckMessages.SSL_HANDSHAKE_ERROR));
                    }
                });
            } else {
                send();
            }
        });
    }

    private void connectFailed(Throwable cause) {
        switch (ConnectFailure.of(cause)) {
            case TIMEOUT -> finish(failure(CheckMessages.TIMEOUT_CONNECTING));
            case FAILED_AT_ONCE -> finish(failure(CheckMessages.NETWORK_UNREACHABLE));
            case FAILED -> finish(failure(CheckMessages.CONNECTION_FAILED));
            default -> finish(new HttpOutcome.Error());
        }
    }

    private void send() {
        if (over()) {
            return;
        }
        arm(timeoutMicros, failure(CheckMessages.TIMEOUT_WEB_WRITE));
        channel.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(w -> {
            if (!w.isSuccess()) {
                finish(failure(CheckMessages.CANNOT_SEND));
            } else if (!reading) {
                arm(timeoutMicros, failure(CheckMessages.TIMEOUT_WEB_READ));
            }
        });
    }

    private static HttpOutcome failure(String reason) {
        return new HttpOutcome.Failure(reason);
    }

    private final ChannelInboundHandler handler = new Handler();

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (over() || !(msg instanceof ByteBuf b)) {
                    return;
                }
                reading = true;
                arm(timeoutMicros, failure(ssl ? CheckMessages.TIMEOUT_SSL_READ : CheckMessages.TIMEOUT_HTTP_READ));
                byte[] data = new byte[b.readableBytes()];
                b.readBytes(data);
                reader.feed(data, 0, data.length);
                if (reader.full()) {
                    finish(reader.finish());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            // EOF: the answer is whatever came (nothing at all: "Read, no data received from")
            finish(reader.finish());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof SSLException || (cause.getCause() instanceof SSLException)) {
                finish(failure(reading ? CheckMessages.SSL_READ_ERROR : CheckMessages.SSL_HANDSHAKE_ERROR));
            } else if (cause instanceof IOException) {
                finish(failure(ssl ? CheckMessages.SSL_READ_ERROR : CheckMessages.READ_ERROR));
            } else {
                finish(failure(CheckMessages.READ_ERROR));
            }
        }
    }
}
