package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where a person's tokens are kept, as chat tells it. These runs have no D-Bus session, as on a server
 * or in CI, so no keyring: the owner-only file keeps the tokens, said once at sign-in and then shown
 * by chat status alone. (KeyringIT runs the installed command with a keyring.)
 */
class TokenStoreTest {
    private static final String[] CREATE = {"create", "--one-on-one", "-m", "alex@contoso.com"};

    @Test
    void loginSaysOnceWhereTheTokensAreAndHowToGetAKeyringAndLaterRunsSayNothingOfIt() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            CliRunner.Result login = first.run("login");
            Path file = first.configDirectory().resolve("msal_token_cache.json");

            assertEquals(0, login.exitCode(), login::toString);
            List<String> lines = login.err().lines().filter(line -> line.contains(file.toString())).toList();
            assertEquals(1, lines.size(), login::toString);
            assertEquals("chat: the tokens are kept in " + file + ", which only you can read: there is no desktop "
                    + "session (D-Bus) to find a keyring in; to keep them in a keyring instead, run chat in a desktop "
                    + "session with gnome-keyring (or another Secret Service), and they move there by themselves",
                    lines.get(0));
            assertTrue(login.err().endsWith("chat: signed in as megan@contoso.com (tenant "
                    + chat.testing.FakeIdentityProvider.TENANT_ID + ", cloud global)\n"), login::toString);

            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result create = cloud.runnerSharing(first).run(CREATE);
            CliRunner.Result status = cloud.runnerSharing(first).run("status");
            CliRunner.Result logout = cloud.runnerSharing(first).run("logout");

            assertEquals(0, create.exitCode(), create::toString);
            assertEquals("", create.err());
            assertEquals(0, status.exitCode(), status::toString);
            assertEquals("", status.err());
            assertEquals("chat: signed out megan@contoso.com\n", logout.err());
        }
    }

    @Test
    void statusSaysWhereTheTokensAreKeptInTextAndJson() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            Path file = first.configDirectory().resolve("msal_token_cache.json");

            CliRunner.Result text = cloud.runnerSharing(first).run("status");
            CliRunner.Result json = cloud.runnerSharing(first).run("status", "-o", "json");

            assertEquals(0, text.exitCode(), text::toString);
            assertEquals("tokens:      " + file + " (a file only you can read)", text.out().lines().toList().get(1));
            assertEquals(file + " (a file only you can read)",
                    new ObjectMapper().readTree(json.out()).path("tokens").asText(), json::toString);
        }
    }

    @Test
    void anApplicationsStatusHasNoTokensKept() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp("0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b", "secret");
            CliRunner.Result status = cloud.runner().env("AZURE_TENANT_ID", "contoso.onmicrosoft.com")
                    .env("AZURE_CLIENT_ID", "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b").env("AZURE_CLIENT_SECRET", "secret")
                    .run("status");

            assertEquals(0, status.exitCode(), status::toString);
            assertFalse(status.out().contains("tokens:"), status::toString);
        }
    }

    @Test
    void theFileChosenWithTheVariableIsNotWorthANote() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result login = cloud.runner().env("CHAT_TOKEN_CACHE", "file").run("login");

            assertEquals(0, login.exitCode(), login::toString);
            assertFalse(login.err().contains("kept in"), login::toString);
        }
    }

    /** Earlier versions let the secret-store library make these with the umask's mode; they hold nothing. */
    @Test
    void theFilesEarlierVersionsLeftWithTheUmasksModeAreRemovedAndEveryFileIsOwnerOnly() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = cloud.runner();
            assertEquals(0, first.run("login").exitCode());
            Path directory = first.configDirectory();
            for (String name : List.of("msal_token_cache.bin", ".lockfile")) {
                Files.createFile(directory.resolve(name),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            }

            CliRunner.Result status = cloud.runnerSharing(first).run("status");

            assertEquals(0, status.exitCode(), status::toString);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                            file.toString());
                }
            }
            assertFalse(Files.exists(directory.resolve("msal_token_cache.bin")));
            assertFalse(Files.exists(directory.resolve(".lockfile")));
        }
    }
}
