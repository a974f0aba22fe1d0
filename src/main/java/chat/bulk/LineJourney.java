package chat.bulk;

import static chat.http.DurationText.seconds;

import chat.create.ChatCreator;
import chat.create.MessageNotPostedException;
import chat.graph.CreatedChat;
import chat.graph.GraphUnavailableException;
import chat.graph.PostedMessage;
import chat.graph.Sleeper;
import chat.request.ChatDraft;
import chat.request.ChatType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one line of a bulk run goes through, as steps, each of which decides what comes next and goes on
 * to it: the line's groups read ("membersOf"); an earlier run's unknown outcome settled by finding that
 * send's own chat (never sent blind, and not again while Graph may still be making it); an existing
 * chat of the same people found (--if-exists); the create sent, a group chat recorded "sending" as it
 * goes; the chat recorded, "adding" while the people a create could not take are added; then
 * the line's message, if it has one: an earlier run's post of unknown outcome settled by finding it
 * among the chat's messages, else recorded "posting", posted once, and recorded. The journal stops
 * the run itself when a record cannot be written; what the record would have said is still reported.
 */
final class LineJourney {
    /** Graph's clock and this machine's may differ: a message Graph dates this much before the post is still its. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final ChatCreator creator;
    private final Journal journal;
    private final Stop stop;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration requestLimit;
    private final Duration resendAfter;
    private final Set<String> claimed;
    private final BulkListener listener;

    /**
     * @param journal      {@link Journal#none()} without --journal
     * @param sleeper      one that a stop ends
     * @param requestLimit the time limit of one request (--timeout): a send of this run's ends within it
     * @param resendAfter  how long after a send whose outcome is unknown Graph may still be at work on it
     *                     (--resend-after): before then, not finding its chat or message settles nothing
     * @param claimed      the chats lines have made, in this run or an earlier one
     */
    LineJourney(ChatCreator creator, Journal journal, Stop stop, Clock clock, Sleeper sleeper, Duration requestLimit,
                Duration resendAfter, Set<String> claimed, BulkListener listener) {
        this.creator = creator;
        this.journal = journal;
        this.stop = stop;
        this.clock = clock;
        this.sleeper = sleeper;
        this.requestLimit = requestLimit;
        this.resendAfter = resendAfter;
        this.claimed = claimed;
        this.listener = listener;
    }

    /**
     * @param earlier the journal's last record of the line, or null
     * @throws InterruptedException when the run stops before the line is sent: it was not
     */
    LineOutcome run(InputLine line, Journal.Entry earlier) throws InterruptedException {
        return new Trip(line, earlier).go();
    }

    /** One line's way: where it stands, which decides the next step; each step returns what the line came to. */
    private final class Trip {
        private final InputLine line;
        private final Journal.Entry earlier;
        /** An earlier run sent the create and never learnt its outcome. */
        private final boolean settling;
        /** What is sent: the line's draft, its groups read. */
        private ChatDraft draft;
        private String chatId;
        private boolean reused;
        private boolean sent;
        private Instant sentAt;

        Trip(InputLine line, Journal.Entry earlier) {
            this.line = line;
            this.earlier = earlier;
            this.settling = line.draft().type() == ChatType.GROUP && earlier != null && earlier.unsettled();
        }

        /** What the line still needs, from what the journal holds of it. */
        LineOutcome go() throws InterruptedException {
            boolean adding = earlier != null && earlier.state() == Journal.State.ADDING;
            if (earlier != null && earlier.chatThere() && (adding || line.message() != null)) {
                chatId = earlier.chatId(); // only its adds, or its message, are left
                reused = earlier.reused();
                if (!adding) {
                    return earlier.postUnsettled() ? settlePost() : post();
                }
            }
            try {
                draft = creator.withGroupsRead(line.draft(), note -> listener.note(line.number(), note));
            } catch (RuntimeException e) {
                if (adding) {
                    return LineOutcome.failed(line, chatId, e, false, true); // its "adding" record stands
                }
                return failedUnsent(e);
            }
            if (adding) {
                return add();
            }
            return settling ? settleSend() : find();
        }

        private LineOutcome settleSend() throws InterruptedException {
            Optional<CreatedChat> own;
            try {
                own = settleEarlierSend();
            } catch (NotYetSettledException notYet) {
                return LineOutcome.failed(line, notYet, false, true); // the journal's record of the send stands
            } catch (RuntimeException e) {
                return failedUnsent(e);
            }
            return own.isPresent() ? made(own.get().id(), false) : find();
        }

        private LineOutcome find() throws InterruptedException {
            Optional<ChatCreator.Outcome> found;
            try {
                found = creator.findExisting(draft);
            } catch (RuntimeException e) {
                return failedUnsent(e);
            }
            return found.isPresent() ? made(found.get().chat().id(), true) : send();
        }

        private LineOutcome send() throws InterruptedException {
            boolean group = draft.type() == ChatType.GROUP;
            ChatCreator.Outcome made;
            try {
                made = sendOrSettle(group);
                claimed.add(made.chat().id());
                sent = true;
            } catch (InterruptedException stopped) {
                // Stopped while waiting for a turn or a Retry-After: the request went unanswered by nothing.
                if (sentAt != null && group) {
                    journal.failed(line, null, null);
                }
                throw stopped;
            } catch (Journal.JournalWriteException e) {
                return LineOutcome.skipped(line, e); // its "sending" record: nothing was sent
            } catch (GraphUnavailableException unknown) {
                sent = true;
                return failed(unknown, unknown.mayHaveCreated() ? sentAt : null,
                        sentAt == null ? null : sentAt.plus(requestLimit));
            } catch (RuntimeException e) {
                sent = sentAt != null;
                return failed(e, null, null);
            }
            return made(made.chat().id(), made.existing());
        }

        /** Sent, recorded "sending" as it goes; an outcome then unknown is settled where --if-exists reuse may. */
        private ChatCreator.Outcome sendOrSettle(boolean group) throws InterruptedException {
            try {
                return creator.send(draft, at -> {
                    sentAt = at;
                    if (group) {
                        journal.sending(line, at, at.plus(requestLimit));
                    }
                });
            } catch (GraphUnavailableException unknown) {
                try {
                    return creator.settle(draft, unknown, sentAt, claimed::contains);
                } catch (InterruptedException stopped) {
                    throw unknown; // stopped while looking for it: what the send made is still unknown
                }
            }
        }

        /** The chat is there: recorded, then the people its create could not take, then the message. */
        private LineOutcome made(String id, boolean existing) {
            chatId = id;
            reused = existing;
            if (ChatCreator.mayTakeAdds(draft.members().size())) {
                try {
                    journal.adding(line, id, existing);
                } catch (Journal.JournalWriteException e) {
                    return LineOutcome.failed(line, chatId, e, sent, false);
                }
                return add();
            }
            return whole();
        }

        /**
         * Whoever the chat's roster lacks, added (Graph takes 200 in a create). Until all are in, the
         * journal says "adding": a later run adds whoever is still missing, never makes another chat.
         */
        private LineOutcome add() {
            if (stop.requested()) {
                return LineOutcome.failed(line, chatId, stop.whyStopped(), sent, true);
            }
            try {
                creator.addOthers(new CreatedChat(chatId, null), draft);
            } catch (RuntimeException notAll) {
                return LineOutcome.failed(line, chatId, notAll, sent, true);
            } catch (InterruptedException stopped) {
                return LineOutcome.failed(line, chatId, stop.whyStopped(), sent, true); // an add in flight: the roster tells
            }
            return whole();
        }

        /** Everyone is in: recorded, and the message next if the line has one. */
        private LineOutcome whole() {
            boolean recorded = journal.made(line, chatId, reused);
            if (line.message() == null) {
                return LineOutcome.done(line, status(), chatId, null, sent, recorded);
            }
            if (!recorded) {
                // The run stops sending: the next run finds the chat's record missing, and settles it first.
                return LineOutcome.failed(line, chatId, notPosted(false, stop.whyStopped()), sent, false);
            }
            return post();
        }

        private LineOutcome settlePost() {
            Optional<PostedMessage> found;
            try {
                found = settleEarlierPost();
            } catch (NotYetSettledException notYet) {
                return LineOutcome.failed(line, chatId, notPosted(true, notYet), sent, true); // its record stands
            } catch (RuntimeException e) {
                return unposted(notPosted(true, new PostNotSettledException(e)), earlier.sentAt(), earlier.openUntil());
            } catch (InterruptedException stopped) {
                return LineOutcome.failed(line, chatId, notPosted(true, stop.whyStopped()), sent, true);
            }
            return found.isPresent() ? posted(found.get()) : post();
        }

        private LineOutcome post() {
            if (stop.requested()) {
                // Nothing more is sent once the run stops; what the journal holds of the message stands.
                boolean settlingPost = earlier != null && earlier.chatThere() && earlier.postUnsettled();
                return LineOutcome.failed(line, chatId, notPosted(settlingPost, stop.whyStopped()), sent, true);
            }
            Instant at = clock.instant();
            Instant until = at.plus(requestLimit);
            try {
                journal.posting(line, chatId, reused, at, until);
            } catch (Journal.JournalWriteException e) {
                return LineOutcome.failed(line, chatId, notPosted(false, e), sent, false);
            }
            try {
                return posted(creator.post(new CreatedChat(chatId, null), line.message()));
            } catch (MessageNotPostedException e) {
                return unposted(e, at, until);
            } catch (RuntimeException e) {
                return unposted(notPosted(true, e), at, until); // sent, perhaps: never posted again blind
            } catch (InterruptedException stopped) {
                // Stopped while waiting for a turn or a Retry-After: it was not sent.
                return unposted(notPosted(false, stop.whyStopped()), null, null);
            }
        }

        private LineOutcome posted(PostedMessage message) {
            boolean recorded = journal.posted(line, chatId, reused, message);
            return LineOutcome.done(line, status(), chatId, message, sent, recorded);
        }

        /** @param at when a post that may have been taken went, with its time limit, so the next run can settle it */
        private LineOutcome unposted(MessageNotPostedException failure, Instant at, Instant until) {
            if (failure.getCause() instanceof RuntimeException cause) {
                stop.afterFailure(cause);
            }
            boolean recorded = journal.notPosted(line, chatId, reused, failure.mayHavePosted() ? at : null, until);
            return LineOutcome.failed(line, chatId, failure, sent, recorded);
        }

        /**
         * Before this run sent anything: when settling an earlier run's send, its record stands for the
         * next run to settle it.
         */
        private LineOutcome failedUnsent(RuntimeException failure) {
            return settling ? failed(new SettlingFailedException(failure), earlier.sentAt(), earlier.openUntil())
                    : failed(failure, null, null);
        }

        /** @param at when a send that may have made the chat went, so that the next run can settle it; else null */
        private LineOutcome failed(RuntimeException failure, Instant at, Instant until) {
            stop.afterFailure(failure);
            boolean recorded = journal.failed(line, at, until);
            return LineOutcome.failed(line, failure, sent, recorded);
        }

        private MessageNotPostedException notPosted(boolean mayHavePosted, RuntimeException why) {
            return new MessageNotPostedException(chatId, mayHavePosted, why);
        }

        private LineOutcome.Status status() {
            return reused ? LineOutcome.Status.EXISTING : LineOutcome.Status.CREATED;
        }

        /**
         * An earlier run sent this line and never learnt what came of it. Its own chat is one made since
         * that send that no other line has claimed.
         */
        private Optional<CreatedChat> settleEarlierSend() throws InterruptedException {
            Instant at = earlier.sentAt();
            Optional<CreatedChat> own = lookTwice("sent it", "its chat is not listed yet: Graph may still be making it",
                    () -> creator.findMadeSince(draft, at, claimed::contains));
            if (own.isPresent()) {
                claimed.add(own.get().id());
                listener.note(line.number(), "found the chat an earlier run's send made: " + own.get().id());
            } else {
                listener.note(line.number(), "no chat made by an earlier run's send (at " + at + ") is listed: sending it");
            }
            return own;
        }

        /**
         * An earlier run posted this message and never learnt what came of it: it is the signed-in user's
         * message of the same content, made since that post (allowing for the clocks' skew).
         */
        private Optional<PostedMessage> settleEarlierPost() throws InterruptedException {
            Instant since = earlier.sentAt().minus(CLOCK_SKEW);
            Optional<PostedMessage> found = lookTwice("posted its message",
                    "it is not in the chat yet: Graph may still be taking it",
                    () -> creator.findPosted(chatId, line.message(), since));
            listener.note(line.number(), found.isPresent()
                    ? "found the message an earlier run posted: " + found.get().id()
                    : "the message an earlier run posted (at " + earlier.sentAt() + ") is not in the chat: posting it");
            return found;
        }

        /**
         * Looks for what the earlier run's send or post made. While its time limit runs, Graph may still
         * be at work on it, so not finding it then means looking again once the limit has passed: a wait
         * no longer than one of this run's requests (and the listing's lag) is waited out here; a longer
         * one leaves the line for a later run.
         *
         * @param what    what the earlier run did ("sent it")
         * @param missing what is not there yet, and what Graph may still be doing
         * @throws NotYetSettledException when the wait is longer
         */
        private <T> Optional<T> lookTwice(String what, String missing, Stop.Answer<Optional<T>> look)
                throws InterruptedException {
            Optional<T> found = look.get();
            Instant lookAgainAt = resendableAt(earlier);
            if (found.isEmpty() && clock.instant().isBefore(lookAgainAt)) {
                Duration wait = Duration.between(clock.instant(), lookAgainAt);
                if (wait.compareTo(requestLimit.plus(ChatCreator.SETTLE_DELAY)) > 0) {
                    throw new NotYetSettledException(what, earlier.sentAt(), lookAgainAt);
                }
                listener.note(line.number(), "an earlier run " + what + " at " + earlier.sentAt() + " and " + missing
                        + " until " + lookAgainAt + " (--resend-after); looking again in " + seconds(wait));
                sleeper.sleep(wait);
                found = look.get();
            }
            return found;
        }
    }

    /**
     * When a send or post of unknown outcome that is still not found may be made again: once its own time
     * limit and the --resend-after margin have both passed, and the listing has had time to show it.
     */
    private Instant resendableAt(Journal.Entry earlier) {
        Instant margin = earlier.sentAt().plus(resendAfter);
        Instant until = earlier.openUntil() != null && earlier.openUntil().isAfter(margin) ? earlier.openUntil() : margin;
        return until.plus(ChatCreator.SETTLE_DELAY);
    }
}
