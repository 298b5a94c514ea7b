package com.meterledger.core.tariff;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.meterledger.api.tariff.TariffSchedule;

/**
 * Teaches Jackson the sealed {@link TariffSchedule}: a {@code "kind"} property names the variant. The api module
 * may not depend on Jackson, so the mapping is a mix-in registered here (see {@code TariffJsonConfiguration}).
 */
public class TariffJsonModule extends SimpleModule {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TariffSchedule.Flat.class, name = "FLAT"),
            @JsonSubTypes.Type(value = TariffSchedule.Tiered.class, name = "TIERED"),
            @JsonSubTypes.Type(value = TariffSchedule.TimeOfUse.class, name = "TIME_OF_USE")})
    interface TariffScheduleMixIn {
    }

    public TariffJsonModule() {
        super("meterledger-tariff");
        setMixInAnnotation(TariffSchedule.class, TariffScheduleMixIn.class);
    }
}
