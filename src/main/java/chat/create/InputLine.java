package chat.create;

import chat.request.ChatDraft;
import chat.request.ChatMessage;

/**
 * A chat of a --from input.
 *
 * @param number its line number in the input, blank lines counted, for people
 * @param index  its place among the input's chats (0, 1, …), for results in input order
 * @param key    what the line asks for and how many times before in the input: the digest of its
 *               canonical body and its occurrence ({@code 3f…a1#2}), so that a journal's record of it
 *               is found wherever the line moves, and each of two identical lines is a chat of its own;
 *               a line's message is part of what it asks for
 * @param message the chat's first message, posted once the chat is there; null for none
 */
public record InputLine(int number, int index, ChatDraft draft, ChatMessage message, String key) {
}
