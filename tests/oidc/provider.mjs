// A real OpenID Connect provider for the test suite: panva's certified oidc-provider, on loopback.
//
// Started by tests/oidc_provider.py, which writes a JSON configuration file and passes its path in
// OIDC_PROVIDER_CONFIG:
//   issuer        the URL the provider is known by (the Python proxy in front of it)
//   port          the loopback port to listen on (0: any free port)
//   jwks_path     a JWKS file with the private RS256 signing key (so Python can sign with it too)
//   accounts_path a JSON object {login: {claim: value, ...}}, re-read on every account lookup
//   client        the one client's metadata (client_id, client_secret, redirect_uris, ...)
//   code_ttl      seconds an authorization code lives
//   cookie_keys   secrets that sign the provider's cookies
// Prints `listening <port>` on stdout when ready.
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.env.OIDC_PROVIDER_CONFIG, 'utf8'));

/** The claims of a login: its entry in the accounts file over the defaults; null means left out. */
function accountClaims(login) {
  const entry = JSON.parse(readFileSync(config.accounts_path, 'utf8'))[login] ?? {};
  const claims = {
    email: `${login}@corp.test`,
    email_verified: true,
    name: login.charAt(0).toUpperCase() + login.slice(1),
    ...entry,
    sub: login,
  };
  if (claims.email === null && !('email_verified' in entry)) delete claims.email_verified;
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== null));
}

const provider = new Provider(config.issuer, {
  clients: [{
    application_type: 'web', // http redirect URIs are fine for a web client using the code flow
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...config.client,
  }],
  jwks: JSON.parse(readFileSync(config.jwks_path, 'utf8')),
  cookies: { keys: config.cookie_keys },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // The spec's rule (and the default): when an access token is issued, scope-requested claims
  // are served by the userinfo endpoint only, not put in the ID token.
  conformIdTokenClaims: true,
  responseTypes: ['code'],
  features: {
    devInteractions: { enabled: true }, // built-in login (any login, any password) and consent
    rpInitiatedLogout: { enabled: true }, // end_session_endpoint
  },
  ttl: {
    AuthorizationCode: config.code_ttl,
    AccessToken: 3600,
    IdToken: 3600,
    Interaction: 3600,
    Session: 3600,
    Grant: 3600,
  },
  async findAccount(ctx, id) {
    return { accountId: id, claims: async () => accountClaims(id) };
  },
});
// Behind the Python proxy, which forwards the Host header unchanged: Koa builds every URL from
// it, so no `provider.proxy = true` (trusting X-Forwarded-*) is needed.

const server = provider.listen(config.port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
