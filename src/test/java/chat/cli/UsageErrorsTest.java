package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.CliRunner;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A command line that cannot be parsed is told in chat's own words, one line naming the fix: exit 2,
 * nothing on stdout, nothing sent. A suggestion is made only when it is close to what was typed.
 */
class UsageErrorsTest {

    @ParameterizedTest(name = "chat {0}")
    @CsvSource(delimiter = '|', value = {
        "create --one-on-one alex@contoso.com jacob@contoso.com | people are given with an option: did you mean -m alex@contoso.com -m jacob@contoso.com?",
        "create --one-on-one -m 8b081ef6-4792-4def-b2c9-c363a1bf41d5 82af01c5-f7cc-4a2e-a728-3a5df21afd9d=4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1 | people are given with an option: did you mean --federated 82af01c5-f7cc-4a2e-a728-3a5df21afd9d=4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1?",
        "create --one-on-one foo bar                            | unexpected 'foo': create takes options only (see chat create --help)",
        "version                                                | 'version' is not a command: did you mean chat --version?",
        "craete --one-on-one                                    | 'craete' is not a command: did you mean create?",
        "delete                                                 | 'delete' is not a command: give one of create, login, logout, status, generate-completion, help",
        "--verbose create --one-on-one -m a@contoso.com          | --verbose is an option of create: put it after `create`",
        "--dry-run=true create --one-on-one                     | --dry-run is an option of create: put it after `create`",
        "-x                                                     | chat has no option -x: see chat --help",
        "--verson                                               | chat has no option --verson: did you mean --version?",
        "create --topc x                                        | create has no option --topc: did you mean --topic?",
        "create --frobnicate                                    | create has no option --frobnicate: see chat create --help",
        "create --one-on-one -m                                 | -m needs a value: give -m USER",
        "create --topic --group                                 | --topic needs a value: give --topic TEXT",
        "create --group --topic a --topic b                     | --topic is given twice: give it once",
        "create --one-on-one --one-on-one                       | --one-on-one is given twice: give it once",
        "create --one-on-one --group                            | give --one-on-one or --group, not both",
        "create --from a --from b                               | --from is given twice: give it once",
        "create --journal j.jsonl --one-on-one                  | --journal goes with --from FILE: give both, or neither",
        "create --max-retries many                              | --max-retries takes a whole number, not 'many'",
        "create --dry-run=yes                                   | --dry-run takes no value: give --dry-run alone, not --dry-run=yes",
        "create --if-exists maybe                               | --if-exists 'maybe' is not reuse, create or fail",
        "status --certificate a.pem --managed-identity          | give --certificate or --managed-identity, not both",
        "logout now                                             | unexpected 'now': logout takes options only (see chat logout --help)",
        "generate-completion bash zsh                           | unexpected 'zsh': generate-completion takes one SHELL",
        "login --tenant                                         | --tenant needs a value: give --tenant TENANT",
    })
    void isToldInOneLineNamingTheFix(String args, String expected) {
        CliRunner.Result result = CliRunner.offline().run(args.split(" "));

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals(List.of("chat: " + expected), result.err().lines().toList());
    }
}
