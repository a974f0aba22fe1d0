import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs that the class-data archives are trained on, one after another in one JVM, as Java 25's
 * AOT cache is trained by one process: help, the version, dry runs, creates sent to the stand-in for
 * Graph, a bulk run with its journal and an input error, each through chat.cli.ChatCli.run as bin/chat runs it. training/train
 * sets up the environment (a token, HTTPS_PROXY to the stand-in, its trust store) and starts this
 * class through the launcher, so that the JVM is set up as chat's own is.
 *
 * A run that does not end as it would for a person fails the training: an archive of error paths
 * would look like a trained one and spare little. Exits 0 when every run ended as expected, else 1.
 */
public final class TrainingRuns {
    private record Run(int exitCode, String... args) {
    }

    private static final String[] MEMBERS = {"-m", "jacob@contoso.com", "-m", "alex@contoso.com"};

    private static final List<Run> RUNS = List.of(
            new Run(0, "--help"),
            new Run(0, "--version"),
            new Run(0, "create", "--help"),
            new Run(0, join(List.of("create", "--one-on-one"), MEMBERS, "--dry-run")),
            new Run(0, "create", "--group", "--topic", "Training", "-m", "jacob@contoso.com",
                    "-m", "8b081ef6-4792-4def-b2c9-c363a1bf41d5", "--dry-run", "-o", "json"),
            new Run(0, join(List.of("create", "--one-on-one"), MEMBERS)),
            new Run(0, join(List.of("create", "--group", "--topic", "Training"), MEMBERS, "-o", "json")),
            new Run(2, "create", "--one-on-one", "-m", "not-a-user"),
            new Run(0, "status"));

    private TrainingRuns() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        // bin/chat starts chat.cli.Main, which these runs go around: loaded here, it is archived too
        Class.forName("chat.cli.Main");
        List<String> unexpected = new ArrayList<>();
        List<Run> runs = new ArrayList<>(RUNS);
        runs.add(bulkRun());
        for (Run run : runs) {
            int exitCode = chat.cli.ChatCli.run(run.args());
            if (exitCode != run.exitCode()) {
                unexpected.add("'chat " + String.join(" ", run.args()) + "' exited " + exitCode + ", not "
                        + run.exitCode());
            }
        }
        unexpected.forEach(line -> System.err.println("training: " + line));
        System.exit(unexpected.isEmpty() ? 0 : 1);
    }

    /** A file of two chats sent with a journal, as a pipeline sends many: the bulk run's classes are archived too. */
    private static Run bulkRun() {
        try {
            Path directory = Files.createTempDirectory("chat-training");
            directory.toFile().deleteOnExit();
            Path input = directory.resolve("chats.jsonl");
            Path journal = directory.resolve("chats.journal");
            input.toFile().deleteOnExit();
            journal.toFile().deleteOnExit();
            Files.writeString(input, line("Training 1") + line("Training 2"));
            return new Run(0, "create", "--from", input.toString(), "--journal", journal.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(String topic) {
        StringBuilder members = new StringBuilder();
        for (String user : List.of("jacob@contoso.com", "alex@contoso.com")) {
            members.append(members.length() == 0 ? "" : ",").append("{\"@odata.type\":\"#microsoft.graph."
                    + "aadUserConversationMember\",\"roles\":[\"owner\"],\"user@odata.bind\":\"https://graph."
                    + "microsoft.com/v1.0/users('" + user + "')\"}");
        }
        return "{\"chatType\":\"group\",\"topic\":\"" + topic + "\",\"members\":[" + members + "]}\n";
    }

    private static String[] join(List<String> head, String[] members, String... tail) {
        List<String> words = new ArrayList<>(head);
        words.addAll(List.of(members));
        words.addAll(List.of(tail));
        return words.toArray(String[]::new);
    }
}
