package org.keepalived4j.config.bind;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.parser.Node;

/**
 * {@code FILE_CHECK} blocks of a real server, with keepalived's messages (check_file.c:
 * track_file_handler(), track_file_weight_handler(), file_end_handler()). The track_file must be
 * defined before the virtual server; a block without one is dropped.
 */
final class FileCheckBinder {
    /** IPVS_WEIGHT_LIMIT (ip_vs.h): INT32_MAX. */
    private static final long WEIGHT_LIMIT = Integer.MAX_VALUE;

    private final BindContext ctx;
    private final Map<String, TrackFileConfig> trackFiles;

    FileCheckBinder(BindContext ctx, Map<String, TrackFileConfig> trackFiles) {
        this.ctx = ctx;
        this.trackFiles = trackFiles;
    }

    Optional<CheckerConfig> bind(Node block) {
        TrackFileConfig file = null;
        OptionalLong weight = OptionalLong.empty();
        boolean reverse = false;
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "track_file" -> {
                    String name = ctx.require(n, 1);
                    TrackFileConfig f = trackFiles.get(name);
                    if (f == null) {
                        ctx.error(n, "track_file " + name + " not found");
                    } else {
                        file = f;
                    }
                }
                case "weight" -> {
                    if (n.args().isEmpty()) {
                        ctx.error(n, "track file weight missing");
                        continue;
                    }
                    OptionalLong w = ctx.readInt(n, n.arg(0), -WEIGHT_LIMIT, WEIGHT_LIMIT);
                    if (w.isEmpty()) {
                        ctx.error(n, "weight for track file must be in [" + -WEIGHT_LIMIT + ".." + WEIGHT_LIMIT
                                + "] inclusive. Ignoring...");
                        continue;
                    }
                    boolean rev = false;
                    if (n.args().size() >= 2) {
                        if (n.arg(1).equals("reverse")) {
                            rev = true;
                        } else if (!n.arg(1).equals("noreverse")) {
                            ctx.error(n, "unknown track file weight option " + n.arg(1) + " - ignoring");
                            continue;
                        }
                    }
                    weight = w;
                    reverse = rev;
                }
                default -> ctx.notImplemented("FILE_CHECK", n);
            }
        }
        if (file == null) {
            ctx.errorAtEnd(block, "FILE_CHECK has no track_file specified - ignoring");
            return Optional.empty();
        }
        if (weight.isEmpty()) {
            return Optional.of(new CheckerConfig.FileCheck(file, file.weight(), file.reverse(), block.origin()));
        }
        return Optional.of(new CheckerConfig.FileCheck(file, weight.getAsLong(), reverse, block.origin()));
    }
}
