package dev.mcpload.report.html;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless browser for the HTML report's tests: Debian's {@code chromium} ({@code apt-get install
 * chromium}; {@code .ci/run} installs it). Each call starts one chromium process with its own profile directory,
 * the network off, and a bounded wait; only that process (and its children) is ended. When chromium is missing
 * the test is skipped with a message saying so, except in CI ({@code CI=true}), where it fails.
 */
final class Chromium {
    /** How long one page load may take, chromium's start included. */
    private static final long TIMEOUT_SECONDS = 90;
    private static final Pattern CHECK = Pattern.compile("<meta name=\"mcpload-check\" content=\"([^\"]*)\"");

    private final Path binary;
    private final Path workDir;

    private Chromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** Chromium, or the calling test is skipped (failed under CI=true). */
    static Chromium require(Path workDir) {
        Path found = find();
        if (found == null) {
            String message = "chromium is not installed (the HTML report's browser test needs it): apt-get install"
                    + " -y chromium, as .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("in CI (CI=true) the browser test must run: " + message);
            }
            System.out.println("HTML report browser test skipped: " + message);
            abort(message);
        }
        return new Chromium(found, workDir);
    }

    private static Path find() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** What the browser made of a page: the DOM after its scripts ran, and what chromium logged. */
    record Page(String dom, String log) {
        /** The page's self-check, from {@code <meta name="mcpload-check">}, or "" if the script never filled it. */
        String check() {
            Matcher m = CHECK.matcher(dom);
            return m.find() ? m.group(1) : "";
        }

        /** The console messages the page printed (chromium logs each as a CONSOLE line). */
        List<String> console() {
            return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    /** Loads {@code file} and returns its DOM once its scripts and timers have run (virtual time, bounded). */
    Page dumpDom(Path file, int width, int height) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "chromium-", ".log");
        Path dom = Files.createTempFile(workDir, "chromium-", ".html");
        run(List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
                "--window-size=" + width + "," + height, "--dump-dom", file.toUri().toString()), dom, log);
        return new Page(Files.readString(dom, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** A screenshot of {@code file} at that window size (for a person to look at; tests only check it exists). */
    void screenshot(Path file, Path png, int width, int height) throws IOException, InterruptedException {
        screenshot(file, png, width, height, false);
    }

    /** The same, with the page in dark mode when {@code dark} (the browser prefers a dark colour scheme). */
    void screenshot(Path file, Path png, int width, int height, boolean dark) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "chromium-", ".log");
        List<String> args = new ArrayList<>(List.of("--hide-scrollbars", "--virtual-time-budget=10000",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath()));
        if (dark) {
            args.add("--force-dark-mode");
        }
        args.add(file.toUri().toString());
        run(args, log, log);
    }

    private void run(List<String> args, Path stdout, Path stderr) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                // the network off: no name resolves and every connection goes to a closed port; the page's own
                // Content-Security-Policy forbids fetching anything as well
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("chromium did not finish within " + TIMEOUT_SECONDS + "s: " + String.join(" ", command));
            }
        } finally {
            stop(p);
        }
    }

    /** Ends the chromium we started and its children (renderer, GPU, zygote), by PID only. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
