package org.keepalived4j.lvs;

import java.io.IOException;

/** The kernel's IPVS table, as the checker subsystem sees it (implemented over generic netlink in net). */
public interface IpvsPort {
    /** The whole table as the kernel holds it now. */
    Table dump() throws IOException;

    /** Apply one change; a failure names the command and the errno (keepalived: "IPVS cmd ... error"). */
    void apply(LvsOp op) throws IOException;
}
