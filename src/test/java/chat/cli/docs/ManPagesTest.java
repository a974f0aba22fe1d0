package chat.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.cli.ChatCli;
import chat.errors.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

class ManPagesTest {

    @Test
    void aPageForChatAndEachCommandWithEveryOption(@TempDir Path directory) throws Exception {
        ManPages.write(ChatCli.commandModel(), chat.cli.Version.number(), directory);

        CommandLine root = ChatCli.commandModel();
        for (CommandLine sub : CommandModel.subcommands(root)) {
            Path page = directory.resolve("chat-" + sub.getCommandName() + ".1");
            String text = Files.readString(page);
            assertTrue(text.startsWith(".TH CHAT-" + sub.getCommandName().toUpperCase() + " 1 "), text);
            for (String section : List.of(".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXAMPLES", ".SH SEE ALSO")) {
                assertTrue(text.contains(section + "\n"), page + " lacks " + section);
            }
            // written once, in chat(1): each command's page points there
            assertTrue(text.contains(".SH EXIT STATUS\nAs for every command: see \\fBchat\\fR(1)"), text);
            assertTrue(text.contains(".SH ENVIRONMENT\nAs for every command: see \\fBchat\\fR(1)"), text);
            assertFalse(text.contains("CHAT_ACCESS_TOKEN"), page + " repeats the environment");
            for (OptionSpec option : sub.getCommandSpec().options()) {
                assertTrue(text.contains("\\fB" + ManPages.roff(option.longestName()) + "\\fR"),
                        page + " lacks " + option.longestName());
            }
        }
        String chat = Files.readString(directory.resolve("chat.1"));
        assertTrue(chat.contains(".SH COMMANDS\n") && chat.contains("\\fBchat\\-create\\fR(1)"), chat);
        for (HelpText.Entry variable : HelpText.ENVIRONMENT) {
            assertTrue(chat.contains(".B " + ManPages.roff(variable.name()) + "\n"), "chat.1 lacks " + variable.name());
        }
        for (String code : ExitCodes.descriptions().keySet()) {
            assertTrue(chat.contains(".B " + code.strip() + "\n"), "chat.1 lacks exit status " + code);
        }
        String create = Files.readString(directory.resolve("chat-create.1"));
        assertTrue(create.contains(".SH EXAMPLES\n") && create.contains("chat create \\-\\-one\\-on\\-one"), create);
        for (HelpText.Example example : HelpText.DOCUMENTED) {
            assertTrue(create.contains(ManPages.roff(example.lines().get(0)) + "\n"), "chat-create.1 lacks " + example);
        }
    }

    @Test
    void manRendersThePagesWithoutWarnings(@TempDir Path directory) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "no groff here");
        ManPages.write(ChatCli.commandModel(), chat.cli.Version.number(), directory);
        for (String name : List.of("chat.1", "chat-create.1", "chat-status.1")) {
            Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", directory.resolve(name).toString())
                    .redirectErrorStream(true).start();
            String warnings = new String(groff.getInputStream().readAllBytes());
            assertTrue(groff.waitFor(30, TimeUnit.SECONDS));
            assertEquals("", warnings, name);
            assertEquals(0, groff.exitValue());
        }
    }

    @Test
    void roffTextCannotBecomeARequest() {
        assertEquals("\\&.pfx files", ManPages.roff(".pfx files"));
        assertEquals("a\\ee \\-\\-x", ManPages.roff("a\\e --x"));
    }
}
