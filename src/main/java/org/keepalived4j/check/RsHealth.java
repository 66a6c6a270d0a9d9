package org.keepalived4j.check;

/**
 * The health of one real server, from its checkers (keepalived's real_server_t alive /
 * num_failed_checkers / effective_weight, and set_checker_state(), update_svr_checker_state(),
 * update_svr_wgt() of ipwrapper.c). Single-threaded.
 */
public final class RsHealth {
    private final RealServerRef ref;
    private final HealthListener listener;
    private final long iweight;
    private boolean alive = true;
    private int numFailedCheckers;
    private long effectiveWeight;

    RsHealth(RealServerRef ref, HealthListener listener) {
        this.ref = ref;
        this.listener = listener;
        this.iweight = ref.rs().weight().orElse(ref.vs().weight());
        this.effectiveWeight = iweight;
    }

    public RealServerRef ref() {
        return ref;
    }

    public boolean alive() {
        return alive;
    }

    /** The weight the receiver last heard of, clamped as real_weight() does. */
    public int weight() {
        return realWeight(effectiveWeight);
    }

    long iweight() {
        return iweight;
    }

    long effectiveWeight() {
        return effectiveWeight;
    }

    int numFailedCheckers() {
        return numFailedCheckers;
    }

    /** UNSET_ALIVE / reload: set without telling the listener (the receiver seeds from the snapshot). */
    void initialise(boolean alive, long effectiveWeight) {
        this.alive = alive;
        this.effectiveWeight = effectiveWeight;
    }

    void resetFailedCount() {
        numFailedCheckers = 0;
    }

    void countFailedChecker() {
        numFailedCheckers++;
    }

    /** set_checker_state(). */
    void setCheckerState(Checker c, boolean up) {
        if (c.isUp() == up) {
            return;
        }
        c.setUp(up);
        if (!up) {
            numFailedCheckers++;
        } else if (numFailedCheckers > 0) {
            numFailedCheckers--;
        }
    }

    /** update_svr_checker_state(). */
    void updateCheckerState(Checker c, boolean up) {
        if (c.isUp() == up) {
            if (!c.hasRun() && (c.settings().alpha() || !up)) {
                listener.onFirstResultUnchanged(ref, alive);
            }
            c.markRun();
            return;
        }
        c.markRun();
        if (up ? numFailedCheckers <= 1 : numFailedCheckers == 0) {
            performSvrState(up);
        }
        setCheckerState(c, up);
    }

    /** perform_svr_state(): the listener does the IPVS work and logs. */
    void performSvrState(boolean up) {
        if (alive == up) {
            return;
        }
        alive = up;
        listener.onHealth(ref, up, weight());
    }

    /** update_svr_wgt(): tells the listener when the clamped weight changes. */
    void updateWeight(long weight) {
        int old = weight();
        effectiveWeight = weight;
        if (weight() != old) {
            listener.onHealth(ref, alive, weight());
        }
    }

    /** A change keepalived makes without update_svr_wgt() (a dynamic MISC_CHECK failing). */
    void adjustWeightQuietly(long delta) {
        effectiveWeight += delta;
    }

    static int realWeight(long w) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, w));
    }
}
