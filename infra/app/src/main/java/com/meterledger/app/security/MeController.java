package com.meterledger.app.security;

import com.meterledger.edge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@Tag(name = "Identity", description = "Who the token says you are")
public class MeController {

    @GetMapping("/api/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The caller as the verified token says: subject, tenant, roles, managed properties")
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        Caller.current().ifPresent(jwt -> {
            me.put("subject", jwt.getName());
            me.put("tenant", jwt.getToken().getClaimAsString(Caller.TENANT_CLAIM));
            me.put("roles", jwt.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", ""))
                    .sorted().toList());
            me.put("properties", Caller.properties());
        });
        return me.isEmpty() ? Map.of("roles", List.of()) : me;
    }
}
