package dev.mcpload.discovery;

import dev.mcpload.protocol.IncomingMessage;
import dev.mcpload.protocol.McpException;
import dev.mcpload.transport.McpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls each active step once, so the written config runs as it is: a step the server rejects (bad arguments,
 * a prompt argument it cannot resolve, a tool that fails or is too slow) is written commented out with what the
 * server answered. Only {@link Candidate.Status#ACTIVE} steps are called: which ones those are is decided
 * before, by {@link ConfigGenerator#candidates} from the {@link ProbePolicy} and {@link SideEffects}, so a step
 * left out as unsafe or not read-only never reaches the server.
 */
public final class ScenarioProbe {
    private ScenarioProbe() {
    }

    public static List<Candidate> verify(McpSession session, List<Candidate> candidates, long timeoutMs) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.status() != Candidate.Status.ACTIVE) {
                out.add(c);
                continue;
            }
            out.add(tryOnce(session, c, timeoutMs));
        }
        return out;
    }

    private static Candidate tryOnce(McpSession session, Candidate c, long timeoutMs) {
        try {
            IncomingMessage m = session.request(c.request(), timeoutMs).get(timeoutMs + 1000, TimeUnit.MILLISECONDS);
            if (m.isToolError()) {
                return c.with(Candidate.Status.FAILED, "mcpload init called it once and it returned isError: "
                        + firstText(m) + "; fix the arguments and uncomment it");
            }
            return c;
        } catch (ExecutionException e) {
            return c.with(Candidate.Status.FAILED, "mcpload init called it once and got "
                    + McpException.classify(e.getCause()).getMessage() + "; fix the arguments and uncomment it");
        } catch (TimeoutException e) {
            return c.with(Candidate.Status.FAILED, "mcpload init called it once and it did not answer within "
                    + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return c;
        }
    }

    private static String firstText(IncomingMessage m) {
        for (var item : m.result().path("content")) {
            String t = item.path("text").asString("");
            if (!t.isEmpty()) {
                return "'" + (t.length() > 120 ? t.substring(0, 119) + "…" : t) + "'";
            }
        }
        return "(no text)";
    }
}
