package org.keepalived4j.daemon;

import org.keepalived4j.vrrp.port.LogPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

/**
 * keepalived-style logging. With -l lines go to the console prefixed as keepalived prints them
 * ({@code Wed Nov 25 07:13:27 2026: (VI_1) Entering MASTER STATE}); -D enables detail lines.
 */
public final class DaemonLog implements LogPort {
    private final Logger log;
    private final boolean detail;

    private DaemonLog(String ident, boolean detail) {
        this.log = LoggerFactory.getLogger(ident);
        this.detail = detail;
    }

    /** Configure logback once for the process and return the VRRP logger. */
    public static DaemonLog configure(boolean detail) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{EEE MMM d HH:mm:ss yyyy}: %msg%n");
        enc.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setEncoder(enc);
        console.setImmediateFlush(true);
        console.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        return new DaemonLog("Keepalived_vrrp", detail);
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void detail(String line) {
        if (detail) {
            log.info(line);
        }
    }
}
