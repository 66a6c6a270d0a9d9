package org.keepalived4j.config.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.config.source.PreprocessorFixture.lines;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * keepalived's read_line() on a single file: each row is the configuration text, the logical
 * lines it becomes ({@code LINE: text}) and the diagnostics ({@code rendered [CLASS]}). The
 * expectations were checked against keepalived 2.2.7 ({@code keepalived -t}, config id lb1),
 * whose "Unknown keyword" messages reveal the first word and line of every logical line.
 */
class PreprocessorTest {

    static Arguments row(String name, String config, String expectedLines, String expectedDiags) {
        return Arguments.of(name, config, expectedLines, expectedDiags);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
            row("comments: ! and # outside quotes, escaped \\# \\! literal, blanks trimmed", """
                aa1 # comment
                bb2 ! comment
                cc3\\#x
                dd4\\!y
                "ee5 #x" q
                  \tgg7\t\s
                #only
                !only
                hh8 "a"#c
                ii9 "x!y" ! tail
                jj1 \\"x # c
                kk2 "a \\# b"

                \t\s\s
                ll3 \\
                """, """
                1: aa1
                2: bb2
                3: cc3#x
                4: dd4!y
                5: "ee5 #x" q
                6: gg7
                9: hh8 "a"
                10: ii9 "x!y"
                11: jj1 \\"x
                12: kk2 "a \\# b"
                15: ll3\\
                """, ""),
            row("unterminated quote: reported, comment character inside it kept", """
                ff6 "unterminated # here
                next
                """, """
                1: ff6 "unterminated # here
                2: next
                """, """
                (Line 1) Unterminated quote 'ff6 "unterminated # here' [GENERAL_ERROR]
                """),
            row("@id and @^id against the config id; bare @id and @ are dropped", """
                @lb1 aa1
                @lb2 bb2
                @^lb1 cc3
                @^lb2 dd4
                @lb1
                @ ee5
                @^ ff6
                @lb1\tgg7
                $X=@lb1 hh8
                $X
                $Y=@lb2 ii9
                $Y
                @lb1x jj1
                @lb kk2
                @lb1   @^lb2 ll3
                """, """
                1: aa1
                4: dd4
                7: ff6
                8: gg7
                10: hh8
                15: @^lb2 ll3
                """, ""),
            row("definitions: $NAME, ${NAME}, terminators (not '.'), undefined names untouched (their braces split), redefinition", """
                $A=one
                $A
                $A,x
                $A)x
                $Ax
                ${A}x
                $B = two
                $B
                zz $NOPE ${NOPE}
                $1=x
                $C=${A}-${A}
                $C
                $A=new
                $C
                $D=\t  spaced value  \t
                [$D]
                $E=
                e$E.
                """, """
                2: one
                3: one,x
                4: one)x
                5: $Ax
                6: onex
                7: $B = two
                8: $B
                9: zz $NOPE $
                9: {
                9: NOPE
                9: }
                10: $1=x
                12: one-one
                14: new-new
                16: [$D]
                18: e$E.
                """, ""),
            row("standard definitions: ${_HASH} / ${_BANG} are decommented again, _INSTANCE, fixed _RANDOM, override", """
                $_HASH
                foo${_HASH}bar
                q"${_HASH}"r
                ${_BANG}x
                i${_INSTANCE}
                r${_RANDOM 7 7}
                $_HASH=redef
                k${_HASH}
                """, """
                2: foo
                3: q"#"r
                5: ilb1
                6: r7
                8: kredef
                """, ""),
            row("substitution then @id recheck and comment after substitution", """
                $C=@lb1 cond1
                $C
                $NC=@^lb1 cond2
                $NC
                $U=pre\\#x
                $U
                $V=val
                @lb1 $V
                """, """
                2: cond1
                6: pre
                8: val
                """, ""),
            row("multi-line definitions: continuation, blank line ends, use at end of line only", """
                $M=line1 \\
                   line2 \\
                 line3
                m1
                $M
                x $M
                $M y
                $E=\\
                aa\\
                bb

                $E
                $F=ff \\

                after
                $F
                """, """
                4: m1
                5: line1
                5: line2
                5: line3
                6: x line1
                6: line2
                6: line3
                7: $M y
                12: aa
                12: bb
                15: after
                16: ff
                """, ""),
            row("braces are split onto lines of their own, quoted braces are not", """
                aa1{bb2}cc3
                { dd4 }
                "qq{"x { ee5 }
                ff6 {
                gg7 }}}
                $D=hh8 { ii9
                $D jj1 }
                "un { terminated
                """, """
                1: aa1
                1: {
                1: bb2
                1: }
                1: cc3
                2: {
                2: dd4
                2: }
                3: "qq{"x
                3: {
                3: ee5
                3: }
                4: ff6
                4: {
                5: gg7
                5: }
                5: }
                5: }
                7: hh8
                7: {
                7: ii9 jj1
                7: }
                8: "un { terminated
                """, """
                (Line 5) Extra '}' found [UNEXPECTED_EOB]
                (Line 5) Extra '}' found [UNEXPECTED_EOB]
                (Line 8) Unterminated quote '"un { terminated' [GENERAL_ERROR]
                """),
            row("missing closing braces are counted at the end of the configuration", """
                a {
                b {
                {
                }
                """, """
                1: a
                1: {
                2: b
                2: {
                3: {
                4: }
                """, """
                There are 2 missing '}'s or extra '{'s [MISSING_EOB]
                """),
            row("~SEQ forms: end only, start/end, start/step/end, descending, negative, hex", """
                ~SEQ(i, 3) s$i
                ~SEQ(i, 5, 3) t$i
                ~SEQ(i, 0, 2, 4) u$i
                ~SEQx(i, 9, 3, 15) v$i
                ~SEQ(i, -2) w$i
                ~SEQ(i,0x10,0x11) h$i
                after$i
                """, """
                1: s1
                1: s2
                1: s3
                2: t5
                2: t4
                2: t3
                3: u0
                3: u2
                3: u4
                4: v9
                4: vc
                4: vf
                5: w-1
                5: w-2
                6: h16
                6: h17
                7: after17
                """, ""),
            row("nested ~SEQ, definitions as ~SEQ parameters, ~SEQ held in a definition", """
                ~SEQ(i, 1, 2) ~SEQ(j, 1, 2) n${i}_$j
                $R=3
                ~SEQ(k, $R) r$k
                $S=~SEQ(m,2) sq$m
                $S
                """, """
                1: n1_1
                1: n1_2
                1: n2_1
                1: n2_2
                3: r1
                3: r2
                3: r3
                5: sq1
                5: sq2
                """, ""),
            row("~LST with single variable and with {a,b} sets (missing values are blank)", """
                ~LST(v, a, b, c) l$v
                ~LST({p,q}, {1,2}, {3,4}, {5}) m${p}_${q}x
                ~LST({p, q},{ 1 , 2 }) o${p}${q}
                """, """
                1: la
                1: lb
                1: lc
                2: m1_2x
                2: m3_4x
                2: m5_x
                3: o12
                """, ""),
            row("malformed ~SEQ / ~LST: keepalived's specific message then the generic one", """
                ~SEQ(i, 1, 0, 3) bad1
                ~SEQx(i, -1, 2) bad2
                ~SEQ i bad3
                ~SEQ(, 3) bad4
                ~LST(a) bad5
                ~LST({a,b}, {1,2,3}) bad6
                ~SEQ(i, 1,2,3,4) bad7
                ~LSTx bad8
                ok9
                """, """
                9: ok9
                """, """
                (Line 1) Invalid ~SEQ values '~SEQ(i, 1, 0, 3) bad1' [GENERAL_ERROR]
                (Line 1) Invalid ~SEQ specification '~SEQ(i, 1, 0, 3) bad1' [GENERAL_ERROR]
                (Line 2) ~SEQx is only valid for positive numbers '~SEQx(i, -1, 2) bad2' [GENERAL_ERROR]
                (Line 2) Invalid ~SEQ specification '~SEQx(i, -1, 2) bad2' [GENERAL_ERROR]
                (Line 3) Invalid ~SEQ specification '~SEQ i bad3' [GENERAL_ERROR]
                (Line 4) Invalid ~SEQ definition '~SEQ(, 3) bad4' [GENERAL_ERROR]
                (Line 4) Invalid ~SEQ specification '~SEQ(, 3) bad4' [GENERAL_ERROR]
                (Line 5) Invalid ~LST specification '~LST(a) bad5' [GENERAL_ERROR]
                (Line 6) ~LST specification has too many values '~LST({a,b}, {1,2,3}) bad6' [GENERAL_ERROR]
                (Line 6) Invalid ~LST specification '~LST({a,b}, {1,2,3}) bad6' [GENERAL_ERROR]
                (Line 7) Invalid ~SEQ definition '~SEQ(i, 1,2,3,4) bad7' [GENERAL_ERROR]
                (Line 7) Invalid ~SEQ specification '~SEQ(i, 1,2,3,4) bad7' [GENERAL_ERROR]
                (Line 8) Invalid ~LST specification '~LSTx bad8' [GENERAL_ERROR]
                """),
            row("a line starting with ~ that is no generator is kept verbatim", """
                $A=x
                ~other $A
                """, """
                2: ~other $A
                """, ""),
            row("CRLF line endings are stripped; only LF ends a line (fgets)", "a1\r\nb2 {\r\n}\r\nc3\rc4\n", """
                1: a1
                2: b2
                2: {
                3: }
                4: c3\rc4
                """, "")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void preprocesses(String name, String config, String expectedLines, String expectedDiags, @TempDir Path dir) {
        PreprocessorFixture.Out out = PreprocessorFixture.run(dir, config);
        assertEquals(lines(expectedLines), out.lines(), "logical lines");
        assertEquals(lines(expectedDiags), out.diagnostics(), "diagnostics");
    }
}
