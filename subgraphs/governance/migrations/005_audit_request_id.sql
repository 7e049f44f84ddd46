-- Oversight asks by request [P18]: every answer carries its `x-request-id`, and a user who
-- quotes it to IAB, the Privacy Officer or a commanding officer is answered by this index.
-- On the partitioned parent, so every month's partition has it, present and future.
CREATE INDEX audit_event_request ON audit_event (request_id);
