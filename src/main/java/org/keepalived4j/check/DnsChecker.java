package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * DNS_CHECK (check_dns.c): a query on a connected UDP socket; any response to it with RCODE 0
 * passes (the answer count is not looked at). Defaults: retry 3, delay_before_retry = delay_loop.
 * A failure is logged while the checker is up (or has not run) when it is the last retry or with
 * log_all_failures; there is no line for a success.
 */
public final class DnsChecker extends Checker {
    private final CheckerConfig.DnsCheck dns;
    private final ConnectSpec connect;

    public DnsChecker(CheckerConfig.DnsCheck dns, CheckerSettings settings, ConnectSpec connect, RsHealth rs,
                      Consumer<String> log) {
        super(dns, settings, rs, log);
        this.dns = dns;
        this.connect = connect;
    }

    public ConnectSpec connect() {
        return connect;
    }

    /** dns_make_query() with id 0 (the I/O draws the id). */
    public byte[] query() {
        return DnsQuery.encode(0, dns.name(), dns.queryType());
    }

    /**
     * dns_final().
     *
     * @return microseconds until the next query
     */
    public long complete(DnsOutcome outcome) {
        if (outcome instanceof DnsOutcome.BindError) {
            log.accept(CheckMessages.dns(display(), CheckMessages.DNS_BIND_FAILED));
            return settings().delayLoopMicros();
        }
        long retry = settings().retry();
        if (outcome instanceof DnsOutcome.Success) {
            if (!isUp() || !hasRun()) {
                rs().updateCheckerState(this, true);
            }
        } else if (isUp() || !hasRun()) {
            if (logAllFailures() || retryIt >= retry) {
                String reason = CheckMessages.dnsReason(outcome, CheckMessages.pair(connect.destination()));
                if (hasRun() && retryIt >= retry) {
                    reason += " after " + retry + " retries";
                }
                log.accept(CheckMessages.dns(display(), reason));
            }
            if (retryIt < retry) {
                retryIt++;
                markRun();
                return settings().delayBeforeRetryMicros();
            }
            rs().updateCheckerState(this, false);
        }
        retryIt = 0;
        return settings().delayLoopMicros();
    }

    /** compare_dns_check(): the connection, type and name. */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof DnsChecker d && d.connect.equals(connect) && d.dns.queryType() == dns.queryType()
                && d.dns.name().equals(dns.name());
    }
}
