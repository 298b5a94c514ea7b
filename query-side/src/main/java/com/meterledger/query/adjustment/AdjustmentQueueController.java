package com.meterledger.query.adjustment;

import com.meterledger.api.listing.ListPage;
import com.meterledger.api.listing.PropertyScope;
import com.meterledger.api.people.ActorName;
import com.meterledger.api.people.FindActorNames;
import com.meterledger.api.shared.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The four-eyes approval queue as a list. Deciding is the account's own endpoint
 * ({@code POST /api/accounts/{accountId}/adjustments/{adjustmentId}/decision}), whose rule refuses the requester.
 */
@RestController
@Tag(name = "Adjustment approval queue")
public class AdjustmentQueueController {
    public static final String READERS = "hasAnyRole('TENANT_ADMIN', 'FINANCE', 'AUDITOR', 'PROPERTY_MANAGER')";

    private final AdjustmentQueue queue;
    private final QueryGateway queries;

    public AdjustmentQueueController(AdjustmentQueue queue, QueryGateway queries) {
        this.queue = queue;
        this.queries = queries;
    }

    @GetMapping("/api/adjustments")
    @PreAuthorize(READERS)
    @Operation(summary = "A page of manual adjustments above the approval limit: state PENDING (default, oldest "
            + "first), APPROVED or REJECTED (newest decision first); filter property; page from 0, size 1..200. "
            + "A property manager sees their properties' accounts only")
    public ListPage<AdjustmentQueue.Row> adjustments(@Parameter(hidden = true) TenantId tenant,
                                                     @Parameter(hidden = true) PropertyScope scope,
                                                     @RequestParam(required = false) String state,
                                                     @RequestParam(required = false) String property,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size) {
        ListPage<AdjustmentQueue.Row> rows = queue.list(tenant, scope, AdjustmentQueue.state(state), property,
                AdjustmentQueue.window(page, size));
        List<String> actors = rows.items().stream().flatMap(row -> Stream.of(row.requestedBy(), row.decidedBy()))
                .filter(Objects::nonNull).distinct().toList();
        if (actors.isEmpty()) {
            return rows;
        }
        // who asked and who decided, from the module that owns people (once per page, never from its tables)
        Map<String, ActorName> names = new HashMap<>();
        queries.query(new FindActorNames(tenant, actors), ResponseTypes.multipleInstancesOf(ActorName.class)).join()
                .forEach(name -> names.put(name.actorId(), name));
        return new ListPage<>(rows.items().stream().map(row -> row.named(names)).toList(), rows.page(), rows.size(),
                rows.sort(), rows.hasMore(), rows.nextCursor());
    }
}
