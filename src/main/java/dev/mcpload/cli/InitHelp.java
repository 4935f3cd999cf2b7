package dev.mcpload.cli;

import java.util.ListResourceBundle;

/** {@code init}'s wording of the {@link ConnectionOptions} flags (picocli reads it by {@code descriptionKey}). */
public final class InitHelp extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"transport", "auto, http, sse or stdio (with --command)."},
            {"command", "Server command line for --transport stdio."},
            {"header", "Extra HTTP header."},
            {"protocol-era", "auto (default: modern first, then initialize), modern or legacy."},
            {"protocol-version", "Pins the version, and with it the era (2026-07-28 or a 2025/2024 one)."},
        };
    }
}
