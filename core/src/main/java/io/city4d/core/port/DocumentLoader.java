package io.city4d.core.port;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads stored documents at start-up so that none can keep the server from starting: a document whose text cannot
 * be read, or that its loader cannot make sense of, is skipped and reported, with a log line naming its collection,
 * tenant and id and a count per collection (for /metrics), and the server runs without it.
 */
public final class DocumentLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentLoader.class);

    private final DocumentStore documents;
    private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();

    public DocumentLoader(DocumentStore documents) {
        this.documents = documents;
    }

    /**
     * Hands each document of a collection (of one tenant, or of all for a null tenant) to load. Load must take a
     * document whole or not at all: when it fails, the document counts as skipped.
     */
    public void forEach(String collection, String tenant, Consumer<DocumentStore.Document> load) {
        AtomicLong count = skipped.computeIfAbsent(collection, c -> new AtomicLong());
        for (DocumentStore.Document document : documents.list(collection, tenant, Integer.MAX_VALUE,
                u -> skip(count, collection, u.tenant(), u.id(), u.reason()))) {
            try {
                load.accept(document);
            } catch (RuntimeException e) {
                skip(count, collection, document.tenant(), document.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** How many documents were skipped, by collection, for every collection loaded so far. */
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<>();
        skipped.forEach((collection, count) -> out.put(collection, count.get()));
        return out;
    }

    private static void skip(AtomicLong count, String collection, String tenant, String id, String reason) {
        count.incrementAndGet();
        LOG.warn("skipped the stored document {} of tenant '{}' in {}, which cannot be loaded: {}", id, tenant, collection, reason);
    }
}
