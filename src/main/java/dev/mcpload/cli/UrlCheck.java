package dev.mcpload.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target URL, checked before anything connects, so a typo is a usage error (exit 2) that says what to
 * type, not a connection failure that asks whether the server is running.
 */
final class UrlCheck {
    /** host, host:port, host/path, [v6]:port/path… with no scheme: what people type for a local server. */
    private static final Pattern SCHEMELESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:\\d+)?([/?#].*)?");
    private static final Pattern AUTHORITY_PORT = Pattern.compile(".*:(\\d+)$");

    private UrlCheck() {
    }

    static String check(String url) {
        if (!url.contains("://") && SCHEMELESS.matcher(url).matches()) {
            throw new UserError("'" + url + "' has no scheme: did you mean 'http://" + url + "'? (https:// for a"
                    + " server with TLS)");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserError("'" + url + "' is not a valid URL: " + e.getReason() + " at character "
                    + (e.getIndex() + 1) + (e.getReason().contains("Illegal character") ? " (spaces and some"
                    + " symbols must be percent-encoded, e.g. %20)" : ""));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserError("'" + url + "' is not an http:// or https:// URL"
                    + " (for a local process use --transport stdio --command '...')");
        }
        String authority = u.getRawAuthority();
        if (u.getHost() == null) {
            Matcher port = authority == null ? null : AUTHORITY_PORT.matcher(authority);
            if (port != null && port.matches()) {
                throw outOfRange(url, port.group(1)); // too long for an int: java.net.URI gave up on the host
            }
            throw new UserError("'" + url + "' has no host: write it as " + scheme + "://HOST:PORT/path, e.g. "
                    + scheme + "://127.0.0.1:3000/mcp");
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            throw outOfRange(url, String.valueOf(u.getPort()));
        }
        return url;
    }

    private static UserError outOfRange(String url, String port) {
        return new UserError("port " + port + " in '" + url + "' is out of range: a TCP port is 1 to 65535");
    }
}
