package chat.auth;

import chat.errors.UsageException;
import chat.request.Guid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Chooses the credential: a flag that names one, else the first one the environment configures (the
 * Azure SDKs' order), else the account `chat login` cached, else a device code for a person at a
 * terminal. Reads no network and no token.
 */
public final class Credentials {
    public static final String CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String TENANT_ID = "AZURE_TENANT_ID";
    public static final String CLIENT_SECRET = "AZURE_CLIENT_SECRET";
    public static final String CERTIFICATE_PATH = "AZURE_CLIENT_CERTIFICATE_PATH";
    public static final String CERTIFICATE_PASSWORD = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
    public static final String FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
    /** Microsoft Graph Command Line Tools: a public client that may ask for any Graph permission. */
    public static final String DEFAULT_PUBLIC_CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    public static final String DEFAULT_USER_TENANT = "organizations";

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    static final String NO_CREDENTIAL = "no credential: set " + EnvironmentToken.VARIABLE + ", or " + CLIENT_ID
            + " and " + TENANT_ID + " with " + CLIENT_SECRET + ", " + CERTIFICATE_PATH + " or " + FEDERATED_TOKEN_FILE
            + ", or use --managed-identity; or sign in first with: chat login";

    private Credentials() {
    }

    /**
     * @param login       the cached sign-in for the cloud in use, if any: asked for only when no other
     *                    credential is configured, so that those runs never look in the config directory
     * @param interactive whether a person can answer a device-code prompt
     */
    public static Credential choose(SignInOptions flags, Map<String, String> env,
                                    Supplier<Optional<LoginProfile>> login, boolean interactive) {
        Setting tenant = Setting.of(flags.tenant(), "--tenant", env, TENANT_ID);
        Setting clientId = Setting.of(flags.clientId(), "--client-id", env, CLIENT_ID);

        if (flags.managedIdentity()) {
            return new Credential.ManagedIdentity(clientId.value() == null ? null : validClientId(clientId));
        }
        if (flags.clientSecretFile() != null) {
            return app("a client secret", tenant, clientId, (t, c) -> new Credential.ClientSecret(t, c,
                    Secret.fromFile(flags.clientSecretFile())));
        }
        if (flags.certificate() != null) {
            return app("a client certificate", tenant, clientId, (t, c) -> new Credential.ClientCertificate(t, c,
                    flags.certificate(), "--certificate", variable(env, CERTIFICATE_PASSWORD)));
        }
        if (flags.federatedTokenFile() != null) {
            return app("a federated token", tenant, clientId, (t, c) -> new Credential.WorkloadIdentity(t, c,
                    flags.federatedTokenFile(), "--federated-token-file"));
        }

        String token = variable(env, EnvironmentToken.VARIABLE);
        if (token != null) {
            return new Credential.AccessTokenVariable(new EnvironmentToken(token));
        }
        String secret = variable(env, CLIENT_SECRET);
        if (secret != null) {
            return app("a client secret", tenant, clientId, (t, c) -> new Credential.ClientSecret(t, c,
                    Secret.fromVariable(CLIENT_SECRET, secret)));
        }
        String certificate = variable(env, CERTIFICATE_PATH);
        if (certificate != null) {
            return app("a client certificate", tenant, clientId, (t, c) -> new Credential.ClientCertificate(t, c,
                    Path.of(certificate), CERTIFICATE_PATH, variable(env, CERTIFICATE_PASSWORD)));
        }
        String federated = variable(env, FEDERATED_TOKEN_FILE);
        if (federated != null) {
            return app("a federated token", tenant, clientId, (t, c) -> new Credential.WorkloadIdentity(t, c,
                    Path.of(federated), FEDERATED_TOKEN_FILE));
        }

        // A person's sign-in: only the flags choose another app or tenant than chat login's.
        String userTenant = flags.tenant() == null ? null : validTenant(tenant);
        String userClientId = flags.clientId() == null ? null : validClientId(clientId);
        Optional<LoginProfile> cached = login.get().filter(profile ->
                (userClientId == null || userClientId.equalsIgnoreCase(profile.clientId()))
                        && (userTenant == null || userTenant.equalsIgnoreCase(profile.tenant())
                        || userTenant.equalsIgnoreCase(profile.tenantId())));
        if (cached.isPresent()) {
            return new Credential.CachedAccount(cached.get(), interactive);
        }
        if (interactive) {
            return new Credential.DeviceCode(userTenant != null ? userTenant : DEFAULT_USER_TENANT,
                    userClientId != null ? userClientId : DEFAULT_PUBLIC_CLIENT_ID);
        }
        return new Credential.None(NO_CREDENTIAL);
    }

    /** A value and where it came from, for messages: "--tenant" or "AZURE_TENANT_ID". */
    private record Setting(String value, String source) {
        static Setting of(String flag, String flagName, Map<String, String> env, String variable) {
            return flag != null ? new Setting(flag.strip(), flagName) : new Setting(variable(env, variable), variable);
        }
    }

    private static Credential app(String what, Setting tenant, Setting clientId,
                                  BiFunction<String, String, Credential> credential) {
        List<String> missing = new ArrayList<>();
        if (tenant.value() == null) {
            missing.add(TENANT_ID + " (or --tenant)");
        }
        if (clientId.value() == null) {
            missing.add(CLIENT_ID + " (or --client-id)");
        }
        if (!missing.isEmpty()) {
            throw new AuthenticationException("signing in with " + what + " needs " + String.join(" and ", missing));
        }
        return credential.apply(validTenant(tenant), validClientId(clientId));
    }

    private static String variable(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** For `chat login`: checks --tenant when given. */
    public static void checkTenantFlag(String tenant) {
        if (tenant != null) {
            validTenant(new Setting(tenant, "--tenant"));
        }
    }

    /** For `chat login`: checks --client-id when given. */
    public static void checkClientIdFlag(String clientId) {
        if (clientId != null) {
            validClientId(new Setting(clientId, "--client-id"));
        }
    }

    static String validTenant(Setting tenant) {
        if (!Guid.isGuid(tenant.value()) && !TENANT.matcher(tenant.value()).matches()) {
            throw new UsageException(tenant.source() + " '" + tenant.value()
                    + "' is not a tenant: give its id (a GUID) or a domain such as contoso.onmicrosoft.com");
        }
        return tenant.value();
    }

    static String validClientId(Setting clientId) {
        if (!Guid.isGuid(clientId.value())) {
            throw new UsageException(clientId.source() + " '" + clientId.value()
                    + "' is not an application (client) id: expected a GUID");
        }
        return clientId.value();
    }
}
