package chat.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An offline runner is a claim that nothing is sent: a run that sends must fail the test. */
class OfflineRunnerTest {

    @Test
    void aRunThatSendsFailsTheTestAndNamesTheRequest() {
        AssertionError failure = assertThrows(AssertionError.class, () -> CliRunner.offline()
                .env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN)
                .run("create", "--one-on-one", "-m", "jacob@contoso.com", "-m", "alex@contoso.com", "--max-retries", "0"));

        assertTrue(failure.getMessage().startsWith("an offline run sent [POST https://graph.microsoft.com/v1.0/chats]"),
                failure.getMessage());
    }
}
