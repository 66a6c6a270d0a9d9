package org.keepalived4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * glibc getopt_long() as keepalived's parse_cmdline() sees it. Each row: the words, what getopt
 * returned in order ({@code f=VALUE} an option with its argument, {@code !MESSAGE} keepalived's
 * message for '?' or ':'), and the words left over. Rows checked against keepalived 2.2.7 where
 * it prints something ({@code keepalived -t ...}: the messages and "Unexpected argument(s)").
 */
class GetoptLongTest {

    static String render(GetoptLong.Result r) {
        return r.events().stream().map(e -> e.kind() != GetoptLong.Kind.OPTION ? "!" + e.message()
                : (e.spec().shortName() != 0 ? String.valueOf(e.spec().shortName()) : e.spec().longName())
                        + (e.optarg() == null ? "" : "=" + e.optarg())).collect(Collectors.joining(" ; "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // clusters, required arguments attached or in the next word (whatever it looks like)
            "-nlD                     | n ; l ; D                        | ''",
            "-f -t.conf -n            | f=-t.conf ; n                    | ''",
            "-fk.conf                 | f=k.conf                         | ''",
            "-nf k.conf               | n ; f=k.conf                     | ''",
            // optional arguments only attached
            "-t                       | t                                | ''",
            "-tLOG                    | t=LOG                            | ''",
            "-t LOG                   | t                                | LOG",
            "--config-test=LOG        | t=LOG                            | ''",
            "--config-test LOG        | t                                | LOG",
            "-M                       | M                                | ''",
            // long options, abbreviations, exact names before prefixes
            "--use-file=k.conf        | f=k.conf                         | ''",
            "--use-file k.conf        | f=k.conf                         | ''",
            "--use k.conf             | f=k.conf                         | ''",
            "--vrrp                   | P                                | ''",
            "--vrrp_ x                | r=x                              | ''",
            "--check                  | C                                | ''",
            "--signum=JSON            | signum=JSON                      | ''",
            "--sig JSON               | signum=JSON                      | ''",
            // errors, as keepalived words them
            "--dont-release           | !Unknown option --dont-release   | ''",
            "--bogus=1                | !Unknown option --bogus=1        | ''",
            "--vrrp=1                 | !Unknown option --vrrp=1         | ''",
            "-nZ                      | n ; !Unknown option -Z           | ''",
            "--use-file=              | !Missing parameter for option --use-file | ''",
            "-f                       | !Missing parameter for option -f | ''",
            "-n --pid                 | n ; !Missing parameter for option --pid | ''",
            // keepalived 2.2.7 prints "--X" here: glibc leaves longindex at -1 on this error and it
            // reads long_options[-1]; we name the option
            "--pi                     | !Missing parameter for option --pid | ''",
            // operands: permuted after the options; -- ends the options; - is an operand
            "a -n b                   | n                                | a b",
            "-n -- -t x               | n                                | -t x",
            "- -l                     | l                                | -",
    })
    void parsesAsGlibc(String words, String events, String operands) {
        check(false, words, events, operands);
    }

    static void check(boolean posixlyCorrect, String words, String events, String operands) {
        GetoptLong.Result r = new GetoptLong(Options.ALL_OPTIONS, posixlyCorrect).parse(words.trim().split(" +"));
        assertEquals(events, render(r), words);
        assertEquals(operands, String.join(" ", r.operands()), words);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-n a -l   | n  | a -l",
            "-- -n     | '' | -n",
    })
    void posixlyCorrectStopsAtTheFirstOperand(String words, String events, String operands) {
        check(true, words, events, operands);
    }

    @ParameterizedTest
    @CsvSource({"-f,f", "--use-file,f"})
    void theTableHasKeepalivedsOptionLetters(String word, String letter) {
        List<GetoptLong.Event> e = new GetoptLong(Options.ALL_OPTIONS, false).parse(new String[] {word, "x"}).events();
        assertEquals(letter, String.valueOf(e.get(0).spec().shortName()));
    }
}
