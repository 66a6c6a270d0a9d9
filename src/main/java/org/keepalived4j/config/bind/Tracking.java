package org.keepalived4j.config.bind;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.model.TrackedInterface;
import org.keepalived4j.config.model.TrackedScript;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.parser.Node;

/** track_interface / track_script items (alloc_track_if(), alloc_track_script() in vrrp_track.c). */
final class Tracking {
    private Tracking() {
    }

    /**
     * One track_interface line. An interface missing on this host is accepted (keepalived creates
     * a placeholder) and reported later as a non-existent interface.
     */
    static Optional<TrackedInterface> trackInterface(BindContext ctx, String owner, Node c) {
        String ifname = c.keyword();
        ctx.interfaceExists(ifname);
        WeightSpec w = weight(ctx, owner, c, "unknown track_interface " + ifname + " option " + c.arg(0) + " - ignoring",
                "weight without value specified for track_interface " + ifname + " - ignoring",
                "weight " + c.arg(1) + " for " + ifname + " must be between [-253..253] inclusive. Ignoring...",
                "unknown track_interace " + ifname + " weight option " + c.arg(2) + " - ignoring", false);
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new TrackedInterface(ifname, w.weight.orElse(0), w.reverse, c.origin()));
    }

    /** One track_script line; the script must have been defined earlier in the file. */
    static Optional<TrackedScript> trackScript(BindContext ctx, String owner, Node c, Map<String, VrrpScriptConfig> scripts) {
        String name = c.keyword();
        if (!scripts.containsKey(name)) {
            ctx.error(c, "(" + owner + ") track script " + name + " not found, ignoring...");
            return Optional.empty();
        }
        WeightSpec w = weight(ctx, owner, c, "unknown track script option " + c.arg(0) + " - ignoring",
                "weight without value specified for track script " + name + " - ignoring",
                "track script " + name + ": weight must be between [-253..253] inclusive, ignoring...",
                "unknown track_script " + name + " weight option " + c.arg(2) + " - ignoring", true);
        if (w == null) {
            return Optional.empty();
        }
        return Optional.of(new TrackedScript(name, w.weight, w.reverse, c.origin()));
    }

    private record WeightSpec(OptionalInt weight, boolean reverse) {
    }

    private static WeightSpec weight(BindContext ctx, String owner, Node c, String unknownOption, String noValue,
                                     String badValue, String unknownWeightOption, boolean allowNoreverse) {
        if (c.args().isEmpty()) {
            return new WeightSpec(OptionalInt.empty(), false);
        }
        String p = "(" + owner + ") ";
        if (!c.arg(0).equals("weight")) {
            ctx.error(c, p + unknownOption);
            return null;
        }
        if (c.args().size() == 1) {
            ctx.error(c, p + noValue);
            return null;
        }
        OptionalLong v = ctx.readInt(c, c.arg(1), -254, 254);
        int weight;
        if (v.isEmpty()) {
            ctx.error(c, p + badValue);
            weight = 0;
        } else {
            weight = (int) v.getAsLong();
            if (Math.abs(weight) == 254) {
                ctx.error(c, p + "weight for " + c.keyword() + " cannot be +/-254. Setting to +/-253");
                weight = weight < 0 ? -253 : 253;
            }
        }
        boolean reverse = false;
        if (c.args().size() >= 3) {
            if (c.arg(2).equals("reverse")) {
                reverse = true;
            } else if (!(allowNoreverse && c.arg(2).equals("noreverse"))) {
                ctx.error(c, p + unknownWeightOption);
            }
        }
        return new WeightSpec(OptionalInt.of(weight), reverse);
    }
}
