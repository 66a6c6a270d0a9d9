package org.keepalived4j.vrrp.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.model.Notify;
import org.keepalived4j.config.model.Script;

/**
 * What keepalived does on a state notification (send_instance_notifies(),
 * send_group_notifies(), notify_script_exec(), notify_fifo() in vrrp_notify.c), as pure
 * functions: first the state's own script (notify_master, ...) with its configured arguments
 * only, then the generic {@code notify} script with four more: {@code INSTANCE|GROUP}, the name,
 * the state and the priority (0 for groups), then the FIFO line.
 */
public final class NotifyPlan {
    private NotifyPlan() {
    }

    /** The scripts to run, in order, for {@code state} of instance or group {@code name}. */
    public static List<NotifyCall> calls(Notify n, boolean group, String name, NotifyState state, int priority) {
        NotifyState s = effective(n, group, state);
        List<NotifyCall> out = new ArrayList<>();
        specific(n, s).ifPresent(sc -> out.add(new NotifyCall(sc, sc.args())));
        n.generic().ifPresent(g -> {
            List<String> argv = new ArrayList<>(g.args());
            argv.add(group ? "GROUP" : "INSTANCE");
            argv.add(name);
            argv.add(s.name());
            argv.add(Integer.toString(group ? 0 : priority));
            out.add(new NotifyCall(g, argv));
        });
        return out;
    }

    /**
     * An instance deleted by a reload is notified as FAULT unless it has notify_deleted
     * ("the old way ... maintained as the default for backward compatibility").
     */
    public static NotifyState effective(Notify n, boolean group, NotifyState state) {
        return state == NotifyState.DELETED && (group || n.deleted().isEmpty()) ? NotifyState.FAULT : state;
    }

    private static Optional<Script> specific(Notify n, NotifyState s) {
        return switch (s) {
            case MASTER -> n.master();
            case BACKUP -> n.backup();
            case FAULT -> n.fault();
            case STOP -> n.stop();
            case DELETED -> n.deleted();
        };
    }

    /**
     * The notify_fifo line: {@code INSTANCE "VI_1" MASTER 100\n}; groups say {@code GROUP} and
     * priority 0. {@code state} is a state name or an event (MASTER_RX_LOWER_PRI,
     * MASTER_PRIORITY, BACKUP_PRIORITY).
     */
    public static String fifoLine(boolean group, String name, String state, int priority) {
        return (group ? "GROUP" : "INSTANCE") + " \"" + name + "\" " + state + " " + (group ? 0 : priority) + "\n";
    }
}
