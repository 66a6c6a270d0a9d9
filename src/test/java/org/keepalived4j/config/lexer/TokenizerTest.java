package org.keepalived4j.config.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** keepalived's alloc_strvec_r() and alloc_strvec_quoted_escaped() (lib/parser.c), row by row. */
class TokenizerTest {

    static Arguments row(String line, List<String> words, String error) {
        return Arguments.of(line, words, error);
    }

    static Stream<Arguments> general() {
        return Stream.of(
                row("", List.of(), null),
                row(" \t\f\u000b\r\n", List.of(), null),
                row("virtual_router_id 51", List.of("virtual_router_id", "51"), null),
                row("  a\tb \f c\u000bd\re", List.of("a", "b", "c", "d", "e"), null),
                row("notify \"/bin/x a b\" root", List.of("notify", "/bin/x a b", "root"), null),
                row("a\"b c\"d", List.of("a", "b c", "d"), null),
                row("x \"\" y", List.of("x", "", "y"), null),
                row("x 'a b'", List.of("x", "'a", "b'"), null),
                row("x \\\"y", List.of("x", "\\"), "Unmatched quote: 'x \\\"y'"),
                row("a \"open b", List.of("a"), "Unmatched quote: 'a \"open b'"),
                row("\"only", List.of(), "Unmatched quote: '\"only'"),
                row("{", List.of("{"), null),
                row("198.51.100.1/24 dev eth0", List.of("198.51.100.1/24", "dev", "eth0"), null));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("general")
    void words(String line, List<String> words, String error) {
        Tokenizer.Words w = Tokenizer.words(line);
        assertEquals(words, w.words());
        assertEquals(error, w.error());
    }

    static Stream<Arguments> quoted() {
        return Stream.of(
                row("", List.of(), null),
                row("/bin/x a  b", List.of("/bin/x", "a", "b"), null),
                row("notify_master \"/bin/x 'a b'\" root", List.of("notify_master", "/bin/x 'a b'", "root"), null),
                row("/bin/x 'a b' \"c d\"", List.of("/bin/x", "a b", "c d"), null),
                row("pre\"mid dle\"post 'q'x", List.of("premid dlepost", "qx"), null),
                row("'' \"\"", List.of("", ""), null),
                row("a\\ b", List.of("a b"), null),
                row("\\\"q\\' \\\\", List.of("\"q'", "\\"), null),
                row("\"a\\\"b\"", List.of("a\"b"), null),
                row("\\t\\n\\r\\a\\b\\f\\v\\E", List.of("\t\n\r\u0007\b\f\u000b\u001b"), null),
                row("\\x41\\x4a\\x4B\\xg", List.of("AJKxg"), null),
                row("\\101\\60\\0607", List.of("A00" + "7"), null),
                row("\\cA\\c[", List.of("\u0001\u001b"), null),
                row("\\q", List.of("q"), null),
                row("a \\", List.of("a"), "Missing escape char at end: 'a \\'"),
                row("a \"b c", List.of("a"), "String 'a \"b c': missing terminating \""),
                row("a 'b c", List.of("a"), "String 'a 'b c': missing terminating '"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("quoted")
    void quotedEscaped(String line, List<String> words, String error) {
        Tokenizer.Words w = Tokenizer.quotedEscaped(line);
        assertEquals(error, w.error());
        if (error == null) {
            assertEquals(words, w.words());
        }
    }
}
