package dev.prism.connectors.ingest;

import java.util.List;

/** What an ingest run did: sent (acknowledged by the broker), rejected on the client, failed to send. */
public record IngestSummary(long sent, long rejected, long failed, List<String> problems) {
    public boolean clean() {
        return rejected == 0 && failed == 0;
    }

    @Override
    public String toString() {
        return sent + " sent, " + rejected + " rejected, " + failed + " failed";
    }
}
