package com.meterledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Platform operators' view of the projections' dead-letter queues: list, inspect, retry. The queues hold every
 * tenant's events, so this is platform-level, and PLATFORM_ADMIN reads no tenant's data: a letter shows where it came
 * from (event type, aggregate, tenant) and why it is parked, never its payload.
 */
@RestController
@RequestMapping("/api/audit/dead-letters")
@Tag(name = "Audit")
public class DeadLetterController {
    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @GetMapping
    @Operation(summary = "Platform operators only: every processing group with a dead-letter queue, with its parked "
            + "sequences and letters")
    public List<DeadLetters.Counts> groups() {
        return deadLetters.groups().stream().map(deadLetters::counts).toList();
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @GetMapping("/{group}")
    @Operation(summary = "Platform operators only: a page of the group's dead letters (page from 0, size <= 500)")
    public DeadLetters.Page list(@PathVariable String group, @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return deadLetters.page(group, page, size);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @GetMapping("/{group}/{letterId}")
    @Operation(summary = "Platform operators only: one dead letter: event type, aggregate, tenant, cause, attempts "
            + "and times; never the payload")
    public DeadLetterView.Letter inspect(@PathVariable String group, @PathVariable String letterId) {
        return deadLetters.letter(group, letterId);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @PostMapping("/{group}/{letterId}/retry")
    @Operation(summary = "Platform operators only: retry the sequence that holds the letter, in order, after its "
            + "cause was fixed; reports what was processed and what still fails")
    public DeadLetters.RetryReport retry(@PathVariable String group, @PathVariable String letterId) {
        return deadLetters.retry(group, letterId);
    }

    @PreAuthorize("hasRole('PLATFORM_ADMIN')")
    @PostMapping("/{group}/retry")
    @Operation(summary = "Platform operators only: retry every sequence the group has parked, each once")
    public DeadLetters.RetryReport retryAll(@PathVariable String group) {
        return deadLetters.retryAll(group);
    }
}
