package chat.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeDirectory;
import chat.testing.FakeGraph;
import chat.testing.FakeGroups;
import chat.testing.RecordedRequest;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines of a --from input that name groups ("membersOf") or more people than Graph takes in a create:
 * read, made with a create of 200 and completed with adds, and journaled so that a run cut short during
 * the adds completes the same chat when run again.
 */
class BulkTeamsTest {
    private static final String ME = "megan@contoso.com";
    private static final String ALL = "Chat.Create User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite";

    @TempDir
    Path directory;

    private static String person(String scopes) {
        return Tokens.unsigned("{\"scp\":\"" + scopes + "\",\"upn\":\"" + ME + "\",\"oid\":\"" + FakeDirectory.idOf(ME)
                + "\"}");
    }

    private static CliRunner chat(FakeGraph graph, String scopes) {
        return CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", person(scopes));
    }

    private static List<String> cohort(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(i -> "hire" + i + "@contoso.com").toList();
    }

    private static void cohortGroup(FakeGraph graph, int size) {
        graph.chats().groups().add("Cohort", "cohort@contoso.com", cohort(size).stream().map(FakeGroups::user)
                .toArray(FakeGroups.Entry[]::new));
    }

    private static List<RecordedRequest> adds(FakeGraph graph) {
        return graph.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/members")).toList();
    }

    private static String member(String user) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('" + user + "')\"}";
    }

    private Path input(String... lines) throws IOException {
        return Files.writeString(directory.resolve("chats.jsonl"), String.join("\n", lines) + "\n");
    }

    private static final String TEAM = "{\"chatType\":\"group\",\"topic\":\"Welcome, autumn cohort\","
            + "\"members\":[" + member("buddy@contoso.com") + "],\"membersOf\":[\"cohort@contoso.com\"]}";

    @Test
    void aLineNamingAGroupOfMoreThanACreateTakesIsMadeOnceAndCompletedWithAdds() throws IOException {
        Path journal = directory.resolve("run.journal");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, 230);
            CliRunner.Result result = chat(graph, ALL).run("create", "--from", input(TEAM).toString(), "--journal",
                    journal.toString(), "-o", "json");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, graph.creates().size());
            assertEquals(200, graph.creates().get(0).json().get("members").size(), "Graph takes 200 in a create");
            String chatId = graph.chats().all().get(0).id();
            assertEquals(232, graph.chats().roster(chatId).size(), "the cohort, the buddy and the signed-in user");
            assertEquals(32, adds(graph).size());
            JsonNode line = result.jsonLines().get(0);
            assertEquals("created", line.get("status").asText());
            assertEquals(chatId, line.get("id").asText());
            List<String> states = Files.readAllLines(journal).stream().skip(1)
                    .map(record -> record.replaceAll(".*\"state\":\"([a-z_]+)\".*", "$1")).toList();
            assertEquals(List.of("sending", "adding", "created"), states);
        }
    }

    @Test
    void addsCutShortAreCompletedInTheSameChatWhenTheRunIsRepeatedWithItsJournal() throws IOException {
        Path journal = directory.resolve("run.journal");
        Path file = input(TEAM);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(FakeDirectory.idOf("hire199@contoso.com"),
                chat.testing.Reply.graphError(403, "Forbidden", "The caller is not a member of the chat."))) {
            cohortGroup(graph, 230);
            // the chat is made, and Graph refuses its first add: the adds stop there
            CliRunner.Result first = chat(graph, ALL)
                    .run("create", "--from", file.toString(), "--journal", journal.toString(), "-o", "json");

            assertEquals(4, first.exitCode(), first::toString);
            String chatId = graph.chats().all().get(0).id();
            JsonNode failed = first.jsonLines().get(0);
            assertEquals("failed", failed.get("status").asText());
            assertEquals(chatId, failed.get("id").asText(), "the chat is there");
            assertEquals(32, failed.get("notAdded").size(), failed::toString);
            assertTrue(Files.readString(journal).contains("\"state\":\"adding\",\"id\":\"" + chatId + "\""));

            CliRunner.Result again = chat(graph, ALL).run("create", "--from", file.toString(), "--journal",
                    journal.toString(), "-o", "json");

            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(1, graph.creates().size(), "no second chat");
            assertEquals(232, graph.chats().roster(chatId).size(), "everyone in");
            assertEquals(chatId, again.jsonLines().get(0).get("id").asText());
            assertEquals("created", again.jsonLines().get(0).get("status").asText());
            assertEquals(1 + 32, adds(graph).size(), "the refused add, then everyone missing, once");
        }
    }

    /** Ctrl-C stops sending: no add goes after it, and the run with its journal adds the rest to the same chat. */
    @Test
    void ctrlCDuringTheAddsSendsNoMoreAndTheJournalCompletesTheChat() throws IOException {
        Path journal = directory.resolve("run.journal");
        Path file = input(TEAM);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, 230);
            CliRunner runner = chat(graph, ALL);
            graph.replyToAddsOf(FakeDirectory.idOf("hire205@contoso.com"),
                    chat.testing.Reply.asGraph().whenReceived(runner.signals()::send));
            CliRunner.Result stopped = runner.run("create", "--from", file.toString(), "--journal", journal.toString(),
                    "-o", "json");

            assertEquals(130, stopped.exitCode(), stopped::toString);
            String chatId = graph.chats().all().get(0).id();
            int sent = adds(graph).size();
            assertTrue(sent < 32, "no add after the Ctrl-C: " + sent);
            assertEquals(chatId, stopped.jsonLines().get(0).get("id").asText());
            assertEquals("failed", stopped.jsonLines().get(0).get("status").asText());

            CliRunner.Result again = chat(graph, ALL).run("create", "--from", file.toString(), "--journal",
                    journal.toString());

            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(1, graph.creates().size(), "no second chat");
            assertEquals(232, graph.chats().roster(chatId).size(), "everyone in");
            assertEquals(32, adds(graph).size(), "each added once");
        }
    }

    /** A token that shows it may not add people: the line is refused before anything is made, the others go on. */
    @Test
    void aLineATokenMayNotCompleteFailsWithNothingMade() throws IOException {
        String plain = "{\"chatType\":\"group\",\"members\":[" + member("buddy@contoso.com") + ","
                + member("lead@contoso.com") + "]}";
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, 230);
            CliRunner.Result result = chat(graph, "Chat.Create User.ReadBasic.All GroupMember.Read.All")
                    .run("create", "--from", input(TEAM, plain).toString(), "-o", "json");

            assertEquals(3, result.exitCode(), result::toString);
            JsonNode refused = result.jsonLines().get(0);
            assertEquals("failed", refused.get("status").asText());
            assertTrue(refused.path("id").isMissingNode(), "nothing made");
            assertTrue(refused.get("error").get("message").asText().contains("chat login --scope ChatMember.ReadWrite"),
                    refused::toString);
            assertEquals("created", result.jsonLines().get(1).get("status").asText());
            assertEquals(1, graph.creates().size(), "the other line only");
            assertEquals(0, adds(graph).size());
        }
    }

    /** A line of more than 200 people listed one by one: a create of 200, then the others added. */
    @Test
    void aLineListingMoreThanACreateTakesIsMadeAndCompleted() throws IOException {
        StringBuilder members = new StringBuilder();
        for (String user : cohort(205)) {
            members.append(members.length() == 0 ? "" : ",").append(member(user));
        }
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = chat(graph, ALL).run("create", "--from",
                    input("{\"chatType\":\"group\",\"members\":[" + members + "]}").toString());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, graph.creates().size());
            assertEquals(206, graph.chats().roster(graph.chats().all().get(0).id()).size());
            assertEquals(6, adds(graph).size());
        }
    }

    @Test
    void aDryRunReadsTheGroupsAndPrintsEveryoneItWouldSend() throws IOException {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, 3);
            CliRunner.Result result = chat(graph, ALL).run("create", "--from", input(TEAM).toString(), "--dry-run");

            assertEquals(0, result.exitCode(), result::toString);
            JsonNode body = result.jsonLines().get(0);
            assertEquals(4, body.get("members").size(), "the buddy and the cohort's three");
            assertTrue(body.path("membersOf").isMissingNode(), "Graph is sent people, not groups");
            assertTrue(body.get("members").toString().contains(FakeDirectory.idOf("hire3@contoso.com")), body::toString);
            assertEquals(0, graph.creates().size());

            CliRunner.Result nobody = chat(graph, ALL).run("create", "--dry-run", "--from", input(TEAM,
                    TEAM.replace("cohort@", "nobody@")).toString());
            assertEquals(2, nobody.exitCode(), nobody::toString);
            assertTrue(nobody.err().startsWith("chat: line 2: no group has the mail 'nobody@contoso.com'"), nobody::toString);
        }
    }

    @Test
    void aGroupNoneHasFailsItsLineAloneWithNothingMade() throws IOException {
        String nobody = "{\"chatType\":\"group\",\"members\":[" + member("buddy@contoso.com") + "],\"membersOf\":"
                + "[\"nobody@contoso.com\"]}";
        String plain = "{\"chatType\":\"group\",\"members\":[" + member("buddy@contoso.com") + ","
                + member("lead@contoso.com") + "]}";
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            CliRunner.Result result = chat(graph, ALL).run("create", "--from", input(nobody, plain).toString(),
                    "-o", "json");

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("failed", result.jsonLines().get(0).get("status").asText());
            assertTrue(result.jsonLines().get(0).get("error").get("message").asText().contains("nobody@contoso.com"),
                    result::toString);
            assertEquals("created", result.jsonLines().get(1).get("status").asText());
            assertEquals(1, graph.creates().size(), "the other line only");
        }
    }

    @Test
    void membersOfInAOneOnOneLineOrNotAsAListIsRefusedBeforeAnythingIsSent() throws IOException {
        String oneOnOne = "{\"chatType\":\"oneOnOne\",\"members\":[" + member("buddy@contoso.com") + "],\"membersOf\":"
                + "[\"cohort@contoso.com\"]}";
        String notAList = "{\"chatType\":\"group\",\"membersOf\":\"cohort@contoso.com\"}";
        String twice = "{\"chatType\":\"group\",\"membersOf\":[\"Cohort@contoso.com\",\"cohort@contoso.com\"]}";
        String override = "{\"chatType\":\"group\",\"membersOf\":[\"co\\u202ehort\"]}";
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = chat(graph, ALL).run("create", "--from",
                    input(oneOnOne, notAList, twice, override).toString());

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals(List.of(
                    "chat: line 1: 'membersOf' makes a group chat: give \"chatType\": \"group\"",
                    "chat: line 2: 'membersOf' must be an array of 1 to 20 groups (each an object id, a mail or a name)",
                    "chat: line 3: 'membersOf' names 'cohort@contoso.com' twice: give each group once",
                    "chat: line 4: 'membersOf': a group's name holds a line break or another control character: give "
                            + "its mail, object id or name, on one line"),
                    result.err().lines().limit(4).toList(), result::toString);
            assertEquals(List.of(), graph.requests());
        }
    }
}
