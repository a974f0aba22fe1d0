package chat.auth;

/**
 * What `chat login` remembers of a sign-in besides MSAL's tokens: which app and tenant to ask again,
 * and whose account it was. Nothing secret.
 *
 * @param tenant        what the authority was given (a tenant id, a domain or "organizations")
 * @param homeAccountId MSAL's account id, "objectId.tenantId"
 */
public record LoginProfile(String cloud, String clientId, String tenant, String homeAccountId, String username,
                           String tenantId) {
}
