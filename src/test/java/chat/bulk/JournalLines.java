package chat.bulk;

import chat.graph.Identity;
import chat.request.ChatRequestBody;
import chat.request.Member;
import chat.testing.FakeDirectory;
import java.time.Instant;
import java.util.List;

/** Journal lines as a run of chat writes them, for tests that stand for a run cut short. */
final class JournalLines {
    private JournalLines() {
    }

    /** A run's header, as this version writes it: lines keyed by their people. */
    static String header(long pid) {
        return "{\"journal\":" + Journal.FORMAT + ",\"pid\":" + pid + ",\"started\":\"" + Instant.now() + "\"}\n";
    }

    /** The header of a run of the version that keyed lines by their text (format 1). */
    static String textKeyedHeader(long pid) {
        return "{\"journal\":1,\"pid\":" + pid + ",\"started\":\"" + Instant.now() + "\"}\n";
    }

    /** The key of the {@code occurrence}-th line asking for this chat, its people as the fake Graph's directory knows them. */
    static String key(String body, int occurrence) {
        ChatRequestBody.Line line = ChatRequestBody.parseLine(body, "https://graph.microsoft.com", false);
        InputLine input = new InputLine(1, 0, line.draft(), line.message(), "");
        List<String> people = line.draft().members().stream().map(JournalLines::person).toList();
        return LineKeys.digest(LineKeys.canonical(input, people)) + "#" + occurrence;
    }

    private static String person(Member member) {
        String id = member.user().isObjectId() ? member.user().value() : FakeDirectory.idOf(member.user().value());
        return LineKeys.person(member, new Identity(member.user(), Identity.Kind.OBJECT_ID, id, member.tenantId()));
    }

    /** The key a run of format 1 gave the {@code occurrence}-th line of the input with this text. */
    static String textKey(String body, int occurrence) {
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
