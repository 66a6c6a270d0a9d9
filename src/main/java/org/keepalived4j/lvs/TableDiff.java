package org.keepalived4j.lvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fewest operations that take the kernel's IPVS table to the desired one, touching only what
 * is ours: a service or destination the kernel has that we never configured is left alone
 * (keepalived only applies diffs of its own view). {@code previous} is what we desired before
 * (empty at start-up): only what it held and {@code desired} no longer holds is deleted.
 */
public final class TableDiff {
    private TableDiff() {
    }

    public static List<LvsOp> diff(Table kernel, Table previous, Table desired) {
        List<LvsOp> ops = new ArrayList<>();
        for (Map.Entry<ServiceKey, Table.Entry> e : previous.services().entrySet()) {
            if (!desired.services().containsKey(e.getKey()) && kernel.services().containsKey(e.getKey())) {
                ops.add(new LvsOp.DeleteService(e.getKey()));
            }
        }
        for (Map.Entry<ServiceKey, Table.Entry> e : desired.services().entrySet()) {
            ServiceKey key = e.getKey();
            Table.Entry want = e.getValue();
            Table.Entry have = kernel.services().get(key);
            if (have == null) {
                ops.add(new LvsOp.AddService(want.service()));
                want.dests().values().forEach(d -> ops.add(new LvsOp.AddDest(key, d)));
                continue;
            }
            if (!have.service().equals(want.service())) {
                ops.add(new LvsOp.EditService(want.service()));
            }
            Table.Entry before = previous.services().get(key);
            if (before != null) {
                for (Destination d : before.dests().values()) {
                    if (!want.dests().containsKey(d.key()) && have.dests().containsKey(d.key())) {
                        ops.add(new LvsOp.DeleteDest(key, have.dests().get(d.key())));
                    }
                }
            }
            for (Destination d : want.dests().values()) {
                Destination cur = have.dests().get(d.key());
                if (cur == null) {
                    ops.add(new LvsOp.AddDest(key, d));
                } else if (!cur.equals(d)) {
                    ops.add(new LvsOp.EditDest(key, d));
                }
            }
        }
        return ops;
    }

    /** The table after {@code ops} were applied to {@code table} (our model of the kernel's table). */
    public static Table apply(Table table, List<LvsOp> ops) {
        Map<ServiceKey, Map<String, Destination>> dests = new java.util.LinkedHashMap<>();
        Map<ServiceKey, Service> services = new java.util.LinkedHashMap<>();
        table.services().forEach((k, e) -> {
            services.put(k, e.service());
            dests.put(k, new java.util.LinkedHashMap<>(e.dests()));
        });
        for (LvsOp op : ops) {
            if (op instanceof LvsOp.AddService a) {
                services.put(a.service().key(), a.service());
                dests.put(a.service().key(), new java.util.LinkedHashMap<>());
            } else if (op instanceof LvsOp.EditService e) {
                services.put(e.service().key(), e.service());
            } else if (op instanceof LvsOp.DeleteService d) {
                services.remove(d.key());
                dests.remove(d.key());
            } else if (op instanceof LvsOp.AddDest a) {
                dests.computeIfAbsent(a.service(), k -> new java.util.LinkedHashMap<>()).put(a.dest().key(), a.dest());
            } else if (op instanceof LvsOp.EditDest e) {
                dests.computeIfAbsent(e.service(), k -> new java.util.LinkedHashMap<>()).put(e.dest().key(), e.dest());
            } else if (op instanceof LvsOp.DeleteDest d) {
                Map<String, Destination> m = dests.get(d.service());
                if (m != null) {
                    m.remove(d.dest().key());
                }
            }
        }
        Map<ServiceKey, Table.Entry> out = new java.util.LinkedHashMap<>();
        services.forEach((k, svc) -> out.put(k, new Table.Entry(svc, dests.getOrDefault(k, Map.of()))));
        return new Table(out);
    }
}
