package org.keepalived4j.vrrp.runtime;

/**
 * The AH sequence number of one instance (keepalived's ipsecah_counter: seq_number and cycle).
 * One counter serves both directions, as in keepalived: it is the last number sent and the
 * highest number accepted, so a backup that takes over continues above what the old master
 * sent. Survives reloads. Event-loop thread only.
 */
final class AhSequence {
    /** keepalived stops incrementing above this and marks the counter as cycled. */
    static final long LAST_INCREMENTED = 0xFFFFFFFDL;

    private long seq;          // unsigned 32 bits
    private boolean cycle;

    /**
     * The number for the next advert round (vrrp_update_pkt()): one more than the last, except
     * that past 0xFFFFFFFD it stays put and the counter is marked cycled (reset to 0 on the next
     * transition to MASTER).
     */
    long nextToSend() {
        if (seq > LAST_INCREMENTED) {
            cycle = true;
        } else {
            seq++;
        }
        return seq;
    }

    /** Anti-replay (vrrp_in_chk_ipsecah()): true and remembered when {@code received} is above the counter. */
    boolean accept(long received) {
        if (received > seq) {
            seq = received;
            return true;
        }
        return false;
    }

    /** The counter, for log lines. */
    long local() {
        return seq;
    }

    boolean cycled() {
        return cycle;
    }

    /** A BACKUP accepted an advert whose number is not below ours (vrrp_check_packet()). */
    void backupAccepted(long received) {
        if (received >= seq) {
            cycle = false;
        }
    }

    /** vrrp_state_goto_master(): a cycled counter starts again from 0. */
    void becomingMaster() {
        if (cycle) {
            cycle = false;
            seq = 0;
        }
    }

    /**
     * A MASTER heard a lower-priority advert (vrrp_state_master_rx()): continue from its number
     * plus one ("IPSEC-AH : Syncing seq_num - Increment seq").
     */
    void syncFromLowerPriority(long received) {
        seq = (received + 1) & 0xFFFFFFFFL;
        cycle = false;
    }

    /** A MASTER heard a higher-priority advert and steps down. */
    void higherPriorityHeard() {
        cycle = false;
    }

    /** For tests: start from a given number. */
    void set(long value) {
        seq = value & 0xFFFFFFFFL;
    }
}
