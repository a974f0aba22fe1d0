package chat.graph;

/** Graph answered with a 4xx: the request reached it and it said no. */
public final class GraphRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    public GraphRefusedException(GraphError error) {
        super("Graph refused the request: " + error.summary());
        this.error = error;
    }

    public GraphError error() {
        return error;
    }
}
