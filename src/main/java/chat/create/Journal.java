package chat.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * --journal: what became of each line, appended and forced to disk the moment it is known, so that a
 * run cut short (a crash, kill -9, Ctrl-C) can be run again and skip what is done. A group line is
 * marked "sending" before it is sent: found so on resuming, its outcome is unknown and is settled by
 * looking for the chat, never by sending it blind.
 */
public final class Journal implements AutoCloseable {
    public enum State { SENDING, CREATED, EXISTING, FAILED }

    /** The last record of a line. */
    public record Entry(int line, String digest, State state, String id, int exitCode, boolean mayHaveCreated) {
    }

    private final FileChannel file;
    private final ObjectMapper json;
    private final Map<Integer, Entry> earlier;

    private Journal(FileChannel file, ObjectMapper json, Map<Integer, Entry> earlier) {
        this.file = file;
        this.json = json;
        this.earlier = earlier;
    }

    public static Journal open(Path path, ObjectMapper json) throws IOException {
        Map<Integer, Entry> earlier = new HashMap<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                Entry entry = parse(json, line);
                if (entry != null) {
                    earlier.put(entry.line(), entry);
                }
            }
        } catch (NoSuchFileException e) {
            // a first run
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new Journal(channel, json, earlier);
    }

    /** A record cut off by a crash mid-write is no record: the line is as if never reached. */
    private static Entry parse(ObjectMapper json, String line) {
        try {
            JsonNode record = json.readTree(line);
            if (record == null || !record.has("line") || !record.has("state")) {
                return null;
            }
            return new Entry(record.get("line").asInt(), record.path("digest").asText(),
                    State.valueOf(record.get("state").asText().toUpperCase(java.util.Locale.ROOT)),
                    record.path("id").asText(null), record.path("exitCode").asInt(0),
                    record.path("mayHaveCreated").asBoolean(false));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** What an earlier run recorded of this line, if it was this same chat. */
    public Entry earlier(InputLine line) {
        Entry entry = earlier.get(line.number());
        return entry != null && entry.digest().equals(line.digest()) ? entry : null;
    }

    public void sending(InputLine line) {
        append(line, State.SENDING, null, 0, false);
    }

    public void done(InputLine line, State state, String id, int exitCode, boolean mayHaveCreated) {
        append(line, state, id, exitCode, mayHaveCreated);
    }

    private synchronized void append(InputLine line, State state, String id, int exitCode, boolean mayHaveCreated) {
        ObjectNode record = json.createObjectNode();
        record.put("line", line.number());
        record.put("digest", line.digest());
        record.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        if (id != null) {
            record.put("id", id);
        }
        if (exitCode != 0) {
            record.put("exitCode", exitCode);
        }
        if (mayHaveCreated) {
            record.put("mayHaveCreated", true);
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap((json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
