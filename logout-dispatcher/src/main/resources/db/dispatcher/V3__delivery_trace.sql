-- The W3C trace context of the logout a delivery belongs to (TraceCarrier): each attempt's POST continues that
-- trace, so one logout is one trace from the end-session request to every RP. NULL when the event carried none.
ALTER TABLE deliveries ADD COLUMN trace_parent varchar(64);
ALTER TABLE deliveries ADD COLUMN trace_state  varchar(512);
