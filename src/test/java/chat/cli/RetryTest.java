package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Throttling and transient faults: retried within bounds, with Graph's Retry-After honoured. */
class RetryTest {
    private static final String[] ONE_ON_ONE = {"create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com"};
    private static final String[] GROUP = {"create", "--group", "-m", "jacob@contoso.com", "-m", "alex@contoso.com",
        "-m", "megan@contoso.com"};

    static Stream<Arguments> retryAfterForms() {
        return Stream.of(
                Arguments.of("whole seconds", "2", Duration.ofSeconds(2)),
                Arguments.of("fractional seconds", "2.128", Duration.ofMillis(2128)),
                Arguments.of("zero", "0", Duration.ZERO),
                Arguments.of("more than a backoff may last: as asked, within the time limit", "90", Duration.ofSeconds(90)));
    }

    @ParameterizedTest(name = "429 with Retry-After as {0}")
    @MethodSource("retryAfterForms")
    void throttlingIsRetriedAfterTheWaitGraphAsksFor(String form, String retryAfter, Duration expected) {
        for (String[] command : List.of(ONE_ON_ONE, GROUP)) {
            try (FakeGraph graph = FakeGraph.start()) {
                graph.reply(Reply.graphError(429, "TooManyRequests", "Rate limit exceeded").header("Retry-After", retryAfter),
                        Reply.asGraph());
                CliRunner runner = CliRunner.against(graph);
                CliRunner.Result result = runner.run(withArgs(command, "--timeout", "600"));

                assertEquals(0, result.exitCode(), result::toString);
                assertEquals(List.of(expected), runner.sleeper().waits());
                assertRetriedOnce(graph.requests());
                assertTrue(result.err().contains("Graph is throttling requests (429 TooManyRequests: Rate limit exceeded); "
                        + "trying again in"), result::toString);
            }
        }
    }

    /** The fake server stamps every answer with a Date, as Graph does: an HTTP-date is read against it. */
    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheAnswersDate() {
        try (FakeGraph graph = FakeGraph.start()) {
            String in7Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(7).withNano(0));
            graph.reply(Reply.graphError(429, "TooManyRequests", "Slow down").header("Retry-After", in7Seconds),
                    Reply.asGraph());
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run(GROUP);

            assertEquals(0, result.exitCode(), result::toString);
            Duration wait = runner.sleeper().waits().get(0);
            assertTrue(wait.compareTo(Duration.ofSeconds(6)) >= 0 && wait.compareTo(Duration.ofSeconds(8)) <= 0,
                    () -> "about 7 s, but " + wait);
            assertRetriedOnce(graph.requests());
        }
    }

    @Test
    void transientFaultsAreRetriedWithGrowingJitteredBackoff() {
        for (String[] command : List.of(ONE_ON_ONE, GROUP)) {
            try (FakeGraph graph = FakeGraph.start()) {
                graph.reply(Reply.graphError(503, "ServiceUnavailable", "Try later"),
                        Reply.graphError(503, "ServiceUnavailable", "Try later"),
                        Reply.graphError(429, "TooManyRequests", "No Retry-After"),
                        Reply.asGraph());
                CliRunner runner = CliRunner.against(graph);
                CliRunner.Result result = runner.run(command);

                assertEquals(0, result.exitCode(), result::toString);
                assertEquals(4, graph.requests().size());
                List<Duration> waits = runner.sleeper().waits();
                assertEquals(3, waits.size());
                for (int retry = 1; retry <= 3; retry++) {
                    long full = 1000L << (retry - 1);
                    long millis = waits.get(retry - 1).toMillis();
                    assertTrue(millis >= full / 2 && millis <= full, "retry " + retry + " waited " + millis + " ms");
                    assertEquals(String.valueOf(retry), graph.requests().get(retry).header("Retry-Attempt"));
                }
            }
        }
    }

    @ParameterizedTest(name = "one-on-one after {0}")
    @MethodSource("ambiguousFailures")
    void aOneOnOneIsRetriedEvenAfterAnAmbiguousFailure(String name, Reply failure) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(failure, Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run(withArgs(ONE_ON_ONE, "--timeout", "2"));

            assertEquals(0, result.exitCode(), result::toString);
            assertRetriedOnce(graph.requests());
            assertTrue(result.out().matches("19:\\S+@unq\\.gbl\\.spaces\n"), result::toString);
        }
    }

    static Stream<Arguments> ambiguousFailures() {
        return Stream.of(
                Arguments.of("502", Reply.html(502, "<html><title>Bad Gateway</title></html>")),
                Arguments.of("504", Reply.graphError(504, "GatewayTimeout", "Timed out")),
                Arguments.of("a dropped connection", Reply.dropConnection()),
                Arguments.of("no answer in time", Reply.status(201).after(Duration.ofSeconds(4))));
    }

    @Test
    void retriesRunOutAfterMaxRetries() {
        try (FakeGraph graph = FakeGraph.start()) {
            for (int i = 0; i < 4; i++) {
                graph.reply(Reply.graphError(429, "TooManyRequests", "Rate limit exceeded").header("Retry-After", "1"));
            }
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run(GROUP);

            assertEquals(5, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals(4, graph.requests().size(), "the first attempt and 3 retries");
            assertEquals(3, runner.sleeper().waits().size());
            assertTrue(result.err().endsWith("chat: gave up after 4 attempts; the last: Graph is throttling requests "
                    + "(429 TooManyRequests: Rate limit exceeded)\n"), result::toString);
            assertEquals(4, result.err().lines().count(), "three retry notices and the error");
        }
    }

    @Test
    void maxRetriesZeroSendsOnce() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.graphError(503, "ServiceUnavailable", "Try later"));
            CliRunner.Result result = CliRunner.against(graph).run(withArgs(ONE_ON_ONE, "--max-retries", "0"));

            assertEquals(5, result.exitCode(), result::toString);
            assertEquals(1, graph.requests().size());
            assertEquals("chat: gave up after 1 attempt; the last: 503 ServiceUnavailable: Try later\n", result.err());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "Retry-After: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "45                            | 45   | Graph asked to be called again in 45 s (at ",
        "1000                          | 1000 | Graph asked to be called again in 1000 s (at ",
        "99999999999999999999          |      | Graph asked to be called again in a year or more, which is",
        "Thu, 01 Jan 2099 00:00:00 GMT |      | Graph asked to be called again in a year or more, which is",
    })
    void aWaitBeyondTheTimeLimitIsNotStarted(String retryAfter, Long seconds, String expected) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.graphError(429, "TooManyRequests", "Come back later").header("Retry-After", retryAfter));
            CliRunner runner = CliRunner.against(graph);
            java.time.Instant before = runner.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            CliRunner.Result result = runner.run(withArgs(ONE_ON_ONE, "--timeout", "30"));

            assertEquals(5, result.exitCode(), result::toString);
            assertEquals(1, graph.requests().size());
            assertEquals(List.of(), runner.sleeper().waits(), "given up at once");
            assertTrue(result.err().contains(expected), result::toString);
            assertTrue(result.err().contains(" past the time limit of 30 s (--timeout), after 1 attempt"), result::toString);
            if (seconds != null) {
                java.util.regex.Matcher at = java.util.regex.Pattern.compile("\\(at ([^)]+)\\)").matcher(result.err());
                assertTrue(at.find(), result::toString);
                Duration ahead = Duration.between(before, java.time.Instant.parse(at.group(1)));
                assertTrue(ahead.toSeconds() >= seconds && ahead.toSeconds() <= seconds + 5, ahead::toString);
            }
        }
    }

    @Test
    void aRefusedConnectionIsRetriedForAGroupTooAsTheRequestNeverLeft() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner runner = new CliRunner().env("CHAT_GRAPH_URL", "http://127.0.0.1:" + closedPort)
                .env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN);
        CliRunner.Result result = runner.run(GROUP);

        assertEquals(5, result.exitCode(), result::toString);
        assertEquals(3, runner.sleeper().waits().size());
        assertTrue(result.err().contains("chat: gave up after 4 attempts; the last: cannot connect to 127.0.0.1"),
                result::toString);
        assertTrue(!result.err().contains("may have been created"), result::toString);
    }

    private static String[] withArgs(String[] command, String... more) {
        return Stream.concat(Stream.of(command), Stream.of(more)).toArray(String[]::new);
    }

    /** The same request twice: the second with Retry-Attempt: 1, both with one client-request-id. */
    private static void assertRetriedOnce(List<RecordedRequest> requests) {
        assertEquals(2, requests.size());
        assertNull(requests.get(0).header("Retry-Attempt"));
        assertEquals("1", requests.get(1).header("Retry-Attempt"));
        assertEquals(requests.get(0).header("client-request-id"), requests.get(1).header("client-request-id"));
        assertEquals(requests.get(0).body(), requests.get(1).body());
    }
}
