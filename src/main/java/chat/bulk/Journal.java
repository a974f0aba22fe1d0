package chat.bulk;

import chat.errors.ErrorReport;
import chat.errors.ExitCodes;
import chat.errors.KnownFailure;
import chat.errors.UsageException;
import chat.graph.PostedMessage;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * --journal: a record of what became of each chat of a bulk run, appended and forced to disk the
 * moment it is known, so that the same input, or an edited, reordered or another one, can be run
 * again and skip exactly what is done. Records are keyed by what a line asks for, its people as Graph
 * knows them (see {@link InputLine#key()}), never by its position, and none is ever rewritten. The
 * format is the {@link Header} and {@link Line} records, one JSON object a line, in ASCII, so that a
 * cut can never split a character:
 *
 * <pre>
 * {"journal":2,"pid":4242,"started":"2026-12-01T09:00:00Z"}
 * {"chat":"3fa1…#1","line":3,"state":"sending","at":"…","until":"…"}
 * {"chat":"3fa1…#1","line":3,"state":"created","id":"19:…@thread.v2"}
 * {"chat":"c07e…#1","line":5,"state":"adding","id":"19:…@thread.v2"}
 * {"chat":"9b2e…#1","line":4,"state":"posting","id":"19:…","at":"…","until":"…"}
 * {"chat":"9b2e…#1","line":4,"state":"posted","id":"19:…","message":"1700000000000","messageAt":"2026-…Z"}
 * </pre>
 *
 * <p>A group line is recorded "sending" as its request goes, and a message "posting": found so, the
 * outcome is unknown, and the next run settles it by finding the chat or message, never by sending it
 * blind. A chat of more people than a create takes is "adding" until all are in: the next run adds
 * whoever its roster lacks. The file is locked for the run; every run begins with a header naming
 * itself. A record half-written by a crash or a full disk is set aside ({@link JournalReader}). A
 * record that cannot be written stops the run: nothing more is written, lest a record be glued to the
 * half of one.
 */
public final class Journal implements AutoCloseable {
    /**
     * 2: lines keyed by their people as Graph knows them ({@link LineKeys}); 1: by their text. A
     * journal may hold runs of both, and a line is found by either: its records of format 1 by its
     * text key, and only where none of format 2 has it.
     */
    static final int FORMAT = 2;
    static final int TEXT_KEYED = 1;

    public enum State {
        @JsonProperty("sending") SENDING,
        @JsonProperty("created") CREATED,
        /** The chat is there, and some of its people are still to be added: Graph takes 200 in a create. */
        @JsonProperty("adding") ADDING,
        @JsonProperty("existing") EXISTING,
        @JsonProperty("failed") FAILED,
        @JsonProperty("posting") POSTING,
        @JsonProperty("posted") POSTED,
        @JsonProperty("not_posted") NOT_POSTED;

        boolean aboutMessage() {
            return this == POSTING || this == POSTED || this == NOT_POSTED;
        }

        /** A chat a line made, never another line's to settle on: created, or made and still being filled. */
        boolean made(boolean reused) {
            return this == CREATED || (this == ADDING && !reused);
        }
    }

    /** A run's first line: the format of the records after it, and the run that wrote them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Header(int journal, Long pid, String started) {
    }

    /**
     * A chat's record. {@code at} and {@code until}: when a send or post of unknown outcome went, and
     * the end of its time limit; {@code id} the chat's; {@code message} and {@code messageAt} the
     * message posted; the flags only where true, for the states they qualify.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"chat", "line", "state", "id", "at", "until", "mayHaveCreated", "reused", "message", "messageAt",
        "mayHavePosted"})
    record Line(String chat, int line, State state, String id, String at, String until, Boolean mayHaveCreated,
                Boolean reused, String message, String messageAt, Boolean mayHavePosted) {

        static Line of(InputLine input, Entry entry) {
            State state = entry.state();
            return new Line(input.key(), input.number(), state, entry.chatId(), Objects.toString(entry.sentAt(), null),
                    Objects.toString(entry.openUntil(), null),
                    state == State.FAILED && entry.mayHaveCreated() ? true : null,
                    (state.aboutMessage() || state == State.ADDING) && entry.reused() ? true : null,
                    entry.message() == null ? null : entry.message().id(),
                    entry.message() == null ? null : entry.message().createdDateTime(),
                    state == State.NOT_POSTED && entry.mayHavePosted() ? true : null);
        }

        /** @throws java.time.format.DateTimeParseException for a time that is none */
        Entry entry() {
            return new Entry(state, id, instant(at), instant(until), state == State.SENDING || Boolean.TRUE.equals(mayHaveCreated),
                    state == State.EXISTING || Boolean.TRUE.equals(reused),
                    message == null ? null : new PostedMessage(message, messageAt),
                    state == State.POSTING || Boolean.TRUE.equals(mayHavePosted));
        }

        private static Instant instant(String text) {
            return text == null ? null : Instant.parse(text);
        }
    }

    /**
     * The last record of a chat, as a run reads it.
     *
     * @param sentAt    for a group chat sent without a known outcome: when it was sent, else null; for a
     *                  message that may have been posted, when the post was sent
     * @param openUntil until when Graph may still be making it: the end of that request's time limit
     * @param reused    for the states of a message: its chat was an existing one (--if-exists reuse)
     * @param message   the message posted (POSTED), else null; its time is missing from older journals
     */
    public record Entry(State state, String chatId, Instant sentAt, Instant openUntil, boolean mayHaveCreated,
                        boolean reused, PostedMessage message, boolean mayHavePosted) {

        /**
         * Nothing to do: created or found; for a line with a message, only once it is posted.
         *
         * @param withMessage whether the line holds a message
         */
        public boolean done(boolean withMessage) {
            return withMessage ? state == State.POSTED
                    : state == State.CREATED || state == State.EXISTING || state == State.POSTED;
        }

        /** The chat is there (its id recorded): only its adds and the message may be left. */
        public boolean chatThere() {
            return chatId != null && state != State.FAILED;
        }

        /** The message was sent, and what came of it is unknown: settled by looking among the chat's messages. */
        public boolean postUnsettled() {
            return state == State.POSTING || (state == State.NOT_POSTED && mayHavePosted);
        }

        /** Sent, and what came of it is unknown: settled by finding the chat it may have made. */
        public boolean unsettled() {
            return state == State.SENDING || (state == State.FAILED && mayHaveCreated);
        }

        /** What a record of this state must hold for a run to act on it. */
        boolean whole() {
            if (unsettled() || postUnsettled()) {
                return sentAt != null && openUntil != null && (!state.aboutMessage() || chatId != null);
            }
            if (state.aboutMessage() || state == State.ADDING) {
                return chatId != null && (state != State.POSTED || message != null);
            }
            return !done(false) || chatId != null;
        }
    }

    /** A record could not be written and forced to disk: the run stops sending. */
    public static final class JournalWriteException extends RuntimeException implements KnownFailure {
        private static final long serialVersionUID = 1L;

        JournalWriteException(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ErrorReport report() {
            return ErrorReport.of(ExitCodes.UNAVAILABLE, getMessage());
        }
    }

    /** ASCII only, so that a cut can never split a character; fields a reader does not know are skipped. */
    static final ObjectMapper RECORDS = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Path path;
    private final FileChannel file;
    private final JournalReader.Contents earlier;
    private final Map<String, Entry> latest;
    private final Set<String> createdChats;
    private final Stop stop;
    private long end;
    private JournalWriteException broken;

    private Journal(Path path, FileChannel file, JournalReader.Contents earlier, Stop stop) {
        this.path = path;
        this.file = file;
        this.earlier = earlier;
        this.latest = new HashMap<>(earlier.latest());
        this.createdChats = new HashSet<>(earlier.createdChats());
        this.stop = stop;
        this.end = earlier.size();
    }

    /** The journal of a run without --journal: it holds nothing and records nothing. */
    public static Journal none() {
        return new Journal(null, null, JournalReader.Contents.EMPTY, null);
    }

    /**
     * Opens and locks the journal, reads what earlier runs recorded, and writes this run's header.
     *
     * @param input the --from file (or what stdin is), which the journal must not be; null when unknown
     * @param stop  what a record that cannot be written stops
     */
    public static Journal open(Path path, Path input, long pid, Clock clock, Stop stop) {
        refuseUnfit(path, input);
        FileChannel file;
        try {
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        } catch (NoSuchFileException e) {
            throw new UsageException("--journal " + path + ": cannot create it: no such directory");
        } catch (AccessDeniedException e) {
            throw new UsageException("--journal " + path + ": cannot open it: permission denied");
        } catch (IOException e) {
            throw new UsageException("--journal " + path + ": cannot open it: " + e.getMessage());
        }
        try {
            JournalReader.Contents contents = JournalReader.read(path, file);
            lock(path, file, contents.lastPid());
            Journal journal = new Journal(path, file, contents, stop);
            journal.start(contents.torn(), pid, clock.instant());
            return journal;
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private static void refuseUnfit(Path path, Path input) {
        if (Files.isDirectory(path)) {
            throw new UsageException("--journal " + path + " is a directory: give a file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UsageException("--journal " + path + " is not a regular file (a device, a pipe or a "
                    + "socket): give a file of its own");
        }
        try {
            if (input != null && Files.exists(path) && Files.exists(input) && Files.isSameFile(path, input)) {
                throw new UsageException("--journal " + path + " is the input itself: give a file of its own");
            }
        } catch (IOException e) {
            // cannot tell: the checks of the contents below still apply
        }
    }

    /**
     * Advisory, for the run: a second run at once would send every line again. Closing the file releases it.
     *
     * @param holder the pid of the last run that began in it, which holds it if anyone does
     */
    private static void lock(Path path, FileChannel file, Long holder) {
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this same process
        } catch (IOException e) {
            throw new UsageException("--journal " + path + ": cannot lock it: " + e.getMessage());
        }
        if (lock == null) {
            throw new UsageException("--journal " + path + " is in use by another run of chat"
                    + (holder == null ? "" : " (pid " + holder + ")") + ": wait for it to end, or give another journal");
        }
    }

    private void start(boolean torn, long pid, Instant now) {
        try {
            write((torn ? "\n" : "") + text(new Header(FORMAT, pid, now.toString())));
        } catch (JournalWriteException e) {
            throw new UsageException("--journal " + path + ": cannot write it: " + e.getCause().getMessage()
                    + "; nothing was sent");
        }
    }

    /** What earlier runs noticed and set aside, for stderr. */
    public List<String> notes() {
        return earlier.notes();
    }

    /** Whether records are kept: not by {@link #none()}. */
    public boolean keeps() {
        return file != null;
    }

    /** The file, or null for a run without one. */
    public Path path() {
        return path;
    }

    /** The last record of this chat, or null: by its people, else (a journal's older runs) by its text. */
    public synchronized Entry latest(InputLine line) {
        Entry entry = latest.get(line.key());
        return entry != null ? entry : earlier.textKeyed().get(line.textKey());
    }

    /** The chats lines have made, in any run: a settling line may not take one of these as its own. */
    public synchronized Set<String> createdChats() {
        return Set.copyOf(createdChats);
    }

    /**
     * Before a group create goes: until {@code until}, Graph may be making it.
     *
     * @throws JournalWriteException when it could not be written: the create must not go
     */
    public void sending(InputLine line, Instant at, Instant until) {
        append(line, new Entry(State.SENDING, null, at, until, true, false, null, false), true);
    }

    /**
     * Before a message is posted into the line's chat: until {@code until}, Graph may be posting it.
     *
     * @throws JournalWriteException when it could not be written: the post must not go
     */
    public void posting(InputLine line, String chatId, boolean reused, Instant at, Instant until) {
        append(line, new Entry(State.POSTING, chatId, at, until, false, reused, null, true), true);
    }

    /**
     * The chat is there, and people are still to be added to it: a later run adds whoever its roster lacks.
     *
     * @throws JournalWriteException when it could not be written: no add may go
     */
    public void adding(InputLine line, String chatId, boolean existing) {
        append(line, new Entry(State.ADDING, chatId, null, null, false, existing, null, false), true);
    }

    /**
     * @param existing whether it is an existing chat, reused, rather than one the line created
     * @return whether it was recorded; if not, the run is stopping
     */
    public boolean made(InputLine line, String chatId, boolean existing) {
        return append(line, new Entry(existing ? State.EXISTING : State.CREATED, chatId, null, null, false, existing,
                null, false), false);
    }

    /**
     * @param sentAt when the request that may have made it was sent, with its time limit; else null
     * @return whether it was recorded; if not, the run is stopping
     */
    public boolean failed(InputLine line, Instant sentAt, Instant openUntil) {
        return append(line, new Entry(State.FAILED, null, sentAt, sentAt == null ? null : openUntil, sentAt != null,
                false, null, false), false);
    }

    /** @return whether it was recorded; if not, the run is stopping */
    public boolean posted(InputLine line, String chatId, boolean reused, PostedMessage message) {
        return append(line, new Entry(State.POSTED, chatId, null, null, false, reused, message, false), false);
    }

    /**
     * @param sentAt when the post that may have been taken was sent, with its time limit; else null
     * @return whether it was recorded; if not, the run is stopping
     */
    public boolean notPosted(InputLine line, String chatId, boolean reused, Instant sentAt, Instant until) {
        return append(line, new Entry(State.NOT_POSTED, chatId, sentAt, sentAt == null ? null : until, false, reused,
                null, sentAt != null), false);
    }

    /** @param mustBeWritten whether a failure is thrown, as it must be before a send, or only returned */
    private synchronized boolean append(InputLine line, Entry entry, boolean mustBeWritten) {
        if (file == null) {
            return true;
        }
        try {
            write(text(Line.of(line, entry)));
        } catch (JournalWriteException e) {
            stop.request(Stop.Reason.JOURNAL_FAILED, e);
            if (mustBeWritten) {
                throw e;
            }
            return false;
        }
        latest.put(line.key(), entry);
        if (entry.state().made(entry.reused())) {
            createdChats.add(entry.chatId());
        }
        return true;
    }

    private static String text(Object record) {
        try {
            return RECORDS.writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written at the end and forced to disk; after a failure nothing more is. */
    private void write(String record) {
        if (broken != null) {
            throw broken;
        }
        ByteBuffer bytes = ByteBuffer.wrap(record.getBytes(StandardCharsets.US_ASCII));
        try {
            while (bytes.hasRemaining()) {
                end += file.write(bytes, end);
            }
            file.force(false);
        } catch (IOException e) {
            broken = new JournalWriteException("the journal " + path + " could not be written ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
            throw broken;
        }
    }

    /** Closes the file, which releases its lock. */
    @Override
    public void close() {
        if (file != null) {
            closeQuietly(file);
        }
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // nothing was lost: every record was forced to disk when written
        }
    }
}
