package chat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/** Lines of a --from file as the tool itself writes them: `chat create … --dry-run -o json`, one a line. */
public final class ChatLines {
    private ChatLines() {
    }

    /** A third one-on-one chats with a lead, the rest group chats of a new hire, a buddy and the lead. */
    public static List<String> generate(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] args = i % 3 == 0
                    ? new String[] {"create", "--one-on-one", "-m", "lead@contoso.com", "-m", "hire" + i + "@contoso.com",
                        "--dry-run", "-o", "json"}
                    : new String[] {"create", "--group", "--topic", "Welcome " + i, "-m", "hire" + i + "@contoso.com",
                        "-m", "buddy" + i + "@contoso.com", "-m", "lead@contoso.com", "--dry-run", "-o", "json"};
            CliRunner.Result body = new CliRunner().run(args);
            assertEquals(0, body.exitCode(), body::toString);
            assertEquals(1, body.out().lines().count(), "one line a chat: " + body.out());
            lines.add(body.out().strip());
        }
        return lines;
    }
}
