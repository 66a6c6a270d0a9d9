package org.keepalived4j.config.parser;

import java.util.List;

import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;

/**
 * One keyword line of the configuration and, for blocks, its contents.
 *
 * @param keyword   the first word
 * @param args      the remaining words (general splitting, quotes removed)
 * @param raw       the logical line as it was before splitting (script keywords re-split it)
 * @param origin    file and line
 * @param seq       stream position (diagnostic order)
 * @param kind      how the keyword was read
 * @param subsystem the keepalived process owning it
 * @param children  block contents; for value blocks one node per line (keyword = first item)
 * @param end       where the block closed (its '}' line; keepalived's end handlers report there),
 *                  or the keyword's own origin for one-line keywords
 * @param endSeq    stream position of {@code end}
 */
public record Node(String keyword, List<String> args, String raw, Origin origin, long seq,
                   Grammar.Kind kind, Subsystem subsystem, List<Node> children, Origin end, long endSeq) {

    public Node {
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    /** A node whose end is its own line. */
    public Node(String keyword, List<String> args, String raw, Origin origin, long seq,
                Grammar.Kind kind, Subsystem subsystem, List<Node> children) {
        this(keyword, args, raw, origin, seq, kind, subsystem, children, origin, seq);
    }

    /** Argument {@code i} (0-based, after the keyword), or null. */
    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /**
     * keepalived's null_strvec() text for a line whose word {@code index} (0 = keyword) is missing;
     * keepalived prints it and exits with status 2.
     */
    public static String missingParameterMessage(List<String> words, int index) {
        return index > 0 && index - 1 < words.size()
                ? "*** Configuration line starting `" + words.get(0) + "` is missing a parameter after keyword `"
                        + words.get(index - 1) + "` at word position " + (index + 1)
                : "*** Configuration line starting `" + words.get(0) + "` is missing a parameter at word position "
                        + (index + 1);
    }

    /** All words: keyword then arguments (keepalived's strvec). */
    public List<String> words() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(keyword), args.stream()).toList();
    }
}
