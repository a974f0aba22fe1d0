package chat.bulk;

import chat.errors.UsageException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What earlier runs recorded in a journal, read strictly: a file chat did not write, or a line of it
 * that is damaged anywhere but at the end of a run, is refused. A record cut off by a crash or a full
 * disk is set aside, and said so: it is the last of its run, as the next run's header follows it.
 * Blank lines hold no record and are skipped (an editor or `echo >>` leaves them).
 */
final class JournalReader {
    private static final int MAX_RECORD_BYTES = 64 * 1024;
    private static final String CUT_OFF = "the journal's last record was cut off (a crash or a full disk): set aside";

    /**
     * What the file holds.
     *
     * @param latest       each chat's last record of format 2, by its key
     * @param textKeyed    the same, of format 1, by its text key
     * @param createdChats every chat a line made, in any run
     * @param lastPid      the pid in the last header, the run that holds the journal if one does
     * @param torn         the file does not end a line: the next record must begin one
     */
    record Contents(Map<String, Journal.Entry> latest, Map<String, Journal.Entry> textKeyed, Set<String> createdChats,
                    List<String> notes, long size, boolean torn, Long lastPid) {
        static final Contents EMPTY = new Contents(Map.of(), Map.of(), Set.of(), List.of(), 0, false, null);
    }

    private final Path path;
    private final Map<String, Journal.Entry> latest = new HashMap<>();
    private final Map<String, Journal.Entry> textKeyed = new HashMap<>();
    private final Set<String> createdChats = new HashSet<>();
    private final List<String> notes = new ArrayList<>();
    private int format = Journal.FORMAT;
    private Long lastPid;
    private boolean first = true;
    /** A line that is no record: only a cut-off one, which a run's header follows. */
    private int pendingBad;

    private JournalReader(Path path) {
        this.path = path;
    }

    static Contents read(Path path, FileChannel file) {
        JournalReader reader = new JournalReader(path);
        try {
            long size = file.size();
            ByteLines lines = new ByteLines(Channels.newInputStream(file.position(0)));
            byte[] bytes = new byte[MAX_RECORD_BYTES];
            int number = 0;
            boolean torn = false;
            for (int length = lines.next(bytes); length >= 0; length = lines.next(bytes)) {
                number++;
                torn = !lines.lastEndedWithNewline();
                if (!blank(bytes, length)) {
                    reader.line(bytes, length, !torn, number);
                }
            }
            reader.end();
            return new Contents(reader.latest, reader.textKeyed, reader.createdChats, List.copyOf(reader.notes), size,
                    torn, reader.lastPid);
        } catch (IOException e) {
            throw new UsageException("--journal " + path + ": cannot read it: " + e.getMessage());
        }
    }

    private void line(byte[] bytes, int length, boolean complete, int number) {
        JsonNode record = length > MAX_RECORD_BYTES ? null : parse(bytes, length, complete, number);
        if (record == null) {
            if (!complete) {
                notes.add(CUT_OFF);
            } else if (pendingBad != 0) {
                throw first ? notAJournal() : damaged(pendingBad);
            } else {
                pendingBad = number;
            }
            return;
        }
        boolean header = record.has("journal");
        if (!header && (first || pendingBad != 0)) {
            throw first ? notAJournal() : damaged(pendingBad);
        }
        pendingBad = 0;
        first = false;
        if (header) {
            header(record);
        } else {
            record(record, number);
        }
    }

    private void end() {
        if (pendingBad != 0) {
            if (first) {
                throw notAJournal();
            }
            notes.add(CUT_OFF);
        }
    }

    /** The format a run's header says its records are in: this version's, or the one before. */
    private void header(JsonNode record) {
        Journal.Header header;
        try {
            header = Journal.RECORDS.treeToValue(record, Journal.Header.class);
        } catch (IOException | IllegalArgumentException e) {
            header = null;
        }
        if (header == null || (header.journal() != Journal.FORMAT && header.journal() != Journal.TEXT_KEYED)) {
            throw new UsageException("--journal " + path + " was written in another format (" + record.path("journal")
                    + "): give a new file");
        }
        format = header.journal();
        lastPid = header.pid();
    }

    private void record(JsonNode record, int number) {
        Journal.Line line;
        Journal.Entry entry;
        try {
            line = Journal.RECORDS.treeToValue(record, Journal.Line.class);
            entry = line.state() == null ? null : line.entry();
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw damaged(number);
        }
        if (entry == null || !entry.whole()) {
            throw damaged(number);
        }
        (format == Journal.TEXT_KEYED ? textKeyed : latest).put(line.chat(), entry);
        if (entry.state().made(entry.reused())) {
            createdChats.add(entry.chatId());
        }
    }

    /** A record, or null for a line that is none; a line that is not text at all is no journal of ours. */
    private JsonNode parse(byte[] bytes, int length, boolean complete, int number) {
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
            JsonNode record = Journal.RECORDS.readTree(text);
            boolean known = record != null && record.isObject()
                    && (record.has("journal") || (record.path("chat").isTextual() && record.path("state").isTextual()));
            return known ? record : null;
        } catch (IOException e) {
            return null;
        }
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

    private UsageException notAJournal() {
        return new UsageException("--journal " + path + " is not a journal of chat create --from (it does not "
                + "begin with a journal header): give a new file, or the journal of the run to resume");
    }

    private UsageException damaged(int number) {
        return new UsageException("--journal " + path + ": line " + number + " is damaged: it is no record "
                + "chat wrote, and a cut-off one is only ever the last of a run");
    }
}
