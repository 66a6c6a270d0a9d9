package org.keepalived4j.check;

import java.util.OptionalLong;

import org.keepalived4j.config.model.CheckerCommon;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * The effective timing of one checker after keepalived's cascade (validate_check_config() in
 * check_data.c): checker block, else real server, else virtual server, else the checker type's
 * default. All times in microseconds.
 *
 * @param delayLoopMicros        between checks (delay_loop, default 60 s)
 * @param connectTimeoutMicros   connect_timeout (default 5 s)
 * @param retry                  failures tolerated while up before DOWN (MISC 0, DNS 3, others 1)
 * @param delayBeforeRetryMicros delay_before_retry (HTTP_GET/SSL_GET 3 s, DNS its delay_loop, others 1 s)
 * @param warmupMicros           the first check runs at a random time in [0, warmup] after a
 *                               1 s bootstrap delay (default: the checker's delay_loop)
 * @param alpha                  the checker starts failed and needs one success
 * @param logAllFailures         log every failed attempt, not only state changes
 */
public record CheckerSettings(long delayLoopMicros, long connectTimeoutMicros, long retry,
                              long delayBeforeRetryMicros, long warmupMicros, boolean alpha, boolean logAllFailures) {

    /** keepalived's TIMER_HZ: timers are in microseconds. */
    public static final long HZ = 1_000_000L;
    /** KEEPALIVED_DEFAULT_DELAY. */
    public static final long DEFAULT_DELAY_LOOP = 60 * HZ;
    /** alloc_vs(): connection_to = 5 * TIMER_HZ. */
    public static final long DEFAULT_CONNECT_TIMEOUT = 5 * HZ;
    /** BOOTSTRAP_DELAY (lib/scheduler.h): added to every checker's first delay. */
    public static final long BOOTSTRAP_DELAY = HZ;

    public static CheckerSettings resolve(VirtualServerConfig vs, RealServerConfig rs, CheckerConfig c) {
        CheckerCommon v = vs.defaults();
        CheckerCommon r = rs.defaults();
        CheckerCommon k = c.common();
        long delayLoop = first(k.delayLoopMicros(), r.delayLoopMicros(), v.delayLoopMicros(), DEFAULT_DELAY_LOOP);
        long timeout = first(k.connectTimeoutMicros(), r.connectTimeoutMicros(), v.connectTimeoutMicros(),
                DEFAULT_CONNECT_TIMEOUT);
        long retry = first(k.retry(), r.retry(), v.retry(), defaultRetry(c));
        long dbr = first(k.delayBeforeRetryMicros(), r.delayBeforeRetryMicros(), v.delayBeforeRetryMicros(),
                c instanceof CheckerConfig.HttpCheck ? 3 * HZ : c instanceof CheckerConfig.DnsCheck ? delayLoop : HZ);
        long warmup = first(k.warmupMicros(), r.warmupMicros(), v.warmupMicros(), delayLoop);
        boolean alpha = k.alpha().orElseGet(() -> r.alpha().orElseGet(
                () -> rs.alpha().orElse(false) || v.alpha().orElse(false) || vs.alpha()));
        return new CheckerSettings(delayLoop, timeout, retry, dbr, warmup, alpha, k.logAllFailures());
    }

    /** default_retry: MISC_CHECK 0, DNS_CHECK 3 (DNS_DEFAULT_RETRY), the others 1. */
    private static long defaultRetry(CheckerConfig c) {
        if (c instanceof CheckerConfig.MiscCheck) {
            return 0;
        }
        return c instanceof CheckerConfig.DnsCheck ? 3 : 1;
    }

    /** The virtual server's delay_loop: MISC_CHECK's timeout when misc_timeout is unset or 0. */
    public static long vsDelayLoop(VirtualServerConfig vs) {
        return vs.defaults().delayLoopMicros().orElse(DEFAULT_DELAY_LOOP);
    }

    private static long first(OptionalLong a, OptionalLong b, OptionalLong c, long dflt) {
        return a.orElse(b.orElse(c.orElse(dflt)));
    }
}
