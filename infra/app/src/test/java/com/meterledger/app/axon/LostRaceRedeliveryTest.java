package com.meterledger.app.axon;

import com.meterledger.api.error.RuleViolation;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failures of the supply-control process have the event handled again, and which are handled as before. */
class LostRaceRedeliveryTest {
    private final List<Exception> handledAsBefore = new ArrayList<>();
    private final LostRaceRedelivery redelivery = new LostRaceRedelivery(
            (exception, event, handler) -> handledAsBefore.add(exception));
    private final EventMessage<?> event = GenericEventMessage.asEventMessage("BalanceDepleted");
    private final EventMessageHandler handler = new EventMessageHandler() {
        @Override
        public Object handle(EventMessage<?> message) {
            return null;
        }

        @Override
        public Class<?> getTargetType() {
            return LostRaceRedeliveryTest.class;
        }
    };

    @Test
    void givenAStaleAccountCopyWhenTheDecisionFailsThenTheFailureIsThrownOnSoTheEventIsHandledAgain() {
        ConcurrencyException stale = new ConcurrencyException("account a-1 has events up to 9 but was read at 8");

        assertThatThrownBy(() -> redelivery.onError(stale, event, handler)).isSameAs(stale);
        assertThat(handledAsBefore).isEmpty();
    }

    @Test
    void givenADomainRefusalWhenTheDecisionFailsThenItIsHandledAsBeforeAndNotThrownOn() throws Exception {
        RuleViolation refused = new RuleViolation("some-rule", "no");

        redelivery.onError(refused, event, handler);

        assertThat(handledAsBefore).containsExactly(refused);
    }
}
