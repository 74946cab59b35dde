-- Read a live session; optionally slide its idle expiry and add a participating client. Never recreates a
-- session that is gone (a concurrent end wins), never extends past the absolute expiry.
-- KEYS: 1 session, 2 expiry index
-- ARGV: 1 sid, 2 now ms, 3 idle timeout ms, 4 record grace ms, 5 client id or '', 6 '1' to touch,
--       7 prefix of the shard's client index keys (same hash tag as KEYS), 8.. field/value pairs to set
--       (a re-authentication: auth_time, amr, acr)
local v = redis.call('HMGET', KEYS[1], 'ie', 'ae')
if not v[1] then
  return false
end
local now = tonumber(ARGV[2])
local ie, ae = tonumber(v[1]), tonumber(v[2])
if now >= ie or now >= ae then
  return 'expired'
end
if ARGV[6] == '1' then
  local nie = math.min(now + tonumber(ARGV[3]), ae)
  local text = string.format('%.0f', nie)
  redis.call('HSET', KEYS[1], 'ls', ARGV[2], 'ie', text)
  redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', nie + tonumber(ARGV[4])))
  redis.call('ZADD', KEYS[2], text, ARGV[1])
end
if ARGV[5] ~= '' then
  if redis.call('HSETNX', KEYS[1], 'c:' .. ARGV[5], ARGV[2]) == 1 then
    redis.call('SADD', ARGV[7] .. ARGV[5], ARGV[1])
  end
end
if #ARGV > 7 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 8))
end
return redis.call('HGETALL', KEYS[1])
