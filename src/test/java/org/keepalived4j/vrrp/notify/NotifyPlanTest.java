package org.keepalived4j.vrrp.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.model.Notify;
import org.keepalived4j.config.model.Script;

/** The arguments and FIFO lines of keepalived's vrrp_notify.c, as seen from keepalived 2.2.7. */
class NotifyPlanTest {
    static Script s(String... args) {
        return new Script(List.of(args), Optional.empty(), Optional.empty(), new Origin("keepalived.conf", 1, false));
    }

    static List<List<String>> argv(List<NotifyCall> calls) {
        return calls.stream().map(NotifyCall::argv).toList();
    }

    final Notify n = new Notify(Optional.of(s("/m.sh", "up")), Optional.of(s("/b.sh", "backup-only")), Optional.empty(),
            Optional.of(s("/stop.sh")), Optional.empty(), Optional.of(s("/n.sh", "x")));

    @Test
    void theStatesOwnScriptFirstThenTheGenericOneWithFourArguments() {
        assertEquals(List.of(List.of("/b.sh", "backup-only"), List.of("/n.sh", "x", "INSTANCE", "VI_1", "BACKUP", "80")),
                argv(NotifyPlan.calls(n, false, "VI_1", NotifyState.BACKUP, 80)));
        assertEquals(List.of(List.of("/n.sh", "x", "INSTANCE", "VI_1", "FAULT", "80")),
                argv(NotifyPlan.calls(n, false, "VI_1", NotifyState.FAULT, 80)), "no notify_fault: the generic only");
        assertEquals(List.of(List.of("/stop.sh"), List.of("/n.sh", "x", "INSTANCE", "VI_1", "STOP", "100")),
                argv(NotifyPlan.calls(n, false, "VI_1", NotifyState.STOP, 100)));
    }

    @Test
    void groupsSayGroupAndPriorityZero() {
        assertEquals(List.of(List.of("/m.sh", "up"), List.of("/n.sh", "x", "GROUP", "G1", "MASTER", "0")),
                argv(NotifyPlan.calls(n, true, "G1", NotifyState.MASTER, 100)));
        assertEquals("GROUP \"G1\" BACKUP 0\n", NotifyPlan.fifoLine(true, "G1", "BACKUP", 100));
    }

    @Test
    void aDeletedInstanceIsReportedAsFaultUnlessNotifyDeletedIsSet() {
        assertEquals(List.of(List.of("/n.sh", "x", "INSTANCE", "VI_1", "FAULT", "100")),
                argv(NotifyPlan.calls(n, false, "VI_1", NotifyState.DELETED, 100)));
        Notify d = new Notify(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(s("/del.sh")), Optional.of(s("/n.sh")));
        assertEquals(List.of(List.of("/del.sh"), List.of("/n.sh", "INSTANCE", "VI_1", "DELETED", "100")),
                argv(NotifyPlan.calls(d, false, "VI_1", NotifyState.DELETED, 100)));
    }

    @Test
    void fifoLinesAreKeepalivedsWithoutATrailingNul() {
        assertEquals("INSTANCE \"VI_1\" MASTER 100\n", NotifyPlan.fifoLine(false, "VI_1", "MASTER", 100));
        assertEquals("INSTANCE \"VI_1\" MASTER_PRIORITY 90\n", NotifyPlan.fifoLine(false, "VI_1", "MASTER_PRIORITY", 90));
    }
}
