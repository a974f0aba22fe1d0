package chat.cli;

import picocli.CommandLine.Option;

/** Which app registration and tenant to sign in with. */
public final class AppOptions {

    @Option(names = "--tenant", paramLabel = "TENANT", order = 11,
            description = "Tenant id or domain (env AZURE_TENANT_ID; a person's default: organizations).")
    String tenant;

    @Option(names = "--client-id", paramLabel = "ID", order = 12,
            description = "Application (client) id (env AZURE_CLIENT_ID; a person's default: Microsoft Graph "
                    + "Command Line Tools).")
    String clientId;
}
