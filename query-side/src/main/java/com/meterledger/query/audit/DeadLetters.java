package com.meterledger.query.audit;

import com.meterledger.api.error.NotFound;
import com.meterledger.api.error.RuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operators' handle on the processors' dead-letter queues, through Axon's own API (never SQL on its table, which
 * infra/app owns): how many letters each group has parked, what they are, and retrying them.
 * <p>
 * An event a projection cannot handle is parked with every later event of its sequence (account-projection: of its
 * account) behind it, and the projection shows that account as it stood before it: frozen, while the rest moves on.
 * A retry hands a sequence back to the projection's handlers, in order; what fails again stays parked.
 * <p>
 * Queues are per processing group; a group here is the name of a processor that has one. Letters are found by
 * walking the queue (Axon has no look-up by id): fine for the hundreds an operator deals with, and the queue is capped
 * by Axon anyway.
 */
@Service
public class DeadLetters {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 500;

    private final EventProcessingConfiguration processing;

    public DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** A group's parked sequences (each blocked behind its first letter) and the letters in them. */
    public record Counts(String group, long sequences, long letters) {
    }

    /** A page of a group's letters, in the queue's order: by sequence, and within one in the order they came. */
    public record Page(String group, long sequences, long letters, int page, int size,
                       List<DeadLetterView.Letter> items) {
    }

    /** The group's letter that blocks a sequence: the first of it, whose handling failed. */
    public record BlockedBy(String group, String letterId) {
    }

    /**
     * @param sequencesRetried      sequences handed back to the handlers
     * @param lettersProcessed      letters handled and removed from the queue
     * @param sequencesStillFailing sequences whose first letter (or a later one) failed again
     * @param lettersStillParked    letters left in the retried sequences
     */
    public record RetryReport(String group, int sequencesRetried, long lettersProcessed, int sequencesStillFailing,
                              long lettersStillParked) {
    }

    /** Processing groups that have a dead-letter queue, by name. */
    public List<String> groups() {
        return processing.eventProcessors().keySet().stream()
                .filter(group -> processing.deadLetterQueue(group).isPresent())
                .sorted()
                .toList();
    }

    public Counts counts(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        return new Counts(group, queue.amountOfSequences(), queue.size());
    }

    public Page page(String group, Integer page, Integer size) {
        int number = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_PAGE : size;
        if (number < 0) {
            throw new RuleViolation("page-out-of-range", "page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new RuleViolation("page-size-out-of-range", "size must be between 1 and " + MAX_PAGE, MAX_PAGE);
        }
        Counts counts = counts(group);
        long skip = (long) number * pageSize;
        List<DeadLetterView.Letter> items = new ArrayList<>();
        long seen = 0;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
            int position = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (seen++ >= skip) {
                    items.add(DeadLetterView.of(group, letter, position));
                    if (items.size() == pageSize) {
                        return new Page(group, counts.sequences(), counts.letters(), number, pageSize, items);
                    }
                }
                position++;
            }
        }
        return new Page(group, counts.sequences(), counts.letters(), number, pageSize, items);
    }

    /** Every letter of the group, each once; for a scan that must see them all. */
    public void forEach(String group, Consumer<DeadLetterView.Letter> action) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
            int position = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                action.accept(DeadLetterView.of(group, letter, position++));
            }
        }
    }

    public DeadLetterView.Letter letter(String group, String letterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            int position = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (DeadLetterView.letterId(letter).equals(letterId)) {
                    return DeadLetterView.of(group, letter, position);
                }
                position++;
            }
        }
        throw new NotFound("dead letter", letterId + " in " + group);
    }

    /**
     * The letter that blocks {@code sequence} in the group's queue, if the sequence is parked; empty too for a group
     * without a queue (one whose failures stop the processor instead).
     */
    public Optional<BlockedBy> blocking(String group, String sequence) {
        return processing.deadLetterQueue(group).flatMap(queue -> {
            for (DeadLetter<? extends EventMessage<?>> first : queue.deadLetterSequence(sequence)) {
                return Optional.of(new BlockedBy(group, DeadLetterView.letterId(first)));
            }
            return Optional.empty();
        });
    }

    /** Retries the whole sequence that holds the letter, from its first letter. */
    public RetryReport retry(String group, String letterId) {
        return retry(group, List.of(letter(group, letterId).sequence()));
    }

    /** Retries every sequence the group had parked when the call began, each once. */
    public RetryReport retryAll(String group) {
        Set<String> sequences = new LinkedHashSet<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> first : sequence) {
                sequences.add(DeadLetterView.sequenceOf(first));
                break;
            }
        }
        return retry(group, List.copyOf(sequences));
    }

    /**
     * Hands each sequence to the group's handlers through Axon's dead-letter processor, which handles its letters in
     * order, each in a transaction of its own, removes those that pass and stops at the first that fails again
     * (counting the attempt, see {@link DeadLetterAttempts}). Each call lets the processor take whichever of the
     * sequences still to do it finds first, so a group of many sequences costs one look-up each, not a search through
     * all of them for a given one. A sequence another node is retrying at that moment is left to it and reported with
     * what it still holds.
     */
    private RetryReport retry(String group, List<String> sequences) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new NotFound("dead-letter queue of processing group", group));
        Map<String, Long> before = new LinkedHashMap<>();
        sequences.forEach(sequence -> before.put(sequence, queue.sequenceSize(sequence)));
        Set<String> remaining = new HashSet<>(before.keySet());
        while (!remaining.isEmpty()) {
            Set<String> taken = new HashSet<>();
            processor.process(first -> {
                String sequence = DeadLetterView.sequenceOf(first);
                return remaining.contains(sequence) && taken.add(sequence);
            });
            if (taken.isEmpty()) {
                break;
            }
            remaining.removeAll(taken);
        }
        long processed = 0;
        long parked = 0;
        int failing = 0;
        for (Map.Entry<String, Long> sequence : before.entrySet()) {
            long after = queue.sequenceSize(sequence.getKey());
            processed += Math.max(0, sequence.getValue() - after);
            if (after > 0) {
                failing++;
                parked += after;
            }
        }
        return new RetryReport(group, sequences.size(), processed, failing, parked);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group)
                .orElseThrow(() -> new NotFound("dead-letter queue of processing group", group));
    }
}
