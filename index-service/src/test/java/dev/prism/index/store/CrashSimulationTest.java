package dev.prism.index.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.wire.VectorRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.tests.store.MockDirectoryWrapper;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;

/**
 * Lucene crash simulation: MockDirectoryWrapper.crash() throws away everything not fsynced, at random points
 * between writes and commits. After each crash the index must open, CheckIndex must be clean, and its content
 * must be exactly the state after the records its committed offset says were consumed.
 */
class CrashSimulationTest {
    /** One record of a simulated vector log: an upsert or (vector == null) a delete with version. */
    private record LogEntry(String id, long version, float[] vector) {}

    @Test
    void indexAfterEveryCrashEqualsItsCommittedOffsets() throws Exception {
        Random random = new Random(2024);
        List<LogEntry> log = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String id = "doc" + random.nextInt(300);
            long version = versions.merge(id, 1L, Long::sum);
            log.add(random.nextInt(10) == 0 ? new LogEntry(id, version, null) : new LogEntry(id, version, IndexStoreTest.randomUnit(random, 16)));
        }
        MockDirectoryWrapper dir = new MockDirectoryWrapper(random, new ByteBuffersDirectory());
        dir.setCheckIndexOnClose(false);
        int crashes = 0;
        long position = 0;
        while (position < log.size()) {
            long resumed = DirectoryReader.indexExists(dir)
                    ? IndexStore.parseOffsets(IndexStore.readCommitData(dir).get(IndexStore.COMMIT_OFFSETS)).getOrDefault(0, 0L) : 0L;
            assertContentEquals(dir, log, resumed);
            IndexStore store = new IndexStore(dir, IndexSettings.DEFAULT);
            assertThat(store.committedOffsets().getOrDefault(0, 0L)).isEqualTo(resumed);
            position = resumed;
            int crashAfter = 50 + random.nextInt(400);
            for (int applied = 0; applied < crashAfter && position < log.size(); applied++) {
                apply(store, log.get((int) position), position);
                position++;
                if (random.nextInt(100) == 0) {
                    store.commit(Map.of(0, position));
                }
                if (random.nextInt(60) == 0) {
                    store.refresh();
                }
            }
            if (position >= log.size()) {
                store.commit(Map.of(0, position));
                store.close();
                break;
            }
            dir.crash(); // lose every unsynced byte, mid-stream
            crashes++;
            dir.clearCrash();
            store.writer().getDirectory(); // the crashed writer is abandoned, as a killed process would
            dir = reopen(dir);
        }
        assertThat(crashes).isGreaterThanOrEqualTo(5);
        assertContentEquals(dir, log, log.size());
    }

    private static MockDirectoryWrapper reopen(MockDirectoryWrapper crashed) throws Exception {
        // a fresh wrapper over the same bytes, as after a restart: no open files, no held locks
        ByteBuffersDirectory copy = new ByteBuffersDirectory();
        for (String file : crashed.listAll()) {
            if (file.equals("write.lock")) {
                continue;
            }
            copy.copyFrom(crashed, file, file, org.apache.lucene.store.IOContext.DEFAULT);
        }
        MockDirectoryWrapper next = new MockDirectoryWrapper(new Random(crashed.listAll().length), copy);
        next.setCheckIndexOnClose(false);
        return next;
    }

    private static void apply(IndexStore store, LogEntry e, long offset) throws Exception {
        if (e.vector() == null) {
            store.delete(e.id(), e.version(), offset);
        } else {
            store.upsert(new VectorRecord(e.id(), dev.prism.connectors.wire.Modality.TEXT, "crash@1", e.vector(), Map.of(), List.of(),
                    e.version(), new dev.prism.connectors.wire.SourceRef("t", 0, offset, null), null));
        }
    }

    /** The index equals the state after the first {@code consumed} log entries, and CheckIndex is clean. */
    private static void assertContentEquals(MockDirectoryWrapper dir, List<LogEntry> log, long consumed) throws Exception {
        Map<String, Long> expected = new HashMap<>();
        Map<String, Boolean> live = new HashMap<>();
        for (int i = 0; i < consumed; i++) {
            LogEntry e = log.get(i);
            expected.put(e.id(), e.version());
            live.put(e.id(), e.vector() != null);
        }
        if (!DirectoryReader.indexExists(dir)) {
            assertThat(consumed).isZero();
            return;
        }
        try (CheckIndex check = new CheckIndex(dir)) {
            assertThat(check.checkIndex().clean).as("CheckIndex after the crash").isTrue();
        }
        Map<String, Long> actual = new HashMap<>();
        Map<String, Boolean> actualLive = new HashMap<>();
        try (IndexReader reader = DirectoryReader.open(dir)) {
            var searcher = new org.apache.lucene.search.IndexSearcher(reader);
            StoredFields fields = reader.storedFields();
            for (var leaf : reader.leaves()) {
                Bits liveDocs = leaf.reader().getLiveDocs();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    if (liveDocs != null && !liveDocs.get(d)) {
                        continue;
                    }
                    String id = fields.document(leaf.docBase + d).get(IndexSchema.ID);
                    actual.put(id, fields.document(leaf.docBase + d).getField(IndexSchema.VERSION).numericValue().longValue());
                    actualLive.put(id, IndexStore.lookup(searcher, id).live());
                }
            }
        }
        assertThat(actual).as("versions after " + consumed + " records").isEqualTo(expected);
        assertThat(actualLive).as("live/deleted after " + consumed + " records").isEqualTo(live);
    }
}
