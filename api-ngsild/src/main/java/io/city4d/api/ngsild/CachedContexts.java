package io.city4d.api.ngsild;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The remote @context documents City4D fetched, kept in memory as "Cached" contexts (clause 5.13): each with its local
 * id, when it was fetched, when it was last used and how often (numberOfHits). Bounded, so that callers sending ever
 * new contexts cannot grow the heap; the least recently used one goes first.
 */
final class CachedContexts {
    private final Map<String, Entry> byUrl;

    CachedContexts(int capacity) {
        this.byUrl = ContextResolver.lru(capacity);
    }

    /** One cached context; its document is replaced by a reload, its usage kept. */
    static final class Entry {
        private final String url;
        private final String localId;
        private final AtomicReference<JsonNode> document;
        private final Instant createdAt;
        private final AtomicReference<Instant> lastUsage = new AtomicReference<>();
        private final AtomicLong hits = new AtomicLong();

        private Entry(String url, JsonNode document) {
            this.url = url;
            // the same URL gets the same id again once it was dropped and fetched anew
            this.localId = UUID.nameUUIDFromBytes(url.getBytes(StandardCharsets.UTF_8)).toString();
            this.document = new AtomicReference<>(document);
            this.createdAt = Instant.now();
        }

        String url() { return url; }

        String localId() { return localId; }

        JsonNode document() { return document.get(); }

        Instant createdAt() { return createdAt; }

        /** When it was last used, or null when never. */
        Instant lastUsage() { return lastUsage.get(); }

        long hits() { return hits.get(); }

        void hit() {
            hits.incrementAndGet();
            lastUsage.set(Instant.now());
        }
    }

    Optional<JsonNode> document(String url) {
        return Optional.ofNullable(byUrl.get(url)).map(Entry::document);
    }

    void put(String url, JsonNode document) {
        Entry known = byUrl.get(url);
        if (known != null) known.document.set(document);
        else byUrl.put(url, new Entry(url, document));
    }

    /** Counts a use of the context at the URL, if it is cached. */
    void hit(String url) {
        Entry entry = byUrl.get(url);
        if (entry != null) entry.hit();
    }

    /** The cached context named by its URL or its local id. */
    Optional<Entry> find(String urlOrLocalId) {
        Entry entry = byUrl.get(urlOrLocalId);
        if (entry != null) return Optional.of(entry);
        return all().stream().filter(e -> e.localId.equals(urlOrLocalId)).findFirst();
    }

    boolean remove(String url) {
        return byUrl.remove(url) != null;
    }

    List<Entry> all() {
        synchronized (byUrl) {
            return new ArrayList<>(byUrl.values());
        }
    }
}
