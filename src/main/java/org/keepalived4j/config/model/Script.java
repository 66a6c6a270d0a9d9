package org.keepalived4j.config.model;

import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.Origin;

/**
 * A script keepalived runs (notify*, vrrp_script, misc_path, quorum_up...).
 *
 * @param args    the command and its arguments, split and unescaped as keepalived does
 * @param user    the user to run it as, when given on the line (else the script_user)
 * @param group   the group, when given
 * @param origin  where it was configured
 */
public record Script(List<String> args, Optional<String> user, Optional<String> group, Origin origin) {
    public Script {
        args = List.copyOf(args);
    }

    public String command() {
        return args.get(0);
    }

    /** The command line as keepalived shows it. */
    public String display() {
        return String.join(" ", args);
    }
}
