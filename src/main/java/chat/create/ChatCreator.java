package chat.create;

import chat.auth.AccessToken;
import chat.auth.AuthenticationException;
import chat.auth.Feature;
import chat.auth.PermissionMissingException;
import chat.auth.TokenSource;
import chat.graph.ChatExistsException;
import chat.graph.CreatedChat;
import chat.graph.Directory;
import chat.graph.ExistingChat;
import chat.graph.ExistingGroupChats;
import chat.graph.GraphClient;
import chat.graph.GraphRefusedException;
import chat.graph.GraphUnavailableException;
import chat.graph.Groups;
import chat.graph.Identity;
import chat.graph.InterruptedSendException;
import chat.graph.PostedMessage;
import chat.graph.Sleeper;
import chat.graph.TokenNotReceivedException;
import chat.request.ChatDraft;
import chat.request.ChatMessage;
import chat.request.ChatRequest;
import chat.request.ChatType;
import chat.request.Member;
import chat.request.UserKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Creating a chat as the signed-in caller: add the signed-in user when Graph needs them among the
 * members; for a group chat, look for one of the same people first when asked to (--if-exists); send;
 * settle a send whose outcome is unknown by finding the chat it made; and renew a token Graph
 * rejects, once (a 401 means nothing was made). Safe to share between threads.
 */
public final class ChatCreator {
    /** Graph's listing of chats can lag a create that has just happened. */
    public static final Duration SETTLE_DELAY = Duration.ofSeconds(2);
    /** Graph takes at most this many people in one request, the create included. */
    public static final int MAX_IN_A_CREATE = 200;

    /**
     * Whether a chat of this many people listed one by one may hold more than a create takes, and so
     * take adds after it: the signed-in user may join those listed.
     */
    public static boolean mayTakeAdds(int listed) {
        return listed >= MAX_IN_A_CREATE;
    }

    /** A chat this run made, or one it found and reused. */
    public record Outcome(CreatedChat chat, boolean existing) {
    }

    @FunctionalInterface
    private interface WithToken<T> {
        T call(AccessToken token) throws InterruptedException;
    }

    private final GraphClient graph;
    private final Directory directory;
    private final CachedToken tokens;
    private final ExistingGroupChats existing;
    private final Groups groups;
    private final MemberAdds adds;
    private final IfExists ifExists;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> notes;

    /**
     * @param directory   who the people named by UPN are, looked up once a run (and, unless
     *                    --no-resolve, who a UPN no user has is the mail of)
     * @param notes       what a person should know of this chat (reused, found, named otherwise)
     */
    public ChatCreator(GraphClient graph, Directory directory, TokenSource tokens, IfExists ifExists, Clock clock,
                       Sleeper sleeper, Consumer<String> notes) {
        this.graph = graph;
        this.directory = directory;
        this.tokens = new CachedToken(tokens, clock);
        this.existing = new ExistingGroupChats(graph, directory);
        this.groups = new Groups(graph);
        this.adds = new MemberAdds(graph, directory, existing);
        this.ifExists = ifExists;
        this.clock = clock;
        this.sleeper = sleeper;
        this.notes = notes;
    }

    /**
     * One chat: an existing one when --if-exists finds it, else a new one; a group chat whose outcome
     * is then unknown is settled by looking for it (--if-exists reuse), never sent again.
     */
    public Outcome create(ChatDraft request) throws InterruptedException {
        Optional<Outcome> found = findExisting(request);
        if (found.isPresent()) {
            return found.get();
        }
        Instant sent = clock.instant();
        try {
            return send(request, at -> { });
        } catch (GraphUnavailableException unknown) {
            return settle(request, unknown, sent, chat -> false);
        }
    }

    /**
     * --if-exists reuse: a group chat of the same people (and topic), from this run's listing; with
     * fail, its {@link ChatExistsException}. Empty for a one-on-one chat or --if-exists create.
     */
    public Optional<Outcome> findExisting(ChatDraft request) throws InterruptedException {
        if (request.type() != ChatType.GROUP || ifExists == IfExists.CREATE) {
            return Optional.empty();
        }
        return withRenewal(token -> {
            ChatRequest complete = complete(request, token);
            int least = Math.min(MAX_IN_A_CREATE, complete.members().size());
            return existing.find(complete, least, signedIn(token), token.value()).map(this::reuse);
        });
    }

    /** The people of these groups (--members-of), merged with those listed one by one: see {@link MembersOf}. */
    public MembersOf membersOf(List<Member> listed, List<String> groups) throws InterruptedException {
        return withRenewal(token -> {
            List<Groups.People> people = new ArrayList<>();
            for (String named : groups) {
                people.add(this.groups.people(this.groups.find(named, token.value()), token.value()));
            }
            List<Identity> identities = listed.isEmpty() ? List.of() : directory.identities(listed, token.value());
            return MembersOf.merge(listed, identities, people);
        });
    }

    /**
     * A --from line's draft with the people of its groups ("membersOf") read into it, each once; what
     * of the groups is no person is told to {@code notes}. A draft without groups is as it was.
     */
    public ChatDraft withGroupsRead(ChatDraft draft, Consumer<String> notes) throws InterruptedException {
        if (draft.membersOf().isEmpty()) {
            return draft;
        }
        MembersOf team = membersOf(draft.members(), draft.membersOf());
        team.leftOut(draft.membersOf().size()).ifPresent(notes);
        return draft.withPeople(team.members());
    }

    /**
     * Everyone the create could not take (Graph takes at most 200 in it), added once the chat is there:
     * see {@link MemberAdds}. Nothing to do for a chat of 200 or fewer.
     *
     * @throws NotAllAddedException who is not in, and why
     */
    public void addOthers(CreatedChat chat, ChatDraft request) throws InterruptedException {
        if (!mayTakeAdds(request.members().size())) {
            return; // 200 at most, the signed-in user included: all in the create
        }
        List<Member> everyone = withRenewal(token -> complete(request, token).members());
        if (everyone.size() <= MAX_IN_A_CREATE) {
            return;
        }
        // whoever is not in, against the roster: a chat an earlier run made took whichever 200 it was sent first
        List<NotAllAddedException.NotAdded> notAdded;
        try {
            notAdded = withRenewal(token -> adds.add(chat.id(), everyone, token.value()));
        } catch (RuntimeException before) {
            List<Member> others = withRenewal(token -> complete(request, token).afterCreate(MAX_IN_A_CREATE,
                    isSignedIn(token)));
            // the roster or the people could not be read, or the token was refused twice: those the create did
            // not take are not known to be in
            notAdded = others.stream().map(member -> new NotAllAddedException.NotAdded(member, before)).toList();
        }
        if (!notAdded.isEmpty()) {
            throw new NotAllAddedException(chat.id(), notAdded);
        }
    }

    /** Who these people are, as Graph knows them: see {@link Directory#identities}. */
    public List<Identity> identities(List<Member> members) throws InterruptedException {
        return withRenewal(token -> directory.identities(members, token.value()));
    }

    /**
     * Posts the chat's first message, once: with a renewed token after a 401 (Graph took nothing), never
     * again after an answer that may have been lost.
     *
     * @throws MessageNotPostedException whatever kept it from being posted, the chat being there
     */
    public PostedMessage post(CreatedChat chat, ChatMessage message) throws InterruptedException {
        try {
            return withRenewal(token -> graph.postMessage(chat.id(), message, token.value()));
        } catch (GraphUnavailableException unknown) {
            throw new MessageNotPostedException(chat.id(), unknown.mayHaveCreated(), unknown);
        } catch (InterruptedSendException interrupted) {
            throw new MessageNotPostedException(chat.id(), true, interrupted);
        } catch (GraphRefusedException | AuthenticationException | TokenNotReceivedException refused) {
            throw new MessageNotPostedException(chat.id(), false, refused);
        }
    }

    /**
     * A message like this one that the signed-in user posted into the chat since {@code since}, if the
     * chat's latest messages hold one: how a post whose outcome is unknown is found.
     */
    public Optional<PostedMessage> findPosted(String chatId, ChatMessage message, Instant since)
            throws InterruptedException {
        return withRenewal(token -> {
            String me = token.user() == null ? null : token.user().objectId();
            return graph.recentMessages(chatId, token.value()).stream()
                    .filter(listed -> listed.fromUserId() != null && listed.fromUserId().equalsIgnoreCase(me))
                    .filter(listed -> listed.created() != null && !listed.created().isBefore(since))
                    .filter(listed -> message.contentType().equalsIgnoreCase(listed.contentType())
                            && message.content().strip().equals(listed.content() == null ? null : listed.content().strip()))
                    .findFirst()
                    .map(listed -> new PostedMessage(listed.id(), listed.created().toString()));
        });
    }

    /**
     * Sends the create; a name Graph knows no user by that is one user's mail is sent again as that user
     * (a refused create made nothing).
     *
     * @param onAttempt told the moment the request goes, each attempt, once any wait for its turn is
     *                  over: from then, Graph may be making the chat
     * @throws GraphUnavailableException with no usable answer: for a group chat, it may have been made
     */
    public Outcome send(ChatDraft request, Consumer<Instant> onAttempt) throws InterruptedException {
        return withRenewal(token -> {
            ChatRequest everyone = complete(request, token);
            refuseUnableToAdd(everyone, token);
            ChatRequest complete = everyone.inCreate(MAX_IN_A_CREATE, isSignedIn(token));
            try {
                return sendOnce(complete, token, onAttempt);
            } catch (GraphRefusedException refused) {
                Optional<ChatRequest> renamed = refused.error().status() == 404 && directory.resolvesMail()
                        ? namedByMail(complete, token, refused) : Optional.empty();
                if (renamed.isEmpty()) {
                    throw refused;
                }
                return sendOnce(renamed.get(), token, onAttempt);
            }
        });
    }

    /**
     * A chat of more people than a create takes, with a token that shows it may not add the others: a chat
     * of 200 would be made and left so. Where the token does not tell, Graph's answer to the adds will.
     */
    private static void refuseUnableToAdd(ChatRequest everyone, AccessToken token) {
        if (everyone.members().size() > MAX_IN_A_CREATE && Feature.ADD_MEMBERS.deniedBy(token.value())) {
            throw new PermissionMissingException("a chat of " + everyone.members().size() + " people is made with "
                    + MAX_IN_A_CREATE + " and the others added, which takes ChatMember.ReadWrite (ChatMember.ReadWrite.All "
                    + "for an application), and the token holds none of " + String.join(", ",
                    Feature.ADD_MEMBERS.permissions()) + ": nothing was made; a person's sign-in asks for it with chat "
                    + "login --scope ChatMember.ReadWrite");
        }
    }

    private Outcome sendOnce(ChatRequest complete, AccessToken token, Consumer<Instant> onAttempt)
            throws InterruptedException {
        CreatedChat chat = graph.createChat(complete, token.value(), () -> onAttempt.accept(clock.instant()));
        if (complete.type() == ChatType.GROUP && ifExists != IfExists.CREATE) {
            existing.made(complete, chat, clock.instant()); // a request for the same people after it finds it
        }
        return new Outcome(chat, false);
    }

    /**
     * Graph found no user by some UPN: where that UPN is the mail of exactly one user (a renamed person,
     * an alias), the same request with their object id. Empty when no UPN is unknown, or users may not be
     * read; where a UPN is no one's mail, or several people's, the refusal says so.
     */
    private Optional<ChatRequest> namedByMail(ChatRequest complete, AccessToken token, GraphRefusedException refused)
            throws InterruptedException {
        List<Identity> people = directory.identities(complete.members(), token.value());
        ChatRequest renamed = complete;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Identity person = people.get(i);
            Member member = complete.members().get(i);
            if (person.kind() == Identity.Kind.MAIL_OF) {
                renamed = renamed.with(member, new Member(UserKey.parse(person.objectId()), member.role(),
                        member.tenantId()));
            } else if (person.kind() == Identity.Kind.NO_SUCH_USER) {
                List<GraphClient.DirectoryUser> users = directory.withMail(member.user(), token.value()).orElse(List.of());
                unknown.add(users.isEmpty() ? "no user has the name or mail " + member.user()
                        : member.user() + " is the mail of " + users.size() + " users ("
                        + String.join(", ", users.stream().map(GraphClient.DirectoryUser::userPrincipalName).toList())
                        + "): name one of them");
            }
        }
        if (!unknown.isEmpty()) {
            throw new GraphRefusedException(refused.error().explained(String.join("; ", unknown)));
        }
        return renamed == complete ? Optional.empty() : Optional.of(renamed);
    }

    /**
     * A group chat of these people that Graph lists as made since {@code since}, other than the chats
     * {@code taken} names (the first made, if several are): what a create sent then made. Listed afresh.
     */
    public Optional<CreatedChat> findMadeSince(ChatDraft request, Instant since, Predicate<String> taken)
            throws InterruptedException {
        return withRenewal(token -> existing.findCreatedSince(complete(request, token).inCreate(MAX_IN_A_CREATE, isSignedIn(token)),
                signedIn(token), token.value(),
                since, taken).map(ChatCreator::asCreated));
    }

    /**
     * A create whose outcome is unknown may have made the chat: with --if-exists reuse it is looked for
     * (the listing given a moment to show it) rather than guessed at; found, it is this create's chat.
     * Never sent again here.
     *
     * @param sent  when the create went: the chat was made since
     * @param taken chats that are known to be others', never this create's
     * @throws GraphUnavailableException when it is not found, or not to be looked for
     */
    public Outcome settle(ChatDraft request, GraphUnavailableException unknown, Instant sent, Predicate<String> taken)
            throws InterruptedException {
        if (!unknown.mayHaveCreated() || ifExists != IfExists.REUSE) {
            throw unknown;
        }
        notes.accept(unknown.getMessage() + "; looking for the chat among the group chats");
        sleeper.sleep(SETTLE_DELAY);
        Optional<CreatedChat> found = findMadeSince(request, sent, taken);
        if (found.isEmpty()) {
            throw GraphUnavailableException.perhapsCreated(unknown.getMessage() + ", and no group chat of these people is "
                    + "listed yet that was made since it was sent", unknown.lastError(), unknown.clientRequestId());
        }
        notes.accept("found it: the create had made " + found.get().id());
        return new Outcome(found.get(), false);
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
        return new Outcome(asCreated(found.chat()), true);
    }

    private static CreatedChat asCreated(ExistingChat chat) {
        return new CreatedChat(chat.id(), chat.chat());
    }

    /**
     * The call with the run's token, and once more with a renewed one if Graph rejects it (401). Not when
     * Graph got no token at all ({@link TokenNotReceivedException}): a new one would be lost the same way.
     */
    private <T> T withRenewal(WithToken<T> call) throws InterruptedException {
        AccessToken token = tokens.current();
        try {
            return call.call(token);
        } catch (GraphRefusedException rejected) {
            if (rejected.error().status() != 401) {
                throw rejected;
            }
            AccessToken renewed = tokens.renewAfter(token).orElseThrow(() -> rejectedToken(rejected));
            try {
                return call.call(renewed);
            } catch (GraphRefusedException again) {
                throw again.error().status() == 401 ? rejectedToken(again) : again;
            }
        }
    }

    private AuthenticationException rejectedToken(GraphRefusedException rejected) {
        return new AuthenticationException(tokens.whenRejected() + " (" + rejected.error().summary() + ")", rejected);
    }

    /** Whether a member is the person the token is for (none for an application's token). */
    private static java.util.function.Predicate<Member> isSignedIn(AccessToken token) {
        if (token.user() == null) {
            return member -> false;
        }
        UserKey me = UserKey.parse(token.user().objectId());
        String username = token.user().username();
        return member -> member.is(me, username);
    }

    /** A person's token: their chats are looked through; an application's looks through the first member's. */
    private static boolean signedIn(AccessToken token) {
        return token.user() != null;
    }

    /** With a delegated token the signed-in user is known now; an application's token adds nobody. */
    static ChatRequest complete(ChatDraft draft, AccessToken token) {
        return token.user() == null ? draft.listed()
                : draft.complete(UserKey.parse(token.user().objectId()), token.user().username());
    }
}
