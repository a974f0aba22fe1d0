package chat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake itself: a scripted reply does what it says however it is delayed or acted on, and a test
 * is told of every request it did not script and every reply it did not use.
 */
class FakeGraphTest {
    private static final String GROUP = "{\"chatType\":\"group\",\"members\":["
            + member("jacob@contoso.com") + "," + member("alex@contoso.com") + "]}";

    private static String member(String upn) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('" + upn + "')\"}";
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> create(FakeGraph graph) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(graph.url() + "/v1.0/chats"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GROUP)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(FakeGraph graph, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(graph.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The ways a scripted reply is changed after it is made; none may lose what the reply does. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("as made", UnaryOperator.<Reply>identity()),
                Arguments.of("delayed", (UnaryOperator<Reply>) reply -> reply.after(Duration.ofMillis(50))),
                Arguments.of("acted on at arrival", (UnaryOperator<Reply>) reply -> reply.whenReceived(() -> { })),
                Arguments.of("delayed and acted on", (UnaryOperator<Reply>) reply -> reply.after(Duration.ofMillis(50))
                        .whenReceived(() -> { })),
                Arguments.of("acted on and delayed", (UnaryOperator<Reply>) reply -> reply.whenReceived(() -> { })
                        .after(Duration.ofMillis(50))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aCreateThenDropStillMakesTheChatAndDropsTheConnection(String name, UnaryOperator<Reply> change) {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(change.apply(Reply.createThenDropConnection()));

            assertThrows(IOException.class, () -> create(graph), "the connection drops without an answer");
            assertEquals(1, graph.chats().all().size(), "but the chat is made");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aReplyAsGraphStillAnswersAsGraph(String name, UnaryOperator<Reply> change) throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(change.apply(Reply.asGraph()));

            HttpResponse<String> created = create(graph);

            assertEquals(201, created.statusCode(), created::body);
            assertEquals(graph.chats().all().get(0).id(), new ObjectMapper().readTree(created.body()).get("id").asText());
        }
    }

    @Test
    void aDroppedConnectionMakesNothing() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.dropConnection().after(Duration.ofMillis(50)));

            assertThrows(IOException.class, () -> create(graph));
            assertEquals(List.of(), graph.chats().all());
        }
    }

    @Test
    void theActionRunsWhenTheRequestArrivesBeforeTheDelayedAnswer() throws Exception {
        AtomicInteger chatsWhenReceived = new AtomicInteger(-1);
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph().after(Duration.ofMillis(100))
                    .whenReceived(() -> chatsWhenReceived.set(graph.chats().all().size())));

            assertEquals(201, create(graph).statusCode());
            assertEquals(0, chatsWhenReceived.get(), "acted on before Graph made the chat");
            assertEquals(1, graph.chats().all().size());
        }
    }

    @Test
    void anUnscriptedRequestFailsTheTestNamingIt() throws Exception {
        FakeGraph graph = FakeGraph.start();
        HttpResponse<String> answer = get(graph, "/v1.0/me/chats?$filter=chatType%20eq%20'group'");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals(400, answer.statusCode(), "final, so that a client does not retry it");
        assertTrue(answer.body().contains("no reply scripted for GET /v1.0/me/chats"), answer::body);
        assertEquals("requests nobody scripted (script them, or start the fake answeringAsGraph()): "
                + "[GET /v1.0/me/chats?$filter=chatType%20eq%20'group']", failure.getMessage());
        assertEquals(List.of(), graph.chats().all(), "nothing made for it");
    }

    @Test
    void everyUnscriptedRequestIsNamedAfterTheScriptedOnes() throws Exception {
        FakeGraph graph = FakeGraph.start().reply(Reply.asGraph());
        create(graph);
        create(graph);
        get(graph, "/v1.0/chats/19:x@thread.v2/members");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals("requests nobody scripted (script them, or start the fake answeringAsGraph()): "
                + "[POST /v1.0/chats, GET /v1.0/chats/19:x@thread.v2/members]", failure.getMessage());
        assertEquals(1, graph.chats().all().size(), "the scripted one alone made a chat");
    }

    @Test
    void unusedRepliesFailTheTestNamingEach() {
        FakeGraph graph = FakeGraph.start()
                .reply(Reply.status(429).header("Retry-After", "1"))
                .replyToCreates(Reply.createThenDropConnection().after(Duration.ofSeconds(2)))
                .replyToListings(Reply.json(200, "{\"value\":[]}"), Reply.asGraph().whenReceived(() -> { }));

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals("4 scripted replies were never used: [429, create, then drop the connection after PT2S (for a "
                + "create), 200 {\"value\":[]} (for a listing), as Graph (acting on arrival) (for a listing)]",
                failure.getMessage());
    }

    @Test
    void aReplyForAMemberGoesToACreateNamingThemAndNoOther() throws Exception {
        FakeGraph graph = FakeGraph.start().answeringAsGraph()
                .replyToCreatesNaming("alex@contoso.com", Reply.status(503))
                .replyToCreatesNaming("megan@contoso.com", Reply.status(502));
        assertEquals(503, create(graph).statusCode(), "the create names alex");
        assertEquals(201, create(graph).statusCode(), "alex's reply is used up: answered as Graph");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals("1 scripted reply was never used: [502 (for a create naming megan@contoso.com)]", failure.getMessage());
    }

    @Test
    void aHeldCreateIsMadeAndAnsweredOnlyOnceReleased() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().holdCreatesFrom(2, release)) {
            assertEquals(201, create(graph).statusCode(), "the first is not held");
            java.util.concurrent.CompletableFuture<HttpResponse<String>> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return create(graph);
                        } catch (IOException | InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (graph.creates().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertEquals(2, graph.creates().size(), "the second has arrived");
            assertTrue(!second.isDone() && graph.chats().all().size() == 1, "but is neither made nor answered");

            release.countDown();
            assertEquals(201, second.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode());
            assertEquals(2, graph.chats().all().size());
        }
    }

    @Test
    void bothAreNamedAtOnce() throws Exception {
        FakeGraph graph = FakeGraph.start().replyToListings(Reply.status(503));
        create(graph);

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals("requests nobody scripted (script them, or start the fake answeringAsGraph()): [POST /v1.0/chats]; "
                + "1 scripted reply was never used: [503 (for a listing)]", failure.getMessage());
    }

    @Test
    void answeringAsGraphAnswersWhatNobodyScriptedAndClosesQuietly() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            assertEquals(201, create(graph).statusCode());
            HttpResponse<String> listing = get(graph, "/v1.0/users/" + FakeDirectory.idOf("jacob@contoso.com") + "/chats");

            assertEquals(200, listing.statusCode(), listing::body);
            assertTrue(listing.body().contains(graph.chats().all().get(0).id()), listing::body);
        }
    }

    @Test
    void answeringAsGraphStillFailsWhatTheModelDoesNotKnow() throws Exception {
        FakeGraph graph = FakeGraph.start().answeringAsGraph();
        HttpResponse<String> answer = get(graph, "/v1.0/teams");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals(404, answer.statusCode());
        assertEquals("requests to be answered as Graph, which the fake Graph does not model: [GET /v1.0/teams]",
                failure.getMessage());
    }

    @Test
    void theIdentityProvidersUnknownEndpointsFailTheTestToo() throws Exception {
        FakeGraph graph = FakeGraph.start();
        HttpResponse<String> answer = get(graph, "/common/discovery/instance?api-version=1.1");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals(404, answer.statusCode());
        assertEquals("requests the fake identity provider does not model: "
                + "[GET /common/discovery/instance?api-version=1.1]", failure.getMessage());
    }
}
