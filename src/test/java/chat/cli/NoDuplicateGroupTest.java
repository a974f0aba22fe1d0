package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graph makes a new group chat on every create: after a failure that leaves it unknown whether the
 * chat was made, the request is not sent again (exit 5, saying the chat may exist).
 */
class NoDuplicateGroupTest {
    private static final String[] GROUP = {"create", "--group", "--topic", "Incident 42", "-m", "jacob@contoso.com",
        "-m", "alex@contoso.com"};

    static Stream<Arguments> ambiguousFailures() {
        return Stream.of(
                Arguments.of("500", Reply.graphError(500, "InternalServerError", "Something broke"), "500 InternalServerError"),
                Arguments.of("502 from a proxy", Reply.html(502, "<html><head><title>502 Bad Gateway</title></head>"
                        + "<body><h1>Bad Gateway</h1></body></html>"), "502 Bad Gateway: 502 Bad Gateway (an HTML page"),
                Arguments.of("504", Reply.graphError(504, "GatewayTimeout", "Timed out"), "504 GatewayTimeout"),
                Arguments.of("a dropped connection", Reply.dropConnection(), "broke before an answer came"),
                Arguments.of("no answer in time", Reply.status(201).after(Duration.ofSeconds(3)),
                        "no answer from 127.0.0.1 within"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousFailures")
    void isNotSentAgain(String name, Reply failure, String described) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(failure);
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run(withArgs("--timeout", "1"));

            assertEquals(5, result.exitCode(), result::toString);
            assertEquals(1, graph.requests().size(), "sent once");
            assertEquals(List.of(), runner.sleeper().waits());
            assertEquals("", result.out());
            assertEquals(1, result.err().lines().count(), result::toString);
            assertTrue(result.err().contains(described), result::toString);
            assertTrue(result.err().contains("the group chat may have been created, so the request was not sent again"),
                    result::toString);
            assertTrue(result.err().contains(graph.requests().get(0).header("client-request-id")), result::toString);
        }
    }

    @Test
    void saysSoInItsJsonErrorToo() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.graphError(504, "GatewayTimeout", "Timed out"));
            CliRunner.Result result = CliRunner.against(graph).run(withArgs("-o", "json"));

            assertEquals(5, result.exitCode(), result::toString);
            JsonNode error = new ObjectMapper().readTree(result.err().lines().toList().get(1)).get("error");
            assertEquals(5, error.get("exitCode").asInt());
            assertEquals(504, error.get("status").asInt());
            assertEquals("GatewayTimeout", error.get("code").asText());
            assertTrue(error.get("mayHaveCreated").asBoolean());
            assertEquals(graph.requests().get(0).header("client-request-id"), error.get("clientRequestId").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unprocessed")
    void isRetriedWhenGraphSaysItDidNotProcessIt(String name, Reply refusal) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(refusal, Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run(GROUP);

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(2, graph.requests().size());
            assertTrue(result.out().matches("19:[0-9a-f]{32}@thread\\.v2\n"), result::toString);
        }
    }

    static Stream<Arguments> unprocessed() {
        return Stream.of(
                Arguments.of("429", Reply.graphError(429, "TooManyRequests", "Slow down").header("Retry-After", "1")),
                Arguments.of("503", Reply.graphError(503, "ServiceUnavailable", "Try later")));
    }

    private static String[] withArgs(String... more) {
        return Stream.concat(Stream.of(GROUP), Stream.of(more)).toArray(String[]::new);
    }
}
