package com.meterledger.core.meter;

import com.meterledger.api.meter.MeterId;
import com.meterledger.api.supply.SupplyAction;
import com.meterledger.api.supply.SupplyCommandFailed;
import com.meterledger.api.supply.SupplyCommandId;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SupplyCommandFailed} gained {@code attempt} and {@code willRetry}; failures stored before still read. */
class SupplyCommandFailedSerializationTest {
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(Jackson2ObjectMapperBuilder.json().build()).build();

    @Test
    void aFailureStoredBeforeRetriesExistedReadsAsAbandoned() {
        byte[] stored = """
                {"meterId":{"value":"m-1"},"commandId":{"value":"cmd-1"},"action":"RESTORE","detail":"relay stuck"}"""
                .getBytes(StandardCharsets.UTF_8);
        SerializedObject<byte[]> old = new SimpleSerializedObject<>(stored, byte[].class,
                new SimpleSerializedType(SupplyCommandFailed.class.getName(), null));

        SupplyCommandFailed read = serializer.deserialize(old);

        assertThat(read).isEqualTo(new SupplyCommandFailed(new MeterId("m-1"), new SupplyCommandId("cmd-1"),
                SupplyAction.RESTORE, "relay stuck", 0, false));
    }
}
