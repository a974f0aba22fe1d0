package chat.cli;

import chat.output.OutputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** -o text|json, shared by the commands that print a result. */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = FormatConverter.class, order = 7,
            completionCandidates = FormatNames.class,
            description = "text (default; for create: the chat id alone) or json (for create: the chat as Graph "
                    + "returned it).")
    OutputFormat format = OutputFormat.TEXT;

    public OutputFormat format() {
        return format;
    }

    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("text", "json").iterator();
        }
    }

    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
