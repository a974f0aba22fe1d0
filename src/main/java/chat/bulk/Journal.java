package chat.bulk;

import chat.errors.UsageException;
import chat.graph.PostedMessage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * --journal: a record of what became of each chat of a bulk run, appended and forced to disk the
 * moment it is known, so that the same input, or an edited, reordered or another one, can be run
 * again and skip exactly what is done. Records are keyed by what a line asks for, its people as Graph
 * knows them (see {@link InputLine#key()}), never by its position, and none is ever rewritten.
 *
 * <p>A group line is recorded "sending" before it is sent, with the time and the time limit of its
 * request: found so, its outcome is unknown, and the next run settles it by finding its own chat,
 * never by sending it blind. The file is locked for the run (another run refuses it and names the
 * holder's pid); every run begins with a header naming itself. A record half-written by a crash or a
 * full disk is set aside: the next run starts a new line before it writes. Records are ASCII, so a
 * cut can never split a character.
 *
 * <pre>
 * {"journal":2,"pid":4242,"started":"2026-12-01T09:00:00Z"}
 * {"chat":"3fa1…#1","line":3,"state":"sending","at":"…","until":"…"}
 * {"chat":"3fa1…#1","line":3,"state":"created","id":"19:…@thread.v2"}
 * </pre>
 *
 * <p>A line with a message goes on: "posting" before the post is sent (with its time and time limit),
 * then "posted" with the message's id, or "not_posted", saying whether it may have been. Found
 * "posting", or may-have-posted, the next run looks among the chat's messages for it before it would
 * post again.
 *
 * <pre>
 * {"chat":"9b2e…#1","line":4,"state":"posting","id":"19:…","at":"…","until":"…"}
 * {"chat":"9b2e…#1","line":4,"state":"posted","id":"19:…","message":"1700000000000","messageAt":"2026-…Z"}
 * </pre>
 */
public final class Journal implements AutoCloseable {
    /**
     * 2: lines keyed by their people as Graph knows them ({@link LineKeys}); 1: by their text. A
     * journal may hold runs of both, and a line is found by either: its records of format 1 by its
     * text key, and only where none of format 2 has it.
     */
    static final int FORMAT = 2;
    private static final int TEXT_KEYED = 1;
    private static final int MAX_RECORD_BYTES = 64 * 1024;

    public enum State { SENDING, CREATED, EXISTING, FAILED, POSTING, POSTED, NOT_POSTED }

    /**
     * The last record of a chat.
     *
     * @param sentAt    for a group chat sent without a known outcome: when it was sent, else null; for a
     *                  message that may have been posted, when the post was sent
     * @param openUntil until when Graph may still be making it: the end of that request's time limit
     * @param reused    for the states of a message: its chat was an existing one (--if-exists reuse)
     * @param message   the message posted (POSTED), else null; its time is missing from older journals
     */
    public record Entry(State state, String chatId, Instant sentAt, Instant openUntil, boolean mayHaveCreated,
                        boolean reused, PostedMessage message, boolean mayHavePosted) {
        Entry(State state, String chatId, Instant sentAt, Instant openUntil, boolean mayHaveCreated) {
            this(state, chatId, sentAt, openUntil, mayHaveCreated, state == State.EXISTING, null, false);
        }

        /**
         * Nothing to do: created or found; for a line with a message, only once it is posted.
         *
         * @param withMessage whether the line holds a message
         */
        public boolean done(boolean withMessage) {
            return withMessage ? state == State.POSTED
                    : state == State.CREATED || state == State.EXISTING || state == State.POSTED;
        }

        /** The chat is there (its id recorded): only the message may be left. */
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
    }

    /** A record could not be written and forced to disk: the run must stop sending. */
    public static final class JournalWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path path;
    private final FileChannel file;
    private final FileLock lock;
    private final JsonFactory records = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private final Map<String, Entry> latest;
    private final Map<String, Entry> textKeyed;
    private final Set<String> createdChats;
    private final List<String> notes;
    private long end;
    private JournalWriteException broken;

    private Journal(Path path, FileChannel file, FileLock lock, Contents contents) {
        this.path = path;
        this.file = file;
        this.lock = lock;
        this.latest = contents.latest;
        this.textKeyed = contents.textKeyed;
        this.createdChats = contents.createdChats;
        this.notes = contents.notes;
        this.end = contents.size;
    }

    /**
     * Opens and locks the journal, reads what earlier runs recorded, and writes this run's header.
     *
     * @param input the --from file (or what stdin is), which the journal must not be; null when unknown
     */
    public static Journal open(Path path, Path input, long pid, Instant now) {
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
            FileLock lock = lock(path, file);
            Contents contents = read(path, file);
            Journal journal = new Journal(path, file, lock, contents);
            journal.start(contents.torn, pid, now);
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

    /** Advisory, for the run: a second run at once would send every line again. */
    private static FileLock lock(Path path, FileChannel file) {
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this same process
        } catch (IOException e) {
            throw new UsageException("--journal " + path + ": cannot lock it: " + e.getMessage());
        }
        if (lock == null) {
            String holder = lastHeader(file).map(pid -> " (pid " + pid + ")").orElse("");
            throw new UsageException("--journal " + path + " is in use by another run of chat" + holder
                    + ": wait for it to end, or give another journal");
        }
        return lock;
    }

    /** What earlier runs recorded; the run that wrote a line is not needed, only what came of each chat. */
    private record Contents(Map<String, Entry> latest, Map<String, Entry> textKeyed, Set<String> createdChats,
                            List<String> notes, long size, boolean torn) {
    }

    private static Contents read(Path path, FileChannel file) {
        Map<String, Entry> latest = new HashMap<>();
        Map<String, Entry> textKeyed = new HashMap<>();
        int format = FORMAT;
        Set<String> createdChats = new HashSet<>();
        List<String> notes = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        byte[] bytes = new byte[MAX_RECORD_BYTES];
        int number = 0;
        int pendingBad = 0; // a line that is no record: a cut-off one is followed by a run's header
        boolean first = true;
        try {
            long size = file.size();
            ByteLines lines = new ByteLines(Channels.newInputStream(file.position(0)));
            for (int length = lines.next(bytes); length >= 0; length = lines.next(bytes)) {
                number++;
                if (blank(bytes, length)) {
                    continue; // an editor's or `echo >>`'s empty line holds no record, and harms none
                }
                boolean complete = lines.lastEndedWithNewline();
                JsonNode record = length > MAX_RECORD_BYTES ? null : parse(json, bytes, length, complete, path, number);
                if (record == null) {
                    if (!complete) {
                        notes.add("the journal's last record was cut off (a crash or a full disk): set aside");
                    } else if (pendingBad != 0) {
                        throw first ? notAJournal(path) : damaged(path, pendingBad);
                    } else {
                        pendingBad = number;
                    }
                    continue;
                }
                boolean header = record.has("journal");
                if (!header && (first || pendingBad != 0)) {
                    throw first ? notAJournal(path) : damaged(path, pendingBad);
                }
                pendingBad = 0;
                first = false;
                if (header) {
                    format = format(record, path);
                    continue;
                }
                Entry entry = entry(record, path, number);
                (format == TEXT_KEYED ? textKeyed : latest).put(record.get("chat").asText(), entry);
                if (entry.state() == State.CREATED) {
                    createdChats.add(entry.chatId());
                }
            }
            if (pendingBad != 0) {
                if (first) {
                    throw notAJournal(path);
                }
                notes.add("the journal's last record was cut off (a crash or a full disk): set aside");
            }
            return new Contents(latest, textKeyed, createdChats, notes, size, size > 0 && lastByte(file, size) != '\n');
        } catch (IOException e) {
            throw new UsageException("--journal " + path + ": cannot read it: " + e.getMessage());
        }
    }

    /** The format a run's header says its records are in: this version's, or the one before. */
    private static int format(JsonNode header, Path path) {
        int format = header.path("journal").asInt();
        if (format != FORMAT && format != TEXT_KEYED) {
            throw new UsageException("--journal " + path + " was written in another format (" + header.path("journal")
                    + "): give a new file");
        }
        return format;
    }

    private static boolean blank(byte[] bytes, int length) {
        if (length > bytes.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A record, or null for a line that is none; a line that is not text at all is no journal of ours. */
    private static JsonNode parse(ObjectMapper json, byte[] bytes, int length, boolean complete, Path path, int number) {
        String text;
        try {
            text = ByteLines.utf8(bytes, 0, length);
        } catch (UsageException e) {
            if (!complete) {
                return null;
            }
            throw new UsageException("--journal " + path + ": line " + number + " is " + e.getMessage()
                    + ": not a journal chat wrote");
        }
        try {
            JsonNode record = json.readTree(text);
            boolean known = record != null && record.isObject()
                    && (record.has("journal") || (record.path("chat").isTextual() && record.path("state").isTextual()));
            return known ? record : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Entry entry(JsonNode record, Path path, int number) {
        try {
            State state = State.valueOf(record.get("state").asText().toUpperCase(Locale.ROOT));
            Entry entry = new Entry(state, record.path("id").asText(null), instant(record.path("at")),
                    instant(record.path("until")), state == State.SENDING || record.path("mayHaveCreated").asBoolean(false),
                    state == State.EXISTING || record.path("reused").asBoolean(false), message(record),
                    state == State.POSTING || record.path("mayHavePosted").asBoolean(false));
            boolean aboutMessage = state == State.POSTING || state == State.POSTED || state == State.NOT_POSTED;
            boolean complete = entry.unsettled() || entry.postUnsettled()
                    ? entry.sentAt() != null && entry.openUntil() != null && (!aboutMessage || entry.chatId() != null)
                    : aboutMessage ? entry.chatId() != null && (state != State.POSTED || entry.message() != null)
                    : !entry.done(false) || entry.chatId() != null;
            if (!complete) {
                throw damaged(path, number);
            }
            return entry;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw damaged(path, number);
        }
    }

    private static PostedMessage message(JsonNode record) {
        return record.path("message").isTextual()
                ? new PostedMessage(record.get("message").asText(), record.path("messageAt").asText(null)) : null;
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }

    private static UsageException notAJournal(Path path) {
        return new UsageException("--journal " + path + " is not a journal of chat create --from (it does not "
                + "begin with a journal header): give a new file, or the journal of the run to resume");
    }

    private static UsageException damaged(Path path, int number) {
        return new UsageException("--journal " + path + ": line " + number + " is damaged: it is no record "
                + "chat wrote, and a cut-off one is only ever the last of a run");
    }

    private static byte lastByte(FileChannel file, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        file.read(one, size - 1);
        return one.get(0);
    }

    /** The pid in the last header, for naming the run that holds the lock. */
    private static java.util.Optional<Long> lastHeader(FileChannel file) {
        Long pid = null;
        try {
            ObjectMapper json = new ObjectMapper();
            byte[] bytes = new byte[MAX_RECORD_BYTES];
            ByteLines lines = new ByteLines(Channels.newInputStream(file.position(0)));
            for (int length = lines.next(bytes); length >= 0; length = lines.next(bytes)) {
                try {
                    JsonNode header = length > MAX_RECORD_BYTES ? null
                            : json.readTree(new String(bytes, 0, length, StandardCharsets.US_ASCII));
                    if (header != null && header.has("journal") && header.path("pid").canConvertToLong()) {
                        pid = header.get("pid").asLong();
                    }
                } catch (IOException e) {
                    // not a header
                }
            }
        } catch (IOException e) {
            // unknown holder
        }
        return java.util.Optional.ofNullable(pid);
    }

    private void start(boolean torn, long pid, Instant now) {
        try {
            write((torn ? "\n" : "") + record(json -> {
                json.writeNumberField("journal", FORMAT);
                json.writeNumberField("pid", pid);
                json.writeStringField("started", now.toString());
            }));
        } catch (JournalWriteException e) {
            throw new UsageException("--journal " + path + ": cannot write it: " + e.getCause().getMessage()
                    + "; nothing was sent");
        }
    }

    /** What earlier runs noticed and set aside, for stderr. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public Path path() {
        return path;
    }

    /** The last record of this chat, or null: by its people, else (a journal's older runs) by its text. */
    public synchronized Entry latest(InputLine line) {
        Entry entry = latest.get(line.key());
        return entry != null ? entry : textKeyed.get(line.textKey());
    }

    /** The chats lines have made, in any run: a settling line may not take one of these as its own. */
    public synchronized Set<String> createdChats() {
        return Set.copyOf(createdChats);
    }

    /** Before a group create is sent: until {@code until}, Graph may be making it. */
    public void sending(InputLine line, Instant at, Instant until) {
        append(line, new Entry(State.SENDING, null, at, until, true));
    }

    public void created(InputLine line, String chatId) {
        append(line, new Entry(State.CREATED, chatId, null, null, false));
    }

    public void existing(InputLine line, String chatId) {
        append(line, new Entry(State.EXISTING, chatId, null, null, false));
    }

    /** @param sentAt when the request that may have made it was sent, with its time limit; else null */
    public void failed(InputLine line, boolean mayHaveCreated, Instant sentAt, Instant openUntil) {
        append(line, new Entry(State.FAILED, null, mayHaveCreated ? sentAt : null, mayHaveCreated ? openUntil : null,
                mayHaveCreated));
    }

    /** Before a message is posted into the line's chat: until {@code until}, Graph may be posting it. */
    public void posting(InputLine line, String chatId, boolean reused, Instant at, Instant until) {
        append(line, new Entry(State.POSTING, chatId, at, until, false, reused, null, true));
    }

    public void posted(InputLine line, String chatId, boolean reused, PostedMessage message) {
        append(line, new Entry(State.POSTED, chatId, null, null, false, reused, message, false));
    }

    /** @param sentAt when the post that may have been taken was sent, with its time limit; else null */
    public void notPosted(InputLine line, String chatId, boolean reused, boolean mayHavePosted, Instant sentAt,
                          Instant until) {
        append(line, new Entry(State.NOT_POSTED, chatId, mayHavePosted ? sentAt : null, mayHavePosted ? until : null,
                false, reused, null, mayHavePosted));
    }

    private synchronized void append(InputLine line, Entry entry) {
        write(record(json -> {
            json.writeStringField("chat", line.key());
            json.writeNumberField("line", line.number());
            json.writeStringField("state", entry.state().name().toLowerCase(Locale.ROOT));
            if (entry.chatId() != null) {
                json.writeStringField("id", entry.chatId());
            }
            if (entry.sentAt() != null) {
                json.writeStringField("at", entry.sentAt().toString());
                json.writeStringField("until", entry.openUntil().toString());
            }
            if (entry.state() == State.FAILED && entry.mayHaveCreated()) {
                json.writeBooleanField("mayHaveCreated", true);
            }
            boolean aboutMessage = entry.state() == State.POSTING || entry.state() == State.POSTED
                    || entry.state() == State.NOT_POSTED;
            if (aboutMessage && entry.reused()) {
                json.writeBooleanField("reused", true);
            }
            if (entry.message() != null) {
                json.writeStringField("message", entry.message().id());
                if (entry.message().createdDateTime() != null) {
                    json.writeStringField("messageAt", entry.message().createdDateTime());
                }
            }
            if (entry.state() == State.NOT_POSTED && entry.mayHavePosted()) {
                json.writeBooleanField("mayHavePosted", true);
            }
        }));
        latest.put(line.key(), entry);
        if (entry.state() == State.CREATED) {
            createdChats.add(entry.chatId());
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private String record(Fields fields) {
        StringWriter text = new StringWriter(160);
        try (JsonGenerator json = records.createGenerator(text)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    /**
     * Written at the end and forced to disk. After a failure nothing more is written, lest a record be
     * glued to the half of one the failure left.
     */
    private synchronized void write(String record) {
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

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the file releases it too
        }
        closeQuietly(file);
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // nothing was lost: every record was forced to disk when written
        }
    }
}
