package chat.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.ConnectProxy;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import chat.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed layout that `mvn package` leaves in target/dist, run as a person or a script runs it:
 * bin/chat in a process of its own.
 */
class LauncherIT {
    private static final Path DIST = Path.of("target", "dist").toAbsolutePath();
    private static final Path CHAT = DIST.resolve("bin/chat");
    private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJDaGF0LkNyZWF0ZSJdfQ.";
    private static Path trustStore;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void trustTheFakeGraph(@TempDir Path directory) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("graph", TestTls.get().certificate());
        trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, "trust-it".toCharArray());
        }
    }

    static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHAT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_")
                || name.equalsIgnoreCase("https_proxy") || name.equals("JAVA_OPTS"));
        builder.environment().put("CHAT_CONFIG_DIR", Files.createTempDirectory("chat-it").toString());
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Path out = Files.createTempFile("chat-out", ".txt");
        Path err = Files.createTempFile("chat-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chat did not end");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void versionNamesTheVersionTheCommitAndTheRuntime() throws Exception {
        Run run = run(Map.of(), "--version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("chat \\d+\\.\\d+\\.\\d+\\S* \\(commit \\S+\\)\nJava \\d+\\S* \\(.+\\)\n"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aFullCreateThroughTheLauncherPrintsTheIdAlone() throws Exception {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.to(graph.port())) {
            graph.reply(Reply.asGraph());
            Run run = run(Map.of("HTTPS_PROXY", proxy.url(), "CHAT_ACCESS_TOKEN", TOKEN, "JAVA_OPTS", trustOptions()),
                    "create", "--group", "--topic", "Launch", "-m", "jacob@contoso.com", "-m", "alex@contoso.com");

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.out().matches("19:[0-9a-f]{32}@thread\\.v2\n"), run::toString);
            assertEquals("", run.err());
            assertEquals("Bearer " + TOKEN, graph.requests().get(0).header("Authorization"));
        }
    }

    /** In a fresh JVM, as in production: the tunnel's Basic credentials need a JDK property cleared in time. */
    @Test
    void proxyCredentialsWorkInAFreshProcess() throws Exception {
        try (FakeGraph graph = FakeGraph.startTls(TestTls.get().serverContext());
             ConnectProxy proxy = ConnectProxy.requiringCredentials(graph.port(), "svc", "pa:ss")) {
            graph.reply(Reply.asGraph());
            Run run = run(Map.of("HTTPS_PROXY", "http://svc:pa%3Ass@127.0.0.1:" + proxy.port(),
                    "CHAT_ACCESS_TOKEN", TOKEN, "JAVA_OPTS", trustOptions()),
                    "create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com");

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(1, graph.requests().size());
            assertEquals("Bearer " + TOKEN, graph.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void helpVersionAndDryRunLoadNeitherMsalNorTheHttpClient(@TempDir Path directory) throws Exception {
        String[][] commands = {{"--help"}, {"--version"}, {"create", "--help"},
            {"create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com", "--dry-run"}};
        for (String[] command : commands) {
            Path classes = directory.resolve("classes-" + String.join("_", command).replaceAll("\\W", "") + ".txt");
            Run run = run(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + classes), command);

            assertEquals(0, run.exitCode(), run::toString);
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains("chat.cli.Main "), "the log is of the chat process");
            assertFalse(loaded.contains("com.microsoft.aad"), String.join(" ", command) + " loaded MSAL");
            assertFalse(loaded.contains("jdk.internal.net.http.HttpClientImpl"), String.join(" ", command)
                    + " loaded the HTTP client");
            assertFalse(loaded.contains("sun.security.ssl.SSLContextImpl"), String.join(" ", command) + " set up TLS");
        }
    }

    @Test
    void javaOptsReachTheJvmAndTheArchiveIsUsed() throws Exception {
        Run run = run(Map.of("JAVA_OPTS", "-Dchat.probe=1 -Xmx64m", "CHAT_LAUNCHER_PRINT", "command"), "--version");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains(" -Dchat.probe=1 -Xmx64m "), run.out());
        assertTrue(run.out().contains(" -Dchat.terminals= "), "no stream is a terminal here: " + run.out());
        assertTrue(run.out().contains("-XX:SharedArchiveFile=" + DIST.resolve("lib/chat.jsa"))
                || run.out().contains("-XX:AOTCache=" + DIST.resolve("lib/chat.aot")), run.out());
        assertTrue(run.out().endsWith(" -cp " + DIST.resolve("lib/chat.jar") + " chat.cli.Main --version\n"), run.out());
    }

    @Test
    void aTopicOutsideAsciiArrivesWholeWithNoLocaleSet() throws Exception {
        // The topic's UTF-8 bytes made by printf, so that this JVM's own locale cannot alter them.
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec \"$0\" create --group -m jacob@contoso.com "
                + "-m alex@contoso.com --topic \"$(printf 'caf\\303\\251 \\360\\237\\230\\200')\" --dry-run -o json",
                CHAT.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANG")
                || name.startsWith("CHAT_") || name.startsWith("AZURE_"));
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue());
        String json = new String(out, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"topic\":\"caf\u00e9 \ud83d\ude00\""), json);
    }

    @Test
    void anArchiveMadeElsewhereIsLeftOutAndStdoutStaysClean(@TempDir Path directory) throws Exception {
        Path copy = directory.resolve("moved");
        copyTree(DIST, copy);
        ProcessBuilder builder = new ProcessBuilder(copy.resolve("bin/chat").toString(), "create", "--one-on-one",
                "-m", "jacob@contoso.com", "-m", "alex@contoso.com", "--dry-run", "-o", "json");
        Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, process.exitValue());
        assertTrue(out.startsWith("{\"chatType\":\"oneOnOne\","), "one line of JSON for a pipe: " + out);
        ProcessBuilder printer = new ProcessBuilder(copy.resolve("bin/chat").toString(), "--version");
        printer.environment().put("CHAT_LAUNCHER_PRINT", "command");
        String command = new String(printer.start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command.contains(" chat.cli.Main --version"), command);
        assertFalse(command.contains("SharedArchiveFile") || command.contains("AOTCache"),
                "the archive is for " + DIST + ", not " + copy + ": " + command);
    }

    @Test
    void withoutJavaOrWithAnOldOneItSaysWhatToInstall(@TempDir Path directory) throws Exception {
        Path tools = Files.createDirectories(directory.resolve("bin"));
        for (String tool : List.of("dirname", "readlink", "cut")) {
            Path real = Path.of("/usr/bin", tool);
            Files.createSymbolicLink(tools.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
        }
        Run none = run(mapOf("PATH", tools.toString(), "JAVA_HOME", null), "--version");
        assertEquals(1, none.exitCode(), none::toString);
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("chat: no Java runtime found: install Java 17 or later"), none.err());

        Path old = Files.createDirectories(directory.resolve("jdk-11/bin"));
        Files.writeString(directory.resolve("jdk-11/release"), "JAVA_VERSION=\"11.0.2\"\n");
        Files.writeString(old.resolve("java"), "#!/bin/sh\nexit 0\n");
        old.resolve("java").toFile().setExecutable(true);
        Run tooOld = run(Map.of("JAVA_HOME", directory.resolve("jdk-11").toString()), "--version");
        assertEquals(1, tooOld.exitCode(), tooOld::toString);
        assertTrue(tooOld.err().contains("needs Java 17 or later, but ") && tooOld.err().contains("is Java 11.0.2"),
                tooOld.err());
    }

    /** Started with stdin closed (`<&-`): the JVM's first file took its place, and reading it crashed the JVM. */
    @Test
    void aClosedStdinIsRefusedNotRead() throws Exception {
        for (String launch : List.of("exec \"$0\" create --from - <&-",
                "exec java -jar \"$1\" create --from - <&-")) {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", launch, CHAT.toString(),
                    DIST.resolve("lib/chat.jar").toString());
            builder.environment().put("CHAT_ACCESS_TOKEN", TOKEN);
            builder.environment().put("CHAT_GRAPH_URL", "http://127.0.0.1:9");
            Process process = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));

            assertEquals(2, process.exitValue(), launch + ": " + err);
            assertEquals("chat: --from -: standard input is closed: give a file, or send the lines into it\n", err, launch);
        }
    }

    /** Ctrl-C while Graph makes a group chat: the chat may exist, and the request that may have made it is named. */
    @Test
    void ctrlCDuringAGroupCreateSaysTheChatMayExist() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
            // Graph answers only once chat has ended: it cannot have waited for the answer
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            graph.holdCreatesFrom(1, ended).reply(Reply.asGraph().whenReceived(arrived::countDown));
            ProcessBuilder builder = new ProcessBuilder(CHAT.toString(), "create", "--group", "--topic", "Incident",
                    "-m", "jacob@contoso.com", "-m", "alex@contoso.com");
            builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_") || name.startsWith("AZURE_"));
            builder.environment().put("CHAT_GRAPH_URL", graph.url());
            builder.environment().put("CHAT_ACCESS_TOKEN", TOKEN);
            builder.environment().put("CHAT_CONFIG_DIR", Files.createTempDirectory("chat-it").toString());
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertTrue(arrived.await(60, TimeUnit.SECONDS), "the create reached Graph");
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor());
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "it ended at once, not after Graph");
            ended.countDown();

            assertEquals(130, process.exitValue(), err);
            assertEquals("chat: interrupted while Graph was answering: the group chat may have been created; look for it "
                    + "in Teams, or run again with --if-exists reuse, before making it again (client-request-id "
                    + graph.requests().get(0).header("client-request-id") + ")\n", err);
            assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The installed command finds a chat of 30 by its whole roster, and a person named by their mail. */
    @Test
    void reuseFindsALargeChatAndAPersonNamedByMail() throws Exception {
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().directory().add("alex.w@contoso.com", "alex@contoso.com");
            List<String> people = new ArrayList<>(List.of("alex.w@contoso.com"));
            for (int i = 1; i < 30; i++) {
                people.add("p" + i + "@contoso.com");
            }
            String existing = graph.chats().seedGroup("Town hall", java.time.Instant.now(), people.toArray(String[]::new))
                    .id();
            List<String> args = new ArrayList<>(List.of("create", "--group", "--topic", "Town hall", "--if-exists", "reuse",
                    "-m", "alex@contoso.com"));
            people.subList(1, 30).forEach(person -> args.addAll(List.of("-m", person)));
            Run run = run(Map.of("CHAT_GRAPH_URL", graph.url(), "CHAT_ACCESS_TOKEN", TOKEN), args.toArray(String[]::new));

            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(existing + "\n", run.out());
            assertTrue(run.err().startsWith("chat: alex@contoso.com is the mail of alex.w@contoso.com; using that account\n"),
                    run::toString);
            assertEquals(List.of(), graph.creates());
        }
    }

    @Test
    void theLayoutHasManPagesAndCompletions() {
        for (String file : List.of("share/man/man1/chat.1", "share/man/man1/chat-create.1", "share/man/man1/chat-login.1",
                "share/man/man1/chat-logout.1", "share/man/man1/chat-status.1", "share/bash-completion/completions/chat",
                "share/zsh/site-functions/_chat", "share/fish/vendor_completions.d/chat.fish", "lib/chat.jar",
                "training/train")) {
            assertTrue(Files.isRegularFile(DIST.resolve(file)), file);
        }
    }

    private static String trustOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=trust-it";
    }

    private static Map<String, String> mapOf(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
