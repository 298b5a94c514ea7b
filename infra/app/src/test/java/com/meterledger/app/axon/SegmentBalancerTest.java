package com.meterledger.app.axon;

import com.meterledger.app.support.IntegrationTest;
import com.meterledger.app.support.OwnerJdbc;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19: the first node to start claimed all of a processor's segments and a second node never got one. Here the
 * second node is played through the database, as a node sees another: its heartbeat in {@code processor_node} and
 * its claims in {@code token_entry}, kept fresh while it "lives". The test's processors have 2 segments each.
 */
class SegmentBalancerTest extends IntegrationTest {
    private static final String PEER = "peer-node@segment-balancer-test";
    private static final String PROCESSOR = "account-projection";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancerTest.class);

    @Autowired
    Configuration axon;
    @Autowired
    SegmentBalancer balancer;

    private final JdbcClient jdbc = OwnerJdbc.client();
    private final ScheduledExecutorService peer = Executors.newSingleThreadScheduledExecutor();

    @Test
    void aNodeThatJoinsGetsItsShareAndWhenItDiesTheOtherTakesEverySegmentBackOnceItsClaimsTimeOut() {
        // given this node alone, holding both segments, and its claims are in its own name
        await().atMost(Duration.ofSeconds(20)).until(() -> held() == 2);
        assertThat(jdbc.sql("select distinct owner from token_entry where processor_name = ? and owner is not null")
                .param(PROCESSOR).query(String.class).list()).containsExactly(balancer.nodeId());

        // when a second node joins and claims what is released
        peer.scheduleWithFixedDelay(this::peerLivesAndClaims, 0, 300, TimeUnit.MILLISECONDS);

        // then each holds one segment of every processor
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(held()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from token_entry where processor_name = ? and owner = ?")
                    .params(PROCESSOR, PEER).query(Long.class).single()).isEqualTo(1);
        });

        // when the second node dies (its heartbeat and claims just stop)
        peer.shutdownNow();
        Instant died = Instant.now();

        // then this node holds both again once the dead node's heartbeat is older than the node time-out (3 s): the
        // balancer frees its claims and claims them here at once (4.0 s at a load of 23 on 2 cores; 6.6 and 8.9 s
        // before, waiting for Axon's 4 s claim time-out and the next claim round). The time is reported, not asserted:
        // a noisy machine decides it (the two-node run in infra/perf prints the takeover)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> held() == 2);
        log.info("took every segment back {} ms after the other node died",
                Duration.between(died, Instant.now()).toMillis());
    }

    @AfterEach
    void thePeerIsGone() throws InterruptedException {
        peer.shutdownNow();
        peer.awaitTermination(5, TimeUnit.SECONDS);
        jdbc.sql("delete from processor_node where node_id = ?").param(PEER).update();
        jdbc.sql("update token_entry set owner = null where owner = ?").param(PEER).update();
    }

    private void peerLivesAndClaims() {
        jdbc.sql("""
                insert into processor_node (node_id, seen_at) values (?, now())
                on conflict (node_id) do update set seen_at = excluded.seen_at""").param(PEER).update();
        jdbc.sql("update token_entry set owner = ?, time_stamp = ? where owner is null or owner = ?")
                .params(PEER, Instant.now().toString(), PEER).update();
    }

    private int held() {
        return axon.eventProcessingConfiguration().eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow().processingStatus().size();
    }
}
