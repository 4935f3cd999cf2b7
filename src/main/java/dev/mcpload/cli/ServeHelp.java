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
                .append("not to notifications, DELETE or the legacy /sse transport; in the modern era (--era)%n")
                .append("they apply to every request (init-refused has no initialize to refuse).%n")
                .append("%nEras (--era): modern answers initialize with 400 -32022 naming 2026-07-28; legacy%n")
                .append("answers a 2026-07-28 request as a 2025 server does (400 without a modern error, so a%n")
                .append("dual-era client falls back to initialize); dual, the default, serves both on /mcp.");
        return new Object[][] {
            {"usage.footerHeading", "%nFault modes (--fault NAME[:PARAM][@FRACTION]):%n"},
            {"usage.footer", footer.toString()},
        };
    }
}
