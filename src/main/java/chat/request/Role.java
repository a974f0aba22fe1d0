package chat.request;

import chat.errors.UsageException;

public enum Role {
    OWNER("owner"),
    GUEST("guest");

    private final String graphName;

    Role(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }

    public static Role fromGraphName(String name) {
        for (Role role : values()) {
            if (role.graphName.equals(name)) {
                return role;
            }
        }
        throw new UsageException("role '" + name + "' is not supported: a member is 'owner' or 'guest'");
    }
}
