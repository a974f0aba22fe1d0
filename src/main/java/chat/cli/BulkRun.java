package chat.cli;

import chat.auth.Credential;
import chat.auth.Feature;
import chat.auth.TokenKind;
import chat.bulk.AdaptivePacer;
import chat.bulk.BulkCreate;
import chat.bulk.BulkInput;
import chat.bulk.InputLine;
import chat.bulk.Journal;
import chat.bulk.RunStoppedException;
import chat.bulk.Stop;
import chat.create.ChatCreator;
import chat.create.IfExists;
import chat.errors.ExitCodes;
import chat.errors.UsageException;
import chat.graph.GraphSettings;
import chat.graph.Sleeper;
import chat.output.BulkReport;
import chat.output.OneLine;
import chat.output.ResultNotWrittenException;
import chat.request.ChatDraft;
import chat.request.ChatRequestBody;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** `chat create --from`: the input read and checked, then every chat sent, or with --dry-run printed. */
record BulkRun(Wiring wiring, GraphSettings graph, Credential credential, IfExists ifExists, boolean resolveMail,
               boolean verbose) {
    /** Bad lines shown before "… and N more": the first ones tell what is wrong with a file. */
    private static final int PROBLEMS_SHOWN = 20;
    /**
     * How long Graph may go on with a request after chat stops waiting for it: Graph documents no limit,
     * and this is well past any gateway's (see docs/many-chats.md, on the journal).
     */
    static final int DEFAULT_RESEND_AFTER_SECONDS = 600;
    private static final int MAX_RESEND_AFTER_SECONDS = 7 * 24 * 3600;

    /** --resend-after, checked. */
    static Duration resendAfter(Integer seconds) {
        if (seconds == null) {
            return Duration.ofSeconds(DEFAULT_RESEND_AFTER_SECONDS);
        }
        if (seconds < 0 || seconds > MAX_RESEND_AFTER_SECONDS) {
            throw new UsageException("--resend-after " + seconds + " is out of range: give 0 to "
                    + MAX_RESEND_AFTER_SECONDS + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    @SuppressWarnings("try") // the registration is held for the block, and undone after it
    int run(String from, Path journalFile, Duration resendAfter, boolean dryRun) throws InterruptedException {
        Stop stop = new Stop();
        try (BulkInput input = read(from);
             // From here on Ctrl-C and SIGTERM stop the run: what is in flight finishes and is recorded.
             Signals.Registration signals = context().signals().onStop(() -> interrupt(stop))) {
            if (input.chats() == 0) {
                wiring.notes().accept("the input holds no chats: nothing to do");
                return ExitCodes.OK;
            }
            if (input.firstWithMessage() != 0 && credential.kind() == TokenKind.APPLICATION) {
                throw new UsageException("line " + input.firstWithMessage() + " holds a \"message\", which needs a "
                        + "person's sign-in (chat login, or a person's token): Graph lets an application post only when "
                        + "importing history; " + credential.description() + " signs in as an application; nothing "
                        + "was sent");
            }
            wiring.tellUnknownKind(credential);
            Set<Feature> features = features(input);
            Set<String> scopes = Feature.scopesFor(features);
            if (dryRun) {
                return dryRun(input, features.contains(Feature.MEMBERS_OF), scopes);
            }
            wiring.refuseExpired(credential);
            try (Journal journal = journalFile == null ? Journal.none()
                    : Journal.open(journalFile, inputFile(from), ProcessHandle.current().pid(), context().clock(), stop)) {
                journal.notes().forEach(wiring.notes());
                return send(input, journal, stop, resendAfter, scopes);
            }
        } catch (IOException e) {
            throw new UsageException("--from " + from + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("try") // the registration is held for the block, and undone after it
    private int send(BulkInput input, Journal journal, Stop stop, Duration resendAfter, Set<String> scopes) {
        Sleeper sleeper = stop.sleeper(context().sleeper());
        AdaptivePacer pacer = new AdaptivePacer(context().clock(), sleeper, stop);
        ChatCreator creator = wiring.chatCreator(graph, credential, ifExists, resolveMail, verbose,
                Wiring.Sending.paced(pacer, sleeper), scopes);
        BulkReport report = new BulkReport(context().out(), context().err(), context().terminal().stderr(), pacer::resumesAt,
                context().clock(), wiring.json(), input.chats(), journal.path(),
                () -> stop.request(Stop.Reason.OUTPUT_LOST, ResultNotWrittenException.results()));
        // once the report is there, a stop is said at once: what is in flight may take the grace to end
        try (Signals.Registration told = context().signals().onStop(() -> {
            interrupt(stop);
            report.stopping(BulkCreate.STOP_GRACE);
        })) {
            new BulkCreate(creator, journal, stop, context().clock(), sleeper, graph.timeout(), resendAfter,
                    ifExists != IfExists.CREATE)
                    .run(input.lines(), report);
        }
        return report.summarize(stop.reason(), stop.cause());
    }

    private CliContext context() {
        return wiring.context();
    }

    private void interrupt(Stop stop) {
        stop.request(Stop.Reason.INTERRUPTED, RunStoppedException.interrupted());
    }

    /** Nothing is sent while the input is read: Ctrl-C then ends the run at once, even in a read of a terminal. */
    @SuppressWarnings("try") // the registration is held for the block, and undone after it
    private BulkInput read(String from) throws IOException {
        try (Signals.Registration reading = context().signals().onStop(Signals.END_AT_ONCE);
             InputStream source = open(from)) {
            return BulkInput.read(source, copyDirectory(),
                    text -> ChatRequestBody.parseLine(text, graph.cloud().graphBase(), credential.addsSignedInUser()));
        } catch (BulkInput.InvalidInputException e) {
            List<String> problems = e.problems();
            problems.stream().limit(PROBLEMS_SHOWN).forEach(problem -> wiring.notes().accept(OneLine.of(problem)));
            if (problems.size() > PROBLEMS_SHOWN) {
                wiring.notes().accept("… and " + (problems.size() - PROBLEMS_SHOWN) + " more");
            }
            throw e;
        }
    }

    /** What the lines take beyond creating chats, for a person's sign-in to ask for: known from their check. */
    private static Set<Feature> features(BulkInput input) {
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        if (input.namesGroups()) {
            features.add(Feature.MEMBERS_OF);
        }
        // a group may hold more than a create takes, and which groups do is known only once they are read
        if (input.namesGroups() || ChatCreator.mayTakeAdds(input.mostListed())) {
            features.add(Feature.ADD_MEMBERS);
        }
        return features;
    }

    /** Each line's body as it would be sent, its groups read (a dry run reads them, and sends nothing). */
    private int dryRun(BulkInput input, boolean readsGroups, Set<String> scopes) throws InterruptedException {
        if (readsGroups) {
            wiring.refuseExpired(credential);
        }
        ChatCreator groups = !readsGroups ? null : wiring.chatCreator(graph, credential, ifExists, resolveMail,
                verbose, Wiring.Sending.alone(wiring), scopes);
        for (InputLine line : input.lines()) {
            ChatDraft draft = line.draft();
            if (groups != null) {
                try {
                    draft = groups.withGroupsRead(draft, note -> wiring.notes().accept("line " + line.number() + ": "
                            + note));
                } catch (UsageException e) {
                    throw new UsageException("line " + line.number() + ": " + e.getMessage());
                }
            }
            context().out().println(ChatRequestBody.json(draft, line.message(), graph.cloud().graphBase(), false));
        }
        context().out().flush();
        return ExitCodes.OK;
    }

    /** Not a channel: a Ctrl-C that interrupts the reading thread must not close what it reads. */
    private InputStream open(String from) throws IOException {
        if (from.equals("-")) {
            return context().stdin("--from", "the lines");
        }
        Path file = Path.of(from);
        if (Files.isDirectory(file)) {
            throw new UsageException("--from " + from + " is a directory: give a file of JSON lines");
        }
        if (!Files.exists(file)) {
            throw new UsageException("--from " + from + ": no such file");
        }
        return new FileInputStream(file.toFile());
    }

    /** What the input is, so that the journal can never be it: the file, or what stdin shows. */
    private Path inputFile(String from) {
        return from.equals("-") ? context().terminal().stdin() : Path.of(from);
    }

    /** The private copy of the input goes where temporary files go: TMPDIR, else the runtime's own. */
    private Path copyDirectory() {
        String tmp = context().env().get("TMPDIR");
        return Path.of(tmp != null && !tmp.isBlank() ? tmp : System.getProperty("java.io.tmpdir"));
    }
}
