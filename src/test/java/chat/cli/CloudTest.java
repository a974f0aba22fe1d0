package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.CliRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A national cloud decides the Graph host of the request and of every member bind. */
class CloudTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GROUP = {"create", "--group", "-m", "jacob@contoso.com", "-m", "alex@contoso.com",
        "--install-app", "05f59cec-a742-4a50-a62e-202a57e478a4", "--dry-run"};

    @ParameterizedTest(name = "--cloud {0}")
    @CsvSource({
        "global,    https://graph.microsoft.com",
        "usgov,     https://graph.microsoft.us",
        "usgov-dod, https://dod-graph.microsoft.us",
        "china,     https://microsoftgraph.chinacloudapi.cn",
        "USGov,     https://graph.microsoft.us",
    })
    void theCloudOptionPicksTheHost(String cloud, String host) throws Exception {
        assertHost(host, CliRunner.offline().run(with("--cloud", cloud)), CliRunner.offline().run(with("--cloud", cloud, "-o", "json")));
    }

    @ParameterizedTest(name = "CHAT_CLOUD={0}")
    @CsvSource({"usgov, https://graph.microsoft.us", "china, https://microsoftgraph.chinacloudapi.cn",
        "'', https://graph.microsoft.com"})
    void theVariableDoesWhenTheOptionIsNotGiven(String cloud, String host) throws Exception {
        CliRunner runner = CliRunner.offline().env("CHAT_CLOUD", cloud);
        assertHost(host, runner.run(GROUP), runner.run(with("-o", "json")));
    }

    @ParameterizedTest(name = "--cloud beats CHAT_CLOUD")
    @CsvSource({"china, usgov-dod, https://dod-graph.microsoft.us"})
    void theOptionBeatsTheVariable(String variable, String option, String host) throws Exception {
        CliRunner runner = CliRunner.offline().env("CHAT_CLOUD", variable);
        assertHost(host, runner.run(with("--cloud", option)), runner.run(with("--cloud", option, "-o", "json")));
    }

    private static void assertHost(String host, CliRunner.Result text, CliRunner.Result json) throws Exception {
        assertEquals(0, text.exitCode(), text::toString);
        assertEquals("POST " + host + "/v1.0/chats", text.out().lines().findFirst().orElseThrow());
        JsonNode body = JSON.readTree(json.out());
        for (JsonNode member : body.get("members")) {
            assertEquals(true, member.get("user@odata.bind").asText().startsWith(host + "/v1.0/users('"), member::toString);
        }
        assertEquals(host + "/v1.0/appCatalogs/teamsApps/05f59cec-a742-4a50-a62e-202a57e478a4",
                body.at("/installedApps/0/teamsApp@odata.bind").asText());
    }

    private static String[] with(String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(GROUP), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }
}
