-- End the given sessions of one user and append ONE user-wide SessionEnded event (no sid; each client once,
-- with its earliest join) to the outbox, atomically. Sessions already gone are skipped.
-- KEYS: 1 by-user index, 2 expiry index, 3 outbox stream, 4..3+n sessions, 4+n..3+2n ended markers
-- ARGV: 1 sub, 2 event id, 3 now ms, 4 reason, 5 ended-marker retention ms, 6 signal channel,
--       7 prefix of the shard's client index keys (same hash tag as KEYS), 8 traceparent or '',
--       9 tracestate or '' (the trace the event continues, W3C Trace Context), 10..9+n sids
-- Returns {count ended, event id} or {0}.
local n = (#KEYS - 3) / 2
local first_join = {}
local order = {}
local ended = {}
for i = 1, n do
  local sid = ARGV[9 + i]
  local h = redis.call('HGETALL', KEYS[3 + i])
  local owner
  for j = 1, #h, 2 do
    if h[j] == 'u' then owner = h[j + 1] end
  end
  if owner == ARGV[1] then
    for j = 1, #h, 2 do
      if string.sub(h[j], 1, 2) == 'c:' then
        local client = string.sub(h[j], 3)
        local joined = tonumber(h[j + 1])
        redis.call('SREM', ARGV[7] .. client, sid)
        if first_join[client] == nil then
          table.insert(order, client)
          first_join[client] = joined
        elseif joined < first_join[client] then
          first_join[client] = joined
        end
      end
    end
    redis.call('DEL', KEYS[3 + i])
    redis.call('SET', KEYS[3 + n + i], ARGV[2], 'PX', ARGV[5])
    table.insert(ended, sid)
  end
  redis.call('ZREM', KEYS[1], ARGV[1] .. '\0' .. sid)
  redis.call('ZREM', KEYS[2], sid)
end
if #ended == 0 then
  return {0}
end
local entry = {'event_id', ARGV[2], 'sub', ARGV[1], 'reason', ARGV[4], 'ended_at', ARGV[3],
               'sids', table.concat(ended, ' ')}
if ARGV[8] ~= '' then
  table.insert(entry, 'traceparent')
  table.insert(entry, ARGV[8])
  if ARGV[9] ~= '' then
    table.insert(entry, 'tracestate')
    table.insert(entry, ARGV[9])
  end
end
for _, client in ipairs(order) do
  table.insert(entry, 'c:' .. client)
  table.insert(entry, string.format('%.0f', first_join[client]))
end
redis.call('XADD', KEYS[3], '*', unpack(entry))
redis.call('PUBLISH', ARGV[6], KEYS[3])
return {#ended, ARGV[2]}
