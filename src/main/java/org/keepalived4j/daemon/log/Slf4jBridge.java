package org.keepalived4j.daemon.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Routes slf4j/logback events of any class into a {@link LogRouter}, so the whole process logs
 * through the same sinks with no duplicate: logback is reset and this is the root logger's only
 * appender. Ident by package: {@code ...vrrp}/{@code ...net} → Keepalived_vrrp, {@code ...lvs} →
 * Keepalived_healthcheckers, the rest → Keepalived. ERROR/WARN/INFO keep their severity; DEBUG is
 * written only with {@code -D}; TRACE never.
 */
public final class Slf4jBridge extends AppenderBase<ILoggingEvent> {
    private final LogRouter router;

    private Slf4jBridge(LogRouter router) {
        this.router = router;
    }

    /** Makes {@code router} the destination of every slf4j logger (replacing logback's configuration). */
    public static void install(LogRouter router) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;                                   // another slf4j binding: leave it alone
        }
        ctx.reset();
        Slf4jBridge bridge = new Slf4jBridge(router);
        bridge.setContext(ctx);
        bridge.setName("keepalived4j");
        bridge.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(bridge);
        root.setLevel(router.detail() ? Level.DEBUG : Level.INFO);
        // -D is keepalived's detail, not a library's debug output: netty's DEBUG lines stay out
        ctx.getLogger("io.netty").setLevel(Level.INFO);
    }

    @Override
    protected void append(ILoggingEvent e) {
        Severity severity = severity(e.getLevel());
        if (severity == null) {
            return;
        }
        String line = e.getFormattedMessage();
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            line = line + ": " + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        router.write(identity(e.getLoggerName()), severity, line);
    }

    static Severity severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> Severity.ERR;
            case Level.WARN_INT -> Severity.WARNING;
            case Level.INFO_INT -> Severity.INFO;
            case Level.DEBUG_INT -> Severity.DEBUG;
            default -> null;
        };
    }

    static Identity identity(String loggerName) {
        if (loggerName.startsWith("org.keepalived4j.vrrp") || loggerName.startsWith("org.keepalived4j.net")) {
            return Identity.VRRP;
        }
        return loggerName.startsWith("org.keepalived4j.lvs") ? Identity.CHECKER : Identity.PARENT;
    }
}
