package org.keepalived4j.vrrp.fsm;

/**
 * RFC 5798 §6.1 timer arithmetic as keepalived computes it (VRRP_TIMER_SKEW_CALC in vrrp.h),
 * all in microseconds.
 */
public final class Timers {
    private Timers() {
    }

    /**
     * Skew_Time. Version 2: (256 − Priority) / 256 seconds; version 3:
     * ((256 − Priority) × Master_Adver_Interval) / 256, computed from centiseconds as keepalived does.
     */
    public static long skewMicros(int version, int priority, long masterAdverIntMicros) {
        long p = 256 - priority;
        if (version == 3) {
            return p * (masterAdverIntMicros / 10_000) * 625 / 16;
        }
        return p * 1_000_000 / 256;
    }

    /** Master_Down_Interval = down_timer_adverts (3) × Master_Adver_Interval + Skew_Time. */
    public static long masterDownMicros(int version, int priority, long masterAdverIntMicros, int downTimerAdverts) {
        return downTimerAdverts * masterAdverIntMicros + skewMicros(version, priority, masterAdverIntMicros);
    }
}
