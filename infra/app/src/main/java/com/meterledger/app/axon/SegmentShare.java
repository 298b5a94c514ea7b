package com.meterledger.app.axon;

import java.util.Collection;

/**
 * One node's fair share of a processor's segments, and how many it should give up.
 * <p>
 * A pooled processor claims every unclaimed segment it can, so the first node to start held all 10 and the second
 * never got one (issue 19). The share is the segments divided by the live nodes, rounded up; a node above it releases
 * the excess, but only as many as the other live nodes below their share can take, so a node never lets a segment go
 * that nobody will pick up (after a peer died, its heartbeat may outlive its claims by a moment).
 *
 * @param segments  the processor's segments
 * @param liveNodes the nodes alive now, this one included
 */
public record SegmentShare(int segments, int liveNodes) {
    public SegmentShare {
        if (segments < 0 || liveNodes < 1) {
            throw new IllegalArgumentException("segments must not be negative and at least this node is alive");
        }
    }

    public int perNode() {
        return Math.ceilDiv(segments, liveNodes);
    }

    /**
     * @param mine   the segments this node holds
     * @param others what each other live node holds (0 for one that holds none yet)
     */
    public int toRelease(int mine, Collection<Integer> others) {
        int excess = mine - perNode();
        if (excess <= 0) {
            return 0;
        }
        int room = others.stream().mapToInt(held -> Math.max(0, perNode() - held)).sum();
        return Math.min(excess, room);
    }
}
