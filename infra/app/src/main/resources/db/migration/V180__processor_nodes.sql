-- The nodes that run event processors, each with the moment it last said it was alive (SegmentBalancer): a node
-- holding more than its share of a processor's segments gives the excess up to a live node holding fewer. No tenant
-- data: a node's id is Axon's token owner name.
create table processor_node (
    node_id varchar(255) primary key,
    seen_at timestamptz  not null
);
