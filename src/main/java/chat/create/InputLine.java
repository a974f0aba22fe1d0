package chat.create;

import chat.request.ChatRequest;

/**
 * A chat of a --from file: its line number, the checked request, and a digest of its body that
 * tells a journal's record of it from one of another line.
 */
public record InputLine(int number, ChatRequest request, String digest) {
}
