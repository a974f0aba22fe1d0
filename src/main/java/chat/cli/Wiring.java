package chat.cli;

import chat.auth.ConfigDirectory;
import chat.auth.Credential;
import chat.auth.Credentials;
import chat.auth.IdentityPlatform;
import chat.auth.LoginProfiles;
import chat.auth.SignInContext;
import chat.auth.SignInOptions;
import chat.auth.TokenSource;
import chat.auth.TokenSources;
import chat.auth.msal.MsalPlatform;
import chat.create.ChatCreator;
import chat.create.IfExists;
import chat.errors.UsageException;
import chat.graph.Cloud;
import chat.graph.Directory;
import chat.graph.GraphClient;
import chat.graph.GraphSettings;
import chat.graph.Pacer;
import chat.graph.RetryPolicy;
import chat.graph.RetryingSender;
import chat.graph.Sleeper;
import chat.http.HttpSender;
import chat.http.ServiceUrl;
import chat.http.TracingSender;
import chat.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one place that builds what a run uses from its {@link CliContext}: the credential, the HTTP
 * layers, sign-in, the Graph client and the chat creator. Commands parse their flags and ask here;
 * what they get is made the same way whichever command asks.
 */
final class Wiring {
    static final String AUTHORITY_HOST_VARIABLE = "AZURE_AUTHORITY_HOST";

    private final CliContext context;
    private final IdentityPlatform identity = new MsalPlatform();
    private ObjectMapper json;

    Wiring(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** One mapper for the run: building one costs more than any use of it. */
    ObjectMapper json() {
        if (json == null) {
            json = Json.mapper();
        }
        return json;
    }

    /** A line on stderr, "chat: " first. */
    Consumer<String> notes() {
        return line -> {
            context.err().println("chat: " + line);
            context.err().flush();
        };
    }

    Path configDirectory() {
        return ConfigDirectory.of(context.env());
    }

    /** @param mayPrompt whether this command may ask a person at a terminal to sign in */
    Credential credential(SignInOptions flags, Cloud cloud, boolean mayPrompt) {
        // The remembered sign-in is read only when nothing else is configured.
        return Credentials.choose(flags, context.env(), () -> new LoginProfiles(configDirectory()).forCloud(cloud.cliName()),
                mayPrompt && context.terminal().interactive());
    }

    /** A token chat cannot tell the kind of is sent as it is: said once, before it is. */
    void tellUnknownKind(Credential credential) {
        if (credential instanceof Credential.AccessTokenVariable token) {
            token.source().unknownKind().ifPresent(notes());
        }
    }

    /** A token that has expired and cannot be renewed is refused before anything is sent. */
    void refuseExpired(Credential credential) {
        if (credential instanceof Credential.AccessTokenVariable token) {
            token.source().refuseIfExpired(context.clock().instant());
        }
    }

    /** The one HTTP client of the run, for Graph and sign-in alike, traced on stderr with --verbose. */
    HttpSender sender(boolean verbose) {
        HttpSender sender = context.http().sender();
        return verbose ? new TracingSender(sender, context.err(), context.clock()) : sender;
    }

    IdentityPlatform identity() {
        return identity;
    }

    /** @param moreScopes what a person's token needs beyond what every run asks for: see {@link SignInContext} */
    SignInContext signInContext(GraphSettings graph, HttpSender sender, Set<String> moreScopes) {
        return new SignInContext(authorityHost(graph.cloud()), graph.cloud().graphBase(), graph.cloud().cliName(),
                sender, graph.timeout(), configDirectory(), context.env(), context.err(), context.clock(),
                context.terminal().interactive(), moreScopes);
    }

    TokenSource tokens(Credential credential, GraphSettings graph, HttpSender sender, Set<String> moreScopes) {
        return TokenSources.open(credential, signInContext(graph, sender, moreScopes), identity);
    }

    /** Graph's client, with the retries (paced as {@code sending} says) around the sender. */
    GraphClient graphClient(GraphSettings graph, HttpSender sender, Sending sending) {
        RetryPolicy policy = RetryPolicy.of(graph.maxRetries(), graph.timeout(), context.random());
        RetryingSender retrying = new RetryingSender(sender, policy, context.clock(), sending.sleeper(),
                sending.retryNotes(), json(), sending.pacer());
        return new GraphClient(graph.endpoint(), graph.cloud().graphBase(), retrying, json(), Version.userAgent());
    }

    /**
     * What creates chats, for one chat or for a file of them alike.
     *
     * @param resolveMail whether a UPN that no user has may be matched to the one user whose mail it is
     * @param moreScopes  what a person's token needs for this run beyond what every run asks for
     */
    ChatCreator chatCreator(GraphSettings graph, Credential credential, IfExists ifExists, boolean resolveMail,
                            boolean verbose, Sending sending, Set<String> moreScopes) {
        HttpSender sender = sender(verbose);
        GraphClient client = graphClient(graph, sender, sending);
        // What concerns the whole run (a person found by mail, matching by mail) is said once on stderr.
        // Users are the directory's, whose limits are not Teams': looking them up is not paced with the chats.
        Directory directory = new Directory(graphClient(graph, sender, sending.unpaced()), resolveMail, sending.sleeper(),
                notes());
        return new ChatCreator(client, directory, tokens(credential, graph, sender, moreScopes), ifExists, context.clock(),
                sending.sleeper(), sending.lineNotes());
    }

    /** How requests are sent: one chat's, or the many of a bulk run. */
    record Sending(Pacer pacer, Sleeper sleeper, Consumer<String> retryNotes, Consumer<String> lineNotes) {
        /** One chat: no pacing, and every retry and note told on stderr. */
        static Sending alone(Wiring wiring) {
            return new Sending(Pacer.NONE, wiring.context.sleeper(), wiring.notes(), wiring.notes());
        }

        /** A bulk run: paced, waits that a stop ends, and what concerns a line told in its result instead. */
        static Sending paced(Pacer pacer, Sleeper sleeper) {
            return new Sending(pacer, sleeper, notice -> { }, notice -> { });
        }

        /** The same, but for requests that do not count against what the pacer keeps to. */
        Sending unpaced() {
            return new Sending(Pacer.NONE, sleeper, retryNotes, lineNotes);
        }
    }

    /** The cloud's sign-in host, or AZURE_AUTHORITY_HOST's (https only: credentials travel to it). */
    private String authorityHost(Cloud cloud) {
        String override = context.env().get(AUTHORITY_HOST_VARIABLE);
        if (override == null || override.isBlank()) {
            return cloud.authorityHost();
        }
        return ServiceUrl.parse(override, false).orElseThrow(() -> new UsageException(AUTHORITY_HOST_VARIABLE
                + " '" + override + "' must be an https:// URL such as https://login.microsoftonline.us"));
    }
}
