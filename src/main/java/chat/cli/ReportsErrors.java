package chat.cli;

/** A command whose failures follow its -o and --verbose: a JSON error line, a stack trace. */
interface ReportsErrors {
    OutputOptions output();

    DiagnosticOptions diagnostics();
}
