package com.meterledger.app.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A JSON number is not text and not a yes-or-no, and a yes-or-no is not text: Jackson turned {@code "reason": 0.5}
 * into the text "0.5", {@code "protect": -670734441092570053312088131696} into {@code true} and a unit's
 * {@code "name": true} into the name "true", so a client's type error was carried out as a command (found by
 * {@code ApiSweepTest}). Now they are refused and the problem names the field. Text that holds a number
 * ({@code "amountMinor": "1500"}) stays accepted: the API documents amounts as strings.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonTypes {
    @Bean
    Jackson2ObjectMapperBuilderCustomizer numbersAreNotTextOrBooleans() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }
}
