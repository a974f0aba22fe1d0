package chat.request;

import chat.errors.UsageException;

/**
 * One person in the chat: who they are, their role, and for a user of another tenant the GUID of
 * their home tenant.
 */
public record Member(UserKey user, Role role, String tenantId) {

    public Member {
        if (tenantId != null && role != Role.OWNER) {
            throw new UsageException(
                    "'" + user + "' is a user of another tenant and must have the role owner, not " + role.graphName());
        }
        if (role == Role.OWNER && tenantId == null && user.isInTenantGuest()) {
            throw new UsageException("'" + user + "' is an in-tenant guest (#EXT#), whom Graph lets into a chat "
                    + "only with the guest role: give them with -g, not -m (in a body: \"roles\": [\"guest\"])");
        }
    }

    public static Member owner(UserKey user) {
        return new Member(user, Role.OWNER, null);
    }

    public static Member guest(UserKey user) {
        return new Member(user, Role.GUEST, null);
    }

    /** A user of another tenant, addressed by their object id there. */
    public static Member federated(UserKey user, String tenantId) {
        if (!user.isObjectId()) {
            throw new UsageException("'" + user + "' is a user of another tenant: give their object id "
                    + "(a GUID) in their home tenant, not a user principal name");
        }
        return new Member(user, Role.OWNER, Guid.parse(tenantId, "tenant id"));
    }

    /** {@code USER=TENANT_ID}, as given to --federated. */
    public static Member parseFederated(String spec) {
        int equals = spec.lastIndexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new UsageException(
                    "'" + spec + "' is not USER=TENANT_ID: a user of another tenant needs their object id and their tenant's id");
        }
        return federated(UserKey.parse(spec.substring(0, equals)), spec.substring(equals + 1));
    }

    /** Whether this is the person of this object id, or of this user name (null when unknown). */
    public boolean is(UserKey objectId, String username) {
        return user.equals(objectId) || (username != null && user.identity().equalsIgnoreCase(username));
    }

    public boolean isFederated() {
        return tenantId != null;
    }
}
