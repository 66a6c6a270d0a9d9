package org.keepalived4j.config.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.config.source.PreprocessorFixture.lines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keepalived4j.config.source.PreprocessorFixture;

/**
 * process_stream() / alloc_value_block() on keepalived 2.2.7's keyword table: each row is the
 * configuration, the tree ({@code LINE keyword [args]}, children indented) and the diagnostics.
 * Messages inside VRRP/checker blocks render as {@code (FILE: Line N)} (those processes read a
 * copy of the file), root-level ones as {@code (Line N)}, as keepalived -t prints them.
 */
class ParserTest {

    static Arguments row(String name, String config, String tree, String diags) {
        return Arguments.of(name, config, tree, diags);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
            row("blocks, value blocks in every brace placement, simple keywords", """
                global_defs {
                  router_id r1
                  notification_email {
                    a@example.com
                    b@example.com }
                }
                vrrp_instance VI_1
                {
                  state MASTER
                  virtual_ipaddress { 198.51.100.10/24 dev eth0 }
                  virtual_ipaddress_excluded
                  {
                    2001:db8::1
                  }
                  unicast_peer {
                    203.0.113.7 }
                }
                """, """
                1 global_defs
                  2 router_id [r1]
                  3 notification_email
                    4 a@example.com
                    5 b@example.com
                7 vrrp_instance [VI_1]
                  9 state [MASTER]
                  10 virtual_ipaddress
                    10 198.51.100.10/24 [dev, eth0]
                  11 virtual_ipaddress_excluded
                    13 2001:db8::1
                  15 unicast_peer
                    16 203.0.113.7
                """, ""),
            row("unknown block keyword in global_defs: its '{' ignored, its body read at the same level, "
                    + "its '}' closes global_defs, the rest cascades at the root", """
                global_defs {
                  router_id r1
                  bogus_kw {
                    inner1 x
                    inner2 { deep }
                  }
                  notification_email {
                    a@example.com
                  }
                  smtp_server 198.51.100.5
                }
                """, """
                1 global_defs
                  2 router_id [r1]
                """, """
                (Line 3) Unknown keyword 'bogus_kw' [UNKNOWN_KEYWORD]
                (Line 3) Unexpected '{' - ignoring [UNEXPECTED_BOB]
                (Line 4) Unknown keyword 'inner1' [UNKNOWN_KEYWORD]
                (Line 5) Unknown keyword 'inner2' [UNKNOWN_KEYWORD]
                (Line 5) Unexpected '{' - ignoring [UNEXPECTED_BOB]
                (Line 5) Unknown keyword 'deep' [UNKNOWN_KEYWORD]
                (Line 6) Unknown keyword '}' [UNKNOWN_KEYWORD]
                (Line 7) Unknown keyword 'notification_email' [UNKNOWN_KEYWORD]
                (Line 7) Unexpected '{' - ignoring [UNEXPECTED_BOB]
                (Line 8) Unknown keyword 'a@example.com' [UNKNOWN_KEYWORD]
                (Line 9) Unknown keyword '}' [UNKNOWN_KEYWORD]
                (Line 10) Unknown keyword 'smtp_server' [UNKNOWN_KEYWORD]
                (Line 11) Unknown keyword '}' [UNKNOWN_KEYWORD]
                """),
            row("missing '{' of a keyword block, extra parameters of a value block, unknown block in vrrp_instance", """
                vrrp_instance VI_1 {
                  virtual_ipaddress extra {
                    198.51.100.11
                  }
                  authentication
                    auth_type PASS
                  }
                  zzz
                  {
                    qq 1
                  }
                  state BACKUP
                }
                """, """
                1 vrrp_instance [VI_1]
                  2 virtual_ipaddress [extra]
                    3 198.51.100.11
                  5 authentication
                    6 auth_type [PASS]
                """, """
                (keepalived.conf: Line 2) Block virtual_ipaddress has extra parameters extra ... [GENERAL_ERROR]
                (keepalived.conf: Line 6) Missing '{' at beginning of configuration block [MISSING_BOB]
                (keepalived.conf: Line 8) Unknown keyword 'zzz' [UNKNOWN_KEYWORD]
                (keepalived.conf: Line 9) Unexpected '{' - ignoring [UNEXPECTED_BOB]
                (keepalived.conf: Line 10) Unknown keyword 'qq' [UNKNOWN_KEYWORD]
                (Line 12) Unknown keyword 'state' [UNKNOWN_KEYWORD]
                (Line 13) Extra '}' found [UNEXPECTED_EOB]
                (Line 13) Unknown keyword '}' [UNKNOWN_KEYWORD]
                """),
            row("root level: stray '{', stray '}', unknown words, quoted keyword, unmatched quote", """
                { abc }
                "global_defs" {
                }
                xyz "open
                """, """
                2 global_defs
                """, """
                (Line 1) Unexpected '{' - ignoring [UNEXPECTED_BOB]
                (Line 1) Unknown keyword 'abc' [UNKNOWN_KEYWORD]
                (Line 1) Unknown keyword '}' [UNKNOWN_KEYWORD]
                (Line 4) Unterminated quote 'xyz "open' [GENERAL_ERROR]
                (Line 4) Unmatched quote: 'xyz "open' [UNMATCHED_QUOTE]
                (Line 4) Unknown keyword 'xyz' [UNKNOWN_KEYWORD]
                """),
            row("value block without '{' is read anyway (only logged)", """
                static_ipaddress
                  198.51.100.20/24 dev eth0
                }
                """, """
                1 static_ipaddress
                  2 198.51.100.20/24 [dev, eth0]
                """, """
                (keepalived.conf: Line 2) '{' missing from beginning of block static_ipaddress [LOG]
                (Line 3) Extra '}' found [UNEXPECTED_EOB]
                """)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parses(String name, String config, String expectedTree, String expectedDiags, @TempDir Path dir) {
        PreprocessorFixture.Out pre = PreprocessorFixture.run(dir, config);
        List<Node> roots = new Parser(Grammar.keepalived(), pre.diags()).parse(pre.logical());
        List<String> tree = new ArrayList<>();
        dump(roots, "", tree);
        assertEquals(lines(expectedTree), tree, "tree");
        assertEquals(lines(expectedDiags), pre.diagnostics(), "diagnostics");
    }

    private static void dump(List<Node> nodes, String indent, List<String> out) {
        for (Node n : nodes) {
            out.add(indent + n.origin().line() + " " + n.keyword() + (n.args().isEmpty() ? "" : " " + n.args()));
            dump(n.children(), indent + "  ", out);
        }
    }
}
