#!/usr/bin/env bash
# Smoke test for the node-oidc-provider benchmark peer: the same flows the Java
# harness drives, done with curl and a cookie jar.
#
#   ./smoke.sh            (env: OP_PORT=19080 RP_PORT=19081 RP_COUNT=10)
#
# Starts the peer (start.sh) and a throwaway RP receiver on RP_PORT that records
# back-channel logout POSTs, then:
#   1. rp1: authorize (PKCE S256) -> login form -> wrong password (401) -> login -> code -> tokens
#   2. rp2..rpN: authorize with prompt=none (same cookie jar) -> code -> tokens, no form
#   3. refresh_token grant for rp1 rotates; replaying a rotated token is rejected
#   4. RP-initiated logout with rp1's id_token_hint -> confirm -> post_logout_redirect_uri,
#      receiver gets one logout_token per client (N), each with the client's sid
#   5. after logout: prompt=none -> login_required, rp1 refresh token -> invalid_grant
# Exits non-zero on the first failed check. Needs bash, curl, node (no python/openssl).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OP_PORT="${OP_PORT:-19080}"
RP_PORT="${RP_PORT:-19081}"
RP_COUNT="${RP_COUNT:-10}"
OP="http://127.0.0.1:${OP_PORT}"
RP="http://127.0.0.1:${RP_PORT}"
SECRET=bench-secret

WORK="$(mktemp -d)"
JAR="$WORK/cookies.txt"
OP_PID=""
RP_PID=""

cleanup() {
  [ -n "$OP_PID" ] && kill "$OP_PID" 2>/dev/null && wait "$OP_PID" 2>/dev/null || true
  [ -n "$RP_PID" ] && kill "$RP_PID" 2>/dev/null && wait "$RP_PID" 2>/dev/null || true
  rm -rf "$WORK" "$HERE/.smoke-receiver.mjs"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [ -s "$WORK/op.err" ] && { echo "--- provider stderr:" >&2; tail -n 20 "$WORK/op.err" >&2; }; exit 1; }
ok() { echo "ok   $*"; }

# small helpers (node is there anyway)
js() { node -e "$1" "${@:2}"; }
b64url_rand() { js 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))'; }
s256() { js 'process.stdout.write(require("crypto").createHash("sha256").update(process.argv[1]).digest("base64url"))' "$1"; }
urlenc() { js 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }
# query parameter of a URL
qparam() { js 'process.stdout.write(new URL(process.argv[1]).searchParams.get(process.argv[2]) ?? "")' "$1" "$2"; }
# field of a JSON file
jfield() { js 'const v=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[process.argv[2]]; process.stdout.write(v===undefined?"":String(v))' "$1" "$2"; }
# claim of a JWT payload (no verification; the receiver verifies logout tokens)
jwtclaim() { js 'const p=JSON.parse(Buffer.from(process.argv[1].split(".")[1],"base64url")); process.stdout.write(String(p[process.argv[2]] ?? ""))' "$1" "$2"; }
# value="" of the <input name=NAME> in an HTML file
inputval() { js 'const h=require("fs").readFileSync(process.argv[1],"utf8"); const m=new RegExp("name=\"" + process.argv[2] + "\" value=\"([^\"]*)\"").exec(h); process.stdout.write(m?m[1]:"")' "$1" "$2"; }
# action="" of the first <form> in an HTML file
formaction() { js 'const h=require("fs").readFileSync(process.argv[1],"utf8"); const m=/<form[^>]*action="([^"]*)"/.exec(h); process.stdout.write(m?m[1]:"")' "$1"; }

# req METHOD URL [curl args...] -> sets STATUS, LOCATION (absolute), body in $WORK/body
req() {
  local method="$1" url="$2"; shift 2
  local out
  out="$(curl -sS -o "$WORK/body" -w '%{http_code} %{redirect_url}' -b "$JAR" -c "$JAR" -X "$method" "$@" "$url")" || fail "curl $method $url"
  STATUS="${out%% *}"
  LOCATION="${out#* }"
}
expect_status() { [ "$STATUS" = "$1" ] || fail "$2: expected HTTP $1, got $STATUS ($(head -c 300 "$WORK/body"))"; }

wait_line() { # file pattern seconds pid
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$4" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------- receiver (the "RP")
cat >"$WORK/receiver.mjs" <<'EOF'
import * as http from 'node:http';
import { appendFileSync } from 'node:fs';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [port, issuer, logFile] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const m = /^\/(rp\d+)\/backchannel$/.exec(req.url);
    if (req.method === 'POST' && m) {
      const token = new URLSearchParams(Buffer.concat(chunks).toString()).get('logout_token');
      const rec = { client: m[1], hasToken: Boolean(token) };
      try {
        const { payload, protectedHeader } = await jwtVerify(token, jwks, {
          issuer, audience: m[1], typ: 'logout+jwt', algorithms: ['RS256'],
        });
        Object.assign(rec, {
          verified: true, alg: protectedHeader.alg, sub: payload.sub, sid: payload.sid,
          event: Boolean(payload.events?.['http://schemas.openid.net/event/backchannel-logout']),
        });
      } catch (err) {
        Object.assign(rec, { verified: false, error: err.message });
      }
      appendFileSync(logFile, `${JSON.stringify(rec)}\n`);
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`rp receiver: ${req.method} ${req.url}\n`);
  });
}).listen(Number(port), '127.0.0.1', () => console.log('RECEIVER READY'));
EOF
: >"$WORK/backchannel.log"
# run from the peer folder so `jose` resolves from its node_modules
[ -d "$HERE/node_modules" ] || (cd "$HERE" && npm ci --no-audit --no-fund >&2)
cp "$WORK/receiver.mjs" "$HERE/.smoke-receiver.mjs"
(cd "$HERE" && exec node .smoke-receiver.mjs "$RP_PORT" "$OP" "$WORK/backchannel.log") >"$WORK/rp.out" 2>&1 &
RP_PID=$!
wait_line "$WORK/rp.out" 'RECEIVER READY' 10 "$RP_PID" || fail "receiver did not start: $(cat "$WORK/rp.out")"
rm -f "$HERE/.smoke-receiver.mjs"

# ---------------------------------------------------------------- provider
T0=$(date +%s%N)
"$HERE/start.sh" "$OP_PORT" "$RP" "$RP_COUNT" 100 >"$WORK/op.out" 2>"$WORK/op.err" &
OP_PID=$!
wait_line "$WORK/op.out" "READY $OP" 120 "$OP_PID" || fail "provider did not print READY"
echo "provider READY after $(( ($(date +%s%N) - T0) / 1000000 )) ms"

authorize_url() { # client challenge state [extra]
  local c="$1"
  echo "$OP/auth?client_id=$c&response_type=code&scope=openid%20profile&redirect_uri=$(urlenc "$RP/$c/cb")&state=$3&nonce=n-$3&code_challenge=$2&code_challenge_method=S256${4:-}"
}
token_code() { # client code verifier -> $WORK/tok-<client>.json
  local c="$1"
  req POST "$OP/token" -u "$c:$SECRET" \
    --data-urlencode grant_type=authorization_code \
    --data-urlencode "code=$2" \
    --data-urlencode "redirect_uri=$RP/$c/cb" \
    --data-urlencode "code_verifier=$3"
  expect_status 200 "token ($c)"
  cp "$WORK/body" "$WORK/tok-$c.json"
  for f in access_token id_token refresh_token; do
    [ -n "$(jfield "$WORK/tok-$c.json" $f)" ] || fail "token ($c): no $f in $(cat "$WORK/tok-$c.json")"
  done
}

# ---------------------------------------------------------------- 1. login as rp1
V1="$(b64url_rand)"
req GET "$(authorize_url rp1 "$(s256 "$V1")" st1)"
expect_status 303 "authorize rp1"
case "$LOCATION" in "$OP/interaction/"*) ;; *) fail "authorize rp1: Location $LOCATION";; esac
req GET "$LOCATION"
expect_status 200 "login form"
ACTION="$(formaction "$WORK/body")"
case "$ACTION" in /interaction/*/login) ;; *) fail "login form action: $ACTION";; esac
req POST "$OP$ACTION" --data-urlencode username=user1 --data-urlencode password=wrong
expect_status 401 "wrong password"
grep -q 'name="password"' "$WORK/body" || fail "wrong password: form not re-shown"
ok "1. wrong password -> 401 + form again"
req POST "$OP$ACTION" --data-urlencode username=user1 --data-urlencode password=bench-password
expect_status 303 "login"
case "$LOCATION" in "$OP/auth/"*) ;; *) fail "login: Location $LOCATION";; esac
req GET "$LOCATION"
expect_status 303 "resume"
case "$LOCATION" in "$RP/rp1/cb?"*) ;; *) fail "resume: Location $LOCATION";; esac
[ "$(qparam "$LOCATION" state)" = st1 ] || fail "resume: state"
[ "$(qparam "$LOCATION" iss)" = "$OP" ] || fail "resume: iss"
token_code rp1 "$(qparam "$LOCATION" code)" "$V1"
ok "1. rp1 authorize -> login -> code -> tokens (sid $(jwtclaim "$(jfield "$WORK/tok-rp1.json" id_token)" sid))"

# ---------------------------------------------------------------- 2. SSO prompt=none for rp2..rpN
for ((i = 2; i <= RP_COUNT; i++)); do
  c="rp$i"
  V="$(b64url_rand)"
  req GET "$(authorize_url "$c" "$(s256 "$V")" "st$i" '&prompt=none')"
  expect_status 303 "authorize $c prompt=none"
  case "$LOCATION" in "$RP/$c/cb?"*) ;; *) fail "authorize $c prompt=none: Location $LOCATION";; esac
  CODE="$(qparam "$LOCATION" code)"
  [ -n "$CODE" ] || fail "authorize $c prompt=none: no code ($LOCATION)"
  token_code "$c" "$CODE" "$V"
done
ok "2. rp2..rp$RP_COUNT prompt=none -> code -> tokens without any form"

# ---------------------------------------------------------------- 3. refresh rotation
RT0="$(jfield "$WORK/tok-rp1.json" refresh_token)"
req POST "$OP/token" -u "rp1:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$RT0"
expect_status 200 "refresh rp1"
RT1="$(jfield "$WORK/body" refresh_token)"
[ -n "$RT1" ] && [ "$RT1" != "$RT0" ] || fail "refresh rp1: refresh token not rotated"
[ -n "$(jfield "$WORK/body" access_token)" ] && [ -n "$(jfield "$WORK/body" id_token)" ] || fail "refresh rp1: missing tokens"
req POST "$OP/token" -u "rp1:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$RT1"
expect_status 200 "refresh rp1 (2nd)"
RT2="$(jfield "$WORK/body" refresh_token)"
[ -n "$RT2" ] && [ "$RT2" != "$RT1" ] || fail "refresh rp1 (2nd): not rotated"
ok "3. rp1 refresh_token grant works and rotates (twice)"
# replay detection, on rp2 so rp1's chain stays intact: reuse of a rotated token -> invalid_grant + grant revoked
R2A="$(jfield "$WORK/tok-rp2.json" refresh_token)"
req POST "$OP/token" -u "rp2:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$R2A"
expect_status 200 "refresh rp2"
R2B="$(jfield "$WORK/body" refresh_token)"
req POST "$OP/token" -u "rp2:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$R2A"
expect_status 400 "replay rp2"
[ "$(jfield "$WORK/body" error)" = invalid_grant ] || fail "replay rp2: $(cat "$WORK/body")"
req POST "$OP/token" -u "rp2:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$R2B"
expect_status 400 "rp2 after replay"
ok "3. replaying a rotated refresh token -> 400 invalid_grant and the grant's newer token dies too"

# ---------------------------------------------------------------- 4. RP-initiated logout + back-channel
IDT1="$(jfield "$WORK/tok-rp1.json" id_token)"
req GET "$OP/session/end?id_token_hint=$IDT1&post_logout_redirect_uri=$(urlenc "$RP/rp1/after-logout")&state=lo1"
expect_status 200 "end_session"
ACTION="$(formaction "$WORK/body")"
XSRF="$(inputval "$WORK/body" xsrf)"
LOGOUT="$(inputval "$WORK/body" logout)"
[ "$ACTION" = "$OP/session/end/confirm" ] || fail "end_session: form action $ACTION"
[ -n "$XSRF" ] && [ "$LOGOUT" = yes ] || fail "end_session: form fields xsrf=$XSRF logout=$LOGOUT"
req POST "$ACTION" --data-urlencode "xsrf=$XSRF" --data-urlencode logout=yes
expect_status 303 "end_session confirm"
[ "$LOCATION" = "$RP/rp1/after-logout?state=lo1" ] || fail "end_session confirm: Location $LOCATION"
ok "4. end_session -> confirm -> 303 $LOCATION"

N="$(wc -l <"$WORK/backchannel.log")"
[ "$N" -eq "$RP_COUNT" ] || fail "back-channel: expected $RP_COUNT POSTs, got $N: $(cat "$WORK/backchannel.log")"
js '
const fs = require("fs");
const [log, work, n] = process.argv.slice(1);
const recs = fs.readFileSync(log, "utf8").trim().split("\n").map(JSON.parse);
const seen = new Set();
for (const r of recs) {
  if (!r.hasToken || !r.verified || !r.event || r.alg !== "RS256" || r.sub !== "user1" || !r.sid)
    throw new Error("bad logout token " + JSON.stringify(r));
  const idt = JSON.parse(fs.readFileSync(`${work}/tok-${r.client}.json`, "utf8")).id_token;
  const sid = JSON.parse(Buffer.from(idt.split(".")[1], "base64url")).sid;
  if (sid !== r.sid) throw new Error(`${r.client}: logout sid ${r.sid} != id_token sid ${sid}`);
  seen.add(r.client);
}
if (seen.size !== Number(n)) throw new Error("clients: " + [...seen].join(","));
' "$WORK/backchannel.log" "$WORK" "$RP_COUNT" || fail "back-channel logout tokens"
ok "4. receiver got $N back-channel POSTs (rp1..rp$RP_COUNT), each a verified RS256 logout_token with sub and the client's sid"

# ---------------------------------------------------------------- 5. after logout
V="$(b64url_rand)"
req GET "$(authorize_url rp3 "$(s256 "$V")" st-after '&prompt=none')"
expect_status 303 "prompt=none after logout"
[ "$(qparam "$LOCATION" error)" = login_required ] || fail "prompt=none after logout: $LOCATION"
req POST "$OP/token" -u "rp1:$SECRET" --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$RT2"
expect_status 400 "refresh after logout"
ok "5. after logout: prompt=none -> error=login_required, refresh -> 400"

echo "SMOKE PASSED"
