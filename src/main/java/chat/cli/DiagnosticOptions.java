package chat.cli;

import picocli.CommandLine.Option;

/** --verbose: the HTTP exchange on stderr, secrets redacted, and stack traces of unexpected faults. */
public final class DiagnosticOptions {

    @Option(names = "--verbose", order = 30,
            description = "Trace each HTTP request and answer on stderr, secrets redacted.")
    boolean verbose;
}
