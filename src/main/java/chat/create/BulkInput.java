package chat.create;

import chat.request.ChatRequest;
import chat.request.ChatRequestBody;
import chat.request.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A --from file: JSON Lines, each line a create-chat request body (what `chat create … --dry-run -o
 * json` prints), blank lines skipped. Every line is checked before anything is sent. No lines, no
 * chats: a scheduled run with nothing to do that day succeeds.
 */
public final class BulkInput {
    private BulkInput() {
    }

    /** Every bad line, each "line N: why". */
    public static final class InvalidInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidInputException(List<String> problems, int lines) {
            super(problems.size() + " of " + lines + " lines " + (problems.size() == 1 ? "is" : "are")
                    + " not a chat chat can create; nothing was sent");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * @param graphBase         the cloud's Graph host, which every bind must name
     * @param signedInUserToAdd a person's sign-in: the signed-in user is added to each chat unless listed
     */
    public static List<InputLine> read(BufferedReader reader, String graphBase, boolean signedInUserToAdd)
            throws IOException {
        List<InputLine> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int number = 0;
        int chats = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // the byte order mark some Windows tools write
            }
            if (text.isBlank()) {
                continue;
            }
            chats++;
            try {
                ChatRequest request = ChatRequestBody.parse(text, graphBase, signedInUserToAdd);
                lines.add(new InputLine(number, request, digest(ChatRequestBody.json(request, graphBase, false))));
            } catch (InvalidRequestException e) {
                problems.add("line " + number + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems, chats);
        }
        return lines;
    }

    static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
