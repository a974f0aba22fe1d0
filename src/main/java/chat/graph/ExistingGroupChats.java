package chat.graph;

import chat.request.ChatRequest;
import chat.request.Member;
import chat.request.UserKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * The group chats that already have a request's people (and its topic, when it has one): from a
 * listing of the owner's chats, fetched once a run and owner, and the chats this run made since.
 * People given by object id match a member's object id; people given by UPN match a member's email,
 * which is their UPN in most tenants.
 */
public final class ExistingGroupChats {
    private static final String SIGNED_IN_USER = "/me";
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    /** The most recently updated match, and any others. */
    public record Found(ExistingChat chat, List<ExistingChat> others) {
    }

    private final GraphClient graph;
    private final Map<String, CompletableFuture<List<ExistingChat>>> listings = new ConcurrentHashMap<>();
    private final List<ExistingChat> madeThisRun = new CopyOnWriteArrayList<>();

    public ExistingGroupChats(GraphClient graph) {
        this.graph = graph;
    }

    /**
     * @param owner whose chats to look through; null for the signed-in user
     * @param fresh list again rather than use this run's listing (to settle an unknown outcome)
     */
    public Optional<Found> find(ChatRequest request, UserKey owner, String accessToken, boolean fresh)
            throws InterruptedException {
        List<ExistingChat> candidates = new ArrayList<>(fresh ? graph.groupChats(owner, accessToken)
                : listing(owner, accessToken));
        candidates.addAll(madeThisRun);
        List<ExistingChat> matches = new ArrayList<>();
        for (ExistingChat chat : candidates) {
            if (matches(request, chat) && matches.stream().noneMatch(known -> known.id().equals(chat.id()))) {
                matches.add(chat);
            }
        }
        matches.sort(Comparator.comparing(ExistingChat::lastUpdated, Comparator.nullsLast(Comparator.reverseOrder())));
        return matches.isEmpty() ? Optional.empty()
                : Optional.of(new Found(matches.get(0), List.copyOf(matches.subList(1, matches.size()))));
    }

    /**
     * The chat a create sent at {@code sentAt} made, if it is listed now: of these people (and topic),
     * created since then, and not claimed by another line; the first made, if several are. The
     * machine's clock and Graph's may differ by up to {@link #CLOCK_SKEW}.
     */
    public Optional<ExistingChat> findCreatedSince(ChatRequest request, UserKey owner, String accessToken, Instant sentAt,
                                                   Predicate<String> claimed) throws InterruptedException {
        Instant since = sentAt.minus(CLOCK_SKEW);
        return graph.groupChats(owner, accessToken).stream()
                .filter(chat -> matches(request, chat))
                .filter(chat -> chat.created() != null && !chat.created().isBefore(since))
                .filter(chat -> !claimed.test(chat.id()))
                .min(Comparator.comparing(ExistingChat::created));
    }

    /** A chat this run made, so that a later request for the same people finds it without a new listing. */
    public void made(ChatRequest request, CreatedChat created, Instant now) {
        List<ExistingChat.Participant> members = new ArrayList<>();
        for (Member member : request.members()) {
            UserKey user = member.user();
            members.add(user.isObjectId() ? new ExistingChat.Participant(user.value(), null)
                    : new ExistingChat.Participant(null, user.value()));
        }
        madeThisRun.add(new ExistingChat(created.id(), request.topic(), now, now, List.copyOf(members), created.chat()));
    }

    private List<ExistingChat> listing(UserKey owner, String accessToken) throws InterruptedException {
        String key = owner == null ? SIGNED_IN_USER : owner.identity();
        CompletableFuture<List<ExistingChat>> mine = new CompletableFuture<>();
        CompletableFuture<List<ExistingChat>> listing = listings.putIfAbsent(key, mine);
        if (listing == null) {
            try {
                mine.complete(graph.groupChats(owner, accessToken));
            } catch (RuntimeException | InterruptedException e) {
                listings.remove(key, mine); // the next request lists again
                mine.completeExceptionally(e);
                throw e;
            }
            listing = mine;
        }
        try {
            return listing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    static boolean matches(ChatRequest request, ExistingChat chat) {
        if (request.topic() != null && !request.topic().equals(chat.topic())) {
            return false;
        }
        if (chat.members().size() != request.members().size()) {
            return false;
        }
        for (Member member : request.members()) {
            UserKey user = member.user();
            boolean present = chat.members().stream().anyMatch(participant -> user.isObjectId()
                    ? user.value().equalsIgnoreCase(participant.userId())
                    : user.value().equalsIgnoreCase(participant.email()));
            if (!present) {
                return false;
            }
        }
        return true;
    }
}
