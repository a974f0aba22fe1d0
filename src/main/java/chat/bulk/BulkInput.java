package chat.bulk;

import chat.errors.UsageException;
import chat.request.ChatDraft;
import chat.request.ChatMessage;
import chat.request.ChatRequestBody;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A --from input: JSON Lines, each line one create-chat request body (what `chat create … --dry-run
 * -o json` prints), perhaps with the chat's first message beside it, blank lines skipped. Every line is checked before anything is sent; then the
 * lines are read again, one at a time, from a private copy made while checking, so that neither a
 * pipe nor a file edited during the run changes what was checked, and memory holds no more than
 * the line at hand.
 *
 * <p>What a line may be is strict, since a file can hold anything: UTF-8 text, exactly one JSON
 * object and nothing after it, at most {@value #MAX_LINE_BYTES} bytes (250 members with the longest
 * names take under 100 KiB); at most {@value #MAX_LINES} lines, so that an endless input ends.
 */
public final class BulkInput implements AutoCloseable {
    static final int MAX_LINE_BYTES = 256 * 1024;
    static final int MAX_LINES = 100_000;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Every bad line, each "line N: why". */
    public static final class InvalidInputException extends UsageException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidInputException(List<String> problems, String summary) {
            super(summary);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final RandomAccessFile copy;
    private final Function<String, ChatRequestBody.Line> parse;
    private final Checked checked;

    private BulkInput(RandomAccessFile copy, Function<String, ChatRequestBody.Line> parse, Checked checked) {
        this.copy = copy;
        this.parse = parse;
        this.checked = checked;
    }

    /**
     * @param firstWithMessage the number of the first line that holds a message, 0 when none does
     * @param namesGroups      whether a line names groups ("membersOf")
     * @param mostListed       the most people a line lists one by one
     */
    private record Checked(int chats, int firstWithMessage, boolean namesGroups, int mostListed) {
    }

    /** What the lines checked so far hold that a run must know before it sends. */
    private static final class Seen {
        private int firstWithMessage;
        private boolean namesGroups;
        private int mostListed;

        void line(int number, ChatRequestBody.Line line) {
            if (line.message() != null && firstWithMessage == 0) {
                firstWithMessage = number;
            }
            namesGroups |= !line.draft().membersOf().isEmpty();
            mostListed = Math.max(mostListed, line.draft().members().size());
        }

        Checked checked(int chats) {
            return new Checked(chats, firstWithMessage, namesGroups, mostListed);
        }
    }

    /**
     * Reads and checks the whole input, keeping a copy in an unnamed file of {@code copyDirectory}.
     *
     * @param parse a line's text into a checked request, or an {@link UsageException} saying why not
     */
    public static BulkInput read(InputStream source, Path copyDirectory, Function<String, ChatRequestBody.Line> parse)
            throws IOException {
        RandomAccessFile copy;
        try {
            copy = unnamedFile(copyDirectory);
        } catch (IOException e) {
            throw copyFailed(copyDirectory, e);
        }
        try {
            Checked checked = check(new ByteLines(source), copyStream(copy, copyDirectory), parse);
            return new BulkInput(copy, parse, checked);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    private static IOException copyFailed(Path directory, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
        return new IOException("cannot keep a copy of it in " + directory + " (set TMPDIR to choose where): " + why, e);
    }

    /**
     * The copy, written through a buffer; its failures say they are the copy's, not the input's. The
     * buffer writes to the file only with write(byte[], int, int).
     */
    private static OutputStream copyStream(RandomAccessFile copy, Path directory) throws IOException {
        return new BufferedOutputStream(new FileOutputStream(copy.getFD()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    super.write(bytes, offset, length);
                } catch (IOException e) {
                    throw copyFailed(directory, e);
                }
            }
        }, 1 << 16);
    }

    /** The number of chats: the lines that are not blank. */
    public int chats() {
        return checked.chats();
    }

    /** The number of the first line holding a message to post, 0 when none does. */
    public int firstWithMessage() {
        return checked.firstWithMessage();
    }

    /** Whether a line names groups whose people join its chat ("membersOf"). */
    public boolean namesGroups() {
        return checked.namesGroups();
    }

    /** The most people a line lists one by one. */
    public int mostListed() {
        return checked.mostListed();
    }

    /** The chats, in input order, each read again from the copy; one pass at a time. */
    public Iterable<InputLine> lines() {
        return () -> {
            try {
                copy.seek(0);
                return Spliterators.iterator(new Lines(new ByteLines(new FileInputStream(copy.getFD()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void close() throws IOException {
        copy.close();
    }

    private static Checked check(ByteLines lines, OutputStream out, Function<String, ChatRequestBody.Line> parse)
            throws IOException {
        List<String> problems = new ArrayList<>();
        int number = 0;
        int chats = 0;
        Seen seen = new Seen();
        byte[] bytes = new byte[MAX_LINE_BYTES];
        for (int length = nextLine(lines, bytes); length >= 0; length = nextLine(lines, bytes)) {
            number++;
            if (number > MAX_LINES) {
                problems.add("the input goes on past " + MAX_LINES + " lines: split it into several runs");
                throw new InvalidInputException(problems, "the input is too long; nothing was sent");
            }
            if (length > MAX_LINE_BYTES) {
                problems.add("line " + number + " is longer than " + MAX_LINE_BYTES / 1024 + " KiB: a line is one chat's "
                        + "create body");
                throw new InvalidInputException(problems, "line " + number + " is too long; nothing was sent");
            }
            int start = number == 1 && length >= BYTE_ORDER_MARK.length
                    && Arrays.equals(bytes, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length)
                    ? BYTE_ORDER_MARK.length : 0;
            String text;
            try {
                text = ByteLines.utf8(bytes, start, length);
            } catch (UsageException e) {
                problems.add("line " + number + ": " + e.getMessage());
                out.write('\n');
                chats++;
                continue;
            }
            if (!text.isBlank()) {
                chats++;
                try {
                    seen.line(number, parse.apply(text));
                } catch (UsageException e) {
                    problems.add("line " + number + ": " + e.getMessage());
                }
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            out.write('\n');
        }
        out.flush();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems, problems.size() + " of " + chats + " lines "
                    + (problems.size() == 1 ? "is" : "are") + " not a chat chat can create; nothing was sent");
        }
        return seen.checked(chats);
    }

    private static int nextLine(ByteLines lines, byte[] bytes) throws IOException {
        try {
            return lines.next(bytes);
        } catch (IOException e) {
            throw new IOException("cannot read it: " + e.getMessage(), e);
        }
    }

    /**
     * Sixteen bytes of SHA-256 of what the line asks for: the same chat, however written, has the same
     * digest; a line with a message digests the message too, and one without the body alone, as ever.
     */
    static String digest(ChatDraft request, ChatMessage message) {
        return LineKeys.digest(ChatRequestBody.canonical(request, message));
    }

    /**
     * A file no other process can find: named only for as long as it takes to open it (where the
     * system allows; elsewhere removed at exit), so that even kill -9 leaves nothing behind.
     */
    private static RandomAccessFile unnamedFile(Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "chat-input-", ".jsonl"); // owner-only
        RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw");
        try {
            Files.delete(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
        return open;
    }

    /** The second pass: each chat line parsed again, and keyed by what it asks for and how often before. */
    private final class Lines extends Spliterators.AbstractSpliterator<InputLine> {
        private final ByteLines raw;
        private final byte[] bytes = new byte[MAX_LINE_BYTES];
        private final Map<String, Integer> seen = new HashMap<>();
        private int number;
        private int index;

        Lines(ByteLines raw) {
            super(Long.MAX_VALUE, ORDERED | NONNULL);
            this.raw = raw;
        }

        @Override
        public boolean tryAdvance(Consumer<? super InputLine> next) {
            for (int length = read(); length >= 0; length = read()) {
                number++;
                String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
                if (!text.isBlank()) {
                    ChatRequestBody.Line line = parse.apply(text);
                    String digest = digest(line.draft(), line.message());
                    int occurrence = seen.merge(digest, 1, Integer::sum);
                    next.accept(new InputLine(number, index++, line.draft(), line.message(), digest + "#" + occurrence));
                    return true;
                }
            }
            return false;
        }

        private int read() {
            try {
                return raw.next(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the copy of the input again: " + e.getMessage(), e);
            }
        }
    }
}
