package chat.graph;

import chat.request.ChatRequest;
import chat.request.Member;
import chat.request.UserKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The group chats that already have a request's people (and its topic, when it has one): from a
 * listing of the owner's chats, fetched once a run and owner, and the chats this run made since.
 * People are compared by object id: given, or looked up from their UPN ({@link Directory}); by mail
 * only where users may not be read. A listing shows at most {@value #LISTED_MEMBERS} members of a
 * chat (a documented known issue): a chat that shows that many, all of them the request's people,
 * may have more, and is decided on its whole roster, fetched once a run, several at once.
 */
public final class ExistingGroupChats {
    private static final String SIGNED_IN_USER = "/me";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    static final int LISTED_MEMBERS = 25;

    /** The most recently updated match, and any others. */
    public record Found(ExistingChat chat, List<ExistingChat> others) {
    }

    private record Made(ChatRequest request, CreatedChat chat, Instant at) {
    }

    private final GraphClient graph;
    private final Directory directory;
    private final OnceARun<String, List<ExistingChat>> listings = new OnceARun<>();
    private final OnceARun<String, List<ExistingChat.Participant>> rosters = new OnceARun<>();
    private final List<Made> madeThisRun = new CopyOnWriteArrayList<>();

    public ExistingGroupChats(GraphClient graph, Directory directory) {
        this.graph = graph;
        this.directory = directory;
    }

    /**
     * @param signedIn a person's sign-in, whose chats are looked through; else (an application) the first member's
     * @param least    how many of the people a chat of theirs has for certain: all of them, or for a chat past
     *                 200 people the 200 its create took; one with at least that many of them and nobody else
     *                 is theirs, its adds perhaps unfinished (whichever 200 an earlier run's create took)
     */
    public Optional<Found> find(ChatRequest request, int least, boolean signedIn, String accessToken)
            throws InterruptedException {
        List<Identity> people = directory.identities(request.members(), accessToken);
        UserKey owner = signedIn ? null : owner(people);
        List<ExistingChat> candidates = new ArrayList<>(listings.get(owner == null ? SIGNED_IN_USER : owner.identity(),
                () -> graph.groupChats(owner, accessToken)));
        for (Made made : madeThisRun) {
            candidates.add(asListed(made));
        }
        Set<String> seen = new HashSet<>(); // a chat this run made may be listed as well
        List<ExistingChat> matches = matching(request, people, least, candidates, accessToken).stream()
                .filter(chat -> seen.add(chat.id()))
                .sorted(Comparator.comparing(ExistingChat::lastUpdated, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return matches.isEmpty() ? Optional.empty()
                : Optional.of(new Found(matches.get(0), List.copyOf(matches.subList(1, matches.size()))));
    }

    /**
     * The chat a create sent at {@code sentAt} made, if it is listed now: of these people (and topic),
     * created since then, and not claimed by another line; the first made, if several are. The
     * machine's clock and Graph's may differ by up to {@link #CLOCK_SKEW}.
     */
    public Optional<ExistingChat> findCreatedSince(ChatRequest request, boolean signedIn, String accessToken,
                                                   Instant sentAt, Predicate<String> claimed) throws InterruptedException {
        Instant since = sentAt.minus(CLOCK_SKEW);
        List<Identity> people = directory.identities(request.members(), accessToken);
        List<ExistingChat> made = graph.groupChats(signedIn ? null : owner(people), accessToken).stream()
                .filter(chat -> chat.created() != null && !chat.created().isBefore(since))
                .filter(chat -> !claimed.test(chat.id()))
                .toList();
        return matching(request, people, people.size(), made, accessToken).stream()
                .min(Comparator.comparing(ExistingChat::created));
    }

    /** An application lists the first member's chats: by object id, which every name of theirs comes to. */
    private static UserKey owner(List<Identity> people) {
        Identity first = people.get(0);
        return first.objectId() != null ? UserKey.parse(first.objectId()) : first.key();
    }

    /** A chat this run made, so that a later request for the same people finds it without a new listing. */
    public void made(ChatRequest request, CreatedChat created, Instant now) {
        madeThisRun.add(new Made(request, created, now));
    }

    /** As a listing would show it: its people as the directory knows them (a run that compares has looked them up). */
    private ExistingChat asListed(Made made) {
        List<ExistingChat.Participant> members = directory.known(made.request().members())
                .map(people -> people.stream().map(Identity::asMember).toList())
                .orElse(List.of());
        return new ExistingChat(made.chat().id(), made.request().topic(), made.at(), made.at(), members, made.chat().chat());
    }

    /** The candidates whose people are the request's (see {@link #find}); those cut at 25 decided on their rosters. */
    private List<ExistingChat> matching(ChatRequest request, List<Identity> people, int least,
                                        List<ExistingChat> candidates, String accessToken) throws InterruptedException {
        List<ExistingChat> matches = new ArrayList<>();
        List<ExistingChat> cut = new ArrayList<>();
        for (ExistingChat chat : candidates) {
            if (!mayMatch(request, people, chat)) {
                continue;
            }
            if (chat.members().size() < LISTED_MEMBERS) {
                if (samePeople(people, least, chat.members())) {
                    matches.add(chat);
                }
            } else {
                cut.add(chat);
            }
        }
        // the whole rosters of those, each fetched once a run; several at once, each on a thread of its own
        List<CompletableFuture<List<ExistingChat.Participant>>> fetching = cut.stream()
                .map(chat -> Daemon.start("chat-roster", () -> rosters.get(chat.id(),
                        () -> graph.roster(chat.id(), accessToken))))
                .toList();
        for (int i = 0; i < cut.size(); i++) {
            if (samePeople(people, least, Daemon.await(fetching.get(i)))) {
                matches.add(cut.get(i));
            }
        }
        return matches;
    }

    /** The topic fits, and every member shown is one of the request's people: the chat could be theirs. */
    private static boolean mayMatch(ChatRequest request, List<Identity> people, ExistingChat chat) {
        if (request.topic() != null && !request.topic().equals(chat.topic())) {
            return false;
        }
        if (chat.members().size() > people.size() || chat.members().isEmpty()) {
            return false;
        }
        return chat.members().stream().allMatch(member -> people.stream().anyMatch(person -> person.is(member)));
    }

    /** Every member one of the people, and at least {@code least} of the people members. */
    private static boolean samePeople(List<Identity> people, int least, List<ExistingChat.Participant> members) {
        return members.size() <= people.size()
                && members.stream().allMatch(member -> people.stream().anyMatch(person -> person.is(member)))
                && people.stream().filter(person -> members.stream().anyMatch(person::is)).count() >= least;
    }

    /** A chat's whole roster, fetched once a run: the one its matching fetched, if it did. */
    public List<ExistingChat.Participant> roster(String chatId, String accessToken) throws InterruptedException {
        return rosters.get(chatId, () -> graph.roster(chatId, accessToken));
    }

    /** People were added to the chat: its roster is fetched again when next asked for. */
    public void changed(String chatId) {
        rosters.forget(chatId);
    }
}
