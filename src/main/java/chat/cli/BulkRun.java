package chat.cli;

import chat.auth.Credential;
import chat.auth.TokenSources;
import chat.create.AdaptivePacer;
import chat.create.BulkCreate;
import chat.create.BulkInput;
import chat.create.ChatCreator;
import chat.create.IfExists;
import chat.create.InputLine;
import chat.create.Journal;
import chat.graph.GraphSettings;
import chat.http.HttpSender;
import chat.json.Json;
import chat.output.ExitCodes;
import chat.request.ChatRequestBody;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** `chat create --from`: the input read and checked, then every chat sent, or with --dry-run printed. */
final class BulkRun {
    /** How long Ctrl-C waits for the requests in flight to finish and be recorded. */
    private static final long STOP_WAIT_SECONDS = 90;

    private final CliContext context;
    private final GraphSettings graph;
    private final Credential credential;
    private final IfExists ifExists;
    private final boolean verbose;

    BulkRun(CliContext context, GraphSettings graph, Credential credential, IfExists ifExists, boolean verbose) {
        this.context = context;
        this.graph = graph;
        this.credential = credential;
        this.ifExists = ifExists;
        this.verbose = verbose;
    }

    int run(String from, Path journalFile, boolean dryRun) throws InterruptedException {
        List<InputLine> lines = read(from);
        if (lines.isEmpty()) {
            context.err().println("chat: the input holds no chats: nothing to do");
            context.err().flush();
            return ExitCodes.OK;
        }
        String graphBase = graph.cloud().graphBase();
        if (dryRun) {
            lines.forEach(line -> context.out().println(ChatRequestBody.json(line.request(), graphBase, false)));
            context.out().flush();
            return ExitCodes.OK;
        }
        HttpSender sender = GraphConnection.sender(context, verbose);
        ObjectMapper json = Json.mapper();
        AdaptivePacer pacer = new AdaptivePacer(context.clock(), context.sleeper());
        ChatCreator creator = new ChatCreator(
                GraphConnection.client(context, graph, sender, json, pacer, notice -> { }),
                TokenSources.open(credential, SignIn.context(context, graph, sender)), ifExists,
                context.clock(), context.sleeper(), notice -> { });
        try (Journal journal = journalFile == null ? null : Journal.open(journalFile, json)) {
            BulkCreate bulk = new BulkCreate(creator, journal, ifExists, context.out(), context.err(),
                    context.terminal().stderr(), context.clock(), json);
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl-C: the JVM runs this while the run below finishes what is in flight and records it.
            Thread onSignal = new Thread(() -> {
                bulk.stop();
                try {
                    finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "chat-stop");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                return bulk.run(lines);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException e) {
                    // the JVM is stopping: the hook has run, or is running
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the journal " + journalFile + ": " + e.getMessage(), e);
        }
    }

    private List<InputLine> read(String from) {
        try (BufferedReader reader = from.equals("-")
                ? new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(from), StandardCharsets.UTF_8)) {
            return BulkInput.read(reader, graph.cloud().graphBase(), credential.delegated());
        } catch (BulkInput.InvalidInputException e) {
            e.problems().forEach(problem -> context.err().println("chat: " + ChatCli.visible(problem)));
            throw new UsageException(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageException("--from " + from + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--from " + from + ": cannot read it: " + e.getMessage());
        }
    }
}
