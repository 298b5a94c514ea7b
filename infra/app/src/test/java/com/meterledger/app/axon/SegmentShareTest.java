package com.meterledger.app.axon;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentShareTest {

    @Test
    void tenSegmentsOnTwoNodesAreFiveEach() {
        assertThat(new SegmentShare(10, 2).perNode()).isEqualTo(5);
        assertThat(new SegmentShare(10, 2).toRelease(10, List.of(0))).isEqualTo(5);
    }

    @Test
    void anUnevenSplitRoundsUpSoEverySegmentHasAHome() {
        assertThat(new SegmentShare(10, 3).perNode()).isEqualTo(4);
        assertThat(new SegmentShare(10, 3).toRelease(10, List.of(0, 0))).isEqualTo(6);
        assertThat(new SegmentShare(10, 3).toRelease(4, List.of(4, 2))).isZero();
    }

    @Test
    void aNodeAloneKeepsEverything() {
        assertThat(new SegmentShare(10, 1).toRelease(10, List.of())).isZero();
    }

    @Test
    void nothingIsReleasedThatNoLiveNodeCanTake() {
        // the peer already holds its share (its heartbeat may outlive it for a moment): keep the excess
        assertThat(new SegmentShare(10, 2).toRelease(6, List.of(5))).isZero();
        assertThat(new SegmentShare(10, 2).toRelease(8, List.of(3))).isEqualTo(2);
    }
}
