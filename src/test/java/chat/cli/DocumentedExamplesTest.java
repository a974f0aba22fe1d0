package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.CliRunner;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of Microsoft's five documented examples, written with the options, gives the documented body. */
class DocumentedExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("1-one-on-one-by-id", new String[] {"--one-on-one",
                    "-m", "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "-m", "82af01c5-f7cc-4a2e-a728-3a5df21afd9d"}),
                Arguments.of("2-group-with-topic", new String[] {"--group", "--topic", "Group chat title",
                    "-m", "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca", "-m", "82fe7758-5bb3-4f0d-a43f-e555fd399c6f",
                    "-m", "3626a173-f2bc-4883-bcf7-01514c3bfb82"}),
                Arguments.of("3-one-on-one-by-upn", new String[] {"--one-on-one",
                    "-m", "jacob@contoso.com", "-m", "alex@contoso.com"}),
                Arguments.of("4-group-with-in-tenant-guest", new String[] {"--group", "--topic", "Group chat title",
                    "-m", "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca", "-m", "82fe7758-5bb3-4f0d-a43f-e555fd399c6f",
                    "-g", "8ba98af6-7fc2-4eb2-c7f2-aef9f21fd98a"}),
                Arguments.of("5-one-on-one-federated", new String[] {"--one-on-one",
                    "-m", "8b081ef6-4792-4def-b2c9-c363a1bf41d5",
                    "--federated", "82af01c5-f7cc-4a2e-a728-3a5df21afd9d=4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void dryRunPrintsTheDocumentedBody(String example, String[] options) throws IOException {
        CliRunner.Result result = CliRunner.offline().run(args(options, "--dry-run", "-o", "json"));

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(documented(example), JSON.readTree(result.out()));
        assertEquals("chat: not signed in: a person's sign-in (chat login) would add the signed-in user to this chat "
                + "as an owner, unless listed; an application's credential would send it as shown\n", result.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theDocumentedBodyIsWhatGraphReceives(String example, String[] options) throws IOException {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).run(args(options));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, graph.requests().size());
            assertEquals("/v1.0/chats", graph.requests().get(0).path());
            assertEquals(documented(example), graph.requests().get(0).json());
        }
    }

    private static String[] args(String[] options, String... more) {
        return Stream.concat(Stream.of("create"), Stream.concat(Stream.of(options), Stream.of(more)))
                .toArray(String[]::new);
    }

    static JsonNode documented(String example) throws IOException {
        try (InputStream in = DocumentedExamplesTest.class.getResourceAsStream("/examples/" + example + ".request.json")) {
            return JSON.readTree(in);
        }
    }
}
