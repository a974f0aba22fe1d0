package chat.create;

import chat.request.ChatRequestBody;
import java.time.Instant;

/** Journal lines as a run of chat writes them, for tests that stand for a run cut short. */
final class JournalLines {
    private JournalLines() {
    }

    static String header(long pid) {
        return "{\"journal\":1,\"pid\":" + pid + ",\"started\":\"" + Instant.now() + "\"}\n";
    }

    /** The key of the {@code occurrence}-th line of the input that asks for this body. */
    static String key(String body, int occurrence) {
        ChatRequestBody.Line line = ChatRequestBody.parseLine(body, "https://graph.microsoft.com", false);
        return BulkInput.digest(line.draft(), line.message()) + "#" + occurrence;
    }

    static String sending(String body, int line, Instant at, Instant until) {
        return "{\"chat\":\"" + key(body, 1) + "\",\"line\":" + line + ",\"state\":\"sending\",\"at\":\"" + at
                + "\",\"until\":\"" + until + "\"}\n";
    }

    static String created(String body, int line, String chatId) {
        return "{\"chat\":\"" + key(body, 1) + "\",\"line\":" + line + ",\"state\":\"created\",\"id\":\"" + chatId
                + "\"}\n";
    }
}
