package chat.graph;

import chat.request.Member;
import chat.request.UserKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who the people named by user principal name are: their object ids, the one key a chat's members
 * can be compared by (a member's mail is not always the UPN). Each person is looked up once a run,
 * in batches of at most 20. Where the sign-in may not read users (403: no User.ReadBasic.All or
 * User.Read.All), people named by UPN are compared with members' mail instead, and that is said once.
 * A UPN Graph has no user by may be someone's mail: {@link #withMail}.
 */
public final class Directory {
    /** Rounds of a batch's throttled items: as many as retries are allowed by default. */
    static final int MAX_ROUNDS = RetryPolicy.DEFAULT_MAX_RETRIES + 1;

    private final GraphClient graph;
    private final boolean resolveMail;
    private final Sleeper sleeper;
    private final Consumer<String> notes;
    private final Map<UserKey, CompletableFuture<Identity>> known = new ConcurrentHashMap<>();
    private final OnceARun<UserKey, List<GraphClient.DirectoryUser>> byMail = new OnceARun<>();
    private volatile boolean unreadable;
    private boolean told;

    /**
     * @param resolveMail a UPN no user has is looked up as a mail (not with --no-resolve)
     * @param notes       where what concerns the run is said, once: a person found by mail, the fall
     *                    back to comparing mail
     */
    public Directory(GraphClient graph, boolean resolveMail, Sleeper sleeper, Consumer<String> notes) {
        this.graph = graph;
        this.resolveMail = resolveMail;
        this.sleeper = sleeper;
        this.notes = notes;
    }

    /** Whether a UPN no user has is looked up as a mail: not with --no-resolve. */
    public boolean resolvesMail() {
        return resolveMail;
    }

    /** How each member can be told among a chat's members, in the members' order. */
    public List<Identity> identities(List<Member> members, String accessToken) throws InterruptedException {
        List<UserKey> mine = new ArrayList<>();
        for (Member member : members) {
            if (!member.user().isObjectId()
                    && known.putIfAbsent(member.user(), new CompletableFuture<>()) == null) {
                mine.add(member.user()); // this call looks them up; others asking for them wait for it
            }
        }
        try {
            lookUp(mine, accessToken);
        } catch (RuntimeException | InterruptedException e) {
            for (UserKey key : mine) {
                known.remove(key).completeExceptionally(e); // the next asks again
            }
            throw e;
        }
        List<Identity> identities = new ArrayList<>(members.size());
        for (Member member : members) {
            Identity identity = member.user().isObjectId() ? Identity.objectId(member.user(), member.user().value())
                    : Daemon.await(known.get(member.user()));
            identities.add(member.isFederated() ? identity.inTenant(member.tenantId()) : identity);
        }
        return identities;
    }

    /** What the directory knows already of these members, with no request: those not looked up are left out. */
    public Optional<List<Identity>> known(List<Member> members) {
        List<Identity> identities = new ArrayList<>(members.size());
        for (Member member : members) {
            if (member.user().isObjectId()) {
                identities.add(Identity.objectId(member.user(), member.user().value()));
                continue;
            }
            CompletableFuture<Identity> identity = known.get(member.user());
            if (identity == null || !identity.isDone() || identity.isCompletedExceptionally()) {
                return Optional.empty();
            }
            identities.add(identity.join());
        }
        return Optional.of(identities);
    }

    /** Graph has no user by this name: perhaps it is one user's mail. */
    private Identity notByName(UserKey key, String accessToken) throws InterruptedException {
        if (!resolveMail) {
            return Identity.noSuchUser(key);
        }
        Optional<List<GraphClient.DirectoryUser>> users = withMail(key, accessToken);
        if (users.isEmpty()) {
            return Identity.byMail(key);
        }
        return users.get().size() == 1 ? Identity.mailOf(key, users.get().get(0).id()) : Identity.noSuchUser(key);
    }

    /**
     * The account whose mail this UPN is, when Graph has no user by that name (a renamed person, an
     * alias): looked up once a run, and said once. Empty when users may not be read.
     *
     * @return the users with that mail: one to use, or none or several to name in a refusal
     */
    public Optional<List<GraphClient.DirectoryUser>> withMail(UserKey upn, String accessToken) throws InterruptedException {
        if (unreadable) {
            return Optional.empty();
        }
        try {
            List<GraphClient.DirectoryUser> users = byMail.get(upn, () -> {
                List<GraphClient.DirectoryUser> found = graph.usersWithMail(upn.value(), accessToken);
                if (found.size() == 1) {
                    notes.accept(upn + " is the mail of " + found.get(0).userPrincipalName() + "; using that account");
                }
                return found;
            });
            return Optional.of(users);
        } catch (GraphRefusedException refused) {
            fallBackToMailOn(refused);
            return Optional.empty();
        }
    }

    /** In batches of at most 20, all at once: a bulk run asks for the people of many lines together. */
    private void lookUp(List<UserKey> keys, String accessToken) throws InterruptedException {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += GraphClient.MAX_BATCH) {
            List<UserKey> batch = keys.subList(start, Math.min(keys.size(), start + GraphClient.MAX_BATCH));
            batches.add(Daemon.start("chat-lookup", () -> {
                lookUpBatch(batch, accessToken);
                return null;
            }));
        }
        // every batch ended before any failure is told, so that none is left writing what the caller undoes
        Daemon.await(CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).exceptionally(failed -> null));
        for (CompletableFuture<Void> batch : batches) {
            Daemon.await(batch);
        }
    }

    private void lookUpBatch(List<UserKey> batch, String accessToken) throws InterruptedException {
        for (int round = 1; !batch.isEmpty(); round++) {
            if (unreadable) {
                batch.forEach(key -> known.get(key).complete(Identity.byMail(key)));
                return;
            }
            batch = lookUpOnce(batch, accessToken, round);
        }
    }

    /** @return the keys Graph throttled, to ask for again */
    private List<UserKey> lookUpOnce(List<UserKey> batch, String accessToken, int round) throws InterruptedException {
        List<GraphClient.Lookup> lookups;
        try {
            lookups = graph.lookUpUsers(batch, accessToken);
        } catch (GraphRefusedException refused) {
            fallBackToMailOn(refused);
            return batch;
        }
        List<UserKey> throttled = new ArrayList<>();
        Duration wait = Duration.ofSeconds(1);
        for (GraphClient.Lookup lookup : lookups) {
            CompletableFuture<Identity> identity = known.get(lookup.key());
            switch (lookup.status()) {
                case 200 -> identity.complete(Identity.objectId(lookup.key(), lookup.user().id()));
                case 404 -> identity.complete(notByName(lookup.key(), accessToken));
                case 403 -> {
                    fallBackToMail(lookup.error());
                    identity.complete(Identity.byMail(lookup.key()));
                }
                case 429 -> {
                    throttled.add(lookup.key());
                    wait = lookup.retryAfter().filter(asked -> asked.compareTo(RetryPolicy.MAX_WAIT) <= 0)
                            .map(asked -> asked.compareTo(Duration.ofSeconds(1)) > 0 ? asked : Duration.ofSeconds(1))
                            .orElse(wait);
                }
                default -> throw GraphUnavailableException.nothingCreated("looking up " + lookup.key() + " failed: "
                        + lookup.error().summary(), lookup.error(), lookup.error().clientRequestId());
            }
        }
        if (!throttled.isEmpty()) {
            if (round == MAX_ROUNDS) {
                throw GraphUnavailableException.nothingCreated("looking up " + throttled.size() + " users: Graph kept "
                        + "throttling them (429) after " + round + " batches", null, null);
            }
            sleeper.sleep(wait);
        }
        return throttled;
    }

    /** A 403 leaves people told by mail; any other refusal stands. */
    private void fallBackToMailOn(GraphRefusedException refused) {
        if (refused.error().status() != 403) {
            throw refused;
        }
        fallBackToMail(refused.error());
    }

    private void fallBackToMail(GraphError refusal) {
        boolean first;
        synchronized (this) {
            unreadable = true;
            first = !told;
            told = true;
        }
        if (first) {
            notes.accept("people named by user principal name are told by that name, not by object id, as this "
                    + "sign-in may not read users (" + refusal.summary() + "): they are matched to chat members by "
                    + "their mail, and a line that names them otherwise is another chat; for exact matching name them "
                    + "by object id, or grant User.ReadBasic.All (delegated) or User.Read.All (application)");
        }
    }
}
