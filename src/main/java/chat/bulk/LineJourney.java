package chat.bulk;

import static chat.http.DurationText.seconds;

import chat.auth.AuthenticationException;
import chat.create.ChatCreator;
import chat.create.MessageNotPostedException;
import chat.graph.CreatedChat;
import chat.graph.GraphUnavailableException;
import chat.graph.PostedMessage;
import chat.graph.Sleeper;
import chat.graph.TokenNotReceivedException;
import chat.request.ChatType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What one line of a bulk run goes through, in order: an earlier run's unknown outcome settled by
 * finding that send's own chat (waiting out its time limit when Graph may still be making it); an
 * existing chat of the same people found (--if-exists); the create sent, a group chat recorded as
 * "sending" first; the outcome recorded; then the line's message, if it has one: an earlier run's
 * post of unknown outcome settled by finding it among the chat's messages (never posted blind), else
 * recorded "posting", posted once, and recorded. A record that cannot be written stops the run, and
 * what it would have said is still reported.
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
     * @param journal      null without --journal
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

    /** @throws InterruptedException when the run stops before the line is sent: it was not */
    LineOutcome run(InputLine line, Journal.Entry earlier) throws InterruptedException {
        if (earlier != null && earlier.chatThere() && line.message() != null) {
            return post(line, earlier.chatId(), earlier.reused(), false, earlier); // only the message is left
        }
        boolean unsettled = line.draft().type() == ChatType.GROUP && earlier != null && earlier.unsettled();
        try {
            if (unsettled) {
                Optional<CreatedChat> own = settleEarlierSend(line, earlier);
                if (own.isPresent()) {
                    return recorded(line, LineOutcome.Status.CREATED, own.get().id(), false);
                }
            }
            Optional<ChatCreator.Outcome> found = creator.findExisting(line.draft());
            if (found.isPresent()) {
                return recorded(line, LineOutcome.Status.EXISTING, found.get().chat().id(), false);
            }
        } catch (NotYetSettledException notYet) {
            return LineOutcome.failed(line, notYet, false, true); // the journal's record of the send stands
        } catch (RuntimeException e) {
            if (unsettled) {
                return failed(line, new SettlingFailedException(e), false, earlier.sentAt(), earlier.openUntil());
            }
            return failed(line, e, false, null, null);
        }
        return send(line);
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

    /**
     * Not found yet, and not to be made again before {@code resendableAt}: a wait no longer than one of
     * this run's requests (and the listing's lag) is waited out here; a longer one leaves the line for a
     * later run.
     *
     * @return the wait, after which to look again
     * @throws NotYetSettledException when the wait is longer
     */
    private Duration waitToSettle(Instant resendableAt, String what, Instant sentAt) {
        Duration wait = Duration.between(clock.instant(), resendableAt);
        if (wait.compareTo(requestLimit.plus(ChatCreator.SETTLE_DELAY)) > 0) {
            throw new NotYetSettledException(what, sentAt, resendableAt);
        }
        return wait;
    }

    /**
     * An earlier run sent this line and never learnt what came of it. Its own chat is one made since
     * that send that no other line has claimed; while that send's time limit runs, Graph may still be
     * making it, so not finding it then means looking again once the limit has passed.
     */
    private Optional<CreatedChat> settleEarlierSend(InputLine line, Journal.Entry earlier) throws InterruptedException {
        Instant sentAt = earlier.sentAt();
        Optional<CreatedChat> own = creator.findOwn(line.draft(), sentAt, claimed::contains);
        Instant lookAgainAt = resendableAt(earlier);
        if (own.isEmpty() && clock.instant().isBefore(lookAgainAt)) {
            Duration wait = waitToSettle(lookAgainAt, "sent it", sentAt);
            listener.note(line.number(), "an earlier run sent it at " + sentAt + " and its chat is not listed yet: Graph "
                    + "may still be making it until " + lookAgainAt + " (--resend-after); looking again in "
                    + seconds(wait));
            sleeper.sleep(wait);
            own = creator.findOwn(line.draft(), sentAt, claimed::contains);
        }
        if (own.isPresent()) {
            claimed.add(own.get().id());
            listener.note(line.number(), "found the chat an earlier run's send made: " + own.get().id());
        } else {
            listener.note(line.number(), "no chat made by an earlier run's send (at " + sentAt + ") is listed: sending it");
        }
        return own;
    }

    private LineOutcome send(InputLine line) throws InterruptedException {
        boolean group = line.draft().type() == ChatType.GROUP;
        Instant[] sentAt = new Instant[1];
        try {
            ChatCreator.Outcome outcome = creator.send(line.draft(), at -> {
                sentAt[0] = at;
                if (group && journal != null) {
                    journal.sending(line, at, at.plus(requestLimit));
                }
            }, claimed::contains);
            claimed.add(outcome.chat().id());
            return recorded(line, outcome.existing() ? LineOutcome.Status.EXISTING : LineOutcome.Status.CREATED,
                    outcome.chat().id(), true);
        } catch (InterruptedException stopped) {
            // Stopped while waiting to send (pacing, or after a 429 or 503): nothing was made.
            if (sentAt[0] != null && group && journal != null) {
                try {
                    journal.failed(line, false, null, null);
                } catch (Journal.JournalWriteException e) {
                    // the "sending" record stands: the next run looks before it sends
                }
            }
            throw stopped;
        } catch (Journal.JournalWriteException e) {
            return failed(line, e, false, null, null); // the "sending" record: nothing was sent
        } catch (GraphUnavailableException unknown) {
            return failed(line, unknown, true, unknown.mayHaveCreated() ? sentAt[0] : null,
                    sentAt[0] == null ? null : sentAt[0].plus(requestLimit));
        } catch (RuntimeException e) {
            return failed(line, e, sentAt[0] != null, null, null);
        }
    }

    private LineOutcome recorded(InputLine line, LineOutcome.Status status, String chatId, boolean sent) {
        boolean recorded = true;
        if (journal != null) {
            try {
                if (status == LineOutcome.Status.EXISTING) {
                    journal.existing(line, chatId);
                } else {
                    journal.created(line, chatId);
                }
            } catch (Journal.JournalWriteException e) {
                stop.request(Stop.Reason.JOURNAL_FAILED, e, clock.instant());
                recorded = false;
            }
        }
        if (line.message() == null) {
            return LineOutcome.done(line, status, chatId, sent, recorded);
        }
        if (!recorded) {
            // The run stops sending: the next run finds the chat's record missing, and settles it first.
            return LineOutcome.failed(line, chatId, new MessageNotPostedException(chatId, false, whyStopped()), sent,
                    false);
        }
        return post(line, chatId, status == LineOutcome.Status.EXISTING, sent, null);
    }

    /**
     * The line's message, into its chat: once. An earlier run's post of unknown outcome is looked for
     * first; not found, it is posted only once that post's time limit has passed.
     *
     * @param earlier the journal's last record of the line, when the chat was there before this run
     */
    private LineOutcome post(InputLine line, String chatId, boolean reused, boolean sent, Journal.Entry earlier) {
        LineOutcome.Status status = reused ? LineOutcome.Status.EXISTING : LineOutcome.Status.CREATED;
        boolean unsettled = earlier != null && earlier.postUnsettled();
        try {
            if (unsettled) {
                Optional<PostedMessage> found;
                try {
                    found = settleEarlierPost(line, chatId, earlier);
                } catch (NotYetSettledException notYet) {
                    return LineOutcome.failed(line, chatId, new MessageNotPostedException(chatId, true, notYet), sent,
                            true); // the journal's record of the post stands
                } catch (RuntimeException e) {
                    return notPosted(line, chatId, reused, sent, new MessageNotPostedException(chatId, true,
                            new PostNotSettledException(e)), earlier.sentAt(), earlier.openUntil());
                }
                if (found.isPresent()) {
                    return posted(line, chatId, status, found.get(), sent);
                }
            }
            if (stop.requested()) {
                throw new InterruptedException("stopped");
            }
        } catch (InterruptedException stopped) {
            // Nothing more is sent once the run stops; what the journal holds of the message stands.
            return LineOutcome.failed(line, chatId, new MessageNotPostedException(chatId, unsettled, whyStopped()), sent,
                    true);
        }
        Instant at = clock.instant();
        Instant until = at.plus(requestLimit);
        if (journal != null) {
            try {
                journal.posting(line, chatId, reused, at, until);
            } catch (Journal.JournalWriteException e) {
                stop.request(Stop.Reason.JOURNAL_FAILED, e, clock.instant());
                return LineOutcome.failed(line, chatId, new MessageNotPostedException(chatId, false, e), sent, false);
            }
        }
        try {
            return posted(line, chatId, status, creator.post(new CreatedChat(chatId, null), line.message()), sent);
        } catch (MessageNotPostedException e) {
            return notPosted(line, chatId, reused, sent, e, at, until);
        } catch (RuntimeException e) {
            // sent, perhaps: never posted again blind
            return notPosted(line, chatId, reused, sent, new MessageNotPostedException(chatId, true, e), at, until);
        } catch (InterruptedException stopped) {
            // Stopped while waiting to post (pacing, or after a 429 or 503): it was not sent.
            return notPosted(line, chatId, reused, sent, new MessageNotPostedException(chatId, false, whyStopped()),
                    null, null);
        }
    }

    /**
     * An earlier run posted this message and never learnt what came of it: it is the signed-in user's
     * message of the same content, made since that post (allowing for the clocks' skew). While that
     * post's time limit runs, Graph may still be taking it, so not finding it then means looking again
     * once the limit has passed.
     */
    private Optional<PostedMessage> settleEarlierPost(InputLine line, String chatId, Journal.Entry earlier)
            throws InterruptedException {
        Instant since = earlier.sentAt().minus(CLOCK_SKEW);
        Optional<PostedMessage> found = creator.findPosted(chatId, line.message(), since);
        Instant lookAgainAt = resendableAt(earlier);
        if (found.isEmpty() && clock.instant().isBefore(lookAgainAt)) {
            Duration wait = waitToSettle(lookAgainAt, "posted its message", earlier.sentAt());
            listener.note(line.number(), "an earlier run posted its message at " + earlier.sentAt() + " and it is not "
                    + "in the chat yet: Graph may still be taking it until " + lookAgainAt + " (--resend-after); looking "
                    + "again in " + seconds(wait));
            sleeper.sleep(wait);
            found = creator.findPosted(chatId, line.message(), since);
        }
        listener.note(line.number(), found.isPresent() ? "found the message an earlier run posted: " + found.get().id()
                : "the message an earlier run posted (at " + earlier.sentAt() + ") is not in the chat: posting it");
        return found;
    }

    private LineOutcome posted(InputLine line, String chatId, LineOutcome.Status status, PostedMessage message,
                               boolean sent) {
        boolean recorded = true;
        if (journal != null) {
            try {
                journal.posted(line, chatId, status == LineOutcome.Status.EXISTING, message);
            } catch (Journal.JournalWriteException e) {
                stop.request(Stop.Reason.JOURNAL_FAILED, e, clock.instant());
                recorded = false;
            }
        }
        return LineOutcome.done(line, status, chatId, message, sent, recorded);
    }

    /** @param at when a post that may have been taken went, with its time limit, so the next run can settle it */
    private LineOutcome notPosted(InputLine line, String chatId, boolean reused, boolean sent,
                                  MessageNotPostedException failure, Instant at, Instant until) {
        if (failure.getCause() instanceof RuntimeException cause) {
            stopIfEveryLineWouldFail(cause);
        }
        boolean recorded = true;
        if (journal != null) {
            try {
                journal.notPosted(line, chatId, reused, failure.mayHavePosted() && at != null, at, until);
            } catch (Journal.JournalWriteException e) {
                stop.request(Stop.Reason.JOURNAL_FAILED, e, clock.instant());
                recorded = false;
            }
        }
        return LineOutcome.failed(line, chatId, failure, sent, recorded);
    }

    /** A failed sign-in, or a token Graph never received: the lines after it would only fail the same way. */
    private void stopIfEveryLineWouldFail(RuntimeException failure) {
        if (failure instanceof AuthenticationException) {
            stop.request(Stop.Reason.SIGN_IN_FAILED, failure, clock.instant());
        } else if (failure instanceof TokenNotReceivedException) {
            stop.request(Stop.Reason.TOKEN_NOT_RECEIVED, failure, clock.instant());
        }
    }

    private RuntimeException whyStopped() {
        RuntimeException cause = stop.cause();
        return cause != null ? cause : RunStoppedException.interrupted();
    }

    /** @param sentAt when a send that may have made the chat went, so that the next run can settle it; else null */
    private LineOutcome failed(InputLine line, RuntimeException failure, boolean sent, Instant sentAt, Instant openUntil) {
        if (failure instanceof Journal.JournalWriteException) {
            stop.request(Stop.Reason.JOURNAL_FAILED, failure, clock.instant());
            return LineOutcome.skipped(line, failure);
        }
        stopIfEveryLineWouldFail(failure);
        boolean recorded = true;
        if (journal != null) {
            try {
                journal.failed(line, sentAt != null, sentAt, openUntil);
            } catch (Journal.JournalWriteException e) {
                stop.request(Stop.Reason.JOURNAL_FAILED, e, clock.instant());
                recorded = false;
            }
        }
        return LineOutcome.failed(line, failure, sent, recorded);
    }
}
