package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeDirectory;
import chat.testing.FakeGraph;
import chat.testing.RecordedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --if-exists finds the same people whatever Graph calls them: by object id however they are named,
 * in chats of more than the 25 members a listing shows, by mail where users may not be read; and a
 * name that is a mail is created as the one user whose mail it is. Graph answers as it would, from the
 * directory and chats each test seeds.
 */
class PeopleMatchingTest {
    private static final String TOPIC = "Town hall";

    @TempDir
    Path directory;

    private static List<String> people(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "p" + i + "@contoso.com").toList();
    }

    private static String[] group(List<String> people, String... more) {
        List<String> args = new ArrayList<>(List.of("create", "--group", "--topic", TOPIC));
        people.forEach(person -> {
            args.add("-m");
            args.add(person);
        });
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<RecordedRequest> rosters(FakeGraph graph) {
        return graph.requests().stream().filter(r -> r.path().matches("/v1\\.0/chats/.+/members")).toList();
    }

    private static List<RecordedRequest> batches(FakeGraph graph) {
        return graph.requests().stream().filter(r -> r.path().equals("/v1.0/$batch")).toList();
    }

    /** How many times each user was looked up, over every batch. */
    private static Map<String, Integer> lookUps(FakeGraph graph) {
        Map<String, Integer> counts = new HashMap<>();
        for (RecordedRequest batch : batches(graph)) {
            for (JsonNode item : batch.json().path("requests")) {
                String url = item.path("url").asText();
                counts.merge(url.substring("/users/".length(), url.indexOf('?')), 1, Integer::sum);
            }
        }
        return counts;
    }

    @ParameterizedTest(name = "a chat of {0} people")
    @ValueSource(ints = {26, 30, 250})
    void aChatOfMoreThanTheListedMembersIsReusedOnItsWholeRoster(int size) {
        List<String> people = people(size);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup(TOPIC, Instant.now(), people.toArray(String[]::new));
            graph.chats().seedGroup(TOPIC, Instant.now(), people.subList(0, 3).toArray(String[]::new));
            CliRunner.Result result = CliRunner.against(graph).run(group(people, "--if-exists", "reuse"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(existing.id() + "\n", result.out());
            assertEquals(List.of(), graph.creates(), "nothing created");
            assertEquals(1, rosters(graph).size(), "the one chat cut at 25 members, fetched whole, once");
            assertEquals((size + 19) / 20, batches(graph).size(), "every person looked up, 20 a batch");
        }
    }

    @Test
    void aChatThatDiffersOnlyPastItsTwentyFifthMemberIsNotReused() {
        List<String> people = people(30);
        List<String> other = new ArrayList<>(people.subList(0, 29));
        other.add("someone.else@contoso.com");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat almost = graph.chats().seedGroup(TOPIC, Instant.now(), other.toArray(String[]::new));
            CliRunner.Result result = CliRunner.against(graph).run(group(people, "--if-exists", "reuse"));

            assertEquals(0, result.exitCode(), result::toString);
            assertNotEquals(almost.id() + "\n", result.out());
            assertEquals(1, graph.creates().size(), "a chat of its own");
            assertEquals(1, rosters(graph).size());
        }
    }

    @Test
    void aChatShowingTwentyFiveMembersIsDecidedOnItsWholeRoster() {
        List<String> people = people(25);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup(TOPIC, Instant.now(), people.toArray(String[]::new));
            FakeChats.Chat bigger = graph.chats().seedGroup(TOPIC, Instant.now(),
                    people(26).toArray(String[]::new));
            CliRunner.Result result = CliRunner.against(graph).run(group(people, "--if-exists", "reuse"));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(existing.id() + "\n", result.out(), "not " + bigger.id() + ", which shows 25 and has 26");
            assertEquals(2, rosters(graph).size(), "25 shown may be more: both are fetched whole");
        }
    }

    @Test
    void aRunWithNoLargeChatsFetchesNoRoster() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeChats.Chat existing = graph.chats().seedGroup(TOPIC, Instant.now(), "jacob@contoso.com", "alex@contoso.com");
            graph.chats().seedGroup(TOPIC, Instant.now(), people(40).toArray(String[]::new)); // not theirs, and shows it
            CliRunner.Result result = CliRunner.against(graph)
                    .run(group(List.of("jacob@contoso.com", "alex@contoso.com"), "--if-exists", "reuse"));

            assertEquals(existing.id() + "\n", result.out(), result::toString);
            assertEquals(List.of(), rosters(graph));
            assertEquals(1, batches(graph).size());
        }
    }

    static Stream<Arguments> namesOfOnePerson() {
        String alex = FakeDirectory.idOf("alex@contoso.com");
        return Stream.of(
                Arguments.of("by object id, then by UPN", alex, "alex@contoso.com"),
                Arguments.of("by UPN, then by object id", "alex@contoso.com", alex),
                Arguments.of("by UPN, then by mail", "alex@contoso.com", "alex.smith@contoso.com"),
                Arguments.of("by mail, then by object id", "alex.smith@contoso.com", alex));
    }

    /** Alex's mail is not their UPN: compared by mail, the second run would miss the chat and make another. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("namesOfOnePerson")
    void aPersonNamedOneWayAndThenAnotherIsTheSamePerson(String name, String first, String then) {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().add("alex@contoso.com", "alex.smith@contoso.com");
            CliRunner.Result made = CliRunner.against(graph)
                    .run(group(List.of(first, "jacob@contoso.com"), "--if-exists", "reuse"));
            CliRunner.Result again = CliRunner.against(graph)
                    .run(group(List.of("jacob@contoso.com", then), "--if-exists", "reuse"));

            assertEquals(0, made.exitCode(), made::toString);
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(made.out(), again.out(), again::toString);
            assertEquals(1, graph.chats().all().size(), "one chat");
        }
    }

    @Test
    void aNameThatIsOneUsersMailIsCreatedAsThatUser() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeDirectory.User alex = graph.chats().directory().add("alex.w@contoso.com", "alex@contoso.com");
            CliRunner.Result result = CliRunner.against(graph)
                    .run("create", "--group", "-m", "alex@contoso.com", "-m", "jacob@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("chat: alex@contoso.com is the mail of alex.w@contoso.com; using that account\n", result.err());
            assertEquals(2, graph.creates().size(), "refused, then sent with the object id");
            assertTrue(graph.creates().get(1).body().contains("/v1.0/users('" + alex.id() + "')"),
                    graph.creates().get(1).body());
            assertEquals(List.of(alex.id(), FakeDirectory.idOf("jacob@contoso.com")),
                    graph.chats().all().get(0).members().stream().map(FakeChats.Participant::userId).toList());
        }
    }

    static Stream<Arguments> namesNoOneHas() {
        return Stream.of(
                Arguments.of("no one's mail", List.of(), "; no user has the name or mail ghost@contoso.com"),
                Arguments.of("two people's mail", List.of("ghost.a@contoso.com", "ghost.b@contoso.com"),
                        "; ghost@contoso.com is the mail of 2 users (ghost.a@contoso.com, ghost.b@contoso.com): name one "
                                + "of them"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesNoOneHas")
    void aNameThatIsNoOnesOrSeveralPeoplesMailIsRefusedSayingSo(String name, List<String> owners, String said) {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().absent("ghost@contoso.com");
            owners.forEach(owner -> graph.chats().directory().add(owner, "ghost@contoso.com"));
            CliRunner.Result result = CliRunner.against(graph)
                    .run("create", "--group", "-m", "ghost@contoso.com", "-m", "jacob@contoso.com");

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().startsWith("chat: Graph refused the request: 404 NotFound: Failed to find users with "
                    + "user principal name 'ghost@contoso.com'" + said), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);
            assertEquals(1, graph.creates().size(), "not sent again");
        }
    }

    @Test
    void noResolveLeavesGraphsRefusalAsItIs() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().add("alex.w@contoso.com", "alex@contoso.com");
            CliRunner.Result result = CliRunner.against(graph)
                    .run("create", "--group", "-m", "alex@contoso.com", "-m", "jacob@contoso.com", "--no-resolve");

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().contains("Failed to find users with user principal name 'alex@contoso.com'"),
                    result::toString);
            assertFalse(result.err().contains("; no user has"), result::toString);
            assertTrue(graph.requests().stream().noneMatch(r -> r.path().equals("/v1.0/users")), "no look-up by mail");
        }
    }

    @Test
    void whereUsersMayNotBeReadPeopleAreMatchedByMailAndThatIsSaidOnce() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CliRunner.Result body = CliRunner.offline().run("create", "--group", "--topic", TOPIC + " " + (i % 2), "-m",
                    "jacob@contoso.com", "-m", "alex@contoso.com", "--dry-run", "-o", "json");
            lines.add(body.out().strip());
        }
        Path input = directory.resolve("in.jsonl");
        Files.write(input, lines);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().refuseUserLookups()) {
            FakeChats.Chat existing = graph.chats().seedGroup(TOPIC + " 0", Instant.now(), "jacob@contoso.com",
                    "alex@contoso.com");
            CliRunner.Result single = CliRunner.against(graph)
                    .run("create", "--group", "--topic", TOPIC + " 0", "-m", "jacob@contoso.com", "-m", "alex@contoso.com",
                            "--if-exists", "reuse");
            CliRunner.Result bulk = CliRunner.against(graph).run("create", "--from", input.toString(), "--if-exists",
                    "reuse");

            String fallBack = "chat: people named by user principal name are told by that name, not by object id, "
                    + "as this sign-in may not read users (403 Authorization_RequestDenied: Insufficient privileges to "
                    + "complete the operation.): they are matched to chat members by their mail, and a line that names "
                    + "them otherwise is another chat; for exact matching name them by object id, or grant "
                    + "User.ReadBasic.All (delegated) or User.Read.All (application)";
            assertEquals(0, single.exitCode(), single::toString);
            assertEquals(existing.id() + "\n", single.out());
            assertEquals(1, single.err().lines().filter(fallBack::equals).count(), single::toString);
            assertEquals(0, bulk.exitCode(), bulk::toString);
            assertEquals(1, bulk.err().lines().filter(fallBack::equals).count(), bulk::toString);
            assertEquals(2, graph.chats().all().size(), "the other topic's chat made once, then reused");
        }
    }

    private static String line(String topic, String... people) {
        List<String> args = new ArrayList<>(List.of("create", "--group", "--topic", topic));
        for (String person : people) {
            args.add("-m");
            args.add(person);
        }
        args.addAll(List.of("--dry-run", "-o", "json"));
        return CliRunner.offline().run(args.toArray(String[]::new)).out().strip();
    }

    /**
     * One run, one person named by UPN, by mail and by object id: the lines that ask for the same people
     * take turns, and the first makes the chat the others find, however they name them.
     */
    @Test
    void bulkLinesNamingOnePersonThreeWaysMakeOneChatOfThemInOneRun() throws IOException {
        String jacobId = FakeDirectory.idOf("jacob@contoso.com");
        Path input = directory.resolve("in.jsonl");
        Files.write(input, List.of(line("Launch", "jacob@contoso.com", "alex@contoso.com"),
                line("Launch", "jacob.w@contoso.com", "alex@contoso.com"),
                line("Launch", jacobId, "alex@contoso.com"),
                line("Retro", jacobId, "alex@contoso.com"),
                line("Retro", "jacob.w@contoso.com", "alex@contoso.com")));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().add("jacob@contoso.com", "jacob.w@contoso.com");
            CliRunner.Result result = CliRunner.against(graph).run("create", "--from", input.toString(), "--if-exists",
                    "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(2, graph.chats().all().size(), "one chat a topic: " + result);
            List<JsonNode> lines = result.jsonLines();
            assertEquals(List.of("created", "existing", "existing", "created", "existing"),
                    lines.stream().map(line -> line.get("status").asText()).toList());
            assertEquals(lines.get(0).get("id"), lines.get(1).get("id"));
            assertEquals(lines.get(0).get("id"), lines.get(2).get("id"));
            assertEquals(lines.get(3).get("id"), lines.get(4).get("id"));
        }
    }

    /**
     * A journal keys a line by its people as Graph knows them: the same input with a UPN replaced by that
     * person's object id (or mail) skips exactly the chats already made.
     */
    @Test
    void aJournalSkipsTheChatsMadeWhenTheInputNamesThePeopleOtherwise() throws IOException {
        String jacobId = FakeDirectory.idOf("jacob@contoso.com");
        Path journal = directory.resolve("journal");
        Path first = directory.resolve("first.jsonl");
        Path edited = directory.resolve("edited.jsonl");
        Files.write(first, List.of(line("Launch", "jacob@contoso.com", "alex@contoso.com"),
                line("Launch", "jacob@contoso.com", "alex@contoso.com"), line("Retro", "megan@contoso.com", "alex@contoso.com")));
        Files.write(edited, List.of(line("Retro", "megan@contoso.com", "alex@contoso.com"),
                line("Launch", jacobId, "alex@contoso.com"), line("Launch", "jacob.w@contoso.com", "alex@contoso.com"),
                line("Launch", "jacob@contoso.com", "alex@contoso.com")));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().add("jacob@contoso.com", "jacob.w@contoso.com");
            CliRunner.Result made = CliRunner.against(graph)
                    .run("create", "--from", first.toString(), "--journal", journal.toString());
            CliRunner.Result again = CliRunner.against(graph)
                    .run("create", "--from", edited.toString(), "--journal", journal.toString());

            assertEquals(0, made.exitCode(), made::toString);
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(4, graph.creates().size(), "two Launch chats (two lines ask for two), one Retro, then the "
                    + "edited input's third Launch: " + again);
            List<JsonNode> before = made.jsonLines();
            List<JsonNode> after = again.jsonLines();
            assertEquals(before.get(2).get("id"), after.get(0).get("id"));
            assertEquals(before.get(0).get("id"), after.get(1).get("id"));
            assertEquals(before.get(1).get("id"), after.get(2).get("id"));
            assertNotEquals(before.get(0).get("id"), after.get(3).get("id"));
        }
    }

    @Test
    void bulkLinesThatSharePeopleLookEachPersonUpOnce() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(CliRunner.offline().run("create", "--group", "--topic", "Welcome " + (i % 10), "-m",
                    "hire" + (i % 10) + "@contoso.com", "-m", "lead@contoso.com", "--dry-run", "-o", "json").out().strip());
        }
        Path input = directory.resolve("in.jsonl");
        Files.write(input, lines);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.throttleBatchItems(2); // two look-ups answered 429 in the first batch, alone
            CliRunner runner = CliRunner.against(graph);
            CliRunner.Result result = runner.run("create", "--from", input.toString(), "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(10, graph.chats().all().size(), "ten chats, each reused twice");
            Map<String, Integer> lookUps = lookUps(graph);
            assertEquals(11, lookUps.size(), "ten hires and the lead: " + lookUps);
            assertEquals(13, lookUps.values().stream().mapToInt(Integer::intValue).sum(),
                    "each once, and the two throttled once more: " + lookUps);
            assertTrue(runner.sleeper().waits().stream().anyMatch(wait -> wait.getSeconds() == 1),
                    "the throttled items waited for their Retry-After");
        }
    }

    @Test
    void aUserOfAnotherTenantIsMatchedByTheirTenantToo() {
        String guest = "82af01c5-f7cc-4a2e-a728-3a5df21afd9d";
        String theirTenant = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
        String anotherTenant = "11111111-2222-4333-8444-555555555555";
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().seedGroup(TOPIC, Instant.now(), "jacob@contoso.com", guest + "=" + anotherTenant);
            FakeChats.Chat theirs = graph.chats().seedGroup(TOPIC, Instant.parse("2026-01-01T00:00:00Z"),
                    "jacob@contoso.com", guest + "=" + theirTenant);
            CliRunner.Result result = CliRunner.against(graph).run("create", "--group", "--topic", TOPIC, "-m",
                    "jacob@contoso.com", "--federated", guest + "=" + theirTenant, "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(theirs.id() + "\n", result.out(), "the same object id in another tenant is someone else");
        }
    }

    @Test
    void anInTenantGuestGivenAsAnOwnerIsRefusedBeforeAnythingIsSent() {
        try (FakeGraph graph = FakeGraph.start()) {
            CliRunner.Result result = CliRunner.against(graph).run("create", "--group", "-m",
                    "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", "-m", "jacob@contoso.com");

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("chat: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com' is an in-tenant guest (#EXT#), whom "
                    + "Graph lets into a chat only with the guest role: give them with -g, not -m (in a body: "
                    + "\"roles\": [\"guest\"])\n", result.err());
            assertEquals(List.of(), graph.requests());
        }
    }
}
