package dev.mcpload.protocol;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The scanner mcpload used before its own: the same fields read with Jackson's streaming parser. Kept as the
 * oracle of {@link MessageScannerDifferentialTest}: whatever Jackson accepts or rejects, the hand-written
 * scanner must decide the same, with the same fields.
 */
final class JacksonMessageScanner {
    private JacksonMessageScanner() {
    }

    /**
     * Scans one message. The bytes are copied so the caller may reuse its buffer.
     *
     * @throws McpException of class {@link ErrorClass#PROTOCOL} when the bytes are not a JSON-RPC message
     */
    public static IncomingMessage scan(byte[] buf, int off, int len) {
        return scanOwned(Arrays.copyOfRange(buf, off, off + len));
    }

    /** Scans {@code bytes}, which the caller hands over: the message keeps them, no copy is made. */
    public static IncomingMessage scanOwned(byte[] bytes) {
        byte[] copy = bytes;
        try (JsonParser p = Json.FACTORY.createParser(ObjectReadContext.empty(), copy, 0, copy.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(copy, "not a JSON object");
            }
            long id = IncomingMessage.NO_ID;
            String rawId = null;
            String method = null;
            boolean hasResult = false;
            boolean hasError = false;
            int resultShape = 0;
            int errorCode = 0;
            String errorMessage = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> {
                        if (v == JsonToken.VALUE_NUMBER_INT) {
                            id = p.getLongValue();
                            rawId = Long.toString(id);
                        } else if (v == JsonToken.VALUE_STRING) {
                            String s = p.getString();
                            rawId = Json.string(s);
                            id = parseLongOrNoId(s);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "method" -> method = v == JsonToken.VALUE_STRING ? p.getString() : null;
                    case "result" -> {
                        hasResult = true;
                        if (v == JsonToken.START_OBJECT) {
                            resultShape = scanShape(p);
                        } else {
                            resultShape = 0;
                            p.skipChildren();
                        }
                    }
                    case "error" -> {
                        hasError = true;
                        if (v == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                                String f = p.currentName();
                                JsonToken ev = p.nextToken();
                                if ("code".equals(f) && ev.isNumeric()) {
                                    errorCode = p.getIntValue();
                                } else if ("message".equals(f) && ev == JsonToken.VALUE_STRING) {
                                    errorMessage = p.getString();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw malformed(copy, "truncated JSON");
            }
            IncomingMessage.Kind kind;
            if (method != null) {
                kind = rawId == null ? IncomingMessage.Kind.NOTIFICATION : IncomingMessage.Kind.REQUEST;
            } else if (hasError) {
                kind = IncomingMessage.Kind.ERROR;
            } else if (hasResult) {
                kind = IncomingMessage.Kind.RESPONSE;
            } else {
                throw malformed(copy, "neither a request, a notification nor a response");
            }
            return new IncomingMessage(kind, id, rawId != null, rawId, method, errorCode, errorMessage, resultShape, copy);
        } catch (JacksonException e) {
            throw malformed(copy, "malformed JSON (" + e.getOriginalMessage() + ")");
        }
    }

    public static IncomingMessage scan(byte[] buf) {
        return scan(buf, 0, buf.length);
    }

    private static int scanShape(JsonParser p) {
        int shape = ResultShape.OBJECT;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (f) {
                case "isError" -> ResultShape.IS_ERROR;
                case "content" -> ResultShape.CONTENT;
                case "structuredContent" -> ResultShape.STRUCTURED;
                case "contents" -> ResultShape.CONTENTS;
                case "messages" -> ResultShape.MESSAGES;
                case "resultType" -> ResultShape.INPUT_REQUIRED;
                default -> 0;
            };
            boolean set = switch (f) {
                case "isError" -> v == JsonToken.VALUE_TRUE;
                case "resultType" -> v == JsonToken.VALUE_STRING && "input_required".equals(p.getString());
                case "structuredContent" -> v == JsonToken.START_OBJECT;
                default -> v == JsonToken.START_ARRAY;
            };
            shape = set ? shape | bit : shape & ~bit;
            p.skipChildren();
        }
        return shape;
    }

    private static long parseLongOrNoId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return IncomingMessage.NO_ID;
        }
    }

    private static McpException malformed(byte[] bytes, String what) {
        return new McpException(ErrorClass.PROTOCOL, "server sent " + what + ": " + Snippets.of(bytes));
    }
}
