package org.keepalived4j.config.model;

/**
 * Gratuitous ARP / unsolicited NA pacing (set_vrrp_defaults() in global_data.c).
 *
 * @param masterDelayMicros   second batch after becoming MASTER (default 5 s; 0 disables)
 * @param masterRepeat        adverts per batch (default 5)
 * @param masterRefreshMicros periodic refresh while MASTER (0 = off)
 * @param masterRefreshRepeat adverts per refresh (default 1)
 * @param lowerPrioDelayMicros after a lower-priority advert (default = master delay)
 * @param lowerPrioRepeat     after a lower-priority advert (default = master repeat)
 * @param intervalMicros      gap between GARPs on one interface (0 = none)
 * @param naIntervalMicros    gap between unsolicited NAs (0 = none)
 */
public record GarpSettings(long masterDelayMicros, int masterRepeat, long masterRefreshMicros, int masterRefreshRepeat,
                           long lowerPrioDelayMicros, int lowerPrioRepeat, long intervalMicros, long naIntervalMicros) {

    public static final GarpSettings DEFAULT = new GarpSettings(5_000_000, 5, 0, 1, 5_000_000, 5, 0, 0);
}
