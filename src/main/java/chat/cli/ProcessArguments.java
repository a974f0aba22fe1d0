package chat.cli;

import chat.errors.UsageException;
import chat.text.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The words of the command line as they were typed. The JVM decodes them in the locale's character
 * set, and where that is not UTF-8 (`java -jar` in a container, LANG=C) "café" arrives as
 * "caf\uFFFD\uFFFD", as do bytes that are no text at all. Where the system shows a process its own
 * arguments' bytes (/proc/self/cmdline), a word holding U+FFFD is read again from them as UTF-8: text
 * becomes what was typed, and bytes that are not UTF-8 are refused, as in an input file.
 */
final class ProcessArguments {
    private static final char REPLACEMENT = '\uFFFD';

    /** @param problem why the words cannot be taken, said as a usage error; null when they can */
    record Read(String[] args, String problem) {
    }

    private ProcessArguments() {
    }

    /** @param commandLine the process's arguments, each ended by a NUL, the program's own first; null if unknown */
    static Read read(String[] args, Supplier<byte[]> commandLine) {
        if (Arrays.stream(args).noneMatch(arg -> arg.indexOf(REPLACEMENT) >= 0)) {
            return new Read(args, null); // what nearly every run is: nothing read again
        }
        List<byte[]> typed = lastWords(commandLine.get(), args);
        String[] read = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf(REPLACEMENT) < 0) {
                continue;
            }
            if (typed == null) {
                return new Read(args, named(args, i) + " holds bytes that are not text in this locale's character set: "
                        + "set a UTF-8 locale (LC_ALL=C.UTF-8)");
            }
            try {
                read[i] = Utf8.strict(typed.get(i), 0, typed.get(i).length);
            } catch (UsageException e) {
                return new Read(args, named(args, i) + ": " + e.getMessage());
            }
        }
        return new Read(read, null);
    }

    /** This process's arguments, where Linux shows them; else null. */
    static byte[] ofThisProcess() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * The bytes of the program's own words: the last ones of the process's (the runtime's options and
     * the class come first). Null unless every word that is ASCII in both agrees, so that a word is
     * never read from another's bytes.
     */
    private static List<byte[]> lastWords(byte[] commandLine, String[] args) {
        if (commandLine == null) {
            return null;
        }
        List<byte[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < commandLine.length; i++) {
            if (commandLine[i] == 0) {
                words.add(Arrays.copyOfRange(commandLine, start, i));
                start = i + 1;
            }
        }
        if (start < commandLine.length || words.size() < args.length) {
            return null; // cut short, or not these arguments
        }
        List<byte[]> last = words.subList(words.size() - args.length, words.size());
        for (int i = 0; i < args.length; i++) {
            boolean ascii = args[i].chars().allMatch(c -> c < 0x80);
            if (ascii && !args[i].equals(new String(last.get(i), StandardCharsets.ISO_8859_1))) {
                return null;
            }
        }
        return last;
    }

    /** The option a word is the value of, as a person would look for it: "--topic"; else its place. */
    private static String named(String[] args, int index) {
        String arg = args[index];
        if (arg.startsWith("-") && arg.contains("=")) {
            return arg.substring(0, arg.indexOf('='));
        }
        if (index > 0 && args[index - 1].startsWith("-") && !args[index - 1].contains("=")) {
            return args[index - 1];
        }
        return "argument " + (index + 1);
    }
}
