package dev.mcpload.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of the reference server: their definitions (as served by {@code tools/list}) and implementations.
 * Cheap tools for throughput ({@code echo}, arithmetic), a latency knob ({@code sleep}), and a tool-level
 * failure ({@code fail}) so a load test can exercise every result class.
 */
final class ReferenceTools {
    static final long MAX_SLEEP_MS = 60_000;

    private interface Implementation {
        void call(JsonNode arguments, ToolCall call);
    }

    private record Tool(ObjectNode definition, Implementation implementation) {
        String name() {
            return definition.get("name").stringValue();
        }

        JsonNode inputSchema() {
            return definition.get("inputSchema");
        }
    }

    /** The modern-only tool that needs the client's input (MRTR, 2026-07-28 basic/patterns/mrtr). */
    static final String ASK = "ask";
    /** Opaque to clients; it carries nothing the server trusts, so tampering can only fail the request. */
    static final String ASK_STATE = java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString("mcpload-ask:v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final List<JsonNode> definitions;
    private final List<JsonNode> modernDefinitions;
    private final ObjectNode askSchema = schema(List.of(), stringProperty("greeting",
            "Word to greet with (default: Hello)."));

    ReferenceTools(boolean sleepEnabled) {
        add(arithmetic("add", "Add two numbers: a + b.", "a", "b", Math::addExact, (x, y) -> x + y));
        add(arithmetic("subtract", "Subtract two numbers: a - b.", "a", "b", Math::subtractExact, (x, y) -> x - y));
        add(arithmetic("multiply", "Multiply two numbers: a * b.", "a", "b", Math::multiplyExact, (x, y) -> x * y));
        add(divide());
        add(new Tool(definition("echo", "Echo", "Return the message, prefixed with 'Echo: '.",
                schema(List.of("message"), stringProperty("message", "Text to echo back."))),
                (args, call) -> call.complete(text("Echo: " + args.get("message").stringValue()))));
        if (sleepEnabled) {
            add(sleep());
        }
        add(new Tool(definition("fail", "Fail", "Always fail with a tool error (isError: true) carrying the message.",
                schema(List.of(), stringProperty("message", "Error text to return (optional)."))),
                (args, call) -> {
                    JsonNode message = args.get("message");
                    call.complete(error(message != null && message.isString() ? message.stringValue()
                            : "The fail tool failed, as asked."));
                }));
        definitions = tools.values().stream().<JsonNode>map(Tool::definition).toList();
        List<JsonNode> modern = new java.util.ArrayList<>(definitions);
        modern.add(definition(ASK, "Ask", "Ask the user their name (elicitation), then greet them. MCP 2026-07-28 "
                + "only: answers input_required with an elicitation/create input request; retry with "
                + "inputResponses.name and the requestState. Needs the client's elicitation capability.", askSchema));
        modernDefinitions = List.copyOf(modern);
    }

    /** The tools of the 2026-07-28 era: the same, and {@code ask}. */
    List<JsonNode> modernDefinitions() {
        return modernDefinitions;
    }

    /**
     * {@code tools/call ask} (2026-07-28): without an answer, an {@code input_required} result asking for the
     * name through elicitation; with one (and the requestState echoed), the greeting.
     *
     * @throws McpError -32021 when the client did not declare elicitation, -32602 for bad arguments or state
     */
    ObjectNode ask(JsonNode params, ObjectNode serverMeta) {
        JsonNode capabilities = Modern.clientCapabilities(params);
        if (capabilities == null || !capabilities.has("elicitation")) {
            throw Modern.missingCapability("elicitation", "tool 'ask' asks the user for their name");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull()) {
            arguments = JsonRpc.object();
        }
        SchemaValidator.validate(ASK, askSchema, arguments);
        JsonNode greeting = arguments.get("greeting");
        String word = greeting != null ? greeting.stringValue() : "Hello";
        JsonNode answer = params.path("inputResponses").get("name");
        if (answer == null || !answer.isObject()) {
            return askForName(serverMeta);
        }
        JsonNode state = params.get("requestState");
        if (state == null || !state.isString() || !ASK_STATE.equals(state.stringValue())) {
            throw McpError.invalidParams("Invalid params: requestState must be the one the input_required result "
                    + "carried, echoed unchanged");
        }
        String action = answer.path("action").asString("");
        switch (action) {
            case "accept" -> {
                JsonNode name = answer.path("content").get("name");
                if (name == null || !name.isString()) {
                    return askForName(serverMeta); // asked again rather than failed (spec, mrtr: error handling)
                }
                return Modern.complete(text(word + ", " + name.stringValue() + "!"), serverMeta);
            }
            case "decline", "cancel" -> {
                return Modern.complete(text("No name given: the user chose " + action + "."), serverMeta);
            }
            default -> throw McpError.invalidParams("Invalid params: inputResponses.name must be an ElicitResult "
                    + "(action accept, decline or cancel)");
        }
    }

    private static ObjectNode askForName(ObjectNode serverMeta) {
        ObjectNode result = JsonRpc.object();
        result.put("resultType", Modern.INPUT_REQUIRED);
        ObjectNode request = result.putObject("inputRequests").putObject("name");
        request.put("method", "elicitation/create");
        ObjectNode elicit = request.putObject("params");
        elicit.put("mode", "form");
        elicit.put("message", "What is your name?");
        elicit.set("requestedSchema", schema(List.of("name"), stringProperty("name", "Your name.")));
        result.put("requestState", ASK_STATE);
        result.set(Modern.META, serverMeta);
        return result;
    }

    private void add(Tool tool) {
        tools.put(tool.name(), tool);
    }

    /** Definitions in a stable order, for paginated {@code tools/list}. */
    List<JsonNode> definitions() {
        return definitions;
    }

    /**
     * Checks a {@code tools/call} and returns the invocation to run; its result arrives through {@code call},
     * at once or (for {@code sleep}) later.
     *
     * @throws McpError -32602 for an unknown tool or arguments that do not match its input schema
     */
    Runnable bind(JsonNode params, ToolCall call) {
        JsonNode name = params.get("name");
        if (name == null || !name.isString()) {
            throw McpError.invalidParams("Invalid params: tools/call needs a string \"name\"");
        }
        Tool tool = tools.get(name.stringValue());
        if (tool == null) {
            throw McpError.invalidParams("Unknown tool: " + name.stringValue());
        }
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull()) {
            arguments = JsonRpc.object();
        }
        SchemaValidator.validate(tool.name(), tool.inputSchema(), arguments);
        JsonNode validated = arguments;
        return () -> tool.implementation().call(validated, call);
    }

    // ---- tool implementations ----

    private static Tool arithmetic(String name, String description, String left, String right,
                                   LongBinaryOperator exact, DoubleBinaryOperator inexact) {
        ObjectNode definition = definition(name, capitalize(name), description,
                schema(List.of(left, right), numberProperty(left, "First operand."),
                        numberProperty(right, "Second operand.")));
        definition.set("outputSchema", resultSchema());
        return new Tool(definition, (args, call) -> {
            JsonNode a = args.get(left);
            JsonNode b = args.get(right);
            if (isLong(a) && isLong(b)) {
                try {
                    call.complete(number(JsonRpc.NODES.numberNode(exact.applyAsLong(a.longValue(), b.longValue()))));
                    return;
                } catch (ArithmeticException overflow) {
                    // fall through to floating point, like a JavaScript server would
                }
            }
            call.complete(number(inexact.applyAsDouble(a.doubleValue(), b.doubleValue())));
        });
    }

    private static Tool divide() {
        ObjectNode definition = definition("divide", "Divide",
                "Divide dividend by divisor. Dividing by zero is a tool error (isError: true).",
                schema(List.of("dividend", "divisor"), numberProperty("dividend", "Number to divide."),
                        numberProperty("divisor", "Number to divide by; must not be zero.")));
        definition.set("outputSchema", resultSchema());
        return new Tool(definition, (args, call) -> {
            JsonNode dividend = args.get("dividend");
            JsonNode divisor = args.get("divisor");
            if (divisor.doubleValue() == 0) {
                call.complete(error("Cannot divide by zero."));
            } else if (isLong(dividend) && isLong(divisor) && dividend.longValue() % divisor.longValue() == 0
                    && !(dividend.longValue() == Long.MIN_VALUE && divisor.longValue() == -1)) {
                call.complete(number(JsonRpc.NODES.numberNode(dividend.longValue() / divisor.longValue())));
            } else {
                call.complete(number(dividend.doubleValue() / divisor.doubleValue()));
            }
        });
    }

    private static Tool sleep() {
        ObjectNode ms = JsonRpc.object();
        ms.put("type", "integer");
        ms.put("minimum", 0);
        ms.put("maximum", MAX_SLEEP_MS);
        ms.put("description", "How long to wait, in milliseconds (0..60000).");
        ObjectNode definition = definition("sleep", "Sleep",
                "Wait ms milliseconds, then answer. Sends notifications/progress when the request carries "
                        + "_meta.progressToken and the transport can stream (SSE, legacy SSE, stdio).",
                schema(List.of("ms"), Map.entry("ms", ms)));
        return new Tool(definition, (args, call) -> {
            long millis = (long) args.get("ms").doubleValue();
            // Progress in three steps (start, half-way, done) so a client sees notifications while it waits.
            call.progress(0, 2, "Sleeping " + millis + " ms");
            if (millis == 0) {
                finishSleep(call, millis);
                return;
            }
            call.schedule(() -> {
                call.progress(1, 2, "Half-way through " + millis + " ms");
                call.schedule(() -> finishSleep(call, millis), millis - millis / 2);
            }, millis / 2);
        });
    }

    private static void finishSleep(ToolCall call, long millis) {
        call.progress(2, 2, "Slept " + millis + " ms");
        call.complete(text("Slept " + millis + " ms"));
    }

    // ---- results ----

    static ObjectNode text(String text) {
        ObjectNode result = JsonRpc.object();
        ObjectNode content = result.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
        return result;
    }

    /** A tool execution error: a normal result with {@code isError: true}, not a JSON-RPC error. */
    static ObjectNode error(String text) {
        ObjectNode result = text(text);
        result.put("isError", true);
        return result;
    }

    private static ObjectNode number(double value) {
        if (!Double.isFinite(value)) {
            return error("The result is not a finite number.");
        }
        return number(JsonRpc.NODES.numberNode(value));
    }

    /**
     * Structured content plus, as the spec asks for backwards compatibility, the same JSON serialised in a
     * text block.
     */
    private static ObjectNode number(JsonNode value) {
        ObjectNode structured = JsonRpc.object();
        structured.set("result", value);
        ObjectNode result = text(structured.toString());
        result.set("structuredContent", structured);
        return result;
    }

    private static boolean isLong(JsonNode number) {
        return number.isIntegralNumber() && number.canConvertToLong();
    }

    // ---- definitions ----

    private static ObjectNode definition(String name, String title, String description, ObjectNode inputSchema) {
        ObjectNode definition = JsonRpc.object();
        definition.put("name", name);
        definition.put("title", title);
        definition.put("description", description);
        definition.set("inputSchema", inputSchema);
        // Every reference tool only computes an answer, and says so, as a well-behaved server should: this is
        // what lets 'mcpload init' try them and write them active (it never calls a tool not marked read-only).
        ObjectNode annotations = definition.putObject("annotations");
        annotations.put("readOnlyHint", true);
        annotations.put("destructiveHint", false);
        annotations.put("idempotentHint", true);
        annotations.put("openWorldHint", false);
        return definition;
    }

    @SafeVarargs
    private static ObjectNode schema(List<String> required, Map.Entry<String, ObjectNode>... properties) {
        ObjectNode schema = JsonRpc.object();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (Map.Entry<String, ObjectNode> property : properties) {
            props.set(property.getKey(), property.getValue());
        }
        ArrayNode requiredNode = schema.putArray("required");
        required.forEach(requiredNode::add);
        return schema;
    }

    private static Map.Entry<String, ObjectNode> numberProperty(String name, String description) {
        return property(name, "number", description);
    }

    private static Map.Entry<String, ObjectNode> stringProperty(String name, String description) {
        return property(name, "string", description);
    }

    private static Map.Entry<String, ObjectNode> property(String name, String type, String description) {
        ObjectNode property = JsonRpc.object();
        property.put("type", type);
        property.put("description", description);
        return Map.entry(name, property);
    }

    private static ObjectNode resultSchema() {
        ObjectNode schema = JsonRpc.object();
        schema.put("type", "object");
        schema.putObject("properties").set("result", property("result", "number", "The result.").getValue());
        schema.putArray("required").add("result");
        return schema;
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
