package chat.cli;

import chat.auth.Credential;
import chat.auth.Feature;
import chat.auth.TokenKind;
import chat.create.ChatCreator;
import chat.create.IfExists;
import chat.create.MembersOf;
import chat.create.NotAllAddedException;
import chat.errors.ExitCodes;
import chat.errors.UsageException;
import chat.graph.CreatedChat;
import chat.graph.GraphSettings;
import chat.graph.PostedMessage;
import chat.output.ChatPrinter;
import chat.output.OutputFormat;
import chat.output.ResultNotWrittenException;
import chat.request.ChatDraft;
import chat.request.ChatMessage;
import chat.request.ChatToCreate;
import chat.request.ChatType;
import chat.request.Member;
import chat.request.UserKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", sortOptions = false,
        customSynopsis = {"chat create (--one-on-one | --group) [-m USER]... [-g USER]...",
            "            [--federated USER=TENANT_ID]... [--members-of GROUP]...",
            "            [--topic TEXT] [OPTIONS]",
            "       chat create --from FILE|- [--journal FILE] [OPTIONS]"},
        description = {"Create a Microsoft Teams chat and print its id.",
            "Members are object ids (GUIDs) or user principal names. Invalid input is refused before any "
                    + "sign-in or network use."})
public final class CreateCommand implements Callable<Integer> {
    private final Wiring wiring;
    private final CliContext context;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 1)
    Kind kind;

    static final class Kind {
        @Option(names = "--one-on-one", required = true, description = "A chat between exactly two people.")
        boolean oneOnOne;

        @Option(names = "--group", required = true, description = "A group chat of two or more people.")
        boolean group;
    }

    @Option(names = {"-m", "--member"}, paramLabel = "USER", order = 2,
            description = "A member with the owner role (repeatable).")
    List<String> members = new ArrayList<>();

    @Option(names = {"-g", "--guest"}, paramLabel = "USER", order = 3,
            description = "An in-tenant guest user, with the guest role (repeatable).")
    List<String> guests = new ArrayList<>();

    @Option(names = "--federated", paramLabel = "USER=TENANT_ID", order = 4,
            description = "A user of another tenant: their object id and their home tenant's id (repeatable).")
    List<String> federated = new ArrayList<>();

    @Option(names = "--members-of", paramLabel = "GROUP", order = 4,
            description = "Everyone in GROUP (its mail, object id or name), nested groups included (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--topic", paramLabel = "TEXT", order = 5, description = "The chat's name (group chats only).")
    String topic;

    @Option(names = "--install-app", paramLabel = "APP_ID", order = 6,
            description = "Install this Teams app (its catalog id) in the new chat.")
    String appId;

    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 6)
    FirstMessage firstMessage;

    /** The message posted into the chat once it is there, made or found. */
    static final class FirstMessage {
        @Option(names = "--message", paramLabel = "TEXT", order = 6,
                description = "Post TEXT into the chat once it is there, made or found; never twice. Needs a person's "
                        + "sign-in with ChatMessage.Send.")
        String text;

        @Option(names = "--message-file", paramLabel = "FILE", order = 6,
                description = "Post the UTF-8 text of FILE (- for stdin) as the message.")
        String file;
    }

    @Option(names = "--html", order = 6, description = "The message is HTML, not text.")
    boolean html;

    @Option(names = "--if-exists", paramLabel = "WHAT", order = 7,
            description = "When a group chat of the same people (and topic) exists: create another (default), "
                    + "reuse it, or fail (exit 6). Needs permission to read chats and users (docs/existing-chats.md).")
    IfExists ifExists = IfExists.CREATE;

    @Option(names = "--no-resolve", order = 8,
            description = "A user principal name no user has fails, rather than name the one user whose mail it is.")
    boolean noResolve;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 8,
            description = "text (default): the chat's id alone; json: the chat as Graph returned it.")
    OutputFormat output = OutputFormat.TEXT;

    @Option(names = "--dry-run", order = 8,
            description = "Print the request instead of sending it: no sign-in, no network (--members-of reads its groups).")
    boolean dryRun;

    /** A file of chats, and the journal that only such a run can keep. */
    @ArgGroup(exclusive = false, multiplicity = "0..1", order = 9)
    Bulk bulk;

    static final class Bulk {
        @Option(names = "--from", paramLabel = "FILE", order = 9, required = true,
                description = "Create every chat of FILE (- for stdin): one body a line, as --dry-run -o json prints "
                        + "them; a result line each on stdout.")
        String from;

        @Option(names = "--journal", paramLabel = "FILE", order = 10,
                description = "With --from: record each outcome in FILE, so that a run again skips what is done and "
                        + "makes nothing twice.")
        java.nio.file.Path journal;

        @Option(names = "--resend-after", paramLabel = "SECONDS", order = 11,
                description = "With --journal: a send of unknown outcome, not found, is made again only this long "
                        + "after it (default: " + BulkRun.DEFAULT_RESEND_AFTER_SECONDS + ").")
        Integer resendAfterSeconds;
    }

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CredentialOptions credentials;

    @Mixin
    DiagnosticOptions diagnostics;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 99, description = "Show this help and exit.")
    boolean help;

    public CreateCommand(Wiring wiring) {
        this.wiring = wiring;
        this.context = wiring.context();
    }

    @Override
    public Integer call() throws InterruptedException {
        if (bulk != null) {
            return createEach();
        }
        List<Member> listed = listedPeople();
        if (groups.isEmpty()) {
            chatDraft(listed, true); // input errors first, whatever the credential
        }
        ChatMessage message = message();
        GraphSettings graph = connection.resolve(context.env());
        Credential credential = wiring.credential(credentials.toSignInOptions(), graph.cloud(), true);
        if (message != null && credential.kind() == TokenKind.APPLICATION) {
            throw new UsageException("--message needs a person's sign-in (chat login, or a person's token): Graph "
                    + "lets an application post only when importing history; " + credential.description()
                    + " signs in as an application (a bot can post for it)");
        }
        ChatDraft listedDraft = groups.isEmpty() ? chatDraft(listed, credential.addsSignedInUser()) : null;
        wiring.tellUnknownKind(credential);
        if (dryRun && listedDraft != null) {
            return dryRun(listedDraft, message, graph, credential);
        }
        wiring.refuseExpired(credential);
        ChatCreator creator = wiring.chatCreator(graph, credential, ifExists, !noResolve, diagnostics.verbose,
                Wiring.Sending.alone(wiring), Feature.scopesFor(features(listed)));
        ChatDraft draft = listedDraft != null ? listedDraft : teamDraft(creator, listed, credential.addsSignedInUser());
        if (listedDraft == null && !dryRun && ChatCreator.mayTakeAdds(draft.members().size())) {
            // the groups hold more than a create takes: only now is adding people asked for
            creator = wiring.chatCreator(graph, credential, ifExists, !noResolve, diagnostics.verbose,
                    Wiring.Sending.alone(wiring), Feature.scopesFor(EnumSet.of(Feature.MEMBERS_OF, Feature.ADD_MEMBERS)));
        }
        return dryRun ? dryRun(draft, message, graph, credential) : create(creator, draft, message);
    }

    private int dryRun(ChatDraft draft, ChatMessage message, GraphSettings graph, Credential credential) {
        ChatPrinter printer = new ChatPrinter(context.out(), output, context.terminal().stdout());
        // The body as it will be sent: with the signed-in user when the credential names them.
        ChatToCreate shown = !draft.addsSignedInUser() ? draft.listed() : credential.knownUser()
                .<ChatToCreate>map(me -> draft.complete(UserKey.parse(me.objectId()), me.username())).orElse(draft);
        printer.dryRun(shown, message, graph.cloud().graphBase(), graph.endpoint());
        if (shown.members().size() > ChatCreator.MAX_IN_A_CREATE) {
            wiring.notes().accept("sent as a create of " + ChatCreator.MAX_IN_A_CREATE + " (the signed-in user, then "
                    + "owners, then guests) and an add (POST /chats/{id}/members) for each of the other "
                    + (shown.members().size() - ChatCreator.MAX_IN_A_CREATE));
        }
        if (shown instanceof ChatDraft) {
            wiring.notes().accept(credential instanceof Credential.None
                    ? "not signed in: a person's sign-in (chat login) would add the signed-in user to this chat as "
                            + "an owner, unless listed; an application's credential would send it as shown"
                    : "sent with " + credential.description() + ", the signed-in user is added as an owner unless "
                            + "listed");
        }
        return ExitCodes.OK;
    }

    private int create(ChatCreator creator, ChatDraft draft, ChatMessage message) throws InterruptedException {
        ChatPrinter printer = new ChatPrinter(context.out(), output, context.terminal().stdout());
        ChatCreator.Outcome outcome = creator.create(draft);
        CreatedChat chat = outcome.chat();
        PostedMessage posted = null;
        NotAllAddedException notAll = null;
        try {
            try {
                // a chat found may be one whose adds an earlier run did not finish; before the message,
                // which those added later would not see
                creator.addOthers(chat, draft);
            } catch (NotAllAddedException e) {
                notAll = e;
            }
            posted = message == null ? null : post(creator, chat, message, notAll);
        } finally {
            // the chat is there, whatever became of the message and of the adds
            printer.created(chat, posted, notAll == null ? List.of() : notAll.names(), wiring.json());
        }
        if (context.out().checkError()) {
            throw ResultNotWrittenException.chat(chat, outcome.existing(), posted);
        }
        if (notAll != null) {
            throw notAll;
        }
        return ExitCodes.OK;
    }

    /** The message posted; if that fails too, who is not in is said first, as the failure ends the run. */
    private PostedMessage post(ChatCreator creator, CreatedChat chat, ChatMessage message, NotAllAddedException notAll)
            throws InterruptedException {
        try {
            return creator.post(chat, message);
        } catch (RuntimeException notPosted) {
            if (notAll != null) {
                wiring.notes().accept(notAll.report().message());
            }
            throw notPosted;
        }
    }

    /** The message of --message or --message-file, checked; null for none. */
    private ChatMessage message() {
        if (firstMessage == null) {
            if (html) {
                throw new UsageException("--html goes with --message or --message-file: it says the message is HTML");
            }
            return null;
        }
        String text = firstMessage.text != null ? firstMessage.text : MessageFile.read(firstMessage.file, context);
        return new ChatMessage(text, html);
    }

    private int createEach() throws InterruptedException {
        if (firstMessage != null) {
            throw new UsageException("--from takes each chat's message from its line, in a \"message\" property: "
                    + "leave out --message and --message-file");
        }
        if (kind != null || !members.isEmpty() || !guests.isEmpty() || !federated.isEmpty() || !groups.isEmpty()
                || topic != null || appId != null) {
            throw new UsageException("--from takes every chat from its file: leave out --one-on-one, --group, -m, -g, "
                    + "--federated, --members-of, --topic and --install-app (a line names groups in \"membersOf\")");
        }
        if (bulk.resendAfterSeconds != null && bulk.journal == null) {
            throw new UsageException("--resend-after goes with --journal: it says when a send an earlier run recorded "
                    + "may be made again");
        }
        java.time.Duration resendAfter = BulkRun.resendAfter(bulk.resendAfterSeconds);
        GraphSettings graph = connection.resolve(context.env());
        Credential credential = wiring.credential(credentials.toSignInOptions(), graph.cloud(), true);
        return new BulkRun(wiring, graph, credential, ifExists, !noResolve, diagnostics.verbose)
                .run(bulk.from, bulk.journal, resendAfter, dryRun);
    }

    /** What this chat takes beyond creating it, for a person's sign-in to ask for. */
    private java.util.Set<Feature> features(List<Member> listed) {
        if (!groups.isEmpty()) {
            return EnumSet.of(Feature.MEMBERS_OF); // adding people too, once the groups turn out to hold 200 or more
        }
        return ChatCreator.mayTakeAdds(listed.size()) ? EnumSet.of(Feature.ADD_MEMBERS)
                : EnumSet.noneOf(Feature.class);
    }

    /** The people given one by one (-m, -g, --federated), and the chat's type, checked. */
    private List<Member> listedPeople() {
        List<Member> people = new ArrayList<>();
        members.forEach(user -> people.add(Member.owner(UserKey.parse(user))));
        guests.forEach(user -> people.add(Member.guest(UserKey.parse(user))));
        federated.forEach(spec -> people.add(Member.parseFederated(spec)));
        if (kind == null) {
            throw new UsageException("missing the chat type: give --one-on-one | --group, or --from FILE");
        }
        if (!groups.isEmpty() && !kind.group) {
            throw new UsageException("--members-of makes a group chat: give --group, not --one-on-one");
        }
        ChatDraft.checkedGroups(groups); // before any sign-in
        return people;
    }

    private ChatDraft chatDraft(List<Member> people, boolean addsSignedInUser) {
        return new ChatDraft(kind.group ? ChatType.GROUP : ChatType.ONE_ON_ONE, topic, people, appId,
                addsSignedInUser);
    }

    /** The groups read (a dry run too), their people merged with those listed; what is no person said once. */
    private ChatDraft teamDraft(ChatCreator creator, List<Member> listed, boolean addsSignedInUser)
            throws InterruptedException {
        MembersOf team = creator.membersOf(listed, ChatDraft.checkedGroups(groups));
        team.leftOut(groups.size()).ifPresent(wiring.notes());
        return chatDraft(team.members(), addsSignedInUser);
    }
}
