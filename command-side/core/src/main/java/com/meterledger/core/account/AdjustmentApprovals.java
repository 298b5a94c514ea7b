package com.meterledger.core.account;

/** Above this amount (absolute, in minor units) a tenant's manual adjustment needs a second person's approval. */
public interface AdjustmentApprovals {
    long limitOf(String tenant);
}
