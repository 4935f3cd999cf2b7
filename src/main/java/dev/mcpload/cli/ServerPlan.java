package dev.mcpload.cli;

import dev.mcpload.config.PlanBuilder;
import dev.mcpload.config.TestConfig;
import dev.mcpload.engine.Plan;
import java.io.PrintStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan once the preflight has met the server (run and ceiling alike): its requests encoded for the version
 * spoken, and what the server's era leaves out of the profile said once and taken out of the config as run, so
 * the report never claims what was not sent.
 */
final class ServerPlan {
    private ServerPlan() {
    }

    static Plan of(Plan checked, TestConfig cfg, String protocolVersion, ObjectNode configAsRun, PrintStream err) {
        String eraNote = PlanBuilder.eraNote(cfg, protocolVersion);
        if (eraNote != null) {
            err.println("mcpload: warning: " + eraNote);
            if (configAsRun.get("session") instanceof ObjectNode session) {
                session.remove("discover");
            }
        }
        return PlanBuilder.withRequestsFor(checked, cfg, protocolVersion);
    }
}
