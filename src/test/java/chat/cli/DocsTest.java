package chat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.cli.docs.HelpText;
import chat.errors.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README stays short, every link between the documentation's pages leads somewhere (the page,
 * and the heading an anchor names), and what the pages list is what chat has.
 */
class DocsTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Path DOCS = Path.of("docs");

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void theReadmeFitsInAFewScreens() throws IOException {
        long lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8).size();
        assertTrue(lines <= 200, "README.md has " + lines + " lines: move what is not a first step into docs/");
    }

    @Test
    void everyLinkLeadsToAPageAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:: not this repository's
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path linked = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(linked).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading; there are " + anchors(linked) + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyPageIsInTheIndex() throws IOException {
        List<String> indexed = links(DOCS.resolve("README.md"));
        for (Path page : pages()) {
            if (page.startsWith(DOCS) && !page.endsWith("README.md")) {
                assertTrue(indexed.contains(page.getFileName().toString()), page + " is not listed in docs/README.md");
            }
        }
    }

    @Test
    void theEnvironmentPageListsWhatChatReads() throws IOException {
        String page = Files.readString(DOCS.resolve("environment.md"), StandardCharsets.UTF_8);
        for (HelpText.Entry entry : HelpText.ENVIRONMENT) {
            for (String variable : entry.name().split(", ")) {
                assertTrue(page.contains("`" + variable + "`"), "docs/environment.md lacks " + variable);
            }
        }
    }

    @Test
    void theReadmeListsEveryExitCode() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        for (String code : ExitCodes.descriptions().keySet()) {
            assertTrue(readme.contains("\n| " + code.strip() + " | "), "README.md lacks exit code " + code.strip());
        }
    }

    @Test
    void thePagesHelpNamesAreThere() {
        picocli.CommandLine root = ChatCli.commandModel();
        for (picocli.CommandLine command : root.getSubcommands().values()) {
            Matcher named = Pattern.compile("docs/[a-z-]+\\.md").matcher(command.getUsageMessage());
            while (named.find()) {
                assertTrue(Files.exists(Path.of(named.group())), command.getCommandName() + " --help names " + named.group());
            }
        }
    }

    /** The links of a page, outside its code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("^#{1,6} .*")) {
                String heading = line.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
