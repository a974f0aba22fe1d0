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
    private static final String BEARER = "Bearer " + Tokens.unsigned("{\"scp\":\"Chat.Create\"}");

    private static HttpResponse<String> create(FakeGraph graph) throws IOException, InterruptedException {
        return send(graph, "/v1.0/chats", "Authorization", BEARER);
    }

    /** A create with these headers, names and values in turn, in place of the token. */
    private static HttpResponse<String> send(FakeGraph graph, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(GROUP));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(FakeGraph graph, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(graph.url() + path)).header("Authorization", BEARER).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
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

    /** Graph reads no further than the missing token: the scripted reply is left for the request that has one. */
    @Test
    void aRequestWithoutATokenIsAnsweredAsGraphAnswersIt() throws Exception {
        FakeGraph graph = FakeGraph.start().reply(Reply.asGraph());
        HttpResponse<String> answer = send(graph, "/v1.0/chats");

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals(401, answer.statusCode());
        assertEquals(Reply.GRAPH_CHALLENGE, answer.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("InvalidAuthenticationToken", new ObjectMapper().readTree(answer.body()).at("/error/code").asText());
        assertEquals("Access token is empty.", new ObjectMapper().readTree(answer.body()).at("/error/message").asText());
        assertEquals("1 scripted reply was never used: [as Graph]", failure.getMessage());
        assertEquals(List.of(), graph.chats().all());
    }

    @Test
    void everyScripted401CarriesGraphsChallenge() throws Exception {
        try (FakeGraph graph = FakeGraph.start().reply(Reply.graphError(401, "InvalidAuthenticationToken",
                "Access token has expired or is not yet valid."))) {
            HttpResponse<String> answer = create(graph);

            assertEquals(401, answer.statusCode());
            assertEquals(List.of(Reply.GRAPH_CHALLENGE), answer.headers().allValues("WWW-Authenticate"));
        }
    }

    /** Sent by hand: the JDK's client keeps a Proxy-Authorization header from a server it reaches directly. */
    @Test
    void aProxysCredentialsReachingGraphFailTheTest() throws Exception {
        FakeGraph graph = FakeGraph.start().reply(Reply.asGraph());
        String statusLine;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", graph.port())) {
            byte[] body = GROUP.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1.0/chats HTTP/1.1\r\nHost: graph.microsoft.com\r\nAuthorization: "
                    + BEARER + "\r\nProxy-Authorization: Basic c3ZjOnNlY3JldA==\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + GROUP)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }

        AssertionError failure = assertThrows(AssertionError.class, graph::close);
        assertEquals("HTTP/1.1 201 Created", statusLine, "answered, as Graph would");
        assertEquals("requests that brought the proxy's credentials (Proxy-Authorization) to Graph: [POST /v1.0/chats]",
                failure.getMessage());
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
