package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * PING_CHECK (check_ping.c): an ICMP / ICMPv6 echo request on a ping socket to the checker's
 * destination (connect_ip, else the real server); an echo reply within connect_timeout passes.
 * bindto, bind_if and fwmark are not used by keepalived's ping. Retries and lines as
 * icmp_epilog().
 */
public final class PingChecker extends Checker {
    private final ConnectSpec connect;

    public PingChecker(CheckerConfig.PingCheck ping, CheckerSettings settings, ConnectSpec connect, RsHealth rs,
                       Consumer<String> log) {
        super(ping, settings, rs, log);
        this.connect = connect;
    }

    public ConnectSpec connect() {
        return connect;
    }

    /**
     * icmp_check_thread() then icmp_epilog().
     *
     * @return microseconds until the next echo
     */
    public long complete(PingOutcome outcome) {
        if (outcome instanceof PingOutcome.NoSocket n) {
            log.accept(CheckMessages.pingNoSocket(n.ipv6()));
            return settings().delayLoopMicros();
        }
        if (outcome instanceof PingOutcome.Reply) {
            return epilog(true);
        }
        if (outcome instanceof PingOutcome.Timeout) {
            if (isUp() && logAllFailures()) {
                log.accept(CheckMessages.pingTimeout(display()));
            }
        } else if (outcome instanceof PingOutcome.Failed f) {
            log.accept(f.line());
            if (isUp() && logAllFailures()) {
                log.accept(CheckMessages.pingAttemptFailed(display(), rs().ref().vsDisplay()));
            }
        } else {
            log.accept(((PingOutcome.NotSent) outcome).line());
        }
        return epilog(false);
    }

    /** icmp_epilog(). */
    private long epilog(boolean success) {
        return retryEpilog(success, () -> CheckMessages.pingSuccess(display()), n -> CheckMessages.pingFailed(display(), rs().ref().vsDisplay(), n));
    }

    /** compare_ping_check(): the connection options. */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof PingChecker p && p.connect.equals(connect);
    }
}
