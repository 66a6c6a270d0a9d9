package org.keepalived4j.config.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.keepalived4j.config.source.PreprocessorFixture.MAIN;
import static org.keepalived4j.config.source.PreprocessorFixture.lines;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code include} and its variants ({@code includer/m/w/b/a}) as keepalived 2.2.7 resolves them:
 * patterns relative to the including file's directory, glob matches sorted, csh braces expanded
 * alternative by alternative, and which problem is an error (FILE_NOT_FOUND, makes keepalived -t
 * exit 6) or just a printed message (OK) for which variant. Every row was run through the real
 * keepalived; its "Unknown keyword" messages show which lines were read and from where.
 */
class IncludesTest {

    static Arguments row(String name, Map<String, String> files, String expectedLines, String expectedDiags) {
        return Arguments.of(name, files, expectedLines, expectedDiags);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
            row("nested includes, each relative to the directory of the including file", Map.of(
                    MAIN, "m1\ninclude sub/a.conf\nm3\n",
                    "sub/a.conf", "a1\ninclude deeper/d.conf\na3 }\n",
                    "sub/deeper/d.conf", "d1 {\n",
                    "deeper/d.conf", "wrong1\n"), """
                1: m1
                sub/a.conf:1: a1
                deeper/d.conf:1: d1
                deeper/d.conf:1: {
                sub/a.conf:3: a3
                sub/a.conf:3: }
                3: m3
                """, ""),
            row("Extra '}' in an included file is reported against that file", Map.of(
                    MAIN, "include sub/a.conf\n",
                    "sub/a.conf", "a1\n}\n"), """
                sub/a.conf:1: a1
                sub/a.conf:2: }
                """, """
                (sub/a.conf: Line 2) Extra '}' found [UNEXPECTED_EOB]
                """),
            row("glob with several matches: sorted, hidden files and non-matches left out", Map.of(
                    MAIN, "include conf.d/*.conf\nafter\n",
                    "conf.d/20-z.conf", "z1\n",
                    "conf.d/10-y.conf", "y1\n",
                    "conf.d/15-x.conf", "x1\n",
                    "conf.d/.hidden.conf", "h1\n",
                    "conf.d/README", "r1\n"), """
                conf.d/10-y.conf:1: y1
                conf.d/15-x.conf:1: x1
                conf.d/20-z.conf:1: z1
                2: after
                """, ""),
            row("csh brace alternatives are read in the order written", Map.of(
                    MAIN, "include sub/{b,a}.conf\nz1\n",
                    "sub/a.conf", "a1\n",
                    "sub/b.conf", "b1\n"), """
                sub/b.conf:1: b1
                sub/a.conf:1: a1
                2: z1
                """, ""),
            row("definitions made in an included file are visible afterwards; include after substitution", Map.of(
                    MAIN, "$I=include s/x.conf\n$I\n$FROMINC\n",
                    "s/x.conf", "inc1\n$FROMINC=fi\n"), """
                s/x.conf:1: inc1
                3: fi
                """, ""),
            row("missing file: plain include/includer/includeb only print it, includem/w/a make it an error", Map.of(
                    MAIN, """
                        include missing.conf
                        includer missing.conf
                        includem missing.conf
                        includew missing.conf
                        includeb missing.conf
                        includea missing.conf
                        z1
                        """), """
                7: z1
                """, """
                (Line 1) Config files missing 'missing.conf'. [OK]
                (Line 2) Config files missing 'missing.conf'. [OK]
                (Line 3) Config files missing 'missing.conf'. [FILE_NOT_FOUND]
                (Line 4) Config files missing 'missing.conf'. [FILE_NOT_FOUND]
                (Line 5) Config files missing 'missing.conf'. [OK]
                (Line 6) Config files missing 'missing.conf'. [FILE_NOT_FOUND]
                """),
            row("missing directory in a wildcard pattern is a missing file, not an unmatched wildcard", Map.of(
                    MAIN, "include nodir/*.conf\nincludem nodir/*.conf\n"), "", """
                (Line 1) Config files missing 'nodir/*.conf'. [OK]
                (Line 2) Config files missing 'nodir/*.conf'. [FILE_NOT_FOUND]
                """),
            row("unmatched wildcard: silent unless the variant checks wildcards (includew/includea)", Map.of(
                    MAIN, """
                        include sub/nom*.conf
                        includer sub/nom*.conf
                        includem sub/nom*.conf
                        includew sub/nom*.conf
                        includea sub/nom*.conf
                        """,
                    "sub/a.conf", "a1\n"), "", """
                (Line 4) No config files matched 'sub/nom*.conf'. [FILE_NOT_FOUND]
                (Line 5) No config files matched 'sub/nom*.conf'. [FILE_NOT_FOUND]
                """),
            row("brace alternative missing: includeb/includea skip the whole include, others read the rest", Map.of(
                    MAIN, """
                        include sub/{a,zz}.conf
                        includem sub/{a,zz}.conf
                        includeb sub/{a,zz}.conf
                        includea sub/{a,zz}.conf
                        includer sub/{zz,yy}.conf
                        includeb sub/{zz,yy}.conf
                        """,
                    "sub/a.conf", "a1\n"), """
                sub/a.conf:1: a1
                sub/a.conf:1: a1
                """, """
                (Line 1) Some config files missing: "sub/{a,zz}.conf". [OK]
                (Line 2) Some config files missing: "sub/{a,zz}.conf". [OK]
                (Line 3) Some config files missing: "sub/{a,zz}.conf". [FILE_NOT_FOUND]
                (Line 4) Some config files missing: "sub/{a,zz}.conf". [FILE_NOT_FOUND]
                (Line 5) Config files missing 'sub/{zz,yy}.conf'. [OK]
                (Line 6) Config files missing 'sub/{zz,yy}.conf'. [FILE_NOT_FOUND]
                """),
            row("directories (shown with glob's trailing '/') and executables are skipped; includer makes it an error",
                Map.of(
                    MAIN, """
                        include adir.conf
                        includer adir.conf
                        include exec.sh
                        includer exec.sh
                        z1
                        """,
                    "adir.conf/", "",
                    "exec.sh", "e1\n"), """
                5: z1
                """, """
                (Line 1) Configuration file 'adir.conf/' is a directory - skipping [OK]
                (Line 2) Configuration file 'adir.conf/' is a directory - skipping [FILE_NOT_FOUND]
                (Line 3) Configuration file 'exec.sh' is not a regular non-executable file - skipping [OK]
                (Line 4) Configuration file 'exec.sh' is not a regular non-executable file - skipping [FILE_NOT_FOUND]
                """),
            row("a directory matched by a wildcard is skipped; after a file was read, at that file's last line",
                Map.of(
                    MAIN, "include sub/*\nz1\n",
                    "sub/0d/", "",
                    "sub/a.conf", "a1\na2\n",
                    "sub/d/", ""), """
                sub/a.conf:1: a1
                sub/a.conf:2: a2
                2: z1
                """, """
                (Line 1) Configuration file 'sub/0d/' is a directory - skipping [OK]
                (sub/a.conf: Line 2) Configuration file 'sub/d/' is a directory - skipping [OK]
                """),
            row("not an include: unknown variant letter, no pattern, 'include' glued to text", Map.of(
                    MAIN, "includex foo\ninclude\nincluded foo\ninclude_check read\n"), """
                1: includex foo
                2: include
                3: included foo
                4: include_check read
                """, "")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void includes(String name, Map<String, String> files, String expectedLines, String expectedDiags,
                  @TempDir Path dir) {
        PreprocessorFixture.Out out = PreprocessorFixture.run(dir, files);
        assertEquals(lines(expectedLines), out.lines(), "logical lines");
        assertEquals(lines(expectedDiags), out.diagnostics(), "diagnostics");
    }

    /** is_include(): the variant bits of each keyword. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void includeType(String line, int expected) {
        assertEquals(expected, Includes.includeType(line));
    }

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of("include x", 0),
                Arguments.of("include\tx", 0),
                Arguments.of("includer x", Includes.READ),
                Arguments.of("includem x", Includes.READ | Includes.MATCH),
                Arguments.of("includew x", Includes.READ | Includes.MATCH | Includes.WILDCARD),
                Arguments.of("includeb x", Includes.READ | Includes.BRACE),
                Arguments.of("includea x", Includes.READ | Includes.MATCH | Includes.WILDCARD | Includes.BRACE),
                Arguments.of("includex x", -1),
                Arguments.of("include", -1),
                Arguments.of("includer", -1),
                Arguments.of("includes", -1),
                Arguments.of("Include x", -1));
    }

    /** GLOB_BRACE expansion: nested, left to right, "{}" an empty alternative (as glibc). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("braces")
    void expandBraces(String pattern, List<String> expected) {
        assertEquals(expected, Includes.expandBraces(pattern));
    }

    static Stream<Arguments> braces() {
        return Stream.of(
                Arguments.of("a.conf", List.of("a.conf")),
                Arguments.of("{b,a}.conf", List.of("b.conf", "a.conf")),
                Arguments.of("x/{a,b}/{1,2}", List.of("x/a/1", "x/a/2", "x/b/1", "x/b/2")),
                Arguments.of("{a,{b,c}d}e", List.of("ae", "bde", "cde")),
                Arguments.of("{,x}y", List.of("y", "xy")),
                Arguments.of("a{}b", List.of("ab")));   // glibc glob(GLOB_BRACE): empty alternative
    }
}
