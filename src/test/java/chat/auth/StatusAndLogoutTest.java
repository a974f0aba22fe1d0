package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeIdentityProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAndLogoutTest {
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
    private static final String CLIENT_ID = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";

    @Test
    void statusNamesTheApplicationCredentialAndTokenButNeverTheToken() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, "secret");
            CliRunner runner = cloud.runner().env("AZURE_TENANT_ID", TENANT).env("AZURE_CLIENT_ID", CLIENT_ID)
                    .env("AZURE_CLIENT_SECRET", "secret");
            CliRunner.Result text = runner.run("status");
            CliRunner.Result json = runner.run("status", "-o", "json");

            assertEquals(0, text.exitCode(), text::toString);
            List<String> lines = text.out().lines().toList();
            assertEquals("credential:  client secret (AZURE_CLIENT_SECRET)", lines.get(0));
            assertEquals("account:     application chat-ci (application permissions)", lines.get(1));
            assertEquals("tenant:      " + TENANT, lines.get(2));
            assertEquals("cloud:       global (https://graph.microsoft.com)", lines.get(3));
            assertEquals("permissions: Chat.Create", lines.get(4));
            assertEquals("allows:      create; not --if-exists, --message, --members-of, chats past 200", lines.get(5));
            assertTrue(lines.get(6).matches("expires: {5}\\d{4}-\\d\\d-\\d\\dT\\S+Z \\(in 5\\d min\\)"), lines.get(6));
            JsonNode status = new ObjectMapper().readTree(json.out());
            assertEquals("client secret (AZURE_CLIENT_SECRET)", status.get("credential").asText());
            assertEquals(TENANT, status.get("tenant").asText());
            assertEquals("application", status.at("/account/kind").asText());
            assertEquals("chat-ci", status.at("/account/displayName").asText());
            assertEquals(CLIENT_ID, status.at("/account/appId").asText());
            assertEquals("{\"name\":\"global\",\"graph\":\"https://graph.microsoft.com\"}", status.get("cloud").toString());
            assertEquals("[\"Chat.Create\"]", status.get("permissions").toString());
            assertEquals("{\"create\":true,\"ifExists\":false,\"message\":false,\"membersOf\":false,"
                    + "\"addMembers\":false}", status.get("features").toString());
            java.time.Instant expiresOn = java.time.Instant.parse(status.get("expiresOn").asText());
            assertTrue(expiresOn.isAfter(runner.clock().instant()), expiresOn::toString);
            assertFalse(text.out().contains("eyJ") || json.out().contains("eyJ"), "no token is printed");
        }
    }

    /** What a token's permissions allow, as status tells it: a person's and an application's alike. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "scp|Chat.Create ChatMessage.Send|create, --message; not --if-exists, --members-of, chats past 200",
        "scp|Chat.ReadWrite GroupMember.Read.All|create, --if-exists, --message, --members-of, chats past 200",
        "scp|Chat.Create Chat.ReadBasic ChatMember.ReadWrite|create, --if-exists, chats past 200; not --message, --members-of",
        "roles|Chat.Create ChatMessage.Send Group.Read.All ChatMember.ReadWrite.All|create, --members-of, chats past 200; "
                + "not --if-exists, --message",
        "roles|User.Read.All|nothing chat does; not create, --if-exists, --message, --members-of, chats past 200"})
    void statusSaysWhatTheTokensPermissionsAllow(String claim, String permissions, String allows) {
        String value = claim.equals("scp") ? "\"" + permissions + "\"" : "[\"" + permissions.replace(" ", "\",\"") + "\"]";
        String token = chat.testing.Tokens.unsigned("{\"" + claim + "\":" + value + "}");
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", token).run("status");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("\nallows:      " + allows + "\n"), result::toString);
    }

    /**
     * Not a JSON Web Token, or not one whose claims can be read: whose it is, its permissions and expiry
     * are unknown, and said to be; it is what create would send.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"opaque-token-0123456789", "a.b.c",
        "eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln", "eyJhbGciOiJub25lIn0.WzEsMl0.c2ln"})
    void statusOfATokenThatCannotBeReadSaysItsKindIsUnknown(String token) throws Exception {
        CliRunner.Result result = CliRunner.offline().env("CHAT_ACCESS_TOKEN", token).run("status");
        CliRunner.Result json = CliRunner.offline().env("CHAT_ACCESS_TOKEN", token).run("status", "-o", "json");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("account:    unknown: chat cannot tell whose the token is\n"), result::toString);
        assertEquals("chat: the token in CHAT_ACCESS_TOKEN is not a JSON Web Token, whose claims chat could read, so "
                + "whom it acts for is unknown: it is sent as it is, and nobody is added to the chat for it\n",
                result.err());
        assertTrue(!result.out().contains("application permissions") && !result.out().contains(token), result::toString);
        assertEquals("{\"credential\":\"access token (CHAT_ACCESS_TOKEN)\",\"account\":{\"kind\":\"unknown\"},"
                + "\"cloud\":{\"name\":\"global\",\"graph\":\"https://graph.microsoft.com\"}}\n", json.out());
    }

    @Test
    void statusOfAnExpiredTokenThatCannotBeRenewedExitsThree() {
        String token = chat.testing.Tokens.unsigned("{\"roles\":[\"Chat.Create\"],\"exp\":1000}");
        CliRunner.Result result = new CliRunner().env("CHAT_ACCESS_TOKEN", token).run("status");

        assertEquals(3, result.exitCode(), result::toString);
        assertTrue(result.out().contains("expires:     1970-01-01T00:16:40Z (expired)"), result::toString);
        assertTrue(result.err().matches("chat: the token in CHAT_ACCESS_TOKEN expired at 1970-01-01T00:16:40Z "
                + "\\(\\d+ days ago\\): get a new one\n"), result::toString);
    }

    @Test
    void statusAfterLoginNamesThePersonAndLogoutForgetsThem() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());

            CliRunner.Result status = cloud.runnerSharing(first).run("status");
            assertEquals(0, status.exitCode(), status::toString);
            assertTrue(status.out().contains("account:     megan@contoso.com (delegated permissions)"), status::toString);
            assertTrue(status.out().contains("credential:  signed in with chat login (megan@contoso.com)"));
            assertTrue(status.out().contains("tenant:      " + FakeIdentityProvider.TENANT_ID));
            JsonNode json = new ObjectMapper().readTree(cloud.runnerSharing(first).run("status", "-o", "json").out());
            assertEquals("delegated", json.at("/account/kind").asText());
            assertEquals("megan@contoso.com", json.at("/account/username").asText());
            assertEquals(FakeIdentityProvider.USER_ID, json.at("/account/objectId").asText());

            CliRunner.Result logout = cloud.runnerSharing(first).run("logout");
            assertEquals(0, logout.exitCode(), logout::toString);
            assertEquals("chat: signed out megan@contoso.com\n", logout.err());
            assertFalse(Files.exists(first.configDirectory().resolve("login.json")));
            assertFalse(Files.exists(first.configDirectory().resolve("msal_token_cache.json")));

            CliRunner.Result after = cloud.runnerSharing(first).run("status");
            assertEquals(3, after.exitCode(), after::toString);
            assertEquals("", after.out());
            assertTrue(after.err().contains("chat login"), after::toString);

            CliRunner.Result again = cloud.runnerSharing(first).run("logout");
            assertEquals("chat: not signed in\n", again.err());
        }
    }

    @Test
    void aConfigDirectoryThatCannotBeOneIsASettingToFixNotAFault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path
            directory) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createFile(directory.resolve("a-file"));
        CliRunner.Result result = new CliRunner().env("CHAT_CONFIG_DIR", file.resolve("chat").toString()).run("logout");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("chat: cannot use " + file.resolve("chat")), result::toString);
        assertEquals(1, result.err().lines().count(), result::toString);
    }

    @Test
    void statusWithNothingConfiguredExitsThreeAndNeverPrompts() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result status = cloud.runner().interactive().run("status");

            assertEquals(3, status.exitCode(), status::toString);
            assertEquals(List.of(), cloud.identityProvider().seen(), "status never starts a sign-in");
        }
    }

    @Test
    void aDryRunAfterLoginNeedsNoSignInAndPrintsTheBodyThatIsSent() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            int seen = cloud.identityProvider().seen().size();

            CliRunner.Result dryRun = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", "alex@contoso.com",
                    "--dry-run", "-o", "json");
            assertEquals(seen, cloud.identityProvider().seen().size(), "a dry run asks no one");
            cloud.graph().reply(chat.testing.Reply.asGraph());
            CliRunner.Result sent = cloud.runnerSharing(first).run("create", "--one-on-one", "-m", "alex@contoso.com");

            assertEquals(0, dryRun.exitCode(), dryRun::toString);
            assertEquals("", dryRun.err());
            assertEquals(0, sent.exitCode(), sent::toString);
            List<chat.testing.RecordedRequest> posts = cloud.graph().requests().stream()
                    .filter(request -> request.method().equals("POST")).toList();
            assertEquals(new ObjectMapper().readTree(posts.get(posts.size() - 1).body()),
                    new ObjectMapper().readTree(dryRun.out()), "the dry run printed what was then sent");
            assertEquals(2, new ObjectMapper().readTree(dryRun.out()).get("members").size());
        }
    }
}
