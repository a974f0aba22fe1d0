package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config directory is the user's alone, as OpenSSH holds ~/.ssh: what another user could change
 * or point elsewhere is refused (exit 2, one line saying how to fix it) before anything is read from
 * it, written to it or asked of the identity provider.
 */
class PrivateConfigDirectoryTest {
    private static final String CACHE = "msal_token_cache.json";
    private static final String LOCK = "msal_token_cache.json.lock";
    private static final String[] CREATE = {"create", "--one-on-one", "-m", "alex@contoso.com"};

    @TempDir
    Path elsewhere;

    @Test
    void aDirectoryOthersMayWriteIsRefusedByEveryCommandThatWouldUseIt() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = signedIn(cloud);
            Path directory = first.configDirectory();
            int seen = cloud.identityProvider().seen().size();

            for (String mode : List.of("rwxrwxrwx", "rwxrwx---", "rwx----w-")) {
                for (String[] command : List.of(new String[] {"login"}, CREATE, new String[] {"status"},
                        new String[] {"logout"})) {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(mode));
                    CliRunner.Result result = cloud.runnerSharing(first).run(command);

                    String what = mode + " " + command[0];
                    assertEquals(2, result.exitCode(), what + "\n" + result);
                    assertEquals("", result.out(), what);
                    assertEquals("chat: " + directory + " is writable by others: chmod 700 " + directory
                            + " (or set CHAT_CONFIG_DIR)\n", result.err(), what);
                }
            }
            assertEquals(seen, cloud.identityProvider().seen().size(), "no one was asked for anything");
            assertEquals(List.of(), cloud.graph().requests());
            assertTrue(Files.exists(directory.resolve("login.json")), "logout removed nothing");

            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result fixed = cloud.runnerSharing(first).run(CREATE);
            assertEquals(0, fixed.exitCode(), "the fix the message names is enough\n" + fixed);
        }
    }

    @Test
    void aFileOthersMayWriteIsRefusedButALockThatHoldsNothingIsNot() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = signedIn(cloud);

            for (String name : List.of("login.json", CACHE)) {
                Path file = first.configDirectory().resolve(name);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
                CliRunner.Result result = cloud.runnerSharing(first).run(CREATE);

                assertEquals(2, result.exitCode(), name + "\n" + result);
                assertEquals("chat: " + file + " is writable by others: chmod 600 " + file + "\n", result.err(), name);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            assertEquals(List.of(), cloud.graph().requests());

            // as earlier versions made it under a umask of 002
            Files.setPosixFilePermissions(first.configDirectory().resolve(LOCK),
                    PosixFilePermissions.fromString("rw-rw-r--"));
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result result = cloud.runnerSharing(first).run(CREATE);
            assertEquals(0, result.exitCode(), result::toString);
        }
    }

    /** Only root can give a directory away, so elsewhere this is skipped. */
    @Test
    void aDirectoryOrFileOfAnotherUserIsRefused() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "only root can make a file another user's");
        UserPrincipal nobody = elsewhere.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = signedIn(cloud);
            Path directory = first.configDirectory();
            Path profile = directory.resolve("login.json");

            Files.setOwner(profile, nobody);
            CliRunner.Result file = cloud.runnerSharing(first).run(CREATE);
            Files.setOwner(directory, nobody);
            CliRunner.Result create = cloud.runnerSharing(first).run(CREATE);
            int seen = cloud.identityProvider().seen().size();
            CliRunner.Result login = cloud.runnerSharing(first).run("login");

            assertEquals(2, file.exitCode(), file::toString);
            assertEquals("chat: " + profile + " is owned by nobody, not by you: remove it (chat writes its own)\n",
                    file.err());
            for (CliRunner.Result result : List.of(create, login)) {
                assertEquals(2, result.exitCode(), result::toString);
                assertEquals("chat: " + directory + " is owned by nobody, not by you: chown it to yourself (or set "
                        + "CHAT_CONFIG_DIR)\n", result.err());
            }
            assertEquals(seen, cloud.identityProvider().seen().size(), "login asked no one");
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void aLinkInThePlaceOfTheLockIsRefusedAndWhatItPointsToIsLeftAlone() throws Exception {
        Path absent = elsewhere.resolve("absent");
        Path present = Files.writeString(elsewhere.resolve("present"), "theirs\n");
        Files.setPosixFilePermissions(present, PosixFilePermissions.fromString("rw-r--r--"));
        try (FakeCloud cloud = FakeCloud.start()) {
            for (Path target : List.of(absent, present)) {
                CliRunner first = signedIn(cloud);
                Path lock = first.configDirectory().resolve(LOCK);
                Files.delete(lock);
                Files.createSymbolicLink(lock, target);
                int seen = cloud.identityProvider().seen().size();

                for (String[] command : List.of(CREATE, new String[] {"login"}, new String[] {"logout"})) {
                    CliRunner.Result result = cloud.runnerSharing(first).run(command);

                    assertEquals(2, result.exitCode(), command[0] + "\n" + result);
                    assertEquals("chat: " + lock + " is a symbolic link (to " + target + "), which chat does not "
                            + "follow: remove it, and what it points to if that holds your tokens\n", result.err());
                }
                assertEquals(seen, cloud.identityProvider().seen().size(), "no one was asked for anything");
                assertTrue(Files.isSymbolicLink(lock));
            }
            assertFalse(Files.exists(absent), "nothing was made where the link points");
            assertEquals("theirs\n", Files.readString(present));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(present)));
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void aLinkInThePlaceOfTheCacheIsRefusedAndLogoutDoesNotClaimToHaveSignedOut() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = signedIn(cloud);
            Path cache = first.configDirectory().resolve(CACHE);
            Path moved = Files.move(cache, elsewhere.resolve("cache.json"));
            Files.createSymbolicLink(cache, moved);
            String tokens = Files.readString(moved);

            for (String[] command : List.of(CREATE, new String[] {"logout"})) {
                CliRunner.Result result = cloud.runnerSharing(first).run(command);

                assertEquals(2, result.exitCode(), command[0] + "\n" + result);
                assertEquals("chat: " + cache + " is a symbolic link (to " + moved + "), which chat does not follow: "
                        + "remove it, and what it points to if that holds your tokens\n", result.err());
            }
            assertEquals(tokens, Files.readString(moved), "read and written through the link by no one");
            assertTrue(Files.isSymbolicLink(cache), "logout removed nothing: a half sign-out would be worse");
            assertTrue(Files.exists(first.configDirectory().resolve("login.json")));
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void logoutRemovesTheTokensThemselves() throws Exception {
        for (boolean profileKept : List.of(true, false)) {
            try (FakeCloud cloud = FakeCloud.start()) {
                CliRunner first = signedIn(cloud);
                Path directory = first.configDirectory();
                assertFalse(refreshToken(directory.resolve(CACHE)).isEmpty(), "the cache held a refresh token");
                if (!profileKept) {
                    Files.delete(directory.resolve("login.json")); // tokens with no profile still go
                }

                CliRunner.Result logout = cloud.runnerSharing(first).run("logout");

                assertEquals(0, logout.exitCode(), logout::toString);
                try (Stream<Path> left = Files.list(directory)) {
                    assertEquals(List.of(), left.toList(), "with the profile " + (profileKept ? "kept" : "removed"));
                }
            }
        }
    }

    @Test
    void loginIntoADirectoryItCannotUseFailsAtOnceAndAsksNoOne() throws Exception {
        Path aFile = Files.writeString(elsewhere.resolve("a-file"), "");
        Path dangling = Files.createSymbolicLink(elsewhere.resolve("dangling"), elsewhere.resolve("gone"));
        Path readOnly = Files.createDirectory(elsewhere.resolve("read-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        List<String[]> cases = new java.util.ArrayList<>(List.of(
                new String[] {aFile.toString(), "chat: " + aFile + " is not a directory: set CHAT_CONFIG_DIR to one of "
                        + "your own\n"},
                new String[] {aFile.resolve("chat").toString(), "chat: cannot use " + aFile.resolve("chat")
                        + ": Not a directory: set CHAT_CONFIG_DIR to a directory of your own\n"},
                new String[] {dangling.toString(), "chat: cannot create " + dangling + ": " + dangling + " is a link to "
                        + elsewhere.resolve("gone") + ", which does not exist: set CHAT_CONFIG_DIR to a directory of "
                        + "your own\n"}));
        if (new UnixSystem().getUid() != 0) { // root writes where the mode says no one may
            cases.add(new String[] {readOnly.toString(), "chat: cannot write in " + readOnly
                    + ": permission denied: chmod 700 " + readOnly + " (or set CHAT_CONFIG_DIR)\n"});
        }
        try (FakeCloud cloud = FakeCloud.start()) {
            for (String[] unusable : cases) {
                CliRunner runner = cloud.runner().env("CHAT_CONFIG_DIR", unusable[0]);
                CliRunner.Result login = runner.run("login");

                assertEquals(2, login.exitCode(), unusable[0] + "\n" + login);
                assertEquals(unusable[1], login.err());
                assertEquals(List.of(), runner.sleeper().waits(), unusable[0] + ": no device-code wait");
            }
            assertEquals(List.of(), cloud.identityProvider().seen(), "no device code was asked for");
        }
    }

    @Test
    void theLockIsMadeOwnerOnly() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner first = signedIn(cloud);

            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    first.configDirectory().resolve(LOCK), LinkOption.NOFOLLOW_LINKS)));
        }
    }

    @Test
    void aConfigDirectoryThatIsALinkToAPrivateOneIsUsed() throws Exception {
        Path real = Files.createDirectory(elsewhere.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(elsewhere.resolve("chat"), real);
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result login = cloud.runner().env("CHAT_CONFIG_DIR", link.toString()).run("login");

            assertEquals(0, login.exitCode(), login::toString);
            assertTrue(Files.exists(real.resolve(CACHE)));
        }
    }

    /** A run with a token of its own needs nothing of the config directory, so it is not refused for it. */
    @Test
    void aRunWithATokenOfItsOwnDoesNotLookInTheConfigDirectory() throws Exception {
        Path directory = Files.createDirectory(elsewhere.resolve("chat"));
        Files.writeString(directory.resolve("login.json"), "{\"global\": {\"cloud\": \"global\", \"clientId\": \""
                + Credentials.DEFAULT_PUBLIC_CLIENT_ID + "\", \"tenant\": \"organizations\", \"homeAccountId\": \"x.y\", "
                + "\"username\": \"mallory@contoso.com\", \"tenantId\": \"y\"}}");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        String[] create = {"create", "--group", "-m", "jacob@contoso.com", "-m", "alex@contoso.com"};
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph())) {
            CliRunner.Result withToken = CliRunner.against(graph).env("CHAT_CONFIG_DIR", directory.toString()).run(create);
            CliRunner.Result without = CliRunner.against(graph).env("CHAT_CONFIG_DIR", directory.toString())
                    .withoutEnv("CHAT_ACCESS_TOKEN").run(create);

            assertEquals(0, withToken.exitCode(), withToken::toString);
            assertEquals(2, without.exitCode(), "the directory is one chat refuses to sign in from\n" + without);
            assertEquals(1, graph.creates().size());
        }
    }

    private static CliRunner signedIn(FakeCloud cloud) {
        CliRunner first = cloud.runner();
        CliRunner.Result login = first.run("login");
        assertEquals(0, login.exitCode(), login::toString);
        return first;
    }

    private static String refreshToken(Path cache) throws IOException {
        JsonNode tokens = new ObjectMapper().readTree(Files.readString(cache, StandardCharsets.UTF_8)).path("RefreshToken");
        assertEquals(1, tokens.size(), tokens::toString);
        return tokens.elements().next().path("secret").asText();
    }
}
