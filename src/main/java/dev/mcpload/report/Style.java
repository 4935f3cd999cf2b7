package dev.mcpload.report;

/** ANSI styling that disappears when color is off (--no-color, NO_COLOR, TERM=dumb, not a terminal). */
public final class Style {
    private final boolean color;

    public Style(boolean color) {
        this.color = color;
    }

    public static Style auto(boolean noColorFlag) {
        boolean off = noColorFlag || System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))
                || System.console() == null;
        return new Style(!off);
    }

    public boolean enabled() {
        return color;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
