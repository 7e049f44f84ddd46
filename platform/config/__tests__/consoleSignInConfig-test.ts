import { loadConfig } from '../loadConfig';

/** [P9] The console's sign-in at the identity provider, as configuration: all of it or none, https in production. */
const PROVIDER = { OIDC_ISSUER: 'https://login.example.test', OIDC_AUDIENCE: 'erms-federation', OIDC_JWKS_URL: 'https://login.example.test/jwks' };
const CONSOLE = {
  OIDC_CONSOLE_CLIENT_ID: 'erms-console',
  OIDC_AUTHORIZATION_ENDPOINT: 'https://login.example.test/oauth2/authorize',
  OIDC_TOKEN_ENDPOINT: 'https://login.example.test/oauth2/token',
};

describe('the console’s OIDC sign-in settings', () => {
  it('reads the client and endpoints, with openid always among the scopes', () => {
    expect(loadConfig({ ...PROVIDER, ...CONSOLE, OIDC_CONSOLE_SCOPES: 'profile email' }).oidc?.console).toEqual({
      clientId: 'erms-console', authorizationEndpoint: CONSOLE.OIDC_AUTHORIZATION_ENDPOINT, tokenEndpoint: CONSOLE.OIDC_TOKEN_ENDPOINT, scopes: ['openid', 'profile', 'email'],
    });
  });

  it('none of them: the console offers no sign-in beside the provider', () => {
    expect(loadConfig(PROVIDER).oidc?.console).toBeUndefined();
  });

  it.each([
    ['only some of them', { ...PROVIDER, OIDC_CONSOLE_CLIENT_ID: 'erms-console' }, /set all of OIDC_CONSOLE_CLIENT_ID/],
    ['an endpoint that is not a URL', { ...PROVIDER, ...CONSOLE, OIDC_TOKEN_ENDPOINT: 'token' }, /OIDC_TOKEN_ENDPOINT/],
    ['plain http in production', { ...PROVIDER, ...CONSOLE, NODE_ENV: 'production', OIDC_TOKEN_ENDPOINT: 'http://login.example.test/oauth2/token' }, /endpoints are https/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
