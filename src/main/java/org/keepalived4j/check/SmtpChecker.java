package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * SMTP_CHECK (check_smtp.c): connect, read the 220 greeting, send HELO, read 250, send QUIT and
 * read one more line. Unlike TCP_CHECK every round starts with a fresh retry count (also the first
 * one), so a failing server goes down after retry + 1 failures spaced by delay_before_retry; a
 * failure is logged when the checker is up (or has not run) and it is the last retry, or with
 * log_all_failures.
 */
public final class SmtpChecker extends Checker {
    private final CheckerConfig.SmtpCheck smtp;
    private final ConnectSpec connect;
    private boolean retrying;

    public SmtpChecker(CheckerConfig.SmtpCheck smtp, CheckerSettings settings, ConnectSpec connect, RsHealth rs,
                       Consumer<String> log) {
        super(smtp, settings, rs, log);
        this.smtp = smtp;
        this.connect = connect;
    }

    public ConnectSpec connect() {
        return connect;
    }

    public String heloName() {
        return smtp.heloName();
    }

    /** smtp_start_check_thread() resets the retry count; smtp_connect_thread() (a retry) does not. */
    public void beginAttempt() {
        if (!retrying) {
            retryIt = 0;
        }
    }

    /**
     * smtp_final().
     *
     * @return microseconds until the next attempt
     */
    public long complete(SmtpOutcome outcome) {
        retrying = false;
        if (outcome == SmtpOutcome.BIND_ERROR) {
            log.accept(CheckMessages.SMTP_BIND_FAILED);
            return settings().delayLoopMicros();
        }
        if (outcome == SmtpOutcome.SUCCESS) {
            retryIt = 0;
            if (!isUp() || !hasRun()) {
                log.accept(CheckMessages.smtpSucceed(display()));
                rs().updateCheckerState(this, true);
            }
            markRun();
            return settings().delayLoopMicros();
        }
        if ((isUp() || !hasRun()) && (logAllFailures() || retryIt >= settings().retry())) {
            log.accept(CheckMessages.smtpFailure(outcome, CheckMessages.pair(connect.destination()),
                    AddressText.ntop(connect.destination().getAddress()),
                    CheckMessages.pair(new java.net.InetSocketAddress(rs().ref().rs().address(), rs().ref().rs().port()))));
        }
        if (++retryIt <= settings().retry()) {
            retrying = true;
            return settings().delayBeforeRetryMicros();
        }
        if (isUp() || !hasRun()) {
            rs().updateCheckerState(this, false);
        }
        return settings().delayLoopMicros();
    }

    /** compare_smtp_check(): the connection and helo_name. */
    @Override
    public boolean sameAs(Checker other) {
        return other instanceof SmtpChecker s && s.connect.equals(connect) && s.smtp.heloName().equals(smtp.heloName());
    }
}
