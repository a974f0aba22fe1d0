package chat.auth;

/**
 * The person a delegated token acts for, as the token result names them (no Graph call needed).
 *
 * @param objectId their object id in the tenant
 * @param username their user principal name, or null when the token does not say
 */
public record SignedInUser(String objectId, String username, String tenantId) {

    /** "alex@contoso.com", or the object id when there is no name. */
    public String displayName() {
        return username != null ? username : objectId;
    }
}
