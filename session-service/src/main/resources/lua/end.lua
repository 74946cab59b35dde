-- End one session: remove it and its index entries and, in the same atomic step, append its SessionEnded
-- event to the shard's outbox stream. Idempotent: a session already ended answers with its event id.
-- KEYS: 1 session, 2 by-user index, 3 expiry index, 4 ended marker, 5 outbox stream
-- ARGV: 1 sid, 2 event id, 3 now ms, 4 reason, 5 ended-marker retention ms, 6 '1' = only if expired,
--       7 signal channel, 8 prefix of the shard's client index keys (same hash tag as KEYS),
--       9 traceparent or '', 10 tracestate or '' (the trace the event continues, W3C Trace Context)
-- Returns {1, event id} ended now; {0, event id} ended before; {0} unknown; {2} not expired (ARGV[6] = '1').
local h = redis.call('HGETALL', KEYS[1])
if #h == 0 then
  redis.call('ZREM', KEYS[3], ARGV[1])
  local previous = redis.call('GET', KEYS[4])
  if previous then
    return {0, previous}
  end
  return {0}
end
local f = {}
for i = 1, #h, 2 do
  f[h[i]] = h[i + 1]
end
local now = tonumber(ARGV[3])
if ARGV[6] == '1' and now < tonumber(f['ie']) and now < tonumber(f['ae']) then
  return {2}
end
local entry = {'event_id', ARGV[2], 'sid', ARGV[1], 'sub', f['u'], 'reason', ARGV[4], 'ended_at', ARGV[3]}
if ARGV[9] ~= '' then
  table.insert(entry, 'traceparent')
  table.insert(entry, ARGV[9])
  if ARGV[10] ~= '' then
    table.insert(entry, 'tracestate')
    table.insert(entry, ARGV[10])
  end
end
for i = 1, #h, 2 do
  local name = h[i]
  if string.sub(name, 1, 2) == 'c:' then
    redis.call('SREM', ARGV[8] .. string.sub(name, 3), ARGV[1])
    table.insert(entry, name)
    table.insert(entry, h[i + 1])
  end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], f['u'] .. '\0' .. ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('SET', KEYS[4], ARGV[2], 'PX', ARGV[5])
redis.call('XADD', KEYS[5], '*', unpack(entry))
redis.call('PUBLISH', ARGV[7], KEYS[5])
return {1, ARGV[2]}
