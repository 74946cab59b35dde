-- Create a session with its index entries, atomically.
-- KEYS: 1 session, 2 by-user index, 3 expiry index, 4 the first client's index (a set of sids)
-- ARGV: 1 sid, 2 sub, 3 expires-at ms, 4 record pexpireat ms, 5 first client id or '', 6 now ms, 7.. field/value pairs
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 7))
if ARGV[5] ~= '' then
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[5], ARGV[6])
  redis.call('SADD', KEYS[4], ARGV[1])
end
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[2], 0, ARGV[2] .. '\0' .. ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1
