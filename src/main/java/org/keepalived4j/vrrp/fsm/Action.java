package org.keepalived4j.vrrp.fsm;

/** What the state machine asks the runtime to do, in order. */
public sealed interface Action {

    /** Send one advertisement with this priority (0 when giving up mastership). */
    record SendAdvert(int priority) implements Action {
    }

    /** Install the virtual addresses and announce them (gratuitous ARP / unsolicited NA). */
    record AddVips() implements Action {
    }

    /** Remove the virtual addresses. */
    record RemoveVips() implements Action {
    }

    /** The instance changed state (notify scripts, stats, log). */
    record StateChange(VrrpState from, VrrpState to) implements Action {
    }

    /**
     * A log line, as keepalived prints it.
     *
     * @param detail true for lines keepalived only prints with -D (log_detail)
     */
    record Log(String line, boolean detail) implements Action {
    }
}
