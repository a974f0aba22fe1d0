package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused before any token or network: exit 2, one line on stderr naming the bad value,
 * nothing on stdout, nothing sent.
 */
class ValidationTest {
    private static final String A = "8b081ef6-4792-4def-b2c9-c363a1bf41d5";
    private static final String B = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
    private static final String C = "3626a173-f2bc-4883-bcf7-01514c3bfb82";
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";

    static Stream<Arguments> badInput() {
        return Stream.of(
                bad("no chat type", "--one-on-one | --group", "-m", A, "-m", B),
                bad("both chat types", "give --one-on-one or --group, not both", "--one-on-one", "--group", "-m", A, "-m", B),
                bad("one-on-one of three", "exactly two people, and 3 are listed",
                        "--one-on-one", "-m", A, "-m", B, "-m", C),
                bad("one-on-one with a topic", "one-on-one chat has no topic",
                        "--one-on-one", "-m", A, "-m", B, "--topic", "Hello"),
                bad("group of none", "at least two people, and 0 are listed", "--group"),
                bad("one-on-one of none", "exactly two people, and 0 are listed", "--one-on-one"),
                bad("251 people", "at most 250 people, and 251 are listed", manyPeople(251)),
                bad("empty topic", "topic is blank", "--group", "-m", A, "-m", B, "--topic", ""),
                bad("blank topic", "topic is blank", "--group", "-m", A, "-m", B, "--topic", "   "),
                bad("a topic of no-break and zero-width spaces", "topic is blank", "--group", "-m", A, "-m", B,
                        "--topic", "\u00a0\u200b"),
                bad("a topic of two lines", "topic is one line of text", "--group", "-m", A, "-m", B,
                        "--topic", "Incident\n42"),
                bad("a topic with a line separator", "topic is one line of text", "--group", "-m", A, "-m", B,
                        "--topic", "Incident\u202842"),
                bad("a topic with a paragraph separator", "topic is one line of text", "--group", "-m", A, "-m", B,
                        "--topic", "Incident\u202942"),
                bad("a topic with a right-to-left override", "topic is one line of text", "--group", "-m", A, "-m", B,
                        "--topic", "Invoice \u202egpj.exe"),
                bad("a topic with a direction isolate", "topic is one line of text", "--group", "-m", A, "-m", B,
                        "--topic", "Team \u2067x\u2069"),
                bad("a direction override in a user, shown as an escape", "'\\u202exoc.otnoc@ela' is not a valid user",
                        "--one-on-one", "-m", A, "-m", "\u202exoc.otnoc@ela"),
                bad("a line break in a user", "'a\\n@x.com' is not a valid user", "--one-on-one", "-m", A,
                        "-m", "a\n@x.com"),
                bad("an escape sequence in a user", "'\\x1b[31ma@x.com' is not a valid user", "--one-on-one", "-m", A,
                        "-m", "\u001b[31ma@x.com"),
                bad("a space", "'alex smith@contoso.com' is not a valid user: a user principal name cannot contain a space",
                        "--one-on-one", "-m", A, "-m", "alex smith@contoso.com"),
                bad("parentheses", "'alex(1)@contoso.com' is not a valid user",
                        "--one-on-one", "-m", A, "-m", "alex(1)@contoso.com"),
                bad("a slash", "'a/b@contoso.com' is not a valid user: a user principal name cannot contain '/'",
                        "--one-on-one", "-m", A, "-m", "a/b@contoso.com"),
                bad("URL injection", "is not a valid user: a user principal name cannot contain ')'",
                        "--one-on-one", "-m", A, "-m", "x')/../../admin@contoso.com"),
                bad("query injection", "cannot contain '?'", "--one-on-one", "-m", A, "-m", "x?$select=id@contoso.com"),
                bad("the documentation's non-GUID id", "'8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g' is not a valid object id"
                        + ": a GUID has only the hex digits 0-9 and a-f, and it contains 'g'",
                        "--group", "-m", A, "-m", B, "-g", "8ba98gf6-7fc2-4eb2-c7f2-aef9f21fd98g"),
                bad("neither GUID nor UPN", "'alex' is not a valid user: expected an object id (GUID) or a user principal name",
                        "--one-on-one", "-m", A, "-m", "alex"),
                bad("an empty user", "a user cannot be empty", "--one-on-one", "-m", A, "-m", ""),
                bad("a domain without a dot", "needs a dot", "--one-on-one", "-m", A, "-m", "alex@contoso"),
                bad("two @", "a second '@'", "--one-on-one", "-m", A, "-m", "alex@x@contoso.com"),
                bad("the same person twice", "'" + A + "' is listed twice", "--group", "-m", A, "-m", B, "-m", A),
                bad("the same UPN in another case and role", "'alex@CONTOSO.com' and 'Alex@contoso.com' are the same person",
                        "--group", "-m", "Alex@contoso.com", "-m", B, "-g", "alex@CONTOSO.com"),
                bad("the same GUID in upper case", "is listed twice", "--group", "-m", A, "-m", B,
                        "--federated", A.toUpperCase() + "=" + TENANT),
                bad("a tenant id that is not a GUID", "'contoso.com' is not a valid tenant id",
                        "--one-on-one", "-m", A, "--federated", B + "=contoso.com"),
                bad("a federated user by UPN", "give their object id", "--one-on-one", "-m", A,
                        "--federated", "alex@fabrikam.com=" + TENANT),
                bad("a federated user without a tenant", "is not USER=TENANT_ID", "--one-on-one", "-m", A,
                        "--federated", B),
                bad("an app id that is not a GUID", "'my-app' is not a valid Teams app id",
                        "--group", "-m", A, "-m", B, "--install-app", "my-app"),
                bad("an unknown output format", "--output 'xml' is not an output format: expected text or json",
                        "--one-on-one", "-m", A, "-m", B, "-o", "xml"),
                bad("an unknown cloud", "--cloud 'mars' is not a cloud: expected one of global, usgov, usgov-dod, china",
                        "--one-on-one", "-m", A, "-m", B, "--cloud", "mars"),
                bad("negative retries", "--max-retries -1 is out of range", "--one-on-one", "-m", A, "-m", B,
                        "--max-retries", "-1"),
                bad("too many retries", "--max-retries 11 is out of range", "--one-on-one", "-m", A, "-m", B,
                        "--max-retries", "11"),
                bad("a zero timeout", "--timeout 0 is out of range", "--one-on-one", "-m", A, "-m", B, "--timeout", "0"),
                bad("a misspelt option", "did you mean --topic?", "--group", "-m", A, "-m", B, "--topc", "x"));
    }

    private static Arguments bad(String name, String expected, String... options) {
        return Arguments.of(name, expected, options);
    }

    private static String[] manyPeople(int count) {
        List<String> args = new ArrayList<>(List.of("--group"));
        for (int i = 0; i < count; i++) {
            args.add("-m");
            args.add(String.format("%08x-0000-4000-8000-000000000000", i));
        }
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedWithOneLineAndNothingSent(String name, String expected, String[] options) {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run(create(options));

            assertRefused(result, expected);
            assertEquals(List.of(), graph.requests(), "nothing may be sent");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedBeforeAnyCredentialIsNeeded(String name, String expected, String[] options) {
        assertRefused(CliRunner.offline().run(create(options)), expected);
    }

    /**
     * An application's token acts for nobody, so the listed people are everyone; a person's sign-in
     * adds the signed-in user, so one listed person can be enough (see SignInTest).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tooFewForAnApplication")
    void withAnApplicationsCredentialTheListedPeopleAreEveryone(String name, String expected, String[] options) {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run(create(options));

            assertRefused(result, expected);
            assertEquals(List.of(), graph.requests(), "nothing may be sent");
        }
    }

    static Stream<Arguments> tooFewForAnApplication() {
        return Stream.of(
                bad("one-on-one of one", "exactly two people, and 1 is listed", "--one-on-one", "-m", A),
                bad("group of one", "at least two people, and 1 is listed", "--group", "-m", A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingsInTheEnvironmentAreRefusedToo(String name, String variable, String value, String expected) {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env(variable, value)
                    .run("create", "--one-on-one", "-m", A, "-m", B);

            assertRefused(result, expected);
            assertEquals(List.of(), graph.requests(), "nothing may be sent");
        }
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("an unknown cloud", "CHAT_CLOUD", "mars", "CHAT_CLOUD 'mars' is not a cloud"),
                Arguments.of("Graph in clear text", "CHAT_GRAPH_URL", "http://graph.example.com",
                        "must be an https:// URL"),
                Arguments.of("Graph in clear text to a name that looks like loopback", "CHAT_GRAPH_URL",
                        "http://127.0.0.1.example.com", "must be an https:// URL"),
                Arguments.of("a SOCKS proxy", "HTTPS_PROXY", "socks5://127.0.0.1:1080", "only http:// proxies"),
                Arguments.of("a proxy without a host", "HTTPS_PROXY", "http://:8080", "names no proxy host"));
    }

    private static String[] create(String[] options) {
        return Stream.concat(Stream.of("create"), Stream.of(options)).toArray(String[]::new);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "a token with {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"eyJhbGci.eyJzdWIi\r\nX-Injected: 1", "eyJ secret", "eyJ\u0001"})
    void aTokenWithCharactersNoTokenHasIsRefusedWithoutShowingIt(String token) {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token)
                    .run("create", "--one-on-one", "-m", A, "-m", B);

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals("chat: CHAT_ACCESS_TOKEN holds spaces, line breaks or other characters no token has: set it "
                    + "to the token alone\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }

    @Test
    void withThePersonSignedInTwoHundredAndFiftyOthersAreTooMany() {
        String token = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create\",\"upn\":\"me@contoso.com\","
                + "\"oid\":\"9d3c8a31-5f0b-4a7e-8d2c-1b4e6f7a8c9d\"}");
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token).run(create(manyPeople(250)));

            assertRefused(result, "a chat holds at most 250 people: you (me@contoso.com) and the 250 listed are 251");
            assertEquals(List.of(), graph.requests());
        }
    }

    static void assertRefused(CliRunner.Result result, String expected) {
        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out(), "nothing on stdout");
        assertTrue(result.err().startsWith("chat: "), result::toString);
        assertTrue(result.err().contains(expected), () -> "expected '" + expected + "' in\n" + result.err());
        assertEquals(1, result.err().lines().count(), () -> "one line, got\n" + result.err());
        assertFalse(result.err().contains("Exception"), "no stack trace");
    }
}
