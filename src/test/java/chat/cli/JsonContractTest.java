package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeGraph;
import chat.testing.Reply;
import chat.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/json.md is a contract: every field its tables list is printed with the type they give, those
 * marked "always" in every answer, the others in at least one of the runs here; and nothing is printed
 * that they do not list (but for Graph's own properties of a created chat, which pass through).
 */
class JsonContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTRACT = Pattern.compile("<!-- contract: ([a-z-]+)(.*)-->");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\|$");
    private static final Set<String> TYPES = Set.of("string", "number", "boolean", "object", "array", "instant", "null");
    private static final String ALEX = "alex@contoso.com";
    private static final String JACOB = "jacob@contoso.com";
    private static final String MEGAN_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
    private static final String A = "8c0a1a67-50ce-4114-bb6c-da9c5dbcf6ca";
    private static final String B = "82fe7758-5bb3-4f0d-a43f-e555fd399c6f";
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";

    /** A documented field: its path, the types it may have, and whether it is always there. */
    record Field(String path, Set<String> types, boolean always) {
    }

    record Contract(String name, boolean open, Map<String, Field> fields) {
    }

    private static Map<String, Contract> contracts;

    @TempDir
    Path directory;

    @BeforeAll
    static void readTheDocumentation() throws IOException {
        contracts = new LinkedHashMap<>();
        Contract current = null;
        for (String line : Files.readAllLines(Path.of("docs", "json.md"), StandardCharsets.UTF_8)) {
            Matcher contract = CONTRACT.matcher(line);
            Matcher row = ROW.matcher(line);
            if (contract.find()) {
                current = new Contract(contract.group(1), contract.group(2).contains("pass through"), new LinkedHashMap<>());
                contracts.put(current.name(), current);
            } else if (current != null && row.matches()) {
                Set<String> types = new LinkedHashSet<>();
                for (String word : row.group(2).split(":")[0].split("[ ,]+")) {
                    if (TYPES.contains(word)) {
                        types.add(word);
                    }
                }
                assertTrue(!types.isEmpty(), "no type in docs/json.md's row " + line);
                current.fields().put(row.group(1), new Field(row.group(1), types, row.group(3).startsWith("always")));
            } else if (current != null && line.isBlank() && !current.fields().isEmpty()) {
                current = null;
            }
        }
        assertEquals(Set.of("create", "dry-run", "status", "error", "bulk"), contracts.keySet());
    }

    @Test
    void createPrintsTheChatAsDocumented() throws IOException {
        List<JsonNode> printed = new ArrayList<>();
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph(), Reply.asGraph())) {
            printed.add(json(sender(graph).run("create", "--group", "--topic", "Incident 42", "-m", JACOB, "-m", ALEX,
                    "--message", "Sev 2", "-o", "json").out()));
            printed.add(json(sender(graph).run("create", "--one-on-one", "-m", ALEX, "-o", "json").out()));
        }
        List<String> command = new ArrayList<>(List.of("create", "--group", "-o", "json"));
        for (int i = 1; i <= 201; i++) {
            command.addAll(List.of("-m", "person" + i + "@contoso.com"));
        }
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(chat.testing.FakeDirectory.idOf("person201@contoso.com"),
                Reply.graphError(403, "Forbidden", "The caller is not a member of the chat."))) {
            // 200 in the create, and the last one not added: Graph refuses it
            printed.add(json(CliRunner.against(graph).env("CHAT_ACCESS_TOKEN",
                    Tokens.unsigned("{\"scp\":\"Chat.Create ChatMember.ReadWrite\"}")).run(command.toArray(String[]::new))
                    .out()));
        }
        assertHolds("create", printed);
    }

    @Test
    void aDryRunPrintsTheBodyAsDocumented() throws IOException {
        assertHolds("dry-run", List.of(
                json(CliRunner.offline().run("create", "--group", "--topic", "Welcome", "-m", A, "-g", B,
                        "--federated", MEGAN_ID + "=" + TENANT, "--install-app", TENANT, "--message", "<b>Hi</b>", "--html",
                        "--dry-run", "-o", "json").out()),
                json(CliRunner.offline().run("create", "--one-on-one", "-m", JACOB, "-m", ALEX, "--message", "Hi",
                        "--dry-run", "-o", "json").out())));
    }

    @Test
    void statusPrintsWhatItFoundAsDocumented() throws Exception {
        List<JsonNode> printed = new ArrayList<>();
        try (FakeCloud cloud = FakeCloud.start()) {
            String app = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";
            cloud.identityProvider().withSecretApp(app, "secret");
            printed.add(json(cloud.runner().env("AZURE_TENANT_ID", TENANT).env("AZURE_CLIENT_ID", app)
                    .env("AZURE_CLIENT_SECRET", "secret").run("status", "-o", "json").out()));
            CliRunner person = cloud.runner();
            assertEquals(0, person.run("login").exitCode());
            printed.add(json(cloud.runnerSharing(person).run("status", "-o", "json").out()));
        }
        printed.add(json(CliRunner.offline().env("CHAT_ACCESS_TOKEN", "opaque-token").run("status", "-o", "json").out()));
        assertHolds("status", printed);
    }

    @Test
    void failuresPrintTheDocumentedErrorLine() throws IOException {
        List<JsonNode> printed = new ArrayList<>();
        String[] group = {"create", "--group", "-m", JACOB, "-m", ALEX, "-o", "json"};
        try (FakeGraph graph = FakeGraph.start().reply(Reply.graphError(403, "Forbidden", "Missing scope"),
                Reply.graphError(504, "GatewayTimeout", "Timed out"))) {
            printed.add(errorLine(CliRunner.against(graph).run(group)));
            printed.add(errorLine(CliRunner.against(graph).run(group)));
        }
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph()) {
            graph.chats().seedGroup(null, Instant.now(), JACOB, ALEX, MEGAN_ID);
            printed.add(errorLine(sender(graph).run("create", "--group", "-m", JACOB, "-m", ALEX, "--if-exists", "fail",
                    "-o", "json")));
        }
        String mayNotSend = Tokens.unsigned("{\"scp\":\"Chat.Create\",\"oid\":\"" + MEGAN_ID + "\"}");
        try (FakeGraph graph = FakeGraph.start().reply(Reply.asGraph(), Reply.asGraph())) {
            printed.add(errorLine(CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", mayNotSend)
                    .run("create", "--group", "-m", JACOB, "-m", ALEX, "--message", "hi", "-o", "json")));
        }
        printed.add(errorLine(CliRunner.offline().run("create", "--one-on-one", "-m", "alex", "-o", "json")));
        assertHolds("error", printed);
    }

    @Test
    void aBulkRunPrintsTheDocumentedLines() throws IOException {
        String refused = "refused@contoso.com";
        // the third is more than a create takes, and Graph refuses to add the others: notAdded
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 201; i++) {
            many.append(i == 1 ? "" : ",").append(member("p" + i + "@contoso.com"));
        }
        Path input = Files.writeString(directory.resolve("chats.jsonl"),
                line(JACOB, ALEX, ",\"message\":\"Welcome\"") + line(refused, ALEX, "")
                        + "{\"chatType\":\"group\",\"members\":[" + many + "]}\n");
        List<JsonNode> printed;
        try (FakeGraph graph = FakeGraph.start().answeringAsGraph().replyToAddsOf(chat.testing.FakeDirectory.idOf("p200@contoso.com"),
                Reply.graphError(403, "Forbidden", "The caller is not a member of the chat."))) {
            graph.replyToCreatesNaming(refused, Reply.graphError(404, "NotFound", "No such user"));
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", Tokens.unsigned("{\"scp\":"
                    + "\"Chat.Create Chat.ReadBasic ChatMessage.Send ChatMember.ReadWrite\",\"oid\":\"" + MEGAN_ID
                    + "\",\"upn\":\"megan@contoso.com\"}")).run("create", "--from", input.toString());
            printed = result.jsonLines();
        }
        assertEquals(3, printed.size(), printed::toString);
        assertHolds("bulk", printed);
    }

    private static String line(String first, String second, String more) {
        return "{\"chatType\":\"group\",\"members\":[" + member(first) + "," + member(second) + "]" + more + "}\n";
    }

    private static String member(String user) {
        return "{\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"roles\":[\"owner\"],"
                + "\"user@odata.bind\":\"https://graph.microsoft.com/v1.0/users('" + user + "')\"}";
    }

    private static CliRunner sender(FakeGraph graph) {
        return CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", FirstMessageTest.SENDER);
    }

    private static JsonNode errorLine(CliRunner.Result result) throws IOException {
        List<String> lines = result.err().lines().toList();
        assertTrue(lines.size() >= 2 && lines.get(0).startsWith("chat: "), result::toString);
        return json(lines.get(lines.size() - 1));
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** Each answer as the contract says; and each field of the contract printed in one answer or more. */
    private static void assertHolds(String name, List<JsonNode> printed) {
        Contract contract = contracts.get(name);
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode answer : printed) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            flatten("", answer, fields);
            fields.forEach((path, value) -> {
                Field field = documented(contract, path);
                assertTrue(field != null || contract.open(), () -> name + ": " + path + " is printed but not in docs/json.md: "
                        + answer);
                if (field != null) {
                    assertTrue(field.types().stream().anyMatch(type -> is(type, value)), () -> name + ": " + path + " is "
                            + value + ", not " + field.types());
                }
            });
            for (Field field : contract.fields().values()) {
                String parent = field.path().contains("/") ? field.path().substring(0, field.path().lastIndexOf('/')) : "";
                assertTrue(!field.always() || (!parent.isEmpty() && !fields.containsKey(parent))
                        || fields.containsKey(field.path()), () -> name + ": " + field.path() + " is always there, but not in "
                        + answer);
            }
            seen.addAll(fields.keySet());
        }
        for (String path : contract.fields().keySet()) {
            assertTrue(seen.contains(path), () -> name + ": " + path + " is in docs/json.md, but no run here printed it");
        }
    }

    /** A bulk line's error is the error object of errors: its fields are held to that contract. */
    private static Field documented(Contract contract, String path) {
        Field field = contract.fields().get(path);
        if (field == null && contract.name().equals("bulk") && path.startsWith("error/")) {
            return contracts.get("error").fields().get(path);
        }
        return field;
    }

    /** Every field by its path, "a/b" in objects and "a[]/b" in arrays of objects. */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> fields) {
        node.fields().forEachRemaining(entry -> {
            String path = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            fields.put(path, value);
            if (value.isObject()) {
                flatten(path + "/", value, fields);
            } else if (value.isArray()) {
                value.forEach(element -> {
                    if (element.isObject()) {
                        flatten(path + "[]/", element, fields);
                    }
                });
            }
        });
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            case "instant" -> value.isTextual() && parses(value.asText());
            default -> false;
        };
    }

    private static boolean parses(String instant) {
        try {
            Instant.parse(instant);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void aFieldOfAnAnswerIsFoundByItsPath() throws IOException {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        flatten("", json("{\"a\":{\"b\":1},\"m\":[{\"roles\":[\"owner\"]}]}"), fields);
        assertEquals(List.of("a", "a/b", "m", "m[]/roles"), new ArrayList<>(fields.keySet()));
    }
}
