package com.meterledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads what an aggregate's stream really holds, straight from the event table. */
public class EventStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;

    public EventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredEvent(long sequence, String type, JsonNode payload, JsonNode metadata) {
    }

    public List<StoredEvent> of(String aggregateId) {
        return jdbc.sql("""
                        select sequence_number, payload_type, payload, meta_data from domain_event_entry
                        where aggregate_identifier = ? order by sequence_number""")
                .param(aggregateId)
                .query((rs, row) -> new StoredEvent(rs.getLong(1), simpleName(rs.getString(2)), parse(rs.getBytes(3)),
                        parse(rs.getBytes(4))))
                .list();
    }

    public List<String> typesOf(String aggregateId) {
        return of(aggregateId).stream().map(StoredEvent::type).toList();
    }

    public List<StoredEvent> ofType(String aggregateId, String type) {
        return of(aggregateId).stream().filter(event -> event.type().equals(type)).toList();
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
