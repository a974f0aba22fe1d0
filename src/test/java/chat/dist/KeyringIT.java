package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ConnectProxy;
import chat.testing.FakeGraph;
import chat.testing.FakeIdentityProvider;
import chat.testing.TestTls;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person's tokens in a Linux desktop session's keyring, as the installed command keeps them: a
 * private D-Bus session with gnome-keyring (see {@link DesktopSession}), the fake identity provider
 * and Graph behind a proxy, and bin/chat run as a process with no terminal, as a script runs it.
 */
class KeyringIT {
    private static final Path CHAT = Path.of("target", "dist", "bin", "chat").toAbsolutePath();
    private static final String KEYRING = "the desktop keyring (Secret Service)";
    private static final String SIGNED_IN = "chat: signed in as " + FakeIdentityProvider.USERNAME + " (tenant "
            + FakeIdentityProvider.TENANT_ID + ", cloud global)";
    private static final String[] CREATE = {"create", "--one-on-one", "-m", "alex@contoso.com"};

    @TempDir
    Path directory;

    private FakeGraph graph;
    private ConnectProxy proxy;
    private DesktopSession desktop;
    private Path config;
    private Path trustStore;

    record Run(int exitCode, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void startTheSessionAndTheFakes() throws Exception {
        DesktopSession.assumeInstalled();
        graph = FakeGraph.startTls(TestTls.get().serverContext()).answeringAsGraph();
        proxy = ConnectProxy.to(graph.port());
        desktop = DesktopSession.start(directory);
        config = directory.resolve("config");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("graph", TestTls.get().certificate());
        trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, "trust-it".toCharArray());
        }
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (desktop != null) {
                desktop.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            if (graph != null) {
                graph.close();
            }
        }
    }

    @Test
    void loginKeepsTheTokensInTheKeyringAloneAndStatusCreateAndLogoutUseThem() throws Exception {
        desktop.startKeyring(true);

        Run login = chat(true, "login");
        assertEquals(0, login.exitCode(), login::toString);
        assertEquals(List.of("chat: To sign in, use a web browser to open the page https://microsoft.com/devicelogin "
                + "and enter the code CHAT-1234 to authenticate.", SIGNED_IN), login.err().lines().toList(),
                "nothing is said of where the tokens are");
        assertTrue(containsARefreshToken(keyringCache()), "the keyring holds the tokens: " + keyringCache());
        assertNoTokensInTheConfigDirectory();

        int signIns = graph.identityProvider().seen().size();
        Run status = chat(true, "status");
        Run create = chat(true, CREATE);
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("", status.err());
        assertTrue(status.out().contains("\ntokens:      " + KEYRING + "\n"), status::toString);
        assertEquals(0, create.exitCode(), create::toString);
        assertEquals("", create.err());
        assertEquals(signIns, graph.identityProvider().seen().size(), "the tokens in the keyring were used as they are");
        assertNoTokensInTheConfigDirectory();

        Run logout = chat(true, "logout");
        assertEquals("chat: signed out " + FakeIdentityProvider.USERNAME + "\n", logout.err(), logout::toString);
        assertEquals("", desktop.secretTool("search", "application", "chat"), "the keyring holds nothing of chat's");
        try (Stream<Path> left = Files.list(config)) {
            assertEquals(List.of(), left.toList());
        }
        assertFalse(desktop.promptWasAskedFor());
    }

    /**
     * Signing in and out, round after round, in a real keyring: each logout asks the keyring twice in
     * one process, and each leaves nothing of chat's behind. (The hang that libsecret loaded twice into
     * one process caused now and then could not be brought about on purpose: this runs the path.)
     */
    @Test
    void signingInAndOutAgainAndAgainNeverHangsOnTheKeyring() throws Exception {
        desktop.startKeyring(true);
        for (int round = 1; round <= 5; round++) {
            Run login = chat(true, "login");
            assertEquals(0, login.exitCode(), "round " + round + ": " + login);
            Run logout = chat(true, "logout");
            assertEquals("chat: signed out " + FakeIdentityProvider.USERNAME + "\n", logout.err(),
                    "round " + round + ": " + logout);
        }
        assertEquals("", desktop.secretTool("search", "application", "chat"), "the keyring holds nothing of chat's");
    }

    /** JNA loads native code, which Java 24 and later warn of on stderr unless the launcher allows it. */
    @Test
    void onANewerJavaTheKeyringIsUsedWithoutAWarning() throws Exception {
        Path newerJava = newerJava();
        desktop.startKeyring(true);
        assertEquals(0, chat(true, "login").exitCode());

        Run status = chat(true, Map.of("JAVA_HOME", newerJava.toString()), "status");

        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.out().contains("\ntokens:      " + KEYRING + "\n"), status::toString);
        assertEquals("", status.err(), "on " + newerJava);
    }

    /** The keyring already holds another app's sign-in, which stays beside the one that moves in. */
    @Test
    void tokensTheFileKeptMoveIntoTheKeyringAtTheFirstRunThatFindsIt() throws Exception {
        desktop.startKeyring(true);
        assertEquals(0, chat(true, "login", "--client-id", "5c2a7f61-0d3b-4e8f-9a1c-2b3d4e5f6a7b").exitCode());
        Set<String> otherApps = graph.identityProvider().refreshTokensIssued();
        Run login = chat(false, "login");
        Path file = config.resolve("msal_token_cache.json");
        assertEquals(0, login.exitCode(), login::toString);
        assertTrue(login.err().contains("chat: the tokens are kept in " + file + ", which only you can read: there is "
                + "no desktop session (D-Bus) to find a keyring in; "), login::toString);
        Set<String> moving = new java.util.HashSet<>(graph.identityProvider().refreshTokensIssued());
        moving.removeAll(otherApps);
        assertTrue(moving.stream().allMatch(Files.readString(file)::contains), "the file holds the new sign-in");

        int signIns = graph.identityProvider().seen().size();
        Run status = chat(true, "status");
        Run create = chat(true, CREATE);

        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("", status.err());
        assertTrue(status.out().contains("\ntokens:      " + KEYRING + "\n"), status::toString);
        assertFalse(Files.exists(file), "moved, not copied");
        String kept = keyringCache();
        assertTrue(moving.stream().allMatch(kept::contains), "the file's sign-in moved in: " + kept);
        assertTrue(otherApps.stream().allMatch(kept::contains), "the other app's stayed: " + kept);
        assertNoTokensInTheConfigDirectory();
        assertEquals(0, create.exitCode(), create::toString);
        assertEquals(signIns, graph.identityProvider().seen().size(), "the moved tokens were used as they are");
    }

    /** As on a desktop whose keyring is locked: a person could unlock it, but a script must not wait for one. */
    @Test
    void aLockedKeyringIsNeverWaitedOnWithoutATerminal() throws Exception {
        desktop.startKeyring(true);
        assertEquals(0, chat(true, "login").exitCode());
        desktop.stopKeyring();
        desktop.startKeyring(false); // the login keyring, locked

        Run create = chat(true, CREATE);
        Path file = config.resolve("msal_token_cache.json");
        assertEquals(3, create.exitCode(), create::toString);
        assertEquals("chat: the sign-in of " + FakeIdentityProvider.USERNAME + " is not in " + file + " (a file only you "
                + "can read), and the keyring, where chat login may have kept it, is locked: unlock it, or sign in "
                + "again with: chat login\n", create.err());
        assertTrue(create.millis() < 15_000, "it did not wait: " + create);

        Run login = chat(true, "login");
        assertEquals(0, login.exitCode(), login::toString);
        assertEquals(1, login.err().lines().filter(line -> line.contains("kept in " + file)).count(), login::toString);
        assertTrue(login.err().contains("the keyring is locked, and a run without a terminal does not wait for it to be "
                + "unlocked; to keep them in a keyring instead, unlock it, and they move there by themselves"),
                login::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Run status = chat(true, "status");
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("", status.err());
        assertTrue(status.out().contains("\ntokens:      " + file + " (a file only you can read)\n"), status::toString);

        Run logout = chat(true, "logout");
        assertEquals("chat: signed out " + FakeIdentityProvider.USERNAME + "\nchat: the keyring is locked, so whatever "
                + "tokens it holds for chat are still there: unlock it and run chat logout again\n", logout.err());
        assertFalse(desktop.promptWasAskedFor(), "no prompt was asked for, to wait on");

        desktop.stopKeyring();
        desktop.startKeyring(true);
        assertTrue(containsARefreshToken(keyringCache()), "the first login's tokens were left alone");
        Run again = chat(true, "logout");
        assertEquals("chat: not signed in\n", again.err());
        assertEquals("", desktop.secretTool("search", "application", "chat"), "and then removed");
    }

    /** A keyring daemon with no keyring yet would ask a person to make one at the first write. */
    @Test
    void aKeyringDaemonWithNoKeyringYetIsNotAskedToMakeOneWithoutATerminal() throws Exception {
        desktop.startKeyring(false);

        Run login = chat(true, "login");

        assertEquals(0, login.exitCode(), login::toString);
        assertTrue(login.err().contains("chat: the tokens are kept in " + config.resolve("msal_token_cache.json")
                + ", which only you can read: the desktop session has no keyring yet, and making one needs a person; "
                + "to keep them in a keyring instead, make one (Passwords and Keys), or run chat login at a terminal "
                + "of the session, and they move there by themselves\n"), login::toString);
        assertEquals("", desktop.secretTool("search", "application", "chat"));
        assertFalse(desktop.promptWasAskedFor(), "no prompt was asked for, to wait on");
    }

    @Test
    void aSessionWithNoKeyringServiceKeepsTheFileAndSaysSoOnce() throws Exception {
        Run login = chat(true, "login");
        Path file = config.resolve("msal_token_cache.json");

        assertEquals(0, login.exitCode(), login::toString);
        assertTrue(login.err().contains("chat: the tokens are kept in " + file + ", which only you can read: no keyring "
                + "service answers in this D-Bus session ("), login::toString);
        assertTrue(login.err().contains("; to keep them in a keyring instead, start gnome-keyring (or another Secret "
                + "Service) in the session, and they move there by themselves\n"), login::toString);
        Run create = chat(true, CREATE);
        assertEquals(0, create.exitCode(), create::toString);
        assertEquals("", create.err());
    }

    private Run chat(boolean onTheBus, String... args) throws IOException, InterruptedException {
        return chat(onTheBus, Map.of(), args);
    }

    /** bin/chat with no terminal, a config directory and HOME of the test's, on the private bus or on none. */
    private Run chat(boolean onTheBus, Map<String, String> more, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHAT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_")
                || name.equalsIgnoreCase("https_proxy") || name.equals("JAVA_OPTS"));
        builder.environment().putAll(desktop.environment());
        if (!onTheBus) {
            builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        }
        builder.environment().put("CHAT_CONFIG_DIR", config.toString());
        builder.environment().put("HTTPS_PROXY", proxy.url());
        builder.environment().put("JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=trust-it");
        builder.environment().putAll(more);
        Path out = Files.createTempFile(directory, "chat", ".out");
        Path err = Files.createTempFile(directory, "chat", ".err");
        long start = System.nanoTime();
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chat did not end");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A Java runtime of version 24 or later among the machine's, as the packages' training looks for one. */
    private static Path newerJava() throws IOException {
        try (Stream<Path> runtimes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path runtime : runtimes.sorted().toList()) {
                java.util.regex.Matcher version = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)")
                        .matcher(Files.exists(runtime.resolve("release")) ? Files.readString(runtime.resolve("release")) : "");
                if (version.find() && Integer.parseInt(version.group(1)) >= 24) {
                    return runtime;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // no runtimes there
        }
        org.junit.jupiter.api.Assumptions.abort("no Java 24 or later in /usr/lib/jvm");
        return null;
    }

    /** The cache chat keeps in the keyring, as secret-tool finds it by its attributes; empty when none. */
    private String keyringCache() throws IOException, InterruptedException {
        for (String line : desktop.secretTool("search", "application", "chat").lines().toList()) {
            if (line.startsWith("secret = ")) {
                return new String(Base64.getDecoder().decode(line.substring("secret = ".length())), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private boolean containsARefreshToken(String text) {
        Set<String> issued = graph.identityProvider().refreshTokensIssued();
        assertFalse(issued.isEmpty(), "the fake issued refresh tokens");
        return issued.stream().anyMatch(text::contains);
    }

    /** No file chat wrote holds a token, and every one of them is owner-only. */
    private void assertNoTokensInTheConfigDirectory() throws IOException {
        try (Stream<Path> files = Files.list(config)) {
            for (Path file : files.toList()) {
                assertFalse(containsARefreshToken(Files.readString(file, StandardCharsets.ISO_8859_1)), file.toString());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file.toString());
            }
        }
    }
}
