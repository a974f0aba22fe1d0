package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeDirectory;
import chat.testing.FakeGraph;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * --if-exists: a group chat of the same people (and topic) is reused, refused, or made again. Graph
 * answers as it would (the people looked up, the chats listed), seeded with the chats that exist.
 */
class IfExistsTest {
    private static final String JACOB = "jacob@contoso.com";
    private static final String ALEX = "alex@contoso.com";
    private static final String MEGAN_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";

    private static String[] group(String... more) {
        return Stream.concat(Stream.of("create", "--group", "--topic", "Incident 42", "-m", JACOB, "-m", ALEX,
                "-m", MEGAN_ID), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void reusePrintsTheMostRecentMatchAndNamesTheOthers() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().pageSize(2)) {
            FakeChats chats = graph.chats();
            chats.seedGroup("Incident 42", Instant.parse("2026-11-01T00:00:00Z"), JACOB, ALEX, MEGAN_ID);
            FakeChats.Chat recent = chats.seedGroup("Incident 42", Instant.parse("2026-11-20T00:00:00Z"), ALEX, MEGAN_ID, JACOB);
            chats.seedGroup("Incident 42", Instant.parse("2026-11-21T00:00:00Z"), JACOB, ALEX); // not the same people
            chats.seedGroup("Incident 41", Instant.parse("2026-11-21T00:00:00Z"), JACOB, ALEX, MEGAN_ID); // another topic
            chats.seedGroup("Incident 42", Instant.parse("2026-11-21T00:00:00Z"), JACOB, ALEX, MEGAN_ID, "x@contoso.com");
            int before = chats.all().size();

            CliRunner.Result result = CliRunner.against(graph).run(group("--if-exists", "reuse"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(recent.id() + "\n", result.out());
            assertEquals(before, chats.all().size(), "nothing created");
            assertTrue(result.err().contains("reusing the group chat " + recent.id()), result::toString);
            assertTrue(result.err().contains("other group chats of the same people: "), result::toString);
            List<RecordedRequest> listings = graph.requests().stream().filter(r -> !r.path().equals("/v1.0/$batch"))
                    .toList();
            assertTrue(listings.stream().allMatch(r -> r.method().equals("GET")));
            assertEquals("/v1.0/users/" + FakeDirectory.idOf(JACOB) + "/chats", listings.get(0).path(),
                    "an application looks through the first member's chats, named by object id");
            assertEquals(3, listings.size(), "five chats of Jacob, two a page");
            assertEquals(1, graph.requests().size() - listings.size(), "Jacob and Alex looked up in one batch");
        }
    }

    @Test
    void withoutATopicAnyTopicMatches() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup("Whatever", Instant.now(), JACOB, ALEX);
            CliRunner.Result result = CliRunner.against(graph).run("create", "--group", "-m", "JACOB@contoso.com",
                    "-m", ALEX, "--if-exists", "reuse", "-o", "json");

            assertEquals(0, result.exitCode(), result::toString);
            JsonNode chat = new ObjectMapper().readTree(result.out());
            assertEquals(existing.id(), chat.get("id").asText());
            assertEquals(2, chat.get("members").size());
        }
    }

    @Test
    void failExitsSixWithTheExistingIdOnStderr() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup("Incident 42", Instant.now(), JACOB, ALEX, MEGAN_ID);
            CliRunner.Result result = CliRunner.against(graph).run(group("--if-exists", "fail", "-o", "json"));

            assertEquals(6, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("chat: a group chat with these people already exists: " + existing.id()),
                    result::toString);
            JsonNode error = new ObjectMapper().readTree(result.err().lines().toList().get(1)).get("error");
            assertEquals(existing.id(), error.get("existingChatId").asText());
            assertEquals(1, graph.chats().all().size());
        }
    }

    @Test
    void failNamesTheOtherMatchesToo() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat older = graph.chats().seedGroup("Incident 42", Instant.parse("2026-11-01T00:00:00Z"), JACOB,
                    ALEX, MEGAN_ID);
            FakeChats.Chat newer = graph.chats().seedGroup("Incident 42", Instant.parse("2026-11-20T00:00:00Z"), JACOB,
                    ALEX, MEGAN_ID);
            CliRunner.Result result = CliRunner.against(graph).run(group("--if-exists", "fail"));

            assertEquals(6, result.exitCode(), result::toString);
            assertEquals("chat: a group chat with these people already exists: " + newer.id() + " (--if-exists fail); "
                    + "other group chats of the same people: " + older.id() + "\n", result.err());
        }
    }

    @Test
    void withNoMatchReuseAndFailCreate() {
        for (String policy : new String[] {"reuse", "fail"}) {
            try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
                graph.chats().seedGroup("Incident 42", Instant.now(), JACOB, ALEX);
                CliRunner.Result result = CliRunner.against(graph).run(group("--if-exists", policy));

                assertEquals(0, result.exitCode(), result::toString);
                assertEquals(2, graph.chats().all().size());
                assertEquals("", result.err());
            }
        }
    }

    @Test
    void createIsTheDefaultAndLooksForNothing() {
        try (FakeGraph graph = FakeGraph.start()) {
            graph.reply(Reply.asGraph()); // the create alone: a look at the chats would come unscripted
            graph.chats().seedGroup("Incident 42", Instant.now(), JACOB, ALEX, MEGAN_ID);
            CliRunner.Result result = CliRunner.against(graph).run(group());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, graph.requests().size());
            assertEquals("POST", graph.requests().get(0).method());
            assertEquals(1, graph.chats().duplicateGroups(), "Graph makes a new group chat every time");
        }
    }

    @Test
    void anUnknownOutcomeIsSettledByLookingNotBySendingAgain() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.replyToCreates(Reply.createThenDropConnection());
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run(group("--if-exists", "reuse"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, graph.chats().all().size(), "made once");
            assertEquals(graph.chats().all().get(0).id() + "\n", result.out());
            assertTrue(result.err().contains("looking for the chat among the group chats"), result::toString);
            assertEquals(1, graph.creates().size(), "sent once");
        }
    }

    @Test
    void anUnknownOutcomeThatListsNothingStaysUnknown() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.replyToCreates(Reply.dropConnection());
            CliRunner.Result result = CliRunner.against(graph).run(group("--if-exists", "reuse"));

            assertEquals(5, result.exitCode(), result::toString);
            assertTrue(result.err().contains("no group chat of these people is listed yet"), result::toString);
            assertTrue(result.err().contains("may have been created"), result::toString);
            assertEquals(1, graph.creates().size());
        }
    }

    @Test
    void aDelegatedSignInLooksThroughTheSignedInUsersChats() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            String token = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create Chat.ReadBasic\",\"oid\":\"" + MEGAN_ID
                    + "\",\"upn\":\"megan@contoso.com\"}");
            FakeChats.Chat existing = graph.chats().seedGroup(null, Instant.now(), MEGAN_ID, JACOB, ALEX);
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token)
                    .run("create", "--group", "-m", JACOB, "-m", ALEX, "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(existing.id() + "\n", result.out());
            assertEquals("/v1.0/me/chats", graph.requests().stream().filter(r -> !r.path().equals("/v1.0/$batch"))
                    .findFirst().orElseThrow().path());
        }
    }
}
