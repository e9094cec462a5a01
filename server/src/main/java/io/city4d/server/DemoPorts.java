package io.city4d.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports a demo listens on. A port named on the command line is used as given, and the start fails when it is
 * taken. Otherwise the demo takes the default port, or the one it fell back to at an earlier start of the same data
 * directory; when that is taken it falls back to a free port and remembers it in the data directory, so that the URL
 * and the devices' MQTT port stay the same from one start to the next.
 */
final class DemoPorts {
    static final String FILE = "demo-ports.properties";

    private final Path file;
    private final Properties remembered = new Properties();
    private boolean changed;

    DemoPorts(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        try (Reader in = Files.newBufferedReader(file)) {
            remembered.load(in);
        } catch (NoSuchFileException first) {
            // a first start: nothing remembered
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port to use for {@code option}: {@code given} when the command line named it, else the remembered or default one if free. */
    int choose(String option, int port, boolean given, String host, PrintWriter out) {
        if (given || port <= 0) return port;
        int preferred = Integer.parseInt(remembered.getProperty(option, Integer.toString(port)));
        if (ListenCheck.isFree(host, preferred)) return preferred;
        int fallback = ListenCheck.anyFreePort(host);
        out.println("Port " + preferred + " is in use; the demo takes " + fallback + " instead, and keeps it for this data directory (" + option + " chooses one).");
        remembered.setProperty(option, Integer.toString(fallback));
        changed = true;
        return fallback;
    }

    /** Remembers the fallbacks chosen; called once the server listens on them. */
    void save() {
        if (!changed) return;
        try (Writer w = Files.newBufferedWriter(file)) {
            remembered.store(w, "Ports the demo fell back to because the defaults were taken");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
