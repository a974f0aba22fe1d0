package chat.cli;

import chat.output.OutputFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** -o text|json, shared by the commands that print a result. */
public final class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = FormatConverter.class, order = 7,
            description = "text (default): the chat id alone on stdout; json: the chat object as Graph returned it.")
    OutputFormat format = OutputFormat.TEXT;

    public OutputFormat format() {
        return format;
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
