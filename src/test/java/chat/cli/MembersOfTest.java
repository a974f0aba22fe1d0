package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeChats;
import chat.testing.FakeCloud;
import chat.testing.FakeDirectory;
import chat.testing.FakeGraph;
import chat.testing.FakeGroups;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * --members-of: the people of groups, nested groups' included, each once and in the role Graph wants,
 * against a Graph that keeps groups as documented (pages of transitive members, devices, contacts and
 * service principals among them, names several groups share, GroupMember.Read.All to read them).
 */
class MembersOfTest {
    private static final String ME = "megan@contoso.com";
    private static final String READER = person("Chat.Create User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite");

    private static String person(String scopes) {
        return Tokens.unsigned("{\"scp\":\"" + scopes + "\",\"upn\":\"" + ME + "\",\"oid\":\"" + FakeDirectory.idOf(ME)
                + "\"}");
    }

    private static CliRunner chat(FakeGraph graph) {
        return CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", READER);
    }

    /** Each member of the one chat created: object id → role. */
    private static Map<String, String> createdRoster(FakeGraph graph) {
        assertEquals(1, graph.creates().size(), "one chat created");
        Map<String, String> roster = new TreeMap<>();
        for (JsonNode member : graph.creates().get(0).json().get("members")) {
            String bind = member.get("user@odata.bind").asText();
            roster.merge(bind.substring(bind.indexOf("('") + 2, bind.indexOf("')")), member.get("roles").get(0).asText(),
                    (a, b) -> "twice");
        }
        return roster;
    }

    private static String id(String upn) {
        return FakeDirectory.idOf(upn);
    }

    private static FakeGroups.Group oncall(FakeGraph graph) {
        FakeGroups groups = graph.chats().groups();
        FakeGroups.Group leads = groups.add("Leads", null, FakeGroups.user("lead@contoso.com"),
                FakeGroups.user("jacob@contoso.com"), FakeGroups.user(ME));
        return groups.add("On call", "oncall@contoso.com", FakeGroups.user("jacob@contoso.com"), FakeGroups.group(leads),
                FakeGroups.device("printer-4"), FakeGroups.contact("vendor"), FakeGroups.servicePrincipal("pager-bot"),
                FakeGroups.user("jane_fabrikam.com#EXT#@contoso.com"));
    }

    @Test
    void everyoneOfAGroupAndTheGroupsWithinItJoinsOnceAGuestAsAGuest() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().groupPageSize(2)) {
            oncall(graph);
            CliRunner.Result result = chat(graph).run("create", "--group", "--topic", "Incident 4711",
                    "--members-of", "oncall@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(graph.chats().all().get(0).id() + "\n", result.out());
            assertEquals(Map.of(id(ME), "owner", id("jacob@contoso.com"), "owner", id("lead@contoso.com"), "owner",
                    id("jane_fabrikam.com#EXT#@contoso.com"), "guest"), createdRoster(graph),
                    "the signed-in user and jacob, in both groups, once");
            assertEquals("chat: 3 members of the group left out: no person (a device, a contact or an application)\n",
                    result.err());
            long pages = graph.requests().stream().filter(r -> r.path().contains("/transitiveMembers")).count();
            assertEquals(4, pages, "seven members, two a page");
        }
    }

    @Test
    void someoneAlsoListedOneByOneJoinsOnceInTheRoleGivenThere() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            FakeGroups.Group oncall = oncall(graph);
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", oncall.id(),
                    "-m", "JACOB@contoso.com", "-m", "ada@contoso.com", "--members-of", "On call");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(Map.of("JACOB@contoso.com", "owner", "ada@contoso.com", "owner", id(ME), "owner",
                    id("lead@contoso.com"), "owner", id("jane_fabrikam.com#EXT#@contoso.com"), "guest"),
                    createdRoster(graph), "jacob as given, not again by the group's id for him; the group read once");
        }
    }

    @Test
    void aDryRunReadsTheGroupsAndPrintsEveryoneItWouldSend() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            oncall(graph);
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "oncall@contoso.com",
                    "--dry-run", "-o", "json");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(), graph.creates());
            JsonNode body = result.jsonLines().get(0);
            assertEquals(4, body.get("members").size(), body::toString);
            assertTrue(body.toString().contains(id("jane_fabrikam.com#EXT#@contoso.com")), body::toString);
        }
    }

    @Test
    void anExistingChatOfTheSamePeopleIsReusedOnItsWholeRoster() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            oncall(graph);
            var existing = graph.chats().seedGroup("Incident 4711", Instant.now(), ME, "jacob@contoso.com",
                    "lead@contoso.com", "jane_fabrikam.com#EXT#@contoso.com");
            CliRunner.Result result = chat(graph).run("create", "--group", "--topic", "Incident 4711",
                    "--members-of", "oncall@contoso.com", "--if-exists", "reuse");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(existing.id() + "\n", result.out());
            assertEquals(List.of(), graph.creates());
        }
    }

    /** What is refused before anything is made: exit code, and a line that says what to do. */
    @Test
    void groupsThatCannotMakeTheChatAreRefusedBeforeAnythingIsMade() {
        record Case(String group, int exit, String says) {
        }
        List<String> many = IntStream.rangeClosed(1, 251).mapToObj(i -> "p" + i + "@contoso.com").toList();
        List<Case> cases = List.of(
                new Case("Release", 2, "2 groups are named 'Release': give one of them by its mail or id: "
                        + "release-a@contoso.com, release-b@contoso.com"),
                new Case("Nobody's", 2, "no group has the name 'Nobody's': give its mail, its object id or its exact name"),
                new Case("gone@contoso.com", 2, "no group has the mail 'gone@contoso.com'"),
                new Case("00000000-0000-0000-0000-000000000001", 2, "no group has the id 00000000-0000-0000-0000-000000000001"),
                new Case("everyone@contoso.com", 2, "a chat holds at most 250 people, and 251 are listed"));
        for (Case c : cases) {
            try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
                FakeGroups groups = graph.chats().groups();
                groups.add("Release", "release-a@contoso.com");
                groups.add("release", "release-b@contoso.com");
                groups.add("Everyone", "everyone@contoso.com", many.stream().map(FakeGroups::user)
                        .toArray(FakeGroups.Entry[]::new));
                CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", c.group());

                assertEquals(c.exit(), result.exitCode(), c + ": " + result);
                assertTrue(result.err().startsWith("chat: " + c.says()), c + ": " + result.err());
                assertEquals(1, result.err().lines().count(), result::toString);
                assertEquals(List.of(), graph.creates(), c.group());
            }
        }
    }

    @Test
    void withoutThePermissionToReadGroupsGraphsRefusalNamesIt() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            oncall(graph);
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", person("Chat.Create"))
                    .run("create", "--group", "--members-of", "oncall@contoso.com");

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().contains("GroupMember.Read.All permission, which an administrator grants"),
                    result::toString);
            assertEquals(List.of(), graph.creates());

            // a token that names its app and tenant: where an administrator grants it to that app
            String app = "0d7c5e6a-1b2f-4c3d-9e8f-7a6b5c4d3e2f";
            String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
            CliRunner.Result named = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", Tokens.unsigned("{\"scp\":"
                    + "\"Chat.Create\",\"upn\":\"" + ME + "\",\"oid\":\"" + FakeDirectory.idOf(ME) + "\",\"appid\":\""
                    + app + "\",\"tid\":\"" + tenant + "\"}")).run("create", "--group", "--members-of", "oncall@contoso.com");
            assertEquals(4, named.exitCode(), named::toString);
            assertTrue(named.err().contains("GroupMember.Read.All permission, which an administrator grants to this app "
                    + "at https://login.microsoftonline.com/" + tenant + "/v2.0/adminconsent?client_id=" + app
                    + "&scope=https://graph.microsoft.com/GroupMember.Read.All"), named::toString);
        }
    }

    @Test
    void aGroupNamedOverTwoLinesIsRefusedBeforeAnySignIn() {
        CliRunner.Result result = CliRunner.offline().run("create", "--group", "--members-of", "on\ncall");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("chat: a group's name holds a line break or another control character: give its mail, object id "
                + "or name, on one line\n", result.err());
    }

    @Test
    void aGroupGoesWithAGroupChat() {
        CliRunner.Result result = CliRunner.offline().run("create", "--one-on-one", "--members-of", "oncall@contoso.com");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("chat: --members-of makes a group chat: give --group, not --one-on-one\n", result.err());
    }

    private static List<String> cohort(int size) {
        return IntStream.rangeClosed(1, size).mapToObj(i -> "hire" + i + "@contoso.com").toList();
    }

    private static FakeGroups.Group cohortGroup(FakeGraph graph, List<String> people) {
        return graph.chats().groups().add("Cohort", "cohort@contoso.com", people.stream().map(FakeGroups::user)
                .toArray(FakeGroups.Entry[]::new));
    }

    private static List<RecordedRequest> adds(FakeGraph graph) {
        return graph.requests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/members")).toList();
    }

    @Test
    void aChatOfTwoHundredAndThirtyOneIsMadeWithTwoHundredAndCompletedWithAdds() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, cohort(230));
            CliRunner.Result result = chat(graph).run("create", "--group", "--topic", "Welcome, autumn cohort",
                    "--members-of", "cohort@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            Map<String, String> created = createdRoster(graph);
            assertEquals(200, created.size(), "Graph takes 200 in the create");
            assertEquals("owner", created.get(id(ME)), "the signed-in user in the create");
            assertEquals(31, adds(graph).size(), "the others added one by one");
            FakeChats.Chat chat = graph.chats().all().get(0);
            assertEquals(chat.id() + "\n", result.out());
            assertEquals(231, graph.chats().roster(chat.id()).size(), "everyone in");
            assertEquals("", result.err());
        }
    }

    @Test
    void anAddWhoseAnswerWasLostIsLookedForInTheRosterNotSentAgain() {
        List<String> people = cohort(230);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()
                .replyToAddsOf(id(people.get(215)), Reply.createThenDropConnection())) {
            cohortGroup(graph, people);
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(31, adds(graph).size(), "the lost add not sent again: the roster showed it made");
            assertEquals(231, graph.chats().roster(graph.chats().all().get(0).id()).size());
        }
    }

    @Test
    void anAddThatNeverReachedGraphIsSentOnceMoreWhenTheRosterLacksThePerson() {
        List<String> people = cohort(230);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()
                .replyToAddsOf(id(people.get(215)), Reply.dropConnection())) {
            cohortGroup(graph, people);
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(32, adds(graph).size(), "one add again, after the roster showed it missing");
            assertEquals(231, graph.chats().roster(graph.chats().all().get(0).id()).size());
        }
    }

    /** Graph's word that someone is in is taken from the roster, not from an error's wording. */
    @Test
    void anAddRefusedAsAlreadyInCountsOnlyWhenTheRosterShowsThePerson() {
        List<String> people = cohort(230);
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(id(people.get(215)),
                Reply.graphError(409, "Conflict", "The user is already a member of the chat."))) {
            cohortGroup(graph, people);
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().contains("1 person is not in it; Graph refused: 409 Conflict: The user "
                    + "is already a member of the chat."), result::toString);
            assertTrue(result.err().endsWith(": " + id(people.get(215)) + "\n"), result::toString);
            assertEquals(230, graph.chats().roster(graph.chats().all().get(0).id()).size(), "all but that one");
        }
    }

    /** A token that shows it may not add people: a chat of 200 would be made and left so. Nothing is. */
    @Test
    void aTokenThatMayNotAddPeopleIsRefusedBeforeAnythingIsMade() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            cohortGroup(graph, cohort(230));
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    person("Chat.Create User.ReadBasic.All GroupMember.Read.All"))
                    .run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals("", result.out());
            assertEquals(0, graph.creates().size(), "nothing made");
            assertEquals("chat: a chat of 231 people is made with 200 and the others added, which takes "
                    + "ChatMember.ReadWrite (ChatMember.ReadWrite.All for an application), and the token holds none of "
                    + "ChatMember.ReadWrite, Chat.ReadWrite, ChatMember.ReadWrite.All, Chat.ReadWrite.All: nothing was "
                    + "made; a person's sign-in asks for it with chat login --scope ChatMember.ReadWrite\n", result.err());
        }
    }

    /** An add refused for a permission: where an administrator grants it to the app of the token, when it says. */
    @Test
    void anAddRefusedForAPermissionSaysWhereItIsGranted() {
        String app = "0d7c5e6a-1b2f-4c3d-9e8f-7a6b5c4d3e2f";
        String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(id("hire200@contoso.com"),
                Reply.graphError(403, "Forbidden", "Missing scope permissions on the request."))) {
            cohortGroup(graph, cohort(230));
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", Tokens.unsigned("{\"scp\":"
                    + "\"Chat.Create User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite\",\"upn\":\"" + ME
                    + "\",\"oid\":\"" + FakeDirectory.idOf(ME) + "\",\"appid\":\"" + app + "\",\"tid\":\"" + tenant
                    + "\"}")).run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(4, result.exitCode(), result::toString);
            assertTrue(result.err().contains("; an administrator grants it to this app at https://login.microsoftonline"
                    + ".com/" + tenant + "/v2.0/adminconsent?client_id=" + app + "&scope=https://graph.microsoft.com/"
                    + "ChatMember.ReadWrite"), result::toString);
        }
    }

    /** Graph may refuse what the token allows: the first refusal stops the adds, and says who is not in. */
    @Test
    void addsGraphRefusesLeaveTheChatAndSayWhoIsNotIn() {
        Reply missingScope = Reply.graphError(403, "Forbidden", "Missing scope permissions on the request. API requires "
                + "one of 'ChatMember.ReadWrite, Chat.ReadWrite, ChatMember.ReadWrite.All, Chat.ReadWrite.All'.");
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()
                .replyToAddsOf(id("hire200@contoso.com"), missingScope, missingScope)) {
            cohortGroup(graph, cohort(230));
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "cohort@contoso.com");

            assertEquals(4, result.exitCode(), result::toString);
            String chatId = graph.chats().all().get(0).id();
            assertEquals(chatId + "\n", result.out(), "the chat's id, though not everyone is in");
            assertEquals(1, adds(graph).size(), "a missing permission refuses every add alike: asked once");
            assertTrue(result.err().startsWith("chat: the chat " + chatId + " is there, but 31 people are not in it; "),
                    result::toString);
            assertTrue(result.err().contains("takes the ChatMember.ReadWrite permission"), result::toString);
            assertTrue(result.err().contains(id("hire230@contoso.com")), result::toString);
            assertEquals(1, result.err().lines().count(), result::toString);

            CliRunner.Result json = chat(graph).run("create", "--group", "--members-of", "cohort@contoso.com", "-o", "json");
            assertEquals(4, json.exitCode(), json::toString);
            JsonNode printed = json.jsonLines().get(0);
            assertEquals(graph.chats().all().get(1).id(), printed.get("id").asText());
            assertEquals(31, printed.get("notAdded").size(), printed::toString);
            assertEquals(id("hire230@contoso.com"), printed.get("notAdded").get(30).asText());
        }
    }

    /**
     * A person signed in with chat login, and a group of three on call. Each test signs in with an app
     * of its own: MSAL keeps a refusal that asks for a sign-in for a while, for every client of the process
     * asking the same, as a real process never would.
     */
    private static CliRunner signedIn(FakeCloud cloud) {
        cloud.graph().answeringAsGraph();
        cloud.graph().chats().groups().add("On call", "oncall@contoso.com", FakeGroups.user("jacob@contoso.com"),
                FakeGroups.user("lead@contoso.com"));
        CliRunner login = cloud.runner();
        assertEquals(0, login.run("login", "--client-id", java.util.UUID.randomUUID().toString()).exitCode());
        return login;
    }

    @Test
    void runAgainWithIfExistsReuseAChatWhoseAddsDidNotFinishIsCompletedNotMadeTwice() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(id("hire200@contoso.com"),
                Reply.graphError(403, "Forbidden", "The caller is not a member of the chat."))) {
            cohortGroup(graph, cohort(230));
            String[] command = {"create", "--group", "--topic", "Welcome", "--members-of", "cohort@contoso.com",
                "--if-exists", "reuse"};
            CliRunner.Result first = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    person("Chat.Create Chat.ReadBasic User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite"))
                    .run(command);
            assertEquals(4, first.exitCode(), first::toString);

            CliRunner.Result again = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    person("Chat.Create Chat.ReadBasic User.ReadBasic.All GroupMember.Read.All ChatMember.ReadWrite"))
                    .run(command);

            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(first.out(), again.out(), "the same chat");
            assertEquals(1, graph.creates().size(), "made once");
            assertEquals(231, graph.chats().roster(graph.chats().all().get(0).id()).size(), "everyone in");
        }
    }

    /** Whichever 200 the earlier create took: the people named in another order find the same chat. */
    @Test
    void runAgainInAnotherOrderTheUnfinishedChatIsStillFound() {
        List<String> people = cohort(215);
        List<String> first = new java.util.ArrayList<>(List.of("create", "--group", "--if-exists", "reuse"));
        people.forEach(person -> first.addAll(List.of("-m", person)));
        List<String> again = new java.util.ArrayList<>(List.of("create", "--group", "--if-exists", "reuse"));
        List<String> backwards = new java.util.ArrayList<>(people);
        java.util.Collections.reverse(backwards);
        backwards.forEach(person -> again.addAll(List.of("-m", person)));
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(id("hire200@contoso.com"),
                Reply.graphError(403, "Forbidden", "The caller is not a member of the chat."))) {
            CliRunner.Result made = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    person("Chat.Create Chat.ReadBasic User.ReadBasic.All ChatMember.ReadWrite"))
                    .run(first.toArray(String[]::new));
            assertEquals(4, made.exitCode(), made::toString);

            CliRunner.Result completed = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    person("Chat.Create Chat.ReadBasic User.ReadBasic.All ChatMember.ReadWrite"))
                    .run(again.toArray(String[]::new));

            assertEquals(0, completed.exitCode(), completed::toString);
            assertEquals(made.out(), completed.out(), "the same chat");
            assertEquals(1, graph.creates().size(), "made once");
            assertEquals(216, graph.chats().roster(graph.chats().all().get(0).id()).size(), "everyone in");
        }
    }

    @Test
    void aGuestOfAGroupAlsoGivenAsAnOwnerIsRefusedBeforeAnythingIsMade() {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            oncall(graph);
            String jane = id("jane_fabrikam.com#EXT#@contoso.com");
            CliRunner.Result result = chat(graph).run("create", "--group", "--members-of", "oncall@contoso.com",
                    "-m", jane);

            assertEquals(2, result.exitCode(), result::toString);
            assertEquals("chat: '" + jane + "' is a guest (userType Guest, in a group given with --members-of), whom "
                    + "Graph lets into a chat only with the guest role: give them with -g, not -m\n", result.err());
            assertEquals(List.of(), graph.creates());
        }
    }

    /**
     * Asked for silently where an administrator granted them: the least ones; others that grant the same
     * (Group.Read.All, Chat.ReadWrite); or, for a group of two, reading groups alone (adding people is asked
     * for only when the groups hold more than a create takes).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GroupMember.Read.All ChatMember.ReadWrite", "Group.Read.All Chat.ReadWrite",
        "GroupMember.Read.All"})
    void permissionsAnAdministratorGrantedServeWithoutAsking(String granted) throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner login = signedIn(cloud);
            cloud.identityProvider().adminConsented(granted.split(" "));
            CliRunner.Result result = cloud.runnerSharing(login).run("create", "--group", "--members-of",
                    "oncall@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(1, cloud.identityProvider().deviceCodeRequests().size(), "no sign-in again");
            assertEquals(1, cloud.graph().creates().size());
            assertEquals(3, cloud.graph().creates().get(0).json().get("members").size(), "megan, jacob and the lead");
        }
    }

    @Test
    void withoutThemAScriptIsToldHowToGrantThemAndNothingIsSent() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner login = signedIn(cloud);
            CliRunner.Result result = cloud.runnerSharing(login).run("create", "--group", "--members-of",
                    "oncall@contoso.com");

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().contains("has not been granted, and there is no terminal to sign in at: grant it "
                    + "with: chat login --scope GroupMember.Read.All "), result::toString);
            assertEquals(List.of(), cloud.graph().requests(), "nothing sent to Graph");
        }
    }

    @Test
    void aPersonAtATerminalSignsInAgainToGrantThem() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner login = signedIn(cloud);
            cohortGroup(cloud.graph(), cohort(230));
            cloud.identityProvider().adminConsented("GroupMember.Read.All"); // ChatMember.ReadWrite is the person's
            CliRunner.Result result = cloud.runnerSharing(login).interactive().run("create", "--group", "--members-of",
                    "cohort@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.err().contains("this run needs ChatMember.ReadWrite, GroupMember.Read.All, which the "
                    + "sign-in of megan@contoso.com has not been granted: sign in again to grant it"), result::toString);
            assertEquals(2, cloud.identityProvider().deviceCodeRequests().size(), "signed in again");
            assertTrue(cloud.identityProvider().deviceCodeRequests().get(1).parameter("scope")
                    .contains("https://graph.microsoft.com/ChatMember.ReadWrite"));
            assertEquals(1, cloud.graph().creates().size());
            assertEquals(231, cloud.graph().chats().roster(cloud.graph().chats().all().get(0).id()).size(), "all in");
        }
    }

    @Test
    void chatLoginAsksForMoreWhenTold() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner login = signedIn(cloud);
            cloud.identityProvider().adminConsented("GroupMember.Read.All");
            assertEquals(0, cloud.runnerSharing(login).run("login", "--scope", "ChatMember.ReadWrite", "--scope",
                    "GroupMember.Read.All").exitCode());
            CliRunner.Result result = cloud.runnerSharing(login).run("create", "--group", "--members-of",
                    "oncall@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(2, cloud.identityProvider().deviceCodeRequests().size(), "the login, and chat login --scope");
            CliRunner.Result bad = CliRunner.offline().run("login", "--scope", "Group Member");
            assertEquals(2, bad.exitCode(), bad::toString);
            assertEquals("chat: 'Group Member' is not a Graph permission: give its name, such as GroupMember.Read.All\n",
                    bad.err());
        }
    }
}
