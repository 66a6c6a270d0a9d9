package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/** TCP_CHECK (check_tcp.c): a connect that succeeds within connect_timeout. */
public final class TcpChecker extends Checker {
    private final ConnectSpec connect;

    public TcpChecker(CheckerConfig.TcpCheck config, CheckerSettings settings, ConnectSpec connect, RsHealth rs,
                      Consumer<String> log) {
        super(config, settings, rs, log);
        this.connect = connect;
    }

    public ConnectSpec connect() {
        return connect;
    }

    /**
     * One attempt ended (tcp_check_thread() then tcp_epilog()).
     *
     * @return microseconds until the next attempt
     */
    public long complete(TcpOutcome outcome) {
        switch (outcome) {
            case SUCCESS:
                return epilog(true);
            case ERROR:
                log.accept(CheckMessages.TCP_BIND_FAILED);
                return settings().delayLoopMicros();
            case TIMEOUT:
                if (isUp() && logAllFailures()) {
                    log.accept(CheckMessages.tcpAttemptTimeout(display()));
                }
                return epilog(false);
            default:
                if (isUp() && logAllFailures()) {
                    log.accept(CheckMessages.tcpAttemptFailed(display()));
                }
                return epilog(false);
        }
    }

    /** tcp_epilog(). */
    private long epilog(boolean success) {
        long delay;
        long retry = settings().retry();
        if (success || retryIt >= retry) {
            delay = settings().delayLoopMicros();
            retryIt = 0;
            if (success && (!isUp() || !hasRun())) {
                log.accept(CheckMessages.tcpSuccess(display()));
                rs().updateCheckerState(this, true);
            } else if (!success && (isUp() || !hasRun())) {
                log.accept(CheckMessages.tcpFailed(display(), hasRun() ? retry : 0));
                rs().updateCheckerState(this, false);
            }
        } else {
            delay = settings().delayBeforeRetryMicros();
            retryIt++;
        }
        markRun();
        return delay;
    }

    /** compare_tcp_check(): the connection options. */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof TcpChecker t && t.connect.equals(connect);
    }
}
