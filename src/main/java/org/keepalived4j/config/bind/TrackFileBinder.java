package org.keepalived4j.config.bind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.TrackedFile;
import org.keepalived4j.config.parser.Node;

/**
 * {@code track_file} / {@code vrrp_track_file} blocks and the instances' {@code track_file}
 * lines, with keepalived's messages (trackers/track_file.c: track_file_*_handler(),
 * vrrp_alloc_track_file()). A track_file must be defined before an instance tracks it.
 */
final class TrackFileBinder {
    private final BindContext ctx;
    final Map<String, TrackFileConfig> files = new LinkedHashMap<>();

    TrackFileBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    void block(Node block, boolean deprecated) {
        if (deprecated) {
            ctx.report(ConfigErrorClass.LOG, block, "\"vrrp_track_file\" is deprecated, please use \"track_file\"");
        }
        String name = block.arg(0);
        if (name == null) {
            ctx.error(block, "track file name missing");
            return;
        }
        Optional<String> path = Optional.empty();
        OptionalInt weight = OptionalInt.empty();
        boolean reverse = false;
        OptionalLong init = OptionalLong.empty();
        boolean overwrite = false;
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "file" -> {
                    if (n.args().isEmpty()) {
                        ctx.error(n, "track file file name missing");
                    } else if (path.isPresent()) {
                        ctx.error(n, "File already set for track file " + name + " - ignoring " + n.arg(0));
                    } else {
                        path = Optional.of(n.arg(0));
                    }
                }
                case "weight" -> {
                    if (n.args().isEmpty()) {
                        ctx.error(n, "No weight specified for track file " + name + " - ignoring");
                    } else if (weight.isPresent() && weight.getAsInt() != 1) {
                        ctx.error(n, "Weight already set for track file " + name + " - ignoring " + n.arg(0));
                    } else {
                        OptionalLong v = ctx.readInt(n, n.arg(0), -254, 254);
                        if (v.isEmpty()) {
                            ctx.error(n, "Weight (" + n.arg(0) + ") for track_file " + name
                                    + " must be between [-254..254] inclusive. Ignoring...");
                        }
                        weight = OptionalInt.of((int) v.orElse(1));
                        if (n.args().size() >= 2) {
                            if (n.arg(1).equals("reverse")) {
                                reverse = true;
                            } else {
                                ctx.error(n, "track_file " + name + " unknown weight option " + n.arg(1));
                            }
                        }
                    }
                }
                case "init_file" -> {
                    long value = 0;
                    for (String w : n.args()) {
                        if (!w.isEmpty() && (Character.isDigit(w.charAt(0)) || w.charAt(0) == '-')) {
                            OptionalLong v = ctx.readInt(n, w, Integer.MIN_VALUE, Integer.MAX_VALUE);
                            if (v.isEmpty()) {
                                ctx.error(n, "Track file " + name + " init value " + w + " is invalid");
                            } else if (v.getAsLong() < -254 || v.getAsLong() > 254) {
                                ctx.error(n, "Track file " + name + " init value " + v.getAsLong()
                                        + " is outside sensible range [-254, 254]");
                            }
                            value = v.orElse(0);
                        } else if (w.equals("overwrite")) {
                            overwrite = true;
                        } else {
                            ctx.error(n, "Unknown track file init option " + w);
                        }
                    }
                    init = OptionalLong.of(value);
                }
                default -> ctx.notImplemented((deprecated ? "vrrp_track_file " : "track_file ") + name, n);
            }
        }
        if (path.isEmpty()) {
            ctx.errorAtEnd(block, "No file set for track_file " + name + " - ignoring");
            return;
        }
        files.put(name, new TrackFileConfig(name, path.get(), weight.orElse(1), reverse, init, overwrite,
                block.origin()));
    }

    /** One line of an instance's track_file block (vrrp_alloc_track_file()). */
    Optional<TrackedFile> tracked(String owner, Node c) {
        String name = c.keyword();
        String p = "(" + owner + ") ";
        if (!files.containsKey(name)) {
            ctx.error(c, p + "track file " + name + " not found, ignoring...");
            return Optional.empty();
        }
        if (c.args().isEmpty()) {
            return Optional.of(new TrackedFile(name, OptionalInt.empty(), Optional.empty(), c.origin()));
        }
        if (!c.arg(0).equals("weight")) {
            ctx.error(c, p + "unknown track file option " + c.arg(0) + " - ignoring");
            return Optional.empty();
        }
        if (c.args().size() == 1) {
            ctx.error(c, p + "weight without value specified for track file " + name + " - ignoring");
            return Optional.empty();
        }
        OptionalLong v = ctx.readInt(c, c.arg(1), -254, 254);
        OptionalInt weight = OptionalInt.empty();
        if (v.isEmpty()) {
            ctx.error(c, p + "weight for track file " + name + " must be in [-254..254] inclusive. Ignoring...");
        } else {
            weight = OptionalInt.of((int) v.getAsLong());
        }
        Optional<Boolean> reverse = Optional.empty();
        if (c.args().size() >= 3) {
            if (c.arg(2).equals("reverse")) {
                reverse = Optional.of(true);
            } else if (c.arg(2).equals("noreverse")) {
                reverse = Optional.of(false);
            } else {
                ctx.error(c, p + "unknown track file " + name + " weight option " + c.arg(2) + " - ignoring");
                return Optional.empty();
            }
        }
        return Optional.of(new TrackedFile(name, weight, reverse, c.origin()));
    }
}
