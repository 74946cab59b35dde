#!/usr/bin/env bash
# Smoke test of a running Keycloak peer (started by start.sh) with curl and a cookie jar.
#
#   smoke.sh <port> [<rp-base-url>=http://127.0.0.1:<port+2>]
#
# Starts receiver.py on the rp-base port (it must be the rp-base URL start.sh was given), then:
#   0. readiness on the management port, discovery, and the stored argon2 parameters of user1 (admin REST API);
#   1. rp1: authorize with PKCE -> login form -> POST username/password -> 302 with code -> token;
#   2. rp2..rp10: authorize with prompt=none on the same cookies -> 302 with code (no form) -> token;
#   3. refresh_token grant on rp1 (and whether the refresh token rotates / the old one stays usable);
#   4. RP-initiated logout with id_token_hint + post_logout_redirect_uri -> 10 back-channel POSTs with a logout_token;
#   5. prompt=none afterwards -> error=login_required.
# Env: KC_HTTP_MANAGEMENT_PORT (default <port+1>), SMOKE_RP_COUNT (10), SMOKE_RECEIVER_DELAY_MS (100, the receiver's
# answer delay, used to tell whether Keycloak sends the back-channel logouts inside the logout request and in series),
# KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin / admin). Needs curl, python3, openssl.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 <port> [<rp-base-url>]" >&2; exit 2; }
port=$1
rp_base=${2:-http://127.0.0.1:$((port + 2))}
rp_base=${rp_base%/}
mgmt_port=${KC_HTTP_MANAGEMENT_PORT:-$((port + 1))}
rps=${SMOKE_RP_COUNT:-10}
delay_ms=${SMOKE_RECEIVER_DELAY_MS:-100}
admin_user=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
admin_pass=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
kc="http://127.0.0.1:$port"
realm="$kc/realms/bench"
oidc="$realm/protocol/openid-connect"
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d)
jar="$tmp/cookies.txt"
received="$tmp/backchannel.jsonl"
: > "$received"
receiver_pid=""
cleanup() {
  if [ -n "$receiver_pid" ]; then kill "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }
urlenc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }
# json <file> <python-expression over d>
json() { python3 -c 'import json,sys;d=json.load(open(sys.argv[1]));print(eval(sys.argv[2]))' "$1" "$2"; }
jwt() { # jwt <token> <python-expression over c> : evaluates over the decoded payload
  python3 -c 'import base64,json,sys;p=sys.argv[1].split(".")[1];c=json.loads(base64.urlsafe_b64decode(p+"="*(-len(p)%4)));print(eval(sys.argv[2]))' "$1" "$2"
}
header() { # header <headers-file> <name> : last value of that header
  python3 -c 'import sys
v=""
for l in open(sys.argv[1],encoding="latin-1"):
    k,_,rest=l.partition(":")
    if k.strip().lower()==sys.argv[2].lower(): v=rest.strip()
print(v)' "$1" "$2"
}
status() { head -n1 "$1" | awk '{print $2}'; }
query_param() { python3 -c 'import sys,urllib.parse;q=urllib.parse.parse_qs(urllib.parse.urlsplit(sys.argv[1]).query);print(q.get(sys.argv[2],[""])[0])' "$1" "$2"; }
form_action() { # the kc-form-login <form>'s action, HTML-unescaped
  python3 -c 'import html,re,sys
page=open(sys.argv[1],encoding="utf-8").read()
for tag in re.findall(r"<form\b[^>]*>", page, re.S):
    if re.search(r"\bid=\"kc-form-login\"", tag):
        print(html.unescape(re.search(r"\baction=\"([^\"]*)\"", tag).group(1))); break' "$1"
}
new_pkce() { # sets verifier, challenge
  verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
}
# Every HTTP exchange with Keycloak appends curl's time_total to $tmp/times; http_ms sums it since the last reset, so
# the printed step times leave out this script's own python3/openssl helpers.
http_reset() { : > "$tmp/times"; }
http_ms() { awk '{s += $1} END {printf "%d", s * 1000}' "$tmp/times"; }
get() { # get <name> <url> : GET with the cookie jar, no redirects followed; $tmp/<name>.h and $tmp/<name>.body
  curl -sS -w '%{time_total}\n' -b "$jar" -c "$jar" -D "$tmp/$1.h" -o "$tmp/$1.body" "$2" >> "$tmp/times"
}
token_with_code() { # token_with_code <rp> <code> <verifier> <name>
  curl -sS -w '%{time_total}\n' -u "$1:bench-secret" -D "$tmp/$4.h" -o "$tmp/$4.body" \
    --data-urlencode grant_type=authorization_code --data-urlencode "code=$2" \
    --data-urlencode "redirect_uri=$rp_base/$1/cb" --data-urlencode "code_verifier=$3" "$oidc/token" >> "$tmp/times"
  [ "$(status "$tmp/$4.h")" = 200 ] || fail "$1 token: $(status "$tmp/$4.h") $(cat "$tmp/$4.body")"
  for t in id_token access_token refresh_token; do
    [ -n "$(json "$tmp/$4.body" "d.get('$t','')")" ] || fail "$1 token response without $t"
  done
}
authorize_url() { # authorize_url <rp> <state> <nonce> [extra]
  echo "$oidc/auth?client_id=$1&response_type=code&scope=openid&redirect_uri=$(urlenc "$rp_base/$1/cb")&state=$2&nonce=$3&code_challenge=$challenge&code_challenge_method=S256${4:-}"
}
check_code_redirect() { # check_code_redirect <headers-file> <rp> <state> -> prints code
  local loc
  [ "$(status "$1")" = 302 ] || fail "$2: expected 302, got $(status "$1")"
  loc=$(header "$1" location)
  case "$loc" in "$rp_base/$2/cb?"*) ;; *) fail "$2: redirect to $loc";; esac
  [ "$(query_param "$loc" state)" = "$3" ] || fail "$2: state mismatch in $loc"
  [ "$(query_param "$loc" iss)" = "$realm" ] || fail "$2: iss mismatch in $loc"
  [ -n "$(query_param "$loc" code)" ] || fail "$2: no code in $loc ($(query_param "$loc" error))"
  query_param "$loc" code
}

# --- receiver ------------------------------------------------------------------------------------------------------
rp_port=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.urlsplit(sys.argv[1]).port)' "$rp_base")
python3 "$here/receiver.py" "$rp_port" "$received" "$delay_ms" &
receiver_pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "$rp_base/ping" && break; sleep 0.1; done
curl -s -o /dev/null "$rp_base/ping" || fail "receiver did not start on $rp_base"
ok "receiver on $rp_base (answers back-channel POSTs after ${delay_ms} ms)"

# --- 0. readiness, discovery, stored hash parameters ----------------------------------------------------------------
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt_port/health/ready")" = 200 ] \
  || fail "http://127.0.0.1:$mgmt_port/health/ready is not 200"
ok "GET http://127.0.0.1:$mgmt_port/health/ready -> 200"
curl -sS -o "$tmp/disco.json" "$realm/.well-known/openid-configuration"
[ "$(json "$tmp/disco.json" "d['issuer']")" = "$realm" ] || fail "issuer"
[ "$(json "$tmp/disco.json" "d['backchannel_logout_session_supported']")" = True ] || fail "backchannel_logout_session_supported"
ok "discovery: issuer $realm"
curl -sS -o "$tmp/admin.json" --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
  --data-urlencode "username=$admin_user" --data-urlencode "password=$admin_pass" "$kc/realms/master/protocol/openid-connect/token"
admin_token=$(json "$tmp/admin.json" "d.get('access_token','')")
[ -n "$admin_token" ] || fail "admin token: $(cat "$tmp/admin.json")"
curl -sS -H "Authorization: Bearer $admin_token" -o "$tmp/users.json" "$kc/admin/realms/bench/users?username=user1&exact=true"
user1_id=$(json "$tmp/users.json" "d[0]['id']")
curl -sS -H "Authorization: Bearer $admin_token" -o "$tmp/creds.json" "$kc/admin/realms/bench/users/$user1_id/credentials"
cred=$(json "$tmp/creds.json" "[c['credentialData'] for c in d if c['type']=='password'][0]")
echo "     user1 password credentialData: $cred"
python3 -c 'import json,sys
c=json.loads(sys.argv[1]); p=c["additionalParameters"]
assert c["algorithm"]=="argon2" and c["hashIterations"]==2, c
assert p["type"]==["id"] and p["memory"]==["19456"] and p["parallelism"]==["1"] and p["version"]==["1.3"], p' "$cred" \
  || fail "stored credential is not argon2id m=19456 t=2 p=1"
ok "user1's stored hash: argon2id v1.3, m=19456 KiB, t=2, p=1"

# --- 1. rp1: authorize -> login form -> code -> tokens -------------------------------------------------------------
new_pkce
http_reset
get auth1 "$(authorize_url rp1 st-rp1 n-rp1)"
[ "$(status "$tmp/auth1.h")" = 200 ] || fail "rp1 authorize: expected 200 login page, got $(status "$tmp/auth1.h")"
action=$(form_action "$tmp/auth1.body")
[ -n "$action" ] || fail "no kc-form-login action in the login page"
echo "     login form action: ${action%%\?*}?session_code=...&execution=...&client_id=rp1&tab_id=...&client_data=..."
echo "     cookies after GET /auth: $(grep -o -E '(AUTH_SESSION_ID|KC_RESTART|KC_AUTH_SESSION_HASH)' "$jar" | sort -u | tr '\n' ' ')"
curl -sS -w '%{time_total}\n' -b "$jar" -c "$jar" -D "$tmp/login.h" -o "$tmp/login.body" \
  --data-urlencode username=user1 --data-urlencode password=bench-password --data-urlencode credentialId= "$action" \
  >> "$tmp/times"
login_ms=$(tail -n1 "$tmp/times" | awk '{printf "%d", $1 * 1000}')
code=$(check_code_redirect "$tmp/login.h" rp1 st-rp1)
grep -q KEYCLOAK_IDENTITY "$jar" || fail "no KEYCLOAK_IDENTITY cookie after login"
token_with_code rp1 "$code" "$verifier" tok1
step_ms=$(http_ms)
id1=$(json "$tmp/tok1.body" "d['id_token']")
refresh1=$(json "$tmp/tok1.body" "d['refresh_token']")
[ "$(jwt "$id1" "c['aud']")" = rp1 ] && [ "$(jwt "$id1" "c['nonce']")" = n-rp1 ] || fail "rp1 id_token aud/nonce"
sid=$(jwt "$id1" "c['sid']")
echo "     id_token alg: $(python3 -c 'import base64,json,sys;h=sys.argv[1].split(".")[0];print(json.loads(base64.urlsafe_b64decode(h+"="*(-len(h)%4)))["alg"])' "$id1"), sid $sid, expires_in $(json "$tmp/tok1.body" "d['expires_in']") s"
echo "     cookies after login: $(grep -o -E '(KEYCLOAK_IDENTITY|KEYCLOAK_SESSION)' "$jar" | sort -u | tr '\n' ' ')"
ok "rp1: authorize (form) -> POST credentials -> 302 code -> token (HTTP time $step_ms ms, of which the credentials POST $login_ms ms)"

# --- 2. rp2..rpN: prompt=none SSO ----------------------------------------------------------------------------------
for ((i = 2; i <= rps; i++)); do
  new_pkce
  http_reset
  get "auth$i" "$(authorize_url "rp$i" "st-rp$i" "n-rp$i" '&prompt=none')"
  code=$(check_code_redirect "$tmp/auth$i.h" "rp$i" "st-rp$i")
  token_with_code "rp$i" "$code" "$verifier" "tok$i"
  step_ms=$(http_ms)
  idt=$(json "$tmp/tok$i.body" "d['id_token']")
  [ "$(jwt "$idt" "c['sid']")" = "$sid" ] || fail "rp$i id_token has another sid"
  ok "rp$i: authorize prompt=none -> 302 code (no form) -> token, same sid (HTTP time $step_ms ms)"
done

# --- 3. refresh ----------------------------------------------------------------------------------------------------
curl -sS -u rp1:bench-secret -D "$tmp/ref.h" -o "$tmp/ref.body" \
  --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$refresh1" "$oidc/token"
[ "$(status "$tmp/ref.h")" = 200 ] || fail "refresh: $(status "$tmp/ref.h") $(cat "$tmp/ref.body")"
refresh2=$(json "$tmp/ref.body" "d['refresh_token']")
[ -n "$(json "$tmp/ref.body" "d.get('access_token','')")" ] || fail "refresh without access_token"
[ -n "$(json "$tmp/ref.body" "d.get('id_token','')")" ] && with_id="with" || with_id="without"
if [ "$refresh2" != "$refresh1" ]; then new_rt="a new refresh_token"; else new_rt="the same refresh_token"; fi
old_again=$(curl -sS -u rp1:bench-secret -o /dev/null -w '%{http_code}' \
  --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$refresh1" "$oidc/token")
ok "refresh_token grant -> 200 $with_id id_token, $new_rt; re-using the old refresh_token -> $old_again"

# --- 4. RP-initiated logout -> back-channel logout to every RP -------------------------------------------------------
logout_url="$oidc/logout?id_token_hint=$id1&post_logout_redirect_uri=$(urlenc "$rp_base/rp1/after-logout")&state=lo-1&client_id=rp1"
http_reset
get logout "$logout_url"
st=$(status "$tmp/logout.h")
loc=$(header "$tmp/logout.h" location)
at_response=$(wc -l < "$received")
echo "     GET /logout -> $st${loc:+ Location: $loc} in $(http_ms) ms; back-channel POSTs received by then: $at_response"
if [ "$st" = 200 ] && grep -q -i 'kc-logout' "$tmp/logout.body"; then
  echo "     Keycloak asked for a confirmation; submitting it"
  confirm=$(python3 -c 'import html,re,sys
page=open(sys.argv[1],encoding="utf-8").read()
m=re.search(r"<form\b[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", page, re.S)
fields={n:v for n,v in re.findall(r"name=\"([^\"]+)\"\s+value=\"([^\"]*)\"", m.group(2))}
print(html.unescape(m.group(1)))
print(fields.get("session_code",""))' "$tmp/logout.body")
  confirm_action=$(sed -n 1p <<<"$confirm")
  case "$confirm_action" in /*) confirm_action="$kc$confirm_action";; esac
  session_code=$(sed -n 2p <<<"$confirm")
  http_reset
  curl -sS -w '%{time_total}\n' -b "$jar" -c "$jar" -D "$tmp/logout2.h" -o "$tmp/logout2.body" \
    --data-urlencode "session_code=$session_code" --data-urlencode confirmLogout=yes "$confirm_action" >> "$tmp/times"
  st=$(status "$tmp/logout2.h")
  loc=$(header "$tmp/logout2.h" location)
  at_response=$(wc -l < "$received")
  echo "     POST confirmation -> $st${loc:+ Location: $loc} in $(http_ms) ms; back-channel POSTs by then: $at_response"
fi
[ "$st" = 302 ] || fail "logout: expected 302, got $st"
case "$loc" in "$rp_base/rp1/after-logout"*) ;; *) fail "logout redirected to $loc";; esac
[ "$(query_param "$loc" state)" = lo-1 ] || fail "logout redirect without state"
for _ in $(seq 100); do [ "$(wc -l < "$received")" -ge "$rps" ] && break; sleep 0.1; done
n=$(wc -l < "$received")
[ "$n" -eq "$rps" ] || fail "expected $rps back-channel POSTs, got $n: $(cat "$received")"
python3 - "$received" "$rps" "$sid" "$realm" "$delay_ms" <<'EOF' || fail "back-channel logout tokens"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n, sid, iss, delay = int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
assert sorted(r["path"] for r in rows) == sorted(f"/rp{i}/backchannel" for i in range(1, n + 1)), rows
for r in rows:
    c = r["claims"]
    assert r["has_logout_token"] and c, r
    rp = r["path"].split("/")[1]
    assert c["iss"] == iss and c["aud"] == rp and c["sid"] == sid, c
    assert "http://schemas.openid.net/event/backchannel-logout" in c["events"], c
    assert "nonce" not in c, c
ats = sorted(r["at"] for r in rows)
spread = 1000 * (ats[-1] - ats[0])
if not delay:
    order = "set SMOKE_RECEIVER_DELAY_MS to tell sequential from parallel sending"
elif spread >= 0.9 * delay * (n - 1):
    order = "sent one after the other"
else:
    order = "sent in parallel"
print(f"     back-channel POSTs arrived within {spread:.0f} ms of each other with a {delay} ms answer delay: {order}")
print("     arrival order: " + " ".join(r["path"].split("/")[1] for r in sorted(rows, key=lambda r: r["at"])))
rp1 = next(r for r in rows if r["path"] == "/rp1/backchannel")
print("     logout_token header (rp1): " + json.dumps(rp1["header"]))
print("     logout_token claims (rp1): " + json.dumps(rp1["claims"]))
EOF
if [ "$at_response" -eq "$rps" ]; then
  echo "     all $rps back-channel POSTs were answered before the logout response: synchronous"
else
  echo "     only $at_response/$rps back-channel POSTs had arrived when the logout response came: asynchronous"
fi
ok "RP-initiated logout -> 302 to rp1/after-logout, $n back-channel POSTs with a logout_token (sid $sid)"

# --- 5. the session is gone ----------------------------------------------------------------------------------------
new_pkce
get after "$(authorize_url rp2 st-after n-after '&prompt=none')"
loc=$(header "$tmp/after.h" location)
[ "$(query_param "$loc" error)" = login_required ] || fail "prompt=none after logout: $(status "$tmp/after.h") $loc"
ok "prompt=none after logout -> error=login_required"
echo "SMOKE OK"
