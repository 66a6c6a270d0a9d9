package org.keepalived4j.daemon;

/** Where notify FIFO lines go (global notify_fifo and vrrp_notify_fifo). */
interface NotifyFifos {
    NotifyFifos NONE = line -> { };

    /** Write one line to every open FIFO; never blocks, a full FIFO drops the line as keepalived's does. */
    void write(String line);
}
