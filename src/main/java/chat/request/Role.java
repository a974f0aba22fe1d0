package chat.request;

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
        throw new InvalidRequestException("role '" + name + "' is not supported: a member is 'owner' or 'guest'");
    }
}
