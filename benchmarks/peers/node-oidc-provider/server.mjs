// Benchmark peer: node-oidc-provider 9.13 configured like our own auth-server
// (code + PKCE S256, confidential clients, RS256, refresh rotation, RP-initiated
// logout with back-channel logout, argon2id passwords at m=19456,t=2,p=1).
//
// usage: node server.mjs <port> <rp-base-url> [<rp-count>=10] [<user-count>=100]
// Prints "READY http://127.0.0.1:<port>" on stdout once listening. Logs errors only.

import * as crypto from 'node:crypto';
import * as http from 'node:http';

import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import * as jose from 'jose';
import Provider, { errors } from 'oidc-provider';
// The library's own in-memory adapter class, used with an unbounded store (see
// ExpiringStore below). The default store is an LRU capped at ~1000 entries,
// which silently evicts live sessions/grants/tokens under benchmark load.
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';

const startedAt = process.hrtime.bigint();

// ---------------------------------------------------------------- arguments
function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node server.mjs <port> <rp-base-url> [<rp-count>=10] [<user-count>=100]');
  process.exit(2);
}

const [portArg, rpBaseArg, rpCountArg = '10', userCountArg = '100'] = process.argv.slice(2);
if (!portArg || !rpBaseArg) usage();
const PORT = Number(portArg);
const RP_COUNT = Number(rpCountArg);
const USER_COUNT = Number(userCountArg);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) usage(`bad port ${portArg}`);
if (!Number.isInteger(RP_COUNT) || RP_COUNT < 1) usage(`bad rp-count ${rpCountArg}`);
if (!Number.isInteger(USER_COUNT) || USER_COUNT < 1) usage(`bad user-count ${userCountArg}`);
let RP_BASE;
try {
  RP_BASE = new URL(rpBaseArg).href.replace(/\/+$/, '');
} catch {
  usage(`bad rp-base-url ${rpBaseArg}`);
}

const HOST = '127.0.0.1';
const ISSUER = `http://${HOST}:${PORT}`;

// ---------------------------------------------------------------- constants
const CLIENT_SECRET = 'bench-secret';
const USER_PASSWORD = 'bench-password';
// Same cost as our auth-server: argon2id, m=19456 KiB, t=2, p=1.
const ARGON2_OPTS = {
  algorithm: 2, // Argon2id (Algorithm is a TS const enum, not exported at runtime)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};
// Scopes auto-granted to the first-party bench clients: always openid + profile,
// plus any other OIDC scope the request names (email). offline_access is never
// needed: refresh tokens are issued without it (issueRefreshToken below).
const DEFAULT_GRANTED_SCOPE = 'openid profile';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email']);

const TTL = {
  AccessToken: 5 * 60,
  IdToken: 5 * 60,
  RefreshToken: 24 * 60 * 60,
  Session: 24 * 60 * 60,
  Grant: 24 * 60 * 60,
  AuthorizationCode: 60,
  Interaction: 10 * 60,
};

// ---------------------------------------------------------------- storage
// Map-backed store with per-entry expiry and no size cap; implements the
// get/set(key, value, { maxAge })/delete interface the library's MemoryAdapter
// expects from its LRU. Expired entries are dropped lazily and by a sweep.
class ExpiringStore {
  #map = new Map();

  get(key) {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiry !== undefined && entry.expiry <= Date.now()) {
      this.#map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key, value, { maxAge } = {}) {
    const expiry = typeof maxAge === 'number' && Number.isFinite(maxAge)
      ? Date.now() + maxAge
      : undefined;
    this.#map.set(key, { value, expiry });
    return this;
  }

  has(key) {
    return this.get(key) !== undefined;
  }

  delete(key) {
    return this.#map.delete(key);
  }

  sweep() {
    const now = Date.now();
    for (const [key, entry] of this.#map) {
      if (entry.expiry !== undefined && entry.expiry <= now) this.#map.delete(key);
    }
  }

  get size() {
    return this.#map.size;
  }
}

const store = new ExpiringStore();
setInterval(() => store.sweep(), 60_000).unref();

// ---------------------------------------------------------------- users
const DUMMY_HASH_PROMISE = argon2Hash('not-a-user-password', ARGON2_OPTS);

async function buildUsers(count) {
  const users = new Map();
  const names = Array.from({ length: count }, (_, i) => `user${i + 1}`);
  // two at a time: the machine has 2 cores and this runs only at startup
  const workers = Array.from({ length: 2 }, async () => {
    for (let name = names.shift(); name !== undefined; name = names.shift()) {
      users.set(name, {
        id: name,
        passwordHash: await argon2Hash(USER_PASSWORD, ARGON2_OPTS),
      });
    }
  });
  await Promise.all(workers);
  return users;
}

// ---------------------------------------------------------------- clients
function buildClients(count) {
  const clients = [];
  for (let i = 1; i <= count; i += 1) {
    const id = `rp${i}`;
    clients.push({
      client_id: id,
      client_secret: CLIENT_SECRET,
      token_endpoint_auth_method: 'client_secret_basic',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [`${RP_BASE}/${id}/cb`],
      post_logout_redirect_uris: [`${RP_BASE}/${id}/after-logout`],
      backchannel_logout_uri: `${RP_BASE}/${id}/backchannel`,
      backchannel_logout_session_required: true,
      id_token_signed_response_alg: 'RS256',
    });
  }
  return clients;
}

// ---------------------------------------------------------------- html
function esc(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body>
${body}
</body></html>
`;
}

function loginPage(uid, { clientId, username = '', error } = {}) {
  return page('Sign-in', `<h1>Sign in${clientId ? ` to ${esc(clientId)}` : ''}</h1>
${error ? `<p id="error">${esc(error)}</p>\n` : ''}<form id="login" method="post" action="/interaction/${esc(uid)}/login">
<input type="text" name="username" value="${esc(username)}" autocomplete="username" required>
<input type="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`);
}

// ---------------------------------------------------------------- main
const users = await buildUsers(USER_COUNT);
const DUMMY_HASH = await DUMMY_HASH_PROMISE;
const FIRST_PARTY = new Set(buildClients(RP_COUNT).map((c) => c.client_id));

const { privateKey } = await jose.generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
const signingJwk = {
  ...(await jose.exportJWK(privateKey)),
  kid: crypto.randomUUID(),
  alg: 'RS256',
  use: 'sig',
};

function grantedScopeFor(requestedScope) {
  const scopes = new Set(DEFAULT_GRANTED_SCOPE.split(' '));
  for (const s of (requestedScope || '').split(' ')) {
    if (OIDC_SCOPES.has(s)) scopes.add(s);
  }
  return [...scopes].join(' ');
}

const configuration = {
  adapter: (model) => new MemoryAdapter(model, store),
  jwks: { keys: [signingJwk] },
  clients: buildClients(RP_COUNT),
  clientDefaults: {
    grant_types: ['authorization_code', 'refresh_token'],
    id_token_signed_response_alg: 'RS256',
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256'],
    userinfoSigningAlgValues: ['RS256'],
    introspectionSigningAlgValues: ['RS256'],
    authorizationSigningAlgValues: ['RS256'],
  },
  responseTypes: ['code'],
  scopes: ['openid', 'offline_access'],
  claims: {
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  cookies: {
    // plain http on loopback: cookies are never marked Secure (the library only
    // adds Secure when the request itself is https).
    long: { httpOnly: true, sameSite: 'lax', secure: false },
    short: { httpOnly: true, sameSite: 'lax', secure: false },
    keys: [crypto.randomBytes(32).toString('base64url')],
  },
  pkce: {
    required: () => true, // only S256 is supported by oidc-provider 9
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // Standard confirm page, but the form carries logout=yes as a hidden input so a
      // plain "collect every <input> of the form" parser needs no special casing.
      async logoutSource(ctx, form) {
        ctx.body = page('Logout', `<h1>Sign out?</h1>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/><button type="submit">Yes, sign me out</button></form>')}`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<h1>Signed out</h1>');
      },
    },
    backchannelLogout: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
    userinfo: { enabled: true },
    // resourceIndicators as by default (enabled, no default resource): without a
    // `resource` parameter access tokens are opaque and usable at userinfo; there is
    // no resource server, so any `resource` parameter is rejected with invalid_target.
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo() {
        throw new errors.InvalidTarget();
      },
    },
  },
  ttl: {
    AccessToken: TTL.AccessToken,
    IdToken: TTL.IdToken,
    RefreshToken: TTL.RefreshToken,
    Session: TTL.Session,
    Grant: TTL.Grant,
    AuthorizationCode: TTL.AuthorizationCode,
    Interaction: TTL.Interaction,
    ClientCredentials: TTL.AccessToken,
    DeviceCode: 600,
    BackchannelAuthenticationRequest: 600,
    PreAuthorizedCode: 600,
  },
  // A refresh token on every authorization_code grant (no offline_access needed).
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  // Rotate on every use: the presented token is consumed, a new one is returned;
  // replaying a consumed token revokes the whole grant.
  rotateRefreshToken: true,
  // First-party clients: consent is implicit. Any of the bench clients gets a grant
  // for the requested OIDC scopes as soon as the session has an account, so
  // prompt=none from a second client with a live session succeeds silently.
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (!FIRST_PARTY.has(client.clientId) || !session.accountId) return grant;
    if (grant && grant.accountId !== session.accountId) grant = undefined;

    const have = new Set((grant?.getOIDCScope() || '').split(' '));
    const want = grantedScopeFor(ctx.oidc.params.scope).split(' ');
    const missing = want.filter((s) => !have.has(s));
    if (!grant || missing.length) {
      grant ||= new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope(want.join(' '));
      await grant.save();
    }
    return grant;
  },
  async findAccount(ctx, sub) {
    const user = users.get(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub, name: sub, preferred_username: sub, email: `${sub}@bench.test`, email_verified: true,
        };
      },
    };
  },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  clientBasedCORS: () => false,
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', Object.entries(out)
      .map(([k, v]) => `<p><strong>${esc(k)}</strong>: <span class="${esc(k)}">${esc(v)}</span></p>`)
      .join('\n'));
  },
  // The RPs (and their back-channel logout endpoints) live on loopback. The
  // library's default fetch goes through an SSRF-protecting dispatcher that
  // refuses special-use addresses such as 127.0.0.0/8, so drop it here.
  fetch: (url, options) => {
    const { dispatcher, ...rest } = options;
    return globalThis.fetch(url, rest);
  },
};

const provider = new Provider(ISSUER, configuration);
provider.proxy = false;

// errors only
provider.on('server_error', (ctx, err) => {
  console.error(`server_error ${ctx?.method} ${ctx?.path}:`, err);
});
provider.on('backchannel.error', (ctx, err, client) => {
  console.error(`backchannel logout to ${client?.clientId} failed: ${err?.message}`);
});

// ---------------------------------------------------------------- interaction routes
const MAX_FORM_BYTES = 8 * 1024;

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(Object.assign(new Error('form too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function send(res, status, html, headers = {}) {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

async function finishConsent(req, res, details) {
  const { accountId } = details.session;
  const clientId = details.params.client_id;
  let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  if (!grant || grant.accountId !== accountId) {
    grant = new provider.Grant({ accountId, clientId });
  }
  grant.addOIDCScope(grantedScopeFor(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function handleInteraction(req, res, url) {
  const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
  if (!m) return send(res, 404, page('Not found', '<h1>Not found</h1>'));
  const [, uid, login] = m;

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err instanceof errors.SessionNotFound) {
      return send(res, 400, page('Error', `<p class="error">${esc(err.error_description || err.message)}</p>`));
    }
    throw err;
  }
  if (details.uid !== uid) {
    return send(res, 400, page('Error', '<p class="error">interaction mismatch</p>'));
  }
  const clientId = details.params.client_id;

  if (!login) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, page('Error', 'method not allowed'), { allow: 'GET' });
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      // never shown: consent is implicit for the bench clients
      return finishConsent(req, res, details);
    }
    return send(res, 200, loginPage(uid, { clientId }));
  }

  if (req.method !== 'POST') return send(res, 405, page('Error', 'method not allowed'), { allow: 'POST' });
  const form = await readForm(req);
  const username = form.get('username') || '';
  const password = form.get('password') || '';
  const user = users.get(username);
  // verify against a dummy hash for unknown users so timing does not leak existence
  const ok = await argon2Verify(user ? user.passwordHash : DUMMY_HASH, password);
  if (!user || !ok) {
    return send(res, 401, loginPage(uid, { clientId, username, error: 'Invalid username or password.' }));
  }

  let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  if (!grant || grant.accountId !== user.id || grant.clientId !== clientId) {
    grant = new provider.Grant({ accountId: user.id, clientId });
  }
  grant.addOIDCScope(grantedScopeFor(details.params.scope));
  const grantId = await grant.save();

  return provider.interactionFinished(req, res, {
    login: { accountId: user.id },
    consent: { grantId },
  }, { mergeWithLastSubmission: false });
}

// ---------------------------------------------------------------- server
const oidcCallback = provider.callback();

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    const url = new URL(req.url, ISSUER);
    handleInteraction(req, res, url).catch((err) => {
      if (err?.status === 413) {
        if (!res.headersSent) send(res, 413, page('Error', 'form too large'));
        return;
      }
      console.error(`interaction error ${req.method} ${url.pathname}:`, err);
      if (!res.headersSent) send(res, 500, page('Error', '<p class="error">server_error</p>'));
      else res.destroy();
    });
    return;
  }
  oidcCallback(req, res);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

function shutdown(signal) {
  server.close();
  server.closeAllConnections?.();
  // nothing to flush: all state is in memory by design
  process.exit(signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.on('error', (err) => {
  console.error(`listen error: ${err.message}`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
  console.error(`node-oidc-provider ${ISSUER}: ${RP_COUNT} clients, ${USER_COUNT} users, started in ${ms.toFixed(0)} ms`);
  console.log(`READY ${ISSUER}`);
});
