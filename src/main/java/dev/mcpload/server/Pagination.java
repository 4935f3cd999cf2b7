package dev.mcpload.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cursor pagination for the list methods (spec, utilities/pagination). The cursor is opaque to clients:
 * Base64 of a tagged offset, so a client that builds or edits one gets -32602 instead of a silent wrong page.
 */
final class Pagination {
    private static final String TAG = "mcpload-offset:";

    private Pagination() {
    }

    /** The page of {@code items} that {@code params.cursor} points at, under {@code key}, with nextCursor. */
    static ObjectNode page(List<JsonNode> items, JsonNode params, int pageSize, String key) {
        int offset = offset(params.get("cursor"), items.size());
        int end = Math.min(items.size(), offset + pageSize);
        ObjectNode result = JsonRpc.object();
        ArrayNode page = result.putArray(key);
        for (int i = offset; i < end; i++) {
            page.add(items.get(i));
        }
        if (end < items.size()) {
            result.put("nextCursor", encode(end));
        }
        return result;
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TAG + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(JsonNode cursor, int size) {
        if (cursor == null || cursor.isNull()) {
            return 0;
        }
        if (cursor.isString()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor.stringValue()),
                        StandardCharsets.US_ASCII);
                if (decoded.startsWith(TAG)) {
                    int offset = Integer.parseInt(decoded.substring(TAG.length()));
                    if (offset >= 0 && offset <= size) {
                        return offset;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // reported below, like any other cursor this server did not issue
            }
        }
        throw McpError.invalidParams("Invalid cursor: " + cursor + " (use a nextCursor returned by this server)");
    }
}
