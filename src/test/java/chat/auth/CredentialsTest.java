package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import chat.errors.UsageException;
import chat.testing.CliRunner;
import chat.testing.Tokens;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which credential a run uses, from the flags, the variables, the account chat login cached and
 * whether a person is at a terminal; or why none can be used. Nothing is read or asked for here.
 */
class CredentialsTest {
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
    private static final String OTHER_TENANT = "11111111-2222-4333-8444-555555555555";
    private static final String CLIENT = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";
    private static final String OTHER_CLIENT = "5c2a7f61-0d3b-4e8f-9a1c-2b3d4e5f6a7b";
    private static final String MEGAN_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
    private static final String MEGANS_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String PUBLIC_CLIENT = Credentials.DEFAULT_PUBLIC_CLIENT_ID;
    private static final String DELEGATED_TOKEN = Tokens.unsigned("{\"scp\":\"Chat.Create\",\"oid\":\"" + MEGAN_ID
            + "\",\"upn\":\"megan@contoso.com\"}");
    private static final String PEM = "/etc/chat/app.pem";
    private static final String OIDC = "/var/run/secrets/azure/tokens/azure-identity-token";
    private static final String SECRET_FILE = "/run/secrets/chat";

    /** What `chat login` left: Megan, through the default app and "organizations". */
    private static final Optional<LoginProfile> LOGGED_IN = Optional.of(new LoginProfile("global", PUBLIC_CLIENT,
            "organizations", MEGAN_ID + "." + MEGANS_TENANT, "megan@contoso.com", MEGANS_TENANT));
    private static final Optional<LoginProfile> NOT_LOGGED_IN = Optional.empty();
    private static final boolean TERMINAL = true;
    private static final boolean NO_TERMINAL = false;

    private static final String NO_CREDENTIAL = "none: no credential: set CHAT_ACCESS_TOKEN, or AZURE_CLIENT_ID and "
            + "AZURE_TENANT_ID with AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE, or "
            + "use --managed-identity; or sign in first with: chat login";
    private static final String APP_SECRET = "client secret (AZURE_CLIENT_SECRET), tenant " + TENANT + ", client " + CLIENT;
    private static final String APP_CERTIFICATE = "client certificate (AZURE_CLIENT_CERTIFICATE_PATH " + PEM + "), tenant "
            + TENANT + ", client " + CLIENT + ", no password";
    private static final String DEFAULT_DEVICE_CODE = "device code sign-in, tenant organizations, client " + PUBLIC_CLIENT;

    /** The variables of a run: name, value, name, value, … */
    private static Map<String, String> env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return env;
    }

    /** An application's tenant and client id, and more variables (which may set those two otherwise). */
    private static Map<String, String> app(String... more) {
        Map<String, String> env = env("AZURE_TENANT_ID", TENANT, "AZURE_CLIENT_ID", CLIENT);
        env.putAll(env(more));
        return env;
    }

    /** The sign-in flags as a command line gives them. */
    private static SignInOptions flags(String... args) {
        String tenant = null;
        String clientId = null;
        Path certificate = null;
        Path secretFile = null;
        Path tokenFile = null;
        boolean managedIdentity = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tenant" -> tenant = args[++i];
                case "--client-id" -> clientId = args[++i];
                case "--certificate" -> certificate = Path.of(args[++i]);
                case "--client-secret-file" -> secretFile = Path.of(args[++i]);
                case "--federated-token-file" -> tokenFile = Path.of(args[++i]);
                case "--managed-identity" -> managedIdentity = true;
                default -> throw new IllegalArgumentException("not a sign-in flag: " + args[i]);
            }
        }
        return new SignInOptions(tenant, clientId, certificate, secretFile, tokenFile, managedIdentity);
    }

    /** The facts of a credential that decide how the run signs in, as one line to compare. */
    private static String facts(Credential credential) {
        String app;
        if (credential instanceof Credential.AccessTokenVariable token) {
            return token.description() + ", naming " + token.knownUser().map(SignedInUser::username).orElse("no user");
        } else if (credential instanceof Credential.ClientSecret secret) {
            app = ", tenant " + secret.tenant() + ", client " + secret.clientId();
        } else if (credential instanceof Credential.ClientCertificate certificate) {
            app = ", tenant " + certificate.tenant() + ", client " + certificate.clientId()
                    + (certificate.password() == null ? ", no password" : ", password " + certificate.password());
        } else if (credential instanceof Credential.WorkloadIdentity workload) {
            app = ", tenant " + workload.tenant() + ", client " + workload.clientId();
        } else if (credential instanceof Credential.CachedAccount cached) {
            app = cached.mayPrompt() ? ", may prompt" : ", never prompts";
        } else if (credential instanceof Credential.DeviceCode deviceCode) {
            app = ", tenant " + deviceCode.tenant() + ", client " + deviceCode.clientId();
        } else if (credential instanceof Credential.None none) {
            app = ": " + none.reason();
        } else {
            app = ""; // a managed identity: its description names the client id
        }
        return credential.description() + app;
    }

    static Stream<Arguments> chosen() {
        return Stream.of(
                // each alone
                Arguments.of("an access token", env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN), flags(), NOT_LOGGED_IN,
                        NO_TERMINAL, "access token (CHAT_ACCESS_TOKEN), naming no user"),
                Arguments.of("a person's access token", env("CHAT_ACCESS_TOKEN", DELEGATED_TOKEN), flags(), NOT_LOGGED_IN,
                        NO_TERMINAL, "access token (CHAT_ACCESS_TOKEN), naming megan@contoso.com"),
                Arguments.of("a client secret", app("AZURE_CLIENT_SECRET", "s3cr3t"), flags(), NOT_LOGGED_IN, NO_TERMINAL,
                        APP_SECRET),
                Arguments.of("a client secret file", app(), flags("--client-secret-file", SECRET_FILE), NOT_LOGGED_IN,
                        NO_TERMINAL, "client secret (--client-secret-file " + SECRET_FILE + "), tenant " + TENANT
                                + ", client " + CLIENT),
                Arguments.of("a certificate", app("AZURE_CLIENT_CERTIFICATE_PATH", PEM), flags(), NOT_LOGGED_IN,
                        NO_TERMINAL, APP_CERTIFICATE),
                Arguments.of("a certificate with its password", app("AZURE_CLIENT_CERTIFICATE_PATH", "/etc/chat/app.pfx",
                        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "pfx-password"), flags(), NOT_LOGGED_IN, NO_TERMINAL,
                        "client certificate (AZURE_CLIENT_CERTIFICATE_PATH /etc/chat/app.pfx), tenant " + TENANT
                                + ", client " + CLIENT + ", password pfx-password"),
                Arguments.of("a certificate flag, its password a variable", app("AZURE_CLIENT_CERTIFICATE_PASSWORD",
                        "pfx-password"), flags("--certificate", "/etc/chat/app.pfx"), NOT_LOGGED_IN, NO_TERMINAL,
                        "client certificate (--certificate /etc/chat/app.pfx), tenant " + TENANT + ", client " + CLIENT
                                + ", password pfx-password"),
                Arguments.of("a federated token file", app("AZURE_FEDERATED_TOKEN_FILE", OIDC), flags(), NOT_LOGGED_IN,
                        NO_TERMINAL, "workload identity federation (AZURE_FEDERATED_TOKEN_FILE " + OIDC + "), tenant "
                                + TENANT + ", client " + CLIENT),
                Arguments.of("a federated token file flag", app(), flags("--federated-token-file", OIDC), NOT_LOGGED_IN,
                        NO_TERMINAL, "workload identity federation (--federated-token-file " + OIDC + "), tenant "
                                + TENANT + ", client " + CLIENT),
                Arguments.of("a system-assigned managed identity", env(), flags("--managed-identity"), NOT_LOGGED_IN,
                        NO_TERMINAL, "managed identity (system-assigned)"),
                Arguments.of("a user-assigned managed identity", env(), flags("--managed-identity", "--client-id", CLIENT),
                        NOT_LOGGED_IN, NO_TERMINAL, "managed identity (user-assigned, client id " + CLIENT + ")"),
                Arguments.of("a managed identity of the client id variable", env("AZURE_CLIENT_ID", CLIENT),
                        flags("--managed-identity"), NOT_LOGGED_IN, NO_TERMINAL,
                        "managed identity (user-assigned, client id " + CLIENT + ")"),
                Arguments.of("the cached account, no terminal", env(), flags(), LOGGED_IN, NO_TERMINAL,
                        "signed in with chat login (megan@contoso.com), never prompts"),
                Arguments.of("the cached account at a terminal", env(), flags(), LOGGED_IN, TERMINAL,
                        "signed in with chat login (megan@contoso.com), may prompt"),
                Arguments.of("a device code at a terminal", env(), flags(), NOT_LOGGED_IN, TERMINAL, DEFAULT_DEVICE_CODE),
                Arguments.of("a device code for the app and tenant of the flags", env(),
                        flags("--tenant", "contoso.onmicrosoft.com", "--client-id", OTHER_CLIENT), NOT_LOGGED_IN, TERMINAL,
                        "device code sign-in, tenant contoso.onmicrosoft.com, client " + OTHER_CLIENT),
                Arguments.of("nothing, and no terminal", env(), flags(), NOT_LOGGED_IN, NO_TERMINAL, NO_CREDENTIAL),

                // a flag beats a variable that names another credential
                Arguments.of("a secret file over an access token", app("CHAT_ACCESS_TOKEN", CliRunner.TOKEN),
                        flags("--client-secret-file", SECRET_FILE), NOT_LOGGED_IN, NO_TERMINAL,
                        "client secret (--client-secret-file " + SECRET_FILE + "), tenant " + TENANT + ", client " + CLIENT),
                Arguments.of("a certificate over a client secret", app("AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags("--certificate", PEM), NOT_LOGGED_IN, NO_TERMINAL,
                        "client certificate (--certificate " + PEM + "), tenant " + TENANT + ", client " + CLIENT
                                + ", no password"),
                Arguments.of("a federated token file over a certificate", app("AZURE_CLIENT_CERTIFICATE_PATH", PEM),
                        flags("--federated-token-file", OIDC), NOT_LOGGED_IN, NO_TERMINAL,
                        "workload identity federation (--federated-token-file " + OIDC + "), tenant " + TENANT
                                + ", client " + CLIENT),
                Arguments.of("a managed identity over an access token and a secret",
                        env("CHAT_ACCESS_TOKEN", CliRunner.TOKEN, "AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags("--managed-identity"), NOT_LOGGED_IN, NO_TERMINAL, "managed identity (system-assigned)"),
                Arguments.of("a secret file over a federated token file", app("AZURE_FEDERATED_TOKEN_FILE", OIDC),
                        flags("--client-secret-file", SECRET_FILE), NOT_LOGGED_IN, NO_TERMINAL,
                        "client secret (--client-secret-file " + SECRET_FILE + "), tenant " + TENANT + ", client " + CLIENT),
                Arguments.of("--tenant and --client-id over their variables", app("AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags("--tenant", OTHER_TENANT, "--client-id", OTHER_CLIENT), NOT_LOGGED_IN, NO_TERMINAL,
                        "client secret (AZURE_CLIENT_SECRET), tenant " + OTHER_TENANT + ", client " + OTHER_CLIENT),

                // the variables' own order, as the Azure SDKs read them; any of them over chat login
                Arguments.of("an access token over a client secret", app("CHAT_ACCESS_TOKEN", CliRunner.TOKEN,
                        "AZURE_CLIENT_SECRET", "s3cr3t"), flags(), NOT_LOGGED_IN, NO_TERMINAL,
                        "access token (CHAT_ACCESS_TOKEN), naming no user"),
                Arguments.of("a client secret over a certificate", app("AZURE_CLIENT_SECRET", "s3cr3t",
                        "AZURE_CLIENT_CERTIFICATE_PATH", PEM), flags(), NOT_LOGGED_IN, NO_TERMINAL, APP_SECRET),
                Arguments.of("a certificate over a federated token file", app("AZURE_CLIENT_CERTIFICATE_PATH", PEM,
                        "AZURE_FEDERATED_TOKEN_FILE", OIDC), flags(), NOT_LOGGED_IN, NO_TERMINAL, APP_CERTIFICATE),
                Arguments.of("a client secret over the cached account", app("AZURE_CLIENT_SECRET", "s3cr3t"), flags(),
                        LOGGED_IN, TERMINAL, APP_SECRET),

                // a person's sign-in: only the flags choose another app or tenant than chat login's
                Arguments.of("the cached account for the tenant named by its id", env(),
                        flags("--tenant", MEGANS_TENANT), LOGGED_IN, NO_TERMINAL,
                        "signed in with chat login (megan@contoso.com), never prompts"),
                Arguments.of("not the cached account for another app, at a terminal", env(),
                        flags("--client-id", OTHER_CLIENT), LOGGED_IN, TERMINAL,
                        "device code sign-in, tenant organizations, client " + OTHER_CLIENT),
                Arguments.of("not the cached account for another tenant, no terminal", env(),
                        flags("--tenant", OTHER_TENANT), LOGGED_IN, NO_TERMINAL, NO_CREDENTIAL),
                Arguments.of("the app variables do not steer a person's sign-in", env("AZURE_TENANT_ID", OTHER_TENANT,
                        "AZURE_CLIENT_ID", OTHER_CLIENT), flags(), NOT_LOGGED_IN, TERMINAL, DEFAULT_DEVICE_CODE),
                Arguments.of("nor choose against the cached account", env("AZURE_TENANT_ID", OTHER_TENANT,
                        "AZURE_CLIENT_ID", OTHER_CLIENT), flags(), LOGGED_IN, NO_TERMINAL,
                        "signed in with chat login (megan@contoso.com), never prompts"),

                // an empty or blank variable is one not set; values lose the spaces around them
                Arguments.of("an empty access token variable", app("CHAT_ACCESS_TOKEN", "", "AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags(), NOT_LOGGED_IN, NO_TERMINAL, APP_SECRET),
                Arguments.of("a blank access token variable", env("CHAT_ACCESS_TOKEN", " \n"), flags(), NOT_LOGGED_IN,
                        NO_TERMINAL, NO_CREDENTIAL),
                Arguments.of("an empty client secret variable", app("AZURE_CLIENT_SECRET", "",
                        "AZURE_CLIENT_CERTIFICATE_PATH", PEM), flags(), NOT_LOGGED_IN, NO_TERMINAL, APP_CERTIFICATE),
                Arguments.of("empty variables of a managed identity", env("AZURE_CLIENT_ID", ""),
                        flags("--managed-identity"), NOT_LOGGED_IN, NO_TERMINAL, "managed identity (system-assigned)"),
                Arguments.of("spaces around the values", env("AZURE_TENANT_ID", " contoso.onmicrosoft.com\n",
                        "AZURE_CLIENT_ID", " " + CLIENT + " ", "AZURE_CLIENT_CERTIFICATE_PATH", PEM + "\n"), flags(),
                        NOT_LOGGED_IN, NO_TERMINAL, "client certificate (AZURE_CLIENT_CERTIFICATE_PATH " + PEM
                                + "), tenant contoso.onmicrosoft.com, client " + CLIENT + ", no password"),
                Arguments.of("spaces around the flags", app("AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags("--tenant", " " + OTHER_TENANT + " ", "--client-id", OTHER_CLIENT + "\n"), NOT_LOGGED_IN,
                        NO_TERMINAL, "client secret (AZURE_CLIENT_SECRET), tenant " + OTHER_TENANT + ", client "
                                + OTHER_CLIENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chosen")
    void chooses(String name, Map<String, String> env, SignInOptions flags, Optional<LoginProfile> login,
                 boolean terminal, String expected) {
        assertEquals(expected, facts(Credentials.choose(flags, env, () -> login, terminal)));
    }

    static Stream<Arguments> refused() {
        String needs = "signing in with ";
        return Stream.of(
                // an application's credential without its tenant or client id: a sign-in that cannot start (exit 3)
                Arguments.of("a certificate flag with neither", env(), flags("--certificate", PEM),
                        AuthenticationException.class, needs + "a client certificate needs AZURE_TENANT_ID (or --tenant) "
                                + "and AZURE_CLIENT_ID (or --client-id)"),
                Arguments.of("a secret file flag without a client id", env("AZURE_TENANT_ID", TENANT),
                        flags("--client-secret-file", SECRET_FILE), AuthenticationException.class,
                        needs + "a client secret needs AZURE_CLIENT_ID (or --client-id)"),
                Arguments.of("a federated token file flag without a tenant", env(), flags("--federated-token-file", OIDC,
                        "--client-id", CLIENT), AuthenticationException.class,
                        needs + "a federated token needs AZURE_TENANT_ID (or --tenant)"),
                Arguments.of("a client secret without a tenant", env("AZURE_CLIENT_SECRET", "s3cr3t", "AZURE_CLIENT_ID",
                        CLIENT), flags(), AuthenticationException.class,
                        needs + "a client secret needs AZURE_TENANT_ID (or --tenant)"),
                Arguments.of("a certificate whose tenant variable is empty", env("AZURE_CLIENT_CERTIFICATE_PATH", PEM,
                        "AZURE_TENANT_ID", "", "AZURE_CLIENT_ID", CLIENT), flags(), AuthenticationException.class,
                        needs + "a client certificate needs AZURE_TENANT_ID (or --tenant)"),
                Arguments.of("a federated token file with neither", env("AZURE_FEDERATED_TOKEN_FILE", OIDC), flags(),
                        AuthenticationException.class, needs + "a federated token needs AZURE_TENANT_ID (or --tenant) "
                                + "and AZURE_CLIENT_ID (or --client-id)"),

                // a tenant or client id that cannot be one: a usage error, named by where it came from
                Arguments.of("a tenant variable with a space", app("AZURE_CLIENT_SECRET", "s3cr3t", "AZURE_TENANT_ID",
                        "contoso tenant"), flags(), UsageException.class, "AZURE_TENANT_ID 'contoso tenant' is not "
                        + "a tenant: give its id (a GUID) or a domain such as contoso.onmicrosoft.com"),
                Arguments.of("a tenant flag that is a URL", app("AZURE_CLIENT_SECRET", "s3cr3t"),
                        flags("--tenant", "https://login.microsoftonline.com/contoso"), UsageException.class,
                        "--tenant 'https://login.microsoftonline.com/contoso' is not a tenant: give its id (a GUID) or a "
                                + "domain such as contoso.onmicrosoft.com"),
                Arguments.of("an empty tenant flag", app("AZURE_CLIENT_SECRET", "s3cr3t"), flags("--tenant", ""),
                        UsageException.class, "--tenant '' is not a tenant: give its id (a GUID) or a domain "
                                + "such as contoso.onmicrosoft.com"),
                Arguments.of("a client id variable that is a name", app("AZURE_CLIENT_SECRET", "s3cr3t",
                        "AZURE_CLIENT_ID", "my-app"), flags(), UsageException.class,
                        "AZURE_CLIENT_ID 'my-app' is not an application (client) id: expected a GUID"),
                Arguments.of("a client id flag of a managed identity", env(), flags("--managed-identity", "--client-id",
                        "chat-identity"), UsageException.class,
                        "--client-id 'chat-identity' is not an application (client) id: expected a GUID"),
                Arguments.of("a client id variable of a managed identity", env("AZURE_CLIENT_ID", "chat-identity"),
                        flags("--managed-identity"), UsageException.class,
                        "AZURE_CLIENT_ID 'chat-identity' is not an application (client) id: expected a GUID"),
                Arguments.of("a tenant flag of a person's sign-in", env(), flags("--tenant", "contoso_corp"),
                        UsageException.class, "--tenant 'contoso_corp' is not a tenant: give its id (a GUID) or "
                                + "a domain such as contoso.onmicrosoft.com"),
                Arguments.of("a client id flag of a person's sign-in", env(), flags("--client-id", "Graph Explorer"),
                        UsageException.class,
                        "--client-id 'Graph Explorer' is not an application (client) id: expected a GUID"),

                // an access token that cannot be one
                Arguments.of("an access token of two lines", env("CHAT_ACCESS_TOKEN", "eyJ0eXAi\nOiJKV1Qi"), flags(),
                        AuthenticationException.class, "CHAT_ACCESS_TOKEN holds spaces, line breaks or other characters "
                                + "no token has: set it to the token alone"));
    }

    /** With or without a terminal or a cached account: the settings are wrong either way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, Map<String, String> env, SignInOptions flags, Class<? extends RuntimeException> type,
                 String message) {
        for (Optional<LoginProfile> login : java.util.List.of(NOT_LOGGED_IN, LOGGED_IN)) {
            for (boolean terminal : new boolean[] {NO_TERMINAL, TERMINAL}) {
                RuntimeException refusal = assertThrows(type, () -> Credentials.choose(flags, env, () -> login, terminal),
                        () -> name + (login.isPresent() ? ", logged in" : "") + (terminal ? ", at a terminal" : ""));
                assertEquals(message, refusal.getMessage());
            }
        }
    }

    static Stream<Arguments> twoCredentialFlags() {
        return Stream.of(
                Arguments.of(List.of("--certificate", PEM, "--managed-identity"),
                        "chat: give --certificate or --managed-identity, not both"),
                Arguments.of(List.of("--client-secret-file", SECRET_FILE, "--certificate", PEM, "--federated-token-file",
                        OIDC), "chat: give only one of --client-secret-file, --certificate and --federated-token-file"),
                Arguments.of(List.of("--client-secret-file", SECRET_FILE, "--client-secret-file", SECRET_FILE),
                        "chat: --client-secret-file is given twice: give it once"));
    }

    /** Two credential flags never reach the choice: the command line is refused as it is read (exit 2). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twoCredentialFlags")
    void twoCredentialFlagsAreRefusedAsTheCommandIsRead(List<String> flags, String message) {
        List<String> args = new java.util.ArrayList<>(List.of("status"));
        args.addAll(flags);
        CliRunner.Result result = CliRunner.offline().run(args.toArray(String[]::new));

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals(message + "\n", result.err());
    }
}
