package dev.mcpload.discovery;

import dev.mcpload.report.Plural;

import java.util.ArrayList;
import java.util.List;

/**
 * The line {@code mcpload init} prints after discovery: what it called and what it left out, and why, in
 * counts, so a user sees at a glance that nothing with side effects was touched.
 */
public final class InitSummary {
    private InitSummary() {
    }

    public static String of(List<Candidate> candidates, ProbePolicy policy) {
        long active = count(candidates, Candidate.Status.ACTIVE);
        long failed = count(candidates, Candidate.Status.FAILED);
        long unsafe = count(candidates, Candidate.Status.UNSAFE);
        long notReadOnly = count(candidates, Candidate.Status.NOT_READ_ONLY);
        StringBuilder sb = new StringBuilder();
        if (policy.calls()) {
            sb.append("Called ").append(Plural.of(active + failed, "step")).append(" once (")
                    .append(policy == ProbePolicy.UNFLAGGED ? "reads and unflagged tools, as --probe asks"
                            : "reads only: resources, prompts, tools annotated readOnlyHint: true")
                    .append("): ").append(active).append(" ready");
        } else {
            sb.append("Called nothing but the list methods (--no-probe): ").append(active)
                    .append(" read-only ").append(active == 1 ? "step" : "steps").append(" written untried");
        }
        List<String> left = new ArrayList<>();
        if (failed > 0) {
            left.add(failed + " failed when called");
        }
        if (unsafe > 0) {
            left.add(unsafe + " may have side effects (never called)");
        }
        if (notReadOnly > 0) {
            left.add(notReadOnly + " not annotated readOnlyHint: true (not called; --probe tries "
                    + (notReadOnly == 1 ? "it" : "them") + ")");
        }
        if (left.isEmpty()) {
            return sb.append("; nothing left out.").toString();
        }
        return sb.append("; left out, commented with the reason: ").append(String.join(", ", left)).append('.')
                .toString();
    }

    private static long count(List<Candidate> candidates, Candidate.Status status) {
        return candidates.stream().filter(c -> c.status() == status).count();
    }
}
