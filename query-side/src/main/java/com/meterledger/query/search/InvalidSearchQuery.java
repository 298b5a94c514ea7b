package com.meterledger.query.search;

/** A caller's search text that Elasticsearch's query parser refused; answered as 400 with the parser's reason. */
public class InvalidSearchQuery extends IllegalArgumentException {
    public InvalidSearchQuery(String reason) {
        super("the search syntax is not valid: " + reason);
    }
}
