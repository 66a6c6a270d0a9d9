package org.keepalived4j.check.io;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.keepalived4j.check.SmtpOutcome;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;

/**
 * One SMTP_CHECK conversation (smtp_engine_thread() of check_smtp.c): greeting 220, HELO, 250,
 * QUIT, any line. Each line is read into a fresh 512-byte buffer (wrapped when full) up to its
 * '\n'; what came after the '\n' in the same read is dropped, as keepalived does. The connect,
 * each read and each write are bounded by connect_timeout.
 */
final class SmtpAttempt extends Attempt<SmtpOutcome> {
    /** SMTP_BUFF_MAX (check_smtp.h) less the NUL. */
    private static final int LINE_MAX = 511;

    private enum State { BANNER, HELO, QUIT }

    private final String helo;
    private final long timeoutMicros;
    private final byte[] line = new byte[LINE_MAX];
    private int len;
    private State state = State.BANNER;

    SmtpAttempt(EventLoop loop, String helo, long timeoutMicros, Consumer<SmtpOutcome> done) {
        super(loop, done);
        this.helo = helo;
        this.timeoutMicros = timeoutMicros;
    }

    ChannelInboundHandler handler() {
        return handler;
    }

    void start(ChannelFuture cf) {
        channel = cf.channel();
        arm(timeoutMicros, SmtpOutcome.CONNECT_TIMEOUT);
        cf.addListener(f -> {
            if (f.isSuccess()) {
                arm(timeoutMicros, SmtpOutcome.READ_TIMEOUT);
                return;
            }
            switch (ConnectFailure.of(f.cause())) {
                case TIMEOUT -> finish(SmtpOutcome.CONNECT_TIMEOUT);
                case FAILED_AT_ONCE -> finish(SmtpOutcome.NETWORK_UNREACHABLE);
                case FAILED -> finish(SmtpOutcome.CONNECT_FAILED);
                default -> finish(SmtpOutcome.BIND_ERROR);
            }
        });
    }

    /** A complete line (without its '\n'). */
    private void lineRead(String text) {
        int status = SmtpOutcome.status(text);
        switch (state) {
            case BANNER -> {
                if (status != 220) {
                    finish(SmtpOutcome.BAD_BANNER);
                } else {
                    state = State.HELO;
                    send("HELO " + helo + "\r\n");
                }
            }
            case HELO -> {
                if (status != 250) {
                    finish(SmtpOutcome.BAD_HELO);
                } else {
                    state = State.QUIT;
                    send("QUIT\r\n");
                }
            }
            default -> finish(SmtpOutcome.SUCCESS);
        }
    }

    private void send(String command) {
        arm(timeoutMicros, SmtpOutcome.WRITE_TIMEOUT);
        channel.writeAndFlush(Unpooled.wrappedBuffer(command.getBytes(StandardCharsets.ISO_8859_1))).addListener(w -> {
            if (!w.isSuccess()) {
                finish(SmtpOutcome.WRITE_FAILURE);
            } else if (!over()) {
                len = 0;
                arm(timeoutMicros, SmtpOutcome.READ_TIMEOUT);
            }
        });
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
                while (b.isReadable() && !over()) {
                    if (len == LINE_MAX) {
                        len = 0;    // keepalived: "Buffer overflow ... Increase SMTP_BUFF_MAX", then wraps
                    }
                    byte c = b.readByte();
                    if (c == '\n') {
                        String text = new String(line, 0, len, StandardCharsets.ISO_8859_1);
                        int nul = text.indexOf('\0');
                        len = 0;
                        b.skipBytes(b.readableBytes());
                        lineRead(nul >= 0 ? text.substring(0, nul) : text);
                        return;
                    }
                    line[len++] = c;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(SmtpOutcome.READ_FAILURE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(SmtpOutcome.READ_FAILURE);
        }
    }
}
