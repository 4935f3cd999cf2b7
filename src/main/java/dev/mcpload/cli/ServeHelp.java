package dev.mcpload.cli;

import dev.mcpload.server.fault.FaultRegistry;
import java.util.ListResourceBundle;

/** {@code serve --help}'s list of fault modes, from the registry, so the help cannot forget one. */
public final class ServeHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        StringBuilder footer = new StringBuilder();
        int width = FaultRegistry.modes().stream().mapToInt(m -> m.usage().length()).max().orElse(0);
        for (FaultRegistry.Mode m : FaultRegistry.modes()) {
            footer.append("  ").append(m.usage()).append(" ".repeat(width - m.usage().length() + 2))
                    .append(m.help()).append("%n");
        }
        footer.append("%nDURATION is 200ms or 5s. FRACTION is of the requests (of the sessions for%n")
                .append("init-refused). Faults apply to the requests of Streamable HTTP sessions at /mcp,%n")
                .append("not to notifications, DELETE or the legacy /sse transport.");
        return new Object[][] {
            {"usage.footerHeading", "%nFault modes (--fault NAME[:PARAM][@FRACTION]):%n"},
            {"usage.footer", footer.toString()},
        };
    }
}
