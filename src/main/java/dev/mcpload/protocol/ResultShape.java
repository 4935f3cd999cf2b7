package dev.mcpload.protocol;

/**
 * What the scanner noted about a response's {@code result} (bits of an int, so the hot path allocates nothing),
 * and the check that a result has the shape its operation requires: a {@code tools/call} result is an object with
 * a {@code content} array or a {@code structuredContent} object, a {@code resources/read} result has a
 * {@code contents} array, a {@code prompts/get} result a {@code messages} array. Anything else is the server
 * breaking the protocol, never a success (a server answering {@code "result": 5} was counted 22,455 successes).
 * Only the top-level members are looked at, the last of a name winning, as in JSON.
 */
public final class ResultShape {
    /** The result is a JSON object. */
    public static final int OBJECT = 1;
    /** Its {@code isError} is {@code true}. */
    public static final int IS_ERROR = 1 << 1;
    /** Its {@code content} is an array. */
    public static final int CONTENT = 1 << 2;
    /** Its {@code structuredContent} is an object. */
    public static final int STRUCTURED = 1 << 3;
    /** Its {@code contents} is an array. */
    public static final int CONTENTS = 1 << 4;
    /** Its {@code messages} is an array. */
    public static final int MESSAGES = 1 << 5;
    /**
     * Its {@code resultType} is {@code "input_required"} (2026-07-28, multi round-trip requests): the server needs
     * answers (elicitation, sampling, roots) before it can complete, so the operation's own shape is not due yet.
     */
    public static final int INPUT_REQUIRED = 1 << 6;

    private ResultShape() {
    }

    /** What is wrong with a result of {@code shape} answering {@code method}, or null when it fits. */
    public static String problem(String method, int shape) {
        if (has(shape, OBJECT) && has(shape, INPUT_REQUIRED)) {
            return null;
        }
        switch (method) {
            case "tools/call":
                return has(shape, OBJECT) && (has(shape, CONTENT) || has(shape, STRUCTURED)) ? null
                        : "a tools/call result must be an object with a content array or a structuredContent object";
            case "resources/read":
                return has(shape, OBJECT) && has(shape, CONTENTS) ? null
                        : "a resources/read result must be an object with a contents array";
            case "prompts/get":
                return has(shape, OBJECT) && has(shape, MESSAGES) ? null
                        : "a prompts/get result must be an object with a messages array";
            default:
                return null;
        }
    }

    private static boolean has(int shape, int bit) {
        return (shape & bit) != 0;
    }
}
