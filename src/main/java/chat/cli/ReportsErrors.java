package chat.cli;

import chat.output.OutputFormat;

/** A command whose failures follow its -o and --verbose: a JSON error line, a stack trace. */
interface ReportsErrors {
    /** -o, or null for a command that prints no result. */
    OutputFormat output();

    DiagnosticOptions diagnostics();
}
