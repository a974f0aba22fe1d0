package chat.bulk;

import chat.request.ChatDraft;
import chat.request.ChatMessage;

/**
 * A chat of a --from input.
 *
 * @param number    its line number in the input, blank lines counted, for people
 * @param index     its place among the input's chats (0, 1, …), for results in input order
 * @param key       what the line asks for and how many times before in the input, by its people as
 *                  Graph knows them ({@link LineKeys}); the text key until the line is keyed
 * @param textKey   the same by the line's text alone: the digest of its canonical body and its
 *                  occurrence ({@code 3f…a1#2}), as journals of format 1 keyed lines, which a run
 *                  still resumes
 * @param message   the chat's first message, posted once the chat is there; null for none
 */
public record InputLine(int number, int index, ChatDraft draft, ChatMessage message, String key, String textKey) {
    InputLine(int number, int index, ChatDraft draft, ChatMessage message, String textKey) {
        this(number, index, draft, message, textKey, textKey);
    }

    /** The line keyed by its people as Graph knows them. */
    InputLine keyed(String peopleKey) {
        return new InputLine(number, index, draft, message, peopleKey, textKey);
    }
}
