package org.keepalived4j.config.source;

import org.keepalived4j.config.Origin;

/**
 * One logical line after preprocessing: comments gone, definitions substituted, includes
 * followed, and braces split onto lines of their own ({@code {} and {@code }} are always alone).
 *
 * @param origin where it came from
 * @param text   the line text, never empty
 * @param seq    position in the stream (orders diagnostics as keepalived prints them)
 */
public record LogicalLine(Origin origin, String text, long seq) {

    public boolean isOpenBrace() {
        return "{".equals(text);
    }

    public boolean isCloseBrace() {
        return "}".equals(text);
    }
}
