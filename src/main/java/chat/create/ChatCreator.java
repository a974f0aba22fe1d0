package chat.create;

import chat.auth.AccessToken;
import chat.auth.AuthenticationException;
import chat.auth.TokenSource;
import chat.graph.ChatExistsException;
import chat.graph.CreatedChat;
import chat.graph.ExistingGroupChats;
import chat.graph.GraphClient;
import chat.graph.GraphRefusedException;
import chat.graph.GraphUnavailableException;
import chat.graph.Sleeper;
import chat.request.ChatRequest;
import chat.request.ChatType;
import chat.request.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Creating a chat as the signed-in caller: add the signed-in user when Graph needs them among the
 * members; for a group chat, look for one of the same people first when asked to (--if-exists); send;
 * and renew a token Graph rejects, once (a 401 means nothing was made). Safe to share between threads.
 */
public final class ChatCreator {
    /** Graph's listing of chats can lag a create that has just happened. */
    static final Duration SETTLE_DELAY = Duration.ofSeconds(2);

    /** A chat this run made, or one it found and reused. */
    public record Outcome(CreatedChat chat, boolean existing) {
    }

    private final GraphClient graph;
    private final CachedToken tokens;
    private final ExistingGroupChats existing;
    private final IfExists ifExists;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> notes;

    public ChatCreator(GraphClient graph, TokenSource tokens, IfExists ifExists, Clock clock, Sleeper sleeper,
                Consumer<String> notes) {
        this.graph = graph;
        this.tokens = new CachedToken(tokens, clock);
        this.existing = new ExistingGroupChats(graph);
        this.ifExists = ifExists;
        this.clock = clock;
        this.sleeper = sleeper;
        this.notes = notes;
    }

    public Outcome create(ChatRequest request) throws InterruptedException {
        AccessToken token = tokens.current();
        try {
            return create(request, token);
        } catch (GraphRefusedException rejected) {
            if (rejected.error().status() != 401) {
                throw rejected;
            }
            AccessToken renewed = tokens.renewAfter(token)
                    .orElseThrow(() -> rejectedToken(rejected));
            try {
                return create(request, renewed);
            } catch (GraphRefusedException again) {
                throw again.error().status() == 401 ? rejectedToken(again) : again;
            }
        }
    }

    /**
     * Whether a group chat of these people exists; the lookup --if-exists makes, for a resumed run
     * that must settle a create whose outcome it never learnt.
     */
    public Optional<ExistingGroupChats.Found> findExisting(ChatRequest request, boolean fresh) throws InterruptedException {
        AccessToken token = tokens.current();
        ChatRequest complete = complete(request, token);
        return existing.find(complete, owner(complete, token), token.value(), fresh);
    }

    private Outcome create(ChatRequest request, AccessToken token) throws InterruptedException {
        ChatRequest complete = complete(request, token);
        boolean group = complete.type() == ChatType.GROUP;
        if (group && ifExists != IfExists.CREATE) {
            Optional<ExistingGroupChats.Found> found = existing.find(complete, owner(complete, token), token.value(), false);
            if (found.isPresent()) {
                return reuse(found.get());
            }
        }
        try {
            CreatedChat chat = graph.createChat(complete, token.value());
            if (group) {
                existing.made(complete, chat, clock.instant());
            }
            return new Outcome(chat, false);
        } catch (GraphUnavailableException unknown) {
            if (!unknown.mayHaveCreated() || ifExists != IfExists.REUSE) {
                throw unknown;
            }
            return settle(complete, token, unknown);
        }
    }

    /** The create may have made the chat: look for it rather than guess, and never send it again here. */
    private Outcome settle(ChatRequest complete, AccessToken token, GraphUnavailableException unknown)
            throws InterruptedException {
        notes.accept(unknown.getMessage() + "; looking for the chat among the group chats");
        sleeper.sleep(SETTLE_DELAY);
        Optional<ExistingGroupChats.Found> found = existing.find(complete, owner(complete, token), token.value(), true);
        if (found.isEmpty()) {
            throw new GraphUnavailableException(unknown.getMessage() + ", and no group chat of these people is listed "
                    + "yet", unknown.attempts(), true, unknown.lastError(), unknown.clientRequestId());
        }
        notes.accept("found it: the create had made " + found.get().chat().id());
        return new Outcome(new CreatedChat(found.get().chat().id(), found.get().chat().chat()), false);
    }

    private Outcome reuse(ExistingGroupChats.Found found) {
        String id = found.chat().id();
        String others = found.others().isEmpty() ? "" : "; other group chats of the same people: "
                + String.join(", ", found.others().stream().map(chat -> chat.id()).toList());
        if (ifExists == IfExists.FAIL) {
            throw new ChatExistsException(id, others);
        }
        notes.accept("reusing the group chat " + id + (found.chat().lastUpdated() == null ? ""
                : " (last updated " + found.chat().lastUpdated() + ")") + " instead of making another" + others);
        return new Outcome(new CreatedChat(id, found.chat().chat()), true);
    }

    private AuthenticationException rejectedToken(GraphRefusedException rejected) {
        return new AuthenticationException(tokens.whenRejected() + " (" + rejected.error().summary() + ")", rejected);
    }

    /** Whose chats to look through: the signed-in user's, else (an application) the first member's. */
    private static UserKey owner(ChatRequest complete, AccessToken token) {
        return token.user() != null ? null : complete.members().get(0).user();
    }

    /** With a delegated token the signed-in user is known now; an application's token adds nobody. */
    static ChatRequest complete(ChatRequest request, AccessToken token) {
        if (!request.signedInUserToAdd()) {
            return request;
        }
        if (token.user() == null) {
            return new ChatRequest(request.type(), request.topic(), request.members(), request.appId());
        }
        return request.withSignedInUser(UserKey.parse(token.user().objectId()), token.user().username());
    }
}
