package com.meterledger.app.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metrics of Axon's message handling, at a cost the hot paths can carry. Axon's own micrometer monitors build and look
 * up four timers and three counters per message and component (about 8 % of the CPU of a busy node, measured with the
 * gateway benchmark); these register their meters once and only count and time per message:
 * <ul>
 *     <li>{@code meterledger.axon.processor.events} (processor, outcome: success, failure, ignored) and
 *     {@code meterledger.axon.processor.handling} (processor): every event a processor handled, and how long it took;
 *     </li>
 *     <li>{@code meterledger.axon.processor.lag} (processor, seconds): how old the last event a processor handled was
 *     when it handled it, the usual alert for a processor falling behind;</li>
 *     <li>{@code meterledger.axon.commands} and {@code meterledger.axon.queries} (type, outcome): timers per message
 *     type.</li>
 * </ul>
 * Axon's own auto-configured monitors are off ({@code axon.metrics.auto-configuration.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetrics {

    @Bean
    ConfigurerModule axonMessageMonitors(MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        return configurer -> configurer
                .configureMessageMonitor(EventProcessor.class,
                        (configuration, type, name) -> new ProcessorMonitor(registry, name, clock))
                .configureMessageMonitor(CommandBus.class,
                        (configuration, type, name) -> new PerTypeMonitor(registry, "meterledger.axon.commands"))
                .configureMessageMonitor(QueryBus.class,
                        (configuration, type, name) -> new PerTypeMonitor(registry, "meterledger.axon.queries"));
    }

    /** Counts, times and measures the lag of one event processor's events. */
    static final class ProcessorMonitor implements MessageMonitor<Message<?>> {
        private final Counter success;
        private final Counter failure;
        private final Counter ignored;
        private final Timer handling;
        private final Clock clock;
        private final AtomicLong lagMillis = new AtomicLong();

        ProcessorMonitor(MeterRegistry registry, String processor, Clock clock) {
            this.clock = clock;
            this.success = outcome(registry, processor, "success");
            this.failure = outcome(registry, processor, "failure");
            this.ignored = outcome(registry, processor, "ignored");
            this.handling = Timer.builder("meterledger.axon.processor.handling").tag("processor", processor)
                    .description("time an event processor spent on one event").register(registry);
            Gauge.builder("meterledger.axon.processor.lag", lagMillis, millis -> millis.get() / 1000.0)
                    .tag("processor", processor).baseUnit("seconds")
                    .description("age of the last event the processor handled, when it handled it")
                    .register(registry);
        }

        private static Counter outcome(MeterRegistry registry, String processor, String outcome) {
            return Counter.builder("meterledger.axon.processor.events").tag("processor", processor)
                    .tag("outcome", outcome).register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            long started = System.nanoTime();
            if (message instanceof EventMessage<?> event) {
                lagMillis.set(Math.max(0, clock.millis() - event.getTimestamp().toEpochMilli()));
            }
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    handling.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    success.increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    failure.increment();
                }

                @Override
                public void reportIgnored() {
                    ignored.increment();
                }
            };
        }
    }

    /** A timer per message type and outcome, each registered once. */
    static final class PerTypeMonitor implements MessageMonitor<Message<?>> {
        private final MeterRegistry registry;
        private final String name;
        private final Map<Class<?>, Timer[]> timers = new ConcurrentHashMap<>();

        PerTypeMonitor(MeterRegistry registry, String name) {
            this.registry = registry;
            this.name = name;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            long started = System.nanoTime();
            Timer[] outcomes = timers.computeIfAbsent(message.getPayloadType(), type -> new Timer[]{
                    timer(type, "success"), timer(type, "failure")});
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    outcomes[0].record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    outcomes[1].record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportIgnored() {
                    reportSuccess();
                }
            };
        }

        private Timer timer(Class<?> type, String outcome) {
            return Timer.builder(name).tag("type", type.getSimpleName()).tag("outcome", outcome).register(registry);
        }
    }
}
