package org.keepalived4j.vrrp.track;

/**
 * keepalived's tracking arithmetic (vrrp_track.c, track_file.c). Effective priority = base +
 * the sum of the tracked objects' contributions, clamped to [1, 254]; an address owner (255) is
 * never changed. A weighted object contributes its weight while up if the weight is positive,
 * while down if it is negative; {@code reverse} negates the contribution. Weight 0 means the
 * object faults the instance while down (while up with {@code reverse}).
 */
public final class Weights {
    /** A tracked file status at or below this faults the instance. */
    public static final int FILE_FAULT = -254;

    private Weights() {
    }

    /** What a weighted interface or script adds to the total priority. */
    public static int contribution(int weight, boolean reverse, boolean up) {
        int mult = reverse ? -1 : 1;
        if (weight > 0) {
            return up ? weight * mult : 0;
        }
        if (weight < 0) {
            return up ? 0 : weight * mult;
        }
        return 0;
    }

    /** Whether an unweighted (weight 0) object in state {@code up} faults the instance. */
    public static boolean faults(boolean reverse, boolean up) {
        return up == reverse;
    }

    /** vrrp_set_effective_priority(): the priority adverts carry. */
    public static int effective(int base, int total) {
        if (base == 255) {
            return 255;
        }
        return Math.max(1, Math.min(254, total));
    }

    /**
     * A tracked file's status for one tracker: with weight 0, {@link #FILE_FAULT} when the value
     * is non-zero (zero with reverse), else 0; otherwise value × weight (negated with reverse)
     * clamped to [−254, 253], where −254 faults the instance.
     */
    public static int fileStatus(long value, int weight, boolean reverse) {
        int mult = reverse ? -1 : 1;
        if (weight == 0) {
            return (value != 0) == (mult == 1) ? FILE_FAULT : 0;
        }
        long s = value * weight * mult;
        return (int) Math.max(FILE_FAULT, Math.min(253, s));
    }
}
