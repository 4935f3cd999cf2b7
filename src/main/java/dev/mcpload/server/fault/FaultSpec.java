package dev.mcpload.server.fault;

import java.util.Locale;

/**
 * One {@code --fault NAME[:PARAM][@FRACTION]} as given: which mode, its parameter (null for the mode's default)
 * and the fraction of requests (of sessions, for {@code init-refused}) it hits. {@link #parse} checks all of it
 * at start-up, so a bad flag is one paragraph before anything listens.
 */
public record FaultSpec(String name, String param, double fraction) {
    public static final String FORM = "NAME[:PARAM][@FRACTION]";

    /** The fault this spec describes, made fresh (a fault may keep state, such as a stall's window). */
    public Fault create() {
        return FaultRegistry.mode(name).factory().create(param);
    }

    /**
     * @throws IllegalArgumentException one paragraph naming the flag, what is wrong, the form and the valid modes
     */
    public static FaultSpec parse(String text) {
        String t = text == null ? "" : text.trim();
        String rest = t;
        double fraction = 1;
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            String f = t.substring(at + 1);
            rest = t.substring(0, at);
            try {
                fraction = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                fraction = Double.NaN;
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw problem(text, "'" + f + "' is not a fraction: FRACTION is a number above 0 and at most 1, "
                        + "as 0.1 for a tenth of the requests");
            }
        }
        int colon = rest.indexOf(':');
        String name = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
        String param = colon < 0 ? null : rest.substring(colon + 1);
        if (name.isEmpty()) {
            throw problem(text, "a fault needs a mode name");
        }
        FaultRegistry.Mode mode = FaultRegistry.find(name);
        if (mode == null) {
            throw problem(text, "there is no fault mode '" + name + "'");
        }
        FaultSpec spec = new FaultSpec(name, param, fraction);
        try {
            spec.create();
        } catch (IllegalArgumentException e) {
            throw problem(text, e.getMessage() + " (" + mode.usage() + ": " + mode.help() + ")");
        }
        return spec;
    }

    private static IllegalArgumentException problem(String text, String what) {
        return new IllegalArgumentException("--fault '" + text + "': " + what + ". A fault is " + FORM
                + " (FRACTION of the requests, default 1), e.g. --fault http500@0.1 --fault stall:5s@0.01; the modes"
                + " are " + String.join(", ", FaultRegistry.names()) + " (see 'mcpload serve --help').");
    }

    @Override
    public String toString() {
        return name + (param == null ? "" : ":" + param) + (fraction == 1 ? "" : "@" + fraction);
    }
}
