package dev.mcpload.server;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The one prompt of the reference server, {@code greeting(name)}, with a required argument to validate. */
final class ReferencePrompts {
    private final List<JsonNode> prompts;

    ReferencePrompts() {
        ObjectNode greeting = JsonRpc.object();
        greeting.put("name", "greeting");
        greeting.put("title", "Greeting");
        greeting.put("description", "Greets someone by name.");
        ObjectNode argument = greeting.putArray("arguments").addObject();
        argument.put("name", "name");
        argument.put("description", "Who to greet.");
        argument.put("required", true);
        prompts = List.of(greeting);
    }

    List<JsonNode> list() {
        return prompts;
    }

    /** @throws McpError -32602 for an unknown prompt or a missing/non-string {@code name} argument */
    ObjectNode get(JsonNode params) {
        JsonNode promptName = params.get("name");
        if (promptName == null || !promptName.isString()) {
            throw McpError.invalidParams("Invalid params: prompts/get needs a string \"name\"");
        }
        if (!"greeting".equals(promptName.stringValue())) {
            throw McpError.invalidParams("Unknown prompt: " + promptName.stringValue());
        }
        JsonNode name = params.path("arguments").get("name");
        if (name == null || !name.isString()) {
            throw McpError.invalidParams("Invalid arguments for prompt 'greeting': missing required argument 'name'");
        }
        ObjectNode result = JsonRpc.object();
        result.put("description", "A greeting for " + name.stringValue());
        ObjectNode message = result.putArray("messages").addObject();
        message.put("role", "user");
        ObjectNode content = message.putObject("content");
        content.put("type", "text");
        content.put("text", "Hello, " + name.stringValue() + "!");
        return result;
    }
}
