package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeIdentityProvider;
import chat.testing.RecordedRequest;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A person's sign-in: device code, a cache that outlives the run, silent reuse and refresh. */
class DeviceCodeSignInTest {
    private static final String ALEX = "alex@contoso.com";

    @Test
    void loginShowsTheCodeWaitsThroughPendingPollsAndRemembersTheAccount() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().pendingPolls(2);
            CliRunner.Result login = cloud.runner().run("login");

            assertEquals(0, login.exitCode(), login::toString);
            assertEquals("", login.out());
            assertTrue(login.err().contains("enter the code CHAT-1234 to authenticate"), login::toString);
            assertTrue(login.err().endsWith("chat: signed in as megan@contoso.com (tenant "
                    + FakeIdentityProvider.TENANT_ID + ", cloud global)\n"), login::toString);
            FakeIdentityProvider.Seen deviceCode = cloud.identityProvider().deviceCodeRequests().get(0);
            assertEquals("login.microsoftonline.com", deviceCode.host());
            assertEquals("/organizations/oauth2/v2.0/devicecode", deviceCode.path());
            assertEquals(Credentials.DEFAULT_PUBLIC_CLIENT_ID, deviceCode.parameter("client_id"));
            assertTrue(deviceCode.parameter("scope").contains("https://graph.microsoft.com/Chat.Create"));
            assertTrue(deviceCode.parameter("scope").contains("https://graph.microsoft.com/User.ReadBasic.All"),
                    "people named by UPN are looked up, to be matched by object id");
            assertEquals(3, cloud.identityProvider().tokenRequests().size(), "two pending polls, then the token");
        }
    }

    @Test
    void afterLoginCreateMakesNoSignInRequestAndAddsTheSignedInUser() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            int signInRequests = cloud.identityProvider().seen().size();
            cloud.graph().reply(Reply.asGraph());

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", ALEX);

            assertEquals(0, create.exitCode(), create::toString);
            assertEquals(signInRequests, cloud.identityProvider().seen().size(), "the cached token is used as it is");
            JsonNode members = onlyGraphRequest(cloud).json().get("members");
            assertEquals(2, members.size());
            assertEquals("https://graph.microsoft.com/v1.0/users('" + FakeIdentityProvider.USER_ID + "')",
                    members.get(0).get("user@odata.bind").asText());
            assertEquals("owner", members.get(0).get("roles").get(0).asText());
            assertEquals("https://graph.microsoft.com/v1.0/users('alex@contoso.com')",
                    members.get(1).get("user@odata.bind").asText());
        }
    }

    @Test
    void anExpiringTokenIsRefreshedSilently() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().userTokenLifetime(60); // MSAL renews tokens with under five minutes left
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            int tokenRequests = cloud.identityProvider().tokenRequests().size();
            cloud.graph().reply(Reply.asGraph());

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--group", "-m", ALEX);

            assertEquals(0, create.exitCode(), create::toString);
            List<FakeIdentityProvider.Seen> tokens = cloud.identityProvider().tokenRequests();
            assertEquals(tokenRequests + 1, tokens.size());
            assertEquals("refresh_token", tokens.get(tokens.size() - 1).parameter("grant_type"));
            assertEquals(1, cloud.identityProvider().deviceCodeRequests().size(), "no new device code");
        }
    }

    @Test
    void aRevokedSignInWithNoTerminalFailsAtOnceSayingToLogIn() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().userTokenLifetime(60);
            CliRunner first = cloud.runner();
            // MSAL remembers a refused refresh per JVM for a while and refuses identical requests from
            // memory: another client id keeps this test's refusal from other tests in this JVM.
            assertEquals(0, first.run("login", "--client-id", "5c2a7f61-0d3b-4e8f-9a1c-2b3d4e5f6a7b").exitCode());
            cloud.identityProvider().revokeRefreshTokens();

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--group", "-m", ALEX);

            assertEquals(3, create.exitCode(), create::toString);
            assertEquals("chat: the sign-in of megan@contoso.com has expired or was revoked, and there is no terminal "
                    + "to sign in at: sign in again with: chat login\n", create.err());
            assertEquals(1, cloud.identityProvider().deviceCodeRequests().size());
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void withNoCredentialAndNoTerminalCreateFailsWithinSecondsAndNeverWaits() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner runner = cloud.runner();
            CliRunner.Result create = runner.run("create", "--one-on-one", "-m", ALEX);

            assertEquals(3, create.exitCode(), create::toString);
            assertEquals(List.of(), runner.sleeper().waits(), "nothing waited for");
            assertTrue(create.err().contains("AZURE_CLIENT_ID") && create.err().contains("chat login"), create::toString);
            assertEquals(List.of(), cloud.identityProvider().seen());
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void atATerminalCreateSignsInWithADeviceCodeAndRemembersIt() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner person = cloud.runner().interactive();
            cloud.graph().reply(Reply.asGraph(), Reply.asGraph());
            CliRunner.Result create = person.run("create", "--group", "--topic", "Kick-off", "-m", ALEX);

            assertEquals(0, create.exitCode(), create::toString);
            assertTrue(create.err().contains("enter the code CHAT-1234"), create::toString);
            assertTrue(create.out().matches("19:\\S+@thread\\.v2\n"), create::toString);
            assertTrue(Files.exists(person.configDirectory().resolve("login.json")));

            CliRunner.Result again = cloud.runnerSharing(person).run("create", "--one-on-one", "-m", ALEX);
            assertEquals(0, again.exitCode(), again::toString);
            assertEquals(1, cloud.identityProvider().deviceCodeRequests().size());
        }
    }

    @Test
    void listingTheSignedInUserAddsNobody() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            cloud.graph().reply(Reply.asGraph());

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", "MEGAN@contoso.com",
                    "-m", ALEX);

            assertEquals(0, create.exitCode(), create::toString);
            assertEquals(2, onlyGraphRequest(cloud).json().get("members").size());
        }
    }

    @Test
    void aOneOnOneOfTwoOthersIsRefusedOnceTheSignedInUserIsKnown() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", ALEX,
                    "-m", "jacob@contoso.com");

            assertEquals(2, create.exitCode(), create::toString);
            assertEquals("chat: a one-on-one chat of yours is between you (megan@contoso.com) and one other person, "
                    + "and 2 others are listed\n", create.err());
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void aDeclinedOrExpiredCodeExitsThree() throws Exception {
        for (String[] outcome : new String[][] {{"authorization_declined", "chat: sign-in was declined\n"},
            {"expired_token", "the code expired before sign-in finished: run chat login again\n"}}) {
            try (FakeCloud cloud = FakeCloud.start()) {
                cloud.identityProvider().deviceCodeEndsWith(outcome[0]);
                CliRunner.Result login = cloud.runner().run("login");

                assertEquals(3, login.exitCode(), login::toString);
                assertTrue(login.err().endsWith(outcome[1]), login::toString);
                assertEquals("", login.out());
            }
        }
    }

    @Test
    void theCacheIsOwnerOnlyAndHoldsNoAccessTokenInThePlain() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());

            Path directory = first.configDirectory();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            for (String file : List.of("msal_token_cache.json", "login.json")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(directory.resolve(file))), file);
            }
            JsonNode cache = new ObjectMapper().readTree(directory.resolve("msal_token_cache.json").toFile());
            assertTrue(cache.path("Account").size() == 1, cache::toString);
        }
    }

    @Test
    void concurrentRunsSharingTheCacheDoNotCorruptIt() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().userTokenLifetime(60); // every run refreshes and writes the cache
            cloud.graph().answeringAsGraph();
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());

            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<CliRunner.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                CliRunner runner = cloud.runnerSharing(first);
                runs.add(pool.submit(() -> runner.run("create", "--one-on-one", "-m", ALEX)));
            }
            for (Future<CliRunner.Result> run : runs) {
                CliRunner.Result result = run.get();
                assertEquals(0, result.exitCode(), result::toString);
            }
            pool.shutdown();

            JsonNode cache = new ObjectMapper().readTree(first.configDirectory().resolve("msal_token_cache.json").toFile());
            assertEquals(1, cache.path("Account").size(), cache::toString);
            assertFalse(cache.path("RefreshToken").isEmpty());
            CliRunner.Result after = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", ALEX);
            assertEquals(0, after.exitCode(), after::toString);
        }
    }

    @Test
    void aTokenGraphRejectsIsRenewedOnceAndTheChatSentAgain() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            cloud.graph().reply(Reply.graphError(401, "InvalidAuthenticationToken", "Token is revoked."), Reply.asGraph());

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--group", "-m", ALEX);

            assertEquals(0, create.exitCode(), create::toString);
            List<RecordedRequest> sent = cloud.graph().requests();
            assertEquals(2, sent.size());
            assertFalse(sent.get(0).header("Authorization").equals(sent.get(1).header("Authorization")),
                    "the second attempt carries a new token");
            List<FakeIdentityProvider.Seen> tokens = cloud.identityProvider().tokenRequests();
            assertEquals("refresh_token", tokens.get(tokens.size() - 1).parameter("grant_type"));
        }
    }

    @Test
    void aTokenGraphRejectsTwiceExitsThree() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            cloud.graph().reply(Reply.graphError(401, "InvalidAuthenticationToken", "Token is revoked."),
                    Reply.graphError(401, "InvalidAuthenticationToken", "Token is revoked."));

            CliRunner.Result create = cloud.runnerSharing(first).run("create", "--group", "-m", ALEX);

            assertEquals(3, create.exitCode(), create::toString);
            assertEquals("chat: Graph rejected the token of megan@contoso.com: sign in again with: chat login "
                    + "(401 InvalidAuthenticationToken: Token is revoked.)\n", create.err());
        }
    }

    static RecordedRequest onlyGraphRequest(FakeCloud cloud) {
        assertEquals(1, cloud.graph().requests().size());
        return cloud.graph().requests().get(0);
    }
}
