package dev.mcpload.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads just enough of a JSON-RPC message to route it: top-level id, method, error code/message, and
 * {@code result.isError}. Everything else is stepped over (and checked to be well-formed JSON) without building
 * anything.
 *
 * <p>Hand-written rather than Jackson's streaming parser because it runs once per response on the event loops:
 * constructing a Jackson parser and its contexts was the largest allocation left per request (JFR, ~12 % of
 * the bytes) for a message whose fields we mostly skip. On well-formed UTF-8 it accepts and rejects what
 * Jackson's default parser does, with the same fields (a differential test against the Jackson version it
 * replaced checks this); it is more lenient only where validating costs per byte: it does not check UTF-8, and
 * sets no length limits on numbers and names.
 */
public final class MessageScanner {
    /** As Jackson's default {@code StreamReadConstraints}: deeper nesting is rejected, not recursed into. */
    private static final int MAX_DEPTH = 500;
    private static final byte[] INPUT_REQUIRED = "\"input_required\"".getBytes(StandardCharsets.US_ASCII);

    private final byte[] b;
    private final int end;
    private int i;
    /** The last member name read by {@link #memberName()}: the bytes between its quotes. */
    private int nameFrom;
    private int nameTo;
    /** What the error object said, read by {@link #readError()}. */
    private int errorCode;
    private String errorMessage;

    private MessageScanner(byte[] b, int start, int end) {
        this.b = b;
        this.i = start;
        this.end = end;
    }

    /**
     * Scans one message. The bytes are copied so the caller may reuse its buffer.
     *
     * @throws McpException of class {@link ErrorClass#PROTOCOL} when the bytes are not a JSON-RPC message
     */
    public static IncomingMessage scan(byte[] buf, int off, int len) {
        return scanOwned(Arrays.copyOfRange(buf, off, off + len));
    }

    public static IncomingMessage scan(byte[] buf) {
        return scan(buf, 0, buf.length);
    }

    /** Scans {@code bytes}, which the caller hands over: the message keeps them, no copy is made. */
    public static IncomingMessage scanOwned(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0; // a UTF-8 byte order mark
        try {
            return new MessageScanner(bytes, start, bytes.length).message();
        } catch (Malformed e) {
            throw new McpException(ErrorClass.PROTOCOL, "server sent " + e.getMessage() + ": " + Snippets.of(bytes));
        }
    }

    // ---- the message ------------------------------------------------------------------------------------------

    private IncomingMessage message() {
        skipWhitespace();
        if (i >= end) {
            throw new Malformed("an empty message");
        }
        if (b[i] != '{') {
            throw new Malformed("not a JSON object");
        }
        i++;
        long id = IncomingMessage.NO_ID;
        boolean hasId = false;
        String stringId = null;
        String method = null;
        boolean hasResult = false;
        boolean hasError = false;
        int resultShape = 0;
        if (!emptyContainer('}')) {
            do {
                memberName();
                switch (key()) {
                    case ID -> {
                        // A later id replaces an earlier one; only a string or an integer is an id (Jackson's
                        // VALUE_STRING / VALUE_NUMBER_INT), anything else leaves the message without one.
                        hasId = false;
                        stringId = null;
                        id = IncomingMessage.NO_ID;
                        byte c = peek();
                        if (c == '"') {
                            hasId = true;
                            stringId = string();
                            id = parseLongOrNoId(stringId);
                        } else if (isNumberStart(c)) {
                            int from = i;
                            if (number()) {
                                hasId = true;
                                id = integralLong(from, i);
                            }
                        } else {
                            skipValue(1);
                        }
                    }
                    case METHOD -> {
                        method = null;
                        if (peek() == '"') {
                            method = string();
                        } else {
                            skipValue(1);
                        }
                    }
                    case RESULT -> {
                        hasResult = true;
                        if (peek() == '{') {
                            resultShape = resultShape();
                        } else {
                            resultShape = 0;
                            skipValue(1);
                        }
                    }
                    case ERROR -> {
                        hasError = true;
                        if (peek() == '{') {
                            readError();
                        } else {
                            skipValue(1);
                        }
                    }
                    default -> skipValue(1);
                }
            } while (nextMember('}'));
        }
        IncomingMessage.Kind kind;
        if (method != null) {
            kind = hasId ? IncomingMessage.Kind.REQUEST : IncomingMessage.Kind.NOTIFICATION;
        } else if (hasError) {
            kind = IncomingMessage.Kind.ERROR;
        } else if (hasResult) {
            kind = IncomingMessage.Kind.RESPONSE;
        } else {
            throw new Malformed("neither a request, a notification nor a response");
        }
        // A numeric id's JSON text is made only if someone asks (answering a server request): not per response.
        String rawId = stringId != null ? Json.string(stringId) : null;
        return new IncomingMessage(kind, id, hasId, rawId, method, errorCode, errorMessage, resultShape, b);
    }

    /**
     * At the '{' of the result: its {@link ResultShape} — whether its own top-level isError is true and which of
     * the members an operation requires it has with the right type (later keys win, as in JSON).
     */
    private int resultShape() {
        i++;
        int shape = ResultShape.OBJECT;
        if (emptyContainer('}')) {
            return shape;
        }
        do {
            memberName();
            byte c = peek();
            if (nameIs("content")) {
                shape = with(shape, ResultShape.CONTENT, c == '[');
            } else if (nameIs("isError")) {
                shape = with(shape, ResultShape.IS_ERROR, c == 't');
            } else if (nameIs("structuredContent")) {
                shape = with(shape, ResultShape.STRUCTURED, c == '{');
            } else if (nameIs("contents")) {
                shape = with(shape, ResultShape.CONTENTS, c == '[');
            } else if (nameIs("messages")) {
                shape = with(shape, ResultShape.MESSAGES, c == '[');
            } else if (nameIs("resultType")) {
                shape = with(shape, ResultShape.INPUT_REQUIRED, valueIs(INPUT_REQUIRED));
            }
            skipValue(2);
        } while (nextMember('}'));
        return shape;
    }

    private static int with(int shape, int bit, boolean set) {
        return set ? shape | bit : shape & ~bit;
    }

    /** At the '{' of the error: its code (a number) and message (a string); other members are skipped. */
    private void readError() {
        i++;
        if (emptyContainer('}')) {
            return;
        }
        do {
            memberName();
            byte c = peek();
            if (nameIs("code") && isNumberStart(c)) {
                int from = i;
                boolean integral = number();
                errorCode = intValue(from, i, integral);
            } else if (nameIs("message") && c == '"') {
                errorMessage = string();
            } else {
                skipValue(2);
            }
        } while (nextMember('}'));
    }

    // ---- keys -------------------------------------------------------------------------------------------------

    private static final int OTHER = 0;
    private static final int ID = 1;
    private static final int METHOD = 2;
    private static final int RESULT = 3;
    private static final int ERROR = 4;

    /** Which routing key the last member name is. */
    private int key() {
        if (nameIs("id")) {
            return ID;
        }
        if (nameIs("method")) {
            return METHOD;
        }
        if (nameIs("result")) {
            return RESULT;
        }
        return nameIs("error") ? ERROR : OTHER;
    }

    /** Whether the last member name is {@code ascii} (a name with escapes is decoded first: rare, not fast). */
    /**
     * Whether the value at {@code i} is exactly the string {@code quoted} (quotes included). Byte for byte: the
     * spec's enum values are plain ASCII, and a server escaping them would be a server no SDK writes.
     */
    private boolean valueIs(byte[] quoted) {
        if (end - i < quoted.length) {
            return false;
        }
        for (int k = 0; k < quoted.length; k++) {
            if (b[i + k] != quoted[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(String ascii) {
        if (indexOf(nameFrom, nameTo, (byte) '\\') >= 0) {
            return decode(nameFrom, nameTo).equals(ascii);
        }
        if (nameTo - nameFrom != ascii.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (b[nameFrom + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ---- structure --------------------------------------------------------------------------------------------

    /** After an opening bracket: true (and past it) when the container closes at once. */
    private boolean emptyContainer(char close) {
        skipWhitespace();
        if (i < end && b[i] == close) {
            i++;
            return true;
        }
        return false;
    }

    /** After a member or element: true at a ',' (and past it), false at {@code close} (and past it). */
    private boolean nextMember(char close) {
        skipWhitespace();
        if (i >= end) {
            throw new Malformed("truncated JSON");
        }
        byte c = b[i++];
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw new Malformed("malformed JSON (unexpected '" + (char) c + "' at offset " + (i - 1) + ")");
    }

    /** At a member: reads its name (see {@link #nameFrom}) and the colon after it. */
    private void memberName() {
        skipWhitespace();
        nameFrom = i + 1;
        nameTo = stringEnd();
        colon();
    }

    private void colon() {
        skipWhitespace();
        if (i >= end || b[i] != ':') {
            throw i >= end ? new Malformed("truncated JSON")
                    : new Malformed("malformed JSON (expected ':' at offset " + i + ")");
        }
        i++;
        skipWhitespace();
        if (i >= end) {
            throw new Malformed("truncated JSON");
        }
    }

    private byte peek() {
        skipWhitespace();
        if (i >= end) {
            throw new Malformed("truncated JSON");
        }
        return b[i];
    }

    /** Steps over one value, checking it is well-formed. {@code depth} = nesting of the value's container. */
    private void skipValue(int depth) {
        byte c = peek();
        switch (c) {
            case '{' -> {
                checkDepth(depth);
                i++;
                if (!emptyContainer('}')) {
                    do {
                        memberName();
                        skipValue(depth + 1);
                    } while (nextMember('}'));
                }
            }
            case '[' -> {
                checkDepth(depth);
                i++;
                if (!emptyContainer(']')) {
                    do {
                        skipValue(depth + 1);
                    } while (nextMember(']'));
                }
            }
            case '"' -> stringEnd();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (isNumberStart(c)) {
                    number();
                } else {
                    throw new Malformed("malformed JSON (unexpected '" + (char) c + "' at offset " + i + ")");
                }
            }
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new Malformed("malformed JSON (nested deeper than " + MAX_DEPTH + ")");
        }
    }

    private void literal(String word) {
        if (end - i < word.length()) {
            throw new Malformed("truncated JSON");
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                throw new Malformed("malformed JSON (unrecognized token at offset " + i + ")");
            }
        }
        i += word.length();
        if (i < end && isTokenChar(b[i])) {
            throw new Malformed("malformed JSON (unrecognized token at offset " + i + ")");
        }
    }

    /** A token may not run straight into letters or digits ("truex", "12ab"). */
    private static boolean isTokenChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    private static boolean isNumberStart(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    /** Steps over a JSON number; true when it is integral (no fraction, no exponent). */
    private boolean number() {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= end) {
            throw new Malformed("truncated JSON");
        }
        if (b[i] == '0') {
            i++;
            if (i < end && b[i] >= '0' && b[i] <= '9') {
                throw new Malformed("malformed JSON (leading zero at offset " + start + ")");
            }
        } else if (b[i] >= '1' && b[i] <= '9') {
            digits();
        } else {
            throw new Malformed("malformed JSON (bad number at offset " + start + ")");
        }
        boolean integral = true;
        if (i < end && b[i] == '.') {
            i++;
            if (digits() == 0) {
                throw new Malformed("malformed JSON (bad number at offset " + start + ")");
            }
            integral = false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                throw new Malformed("malformed JSON (bad number at offset " + start + ")");
            }
            integral = false;
        }
        if (i < end && isTokenChar(b[i])) {
            throw new Malformed("malformed JSON (bad number at offset " + start + ")");
        }
        return integral;
    }

    private int digits() {
        int from = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - from;
    }

    /** An integral number's value; one that does not fit a long is malformed for an id (as Jackson says). */
    private long integralLong(int from, int to) {
        try {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw new Malformed("malformed JSON (id out of range at offset " + from + ")");
        }
    }

    /** error.code as an int: a fraction is truncated, a value outside int is malformed (Jackson's getIntValue). */
    private int intValue(int from, int to, boolean integral) {
        String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            if (integral) {
                long v = Long.parseLong(text);
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
            } else {
                double d = Double.parseDouble(text);
                if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                    return (int) d;
                }
            }
        } catch (NumberFormatException e) {
            // out of range: below
        }
        throw new Malformed("malformed JSON (error code out of range at offset " + from + ")");
    }

    private static long parseLongOrNoId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return IncomingMessage.NO_ID;
        }
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    /** At a '"': steps past the closing quote and returns the index of that quote. Checks escapes. */
    private int stringEnd() {
        if (i >= end) {
            throw new Malformed("truncated JSON");
        }
        if (b[i] != '"') {
            throw new Malformed("malformed JSON (expected a string at offset " + i + ")");
        }
        i++;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                return i++;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    break;
                }
                byte e = b[i + 1];
                if (e == 'u') {
                    if (i + 6 > end) {
                        break;
                    }
                    for (int k = 2; k < 6; k++) {
                        if (Character.digit(b[i + k], 16) < 0) {
                            throw new Malformed("malformed JSON (bad \\u escape at offset " + i + ")");
                        }
                    }
                    i += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    throw new Malformed("malformed JSON (bad escape at offset " + i + ")");
                }
                i += 2;
                continue;
            }
            if (c >= 0 && c < 0x20) {
                throw new Malformed("malformed JSON (control character in a string at offset " + i + ")");
            }
            i++;
        }
        throw new Malformed("truncated JSON");
    }

    /** At a '"': the string's value. */
    private String string() {
        int from = i + 1;
        int to = stringEnd();
        return decode(from, to);
    }

    /** The text between two quotes, escapes resolved (they were checked by {@link #stringEnd()}). */
    private String decode(int from, int to) {
        int slash = indexOf(from, to, (byte) '\\');
        if (slash < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(to - from);
        int k = from;
        while (k < to) {
            int next = indexOf(k, to, (byte) '\\');
            if (next < 0) {
                sb.append(new String(b, k, to - k, StandardCharsets.UTF_8));
                break;
            }
            sb.append(new String(b, k, next - k, StandardCharsets.UTF_8));
            byte e = b[next + 1];
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(new String(b, next + 2, 4, StandardCharsets.ISO_8859_1), 16));
                    k = next + 6;
                    continue;
                }
                default -> sb.append((char) e); // '"', '\\', '/'
            }
            k = next + 2;
        }
        return sb.toString();
    }

    private int indexOf(int from, int to, byte c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }

    private void skipWhitespace() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    /** Why the bytes are not a JSON-RPC message; no stack trace (it becomes an McpException with the bytes). */
    private static final class Malformed extends RuntimeException {
        Malformed(String what) {
            super(what, null, false, false);
        }
    }
}
