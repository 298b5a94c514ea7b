package com.meterledger.query.search;

import java.io.IOException;

/** Elasticsearch did not answer (cluster away, network): a 503 for callers, a retried batch for projections. */
public class SearchUnavailable extends RuntimeException {
    public SearchUnavailable(IOException cause) {
        super("Elasticsearch did not answer: " + cause.getMessage(), cause);
    }
}
