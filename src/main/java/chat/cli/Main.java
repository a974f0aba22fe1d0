package chat.cli;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ChatCli.run(args));
    }
}
