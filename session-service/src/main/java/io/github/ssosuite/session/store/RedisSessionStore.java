package io.github.ssosuite.session.store;

import io.github.ssosuite.contracts.EndReason;
import io.github.ssosuite.contracts.ParticipatingClient;
import io.github.ssosuite.contracts.TraceCarrier;
import io.github.ssosuite.session.config.SessionServiceConfig;
import io.github.ssosuite.session.model.EndResult;
import io.github.ssosuite.session.model.NewSession;
import io.github.ssosuite.session.model.Session;
import io.github.ssosuite.session.rules.SessionIds;
import io.github.ssosuite.session.rules.SessionLifetime;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * SSO sessions in Redis through the reactive client. Every change that touches several keys is one Lua script
 * (atomic), and every write sets the record's TTL in the same step. See {@link RedisKeys} for the layout.
 */
@ApplicationScoped
public class RedisSessionStore {

    private static final LuaScript CREATE = LuaScript.load("create");
    private static final LuaScript TOUCH = LuaScript.load("touch");
    private static final LuaScript END = LuaScript.load("end");
    private static final LuaScript END_USER = LuaScript.load("end_user");

    private final ReactiveRedisDataSource redis;
    private final SessionIds ids;
    private final SessionLifetime lifetime;
    private final RedisKeys keys;
    private final SessionServiceConfig config;
    private final Clock clock;
    private final OpenTelemetry otel;

    public RedisSessionStore(ReactiveRedisDataSource redis, SessionServiceConfig config, Clock clock, OpenTelemetry otel) {
        this.redis = redis;
        this.otel = otel;
        this.config = config;
        this.clock = clock;
        this.ids = new SessionIds(config.redis().shards());
        this.lifetime = new SessionLifetime(config.idleTimeout(), config.absoluteTimeout());
        this.keys = new RedisKeys(config.redis().keyPrefix());
    }

    public SessionIds ids() {
        return ids;
    }

    public RedisKeys keys() {
        return keys;
    }

    /** Creates a session for a login that just happened; the first client joins it at once if given. */
    public Uni<Session> create(NewSession login) {
        Instant now = clock.instant();
        String sid = ids.newSid(login.sub());
        int shard = ids.shardOfSid(sid).orElseThrow();
        Instant absolute = lifetime.absoluteExpiry(now);
        Instant idle = lifetime.idleExpiryAfterTouch(now, absolute);
        Instant expiresAt = idle.isBefore(absolute) ? idle : absolute;
        List<ParticipatingClient> clients = login.clientId() == null ? List.of()
                : List.of(new ParticipatingClient(login.clientId(), now));
        Session session = new Session(sid, login.sub(), login.authTime(), login.amr(), login.acr(), now, now, idle,
                absolute, login.userAgent(), login.ip(), ids.newBrowserState(), clients);

        List<String> args = new ArrayList<>(List.of(sid, login.sub(), ms(expiresAt),
                ms(expiresAt.plus(config.redis().expiryGrace())), Objects.requireNonNullElse(login.clientId(), ""),
                ms(now)));
        SessionCodec.fields(session).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return CREATE.run(redis, List.of(keys.session(shard, sid), keys.byUser(shard), keys.expiry(shard),
                        keys.byClient(shard, Objects.requireNonNullElse(login.clientId(), ""))), args)
                .map(created -> {
                    if (created.toInteger() != 1) {
                        throw new IllegalStateException("session id collision"); // 128 random bits: never
                    }
                    return session;
                });
    }

    /**
     * The live session {@code sid}, or null. With {@code touch} its idle expiry slides; with {@code clientId} the
     * client joins it (first join time kept). A session found expired is ended here (reason {@code expired}).
     */
    public Uni<Session> find(String sid, String clientId, boolean touch) {
        return find(sid, clientId, touch, Map.of());
    }

    /**
     * Records a new authentication in the live session {@code sid} (the user typed the password again, e.g. for
     * {@code prompt=login} or {@code max_age}): auth_time, amr and acr change, the sid stays; and touches it.
     */
    public Uni<Session> reauthenticate(String sid, Instant authTime, List<String> amr, String acr) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("at", Long.toString(authTime.getEpochSecond()));
        fields.put("amr", String.join(" ", amr));
        if (acr != null) {
            fields.put("acr", acr);
        }
        return find(sid, null, true, fields);
    }

    private Uni<Session> find(String sid, String clientId, boolean touch, Map<String, String> setFields) {
        var shard = ids.shardOfSid(sid);
        if (shard.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        int s = shard.getAsInt();
        Instant now = clock.instant();
        List<String> args = new ArrayList<>(List.of(sid, ms(now), Long.toString(config.idleTimeout().toMillis()),
                Long.toString(config.redis().expiryGrace().toMillis()), Objects.requireNonNullElse(clientId, ""),
                touch ? "1" : "0", keys.clientIndexPrefix(s)));
        setFields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return TOUCH.run(redis, List.of(keys.session(s, sid), keys.expiry(s)), args)
                .chain(reply -> {
                    if (reply == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (reply.type() != ResponseType.MULTI) {
                        // "expired": end it now rather than wait for the sweeper
                        return endOne(s, sid, EndReason.EXPIRED, true, trace()).replaceWith((Session) null);
                    }
                    return Uni.createFrom().item(SessionCodec.decode(sid, pairs(reply)));
                });
    }

    /** The live sessions of {@code sub}, newest first. */
    public Uni<List<Session>> listByUser(String sub) {
        int shard = ids.shardOf(sub);
        return sidsOfUser(shard, sub).chain(sids -> {
            if (sids.isEmpty()) {
                return Uni.createFrom().item(List.<Session>of());
            }
            Instant now = clock.instant();
            List<Uni<Session>> reads = sids.stream()
                    .map(sid -> redis.hash(String.class).hgetall(keys.session(shard, sid))
                            .map(fields -> fields.isEmpty() ? null : SessionCodec.decode(sid, fields)))
                    .toList();
            return Uni.join().all(reads).andFailFast().map(sessions -> sessions.stream()
                    .filter(Objects::nonNull)
                    .filter(session -> !SessionLifetime.isExpired(now, session.idleExpiresAt(),
                            session.absoluteExpiresAt()))
                    .sorted(Comparator.comparing(Session::createdAt).reversed())
                    .toList());
        });
    }

    /** Ends one session (idempotent: ending it again answers with the same event id). */
    public Uni<EndResult> end(String sid, EndReason reason) {
        var shard = ids.shardOfSid(sid);
        if (shard.isEmpty()) {
            return Uni.createFrom().item(EndResult.NOTHING);
        }
        return endOne(shard.getAsInt(), sid, reason, false, trace());
    }

    /**
     * The trace the request that ends sessions belongs to, read when the end is asked for (the event carries it
     * through the outbox and Kafka to the dispatcher's POSTs); empty for the sweeper, which no request started.
     */
    private Map<String, String> trace() {
        return TraceCarrier.capture(otel, Context.current());
    }

    private Uni<EndResult> endOne(int shard, String sid, EndReason reason, boolean onlyIfExpired,
            Map<String, String> trace) {
        String eventId = UUID.randomUUID().toString();
        return END.run(redis, List.of(keys.session(shard, sid), keys.byUser(shard), keys.expiry(shard),
                                keys.ended(shard, sid), keys.outbox(shard)),
                        List.of(sid, eventId, ms(clock.instant()), reason.wireValue(),
                                Long.toString(config.redis().endedRetention().toMillis()),
                                onlyIfExpired ? "1" : "0", keys.signalChannel(), keys.clientIndexPrefix(shard),
                                trace.getOrDefault(TraceCarrier.TRACEPARENT, ""),
                                trace.getOrDefault(TraceCarrier.TRACESTATE, "")))
                .map(reply -> {
                    int status = reply.get(0).toInteger();
                    if (reply.size() < 2) {
                        return EndResult.NOTHING;
                    }
                    return new EndResult(status == 1 ? 1 : 0, List.of(reply.get(1).toString()));
                });
    }

    /**
     * Ends every session of {@code sub} with one user-wide event (no {@code sid}: RPs log the user out of all
     * their sessions, checklist P5). Repeats while sessions remain, so a login racing the revocation is caught.
     */
    public Uni<EndResult> endUser(String sub, EndReason reason) {
        return endUserRound(sub, reason, EndResult.NOTHING, 0, trace());
    }

    private Uni<EndResult> endUserRound(String sub, EndReason reason, EndResult soFar, int round,
            Map<String, String> trace) {
        int shard = ids.shardOf(sub);
        return sidsOfUser(shard, sub).chain(sids -> {
            if (sids.isEmpty() || round >= 5) {
                return Uni.createFrom().item(soFar);
            }
            String eventId = UUID.randomUUID().toString();
            List<String> scriptKeys = new ArrayList<>(List.of(keys.byUser(shard), keys.expiry(shard),
                    keys.outbox(shard)));
            sids.forEach(sid -> scriptKeys.add(keys.session(shard, sid)));
            sids.forEach(sid -> scriptKeys.add(keys.ended(shard, sid)));
            List<String> args = new ArrayList<>(List.of(sub, eventId, ms(clock.instant()), reason.wireValue(),
                    Long.toString(config.redis().endedRetention().toMillis()), keys.signalChannel(),
                    keys.clientIndexPrefix(shard), trace.getOrDefault(TraceCarrier.TRACEPARENT, ""),
                    trace.getOrDefault(TraceCarrier.TRACESTATE, "")));
            args.addAll(sids);
            return END_USER.run(redis, scriptKeys, args).chain(reply -> {
                int ended = reply.get(0).toInteger();
                EndResult result = ended == 0 ? soFar
                        : soFar.plus(new EndResult(ended, List.of(reply.get(1).toString())));
                return endUserRound(sub, reason, result, round + 1, trace);
            });
        });
    }

    /** Ends every session {@code clientId} joined, one event per session. */
    public Uni<EndResult> endClient(String clientId, EndReason reason) {
        Map<String, String> trace = trace();
        List<Uni<EndResult>> perShard = IntStream.range(0, ids.shards())
                .mapToObj(shard -> redis.set(String.class).smembers(keys.byClient(shard, clientId)).chain(members -> {
                    List<String> sids = List.copyOf(members);
                    if (sids.isEmpty()) {
                        return Uni.createFrom().item(EndResult.NOTHING);
                    }
                    List<Uni<EndResult>> ends = sids.stream().map(sid -> endOne(shard, sid, reason, false, trace)).toList();
                    return Uni.join().all(ends).andFailFast()
                            .map(results -> results.stream().reduce(EndResult.NOTHING, EndResult::plus));
                }))
                .toList();
        return Uni.join().all(perShard).andFailFast()
                .map(results -> results.stream().reduce(EndResult.NOTHING, EndResult::plus));
    }

    /** Ends (reason {@code expired}) up to {@code limit} sessions of {@code shard} whose expiry has passed. */
    public Uni<Integer> endExpired(int shard, int limit) {
        Instant now = clock.instant();
        return redis.sortedSet(String.class)
                .zrangebyscore(keys.expiry(shard), new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                        new ZRangeArgs().limit(0, limit))
                .chain(sids -> {
                    if (sids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<EndResult>> ends = sids.stream()
                            .map(sid -> endOne(shard, sid, EndReason.EXPIRED, true, Map.of())).toList();
                    return Uni.join().all(ends).andFailFast()
                            .map(results -> results.stream().mapToInt(EndResult::sessionsEnded).sum());
                });
    }

    /** Sessions in Redis that have not been ended (expired ones awaiting the sweeper included). */
    public Uni<Long> count() {
        List<Uni<Long>> counts = IntStream.range(0, ids.shards())
                .mapToObj(shard -> redis.sortedSet(String.class).zcard(keys.expiry(shard))).toList();
        return Uni.join().all(counts).andFailFast().map(list -> list.stream().mapToLong(Long::longValue).sum());
    }

    private Uni<List<String>> sidsOfUser(int shard, String sub) {
        return members(keys.byUser(shard), sub);
    }

    /** The sids of the "{@code owner}\0sid" members of an index. */
    private Uni<List<String>> members(String index, String owner) {
        String from = "[" + owner + "\0";
        String to = "[" + owner + "\0\u00ff";
        return redis.execute("ZRANGEBYLEX", index, from, to).map(reply -> {
            List<String> sids = new ArrayList<>(reply.size());
            for (Response member : reply) {
                String text = member.toString();
                sids.add(text.substring(text.indexOf('\0') + 1));
            }
            return sids;
        });
    }

    private static Map<String, String> pairs(Response reply) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i).toString(), reply.get(i + 1).toString());
        }
        return fields;
    }

    static String ms(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }
}
