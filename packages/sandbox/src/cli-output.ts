import { strategyOptions } from './strategy-options';
import type { ProviderName, SandboxEndpoints } from './types';

/** Each provider's display name, strategy package and class, as a user's code names them. */
const STRATEGIES: Readonly<Record<ProviderName, { label: string; pkg: string; className: string }>> = {
  petjeaf: { label: 'Petje.af', pkg: 'passport-petjeaf', className: 'PetjeafStrategy' },
  gofundo: { label: 'Gofundo', pkg: 'passport-gofundo', className: 'GofundoStrategy' },
  mijnklantportaal: {
    label: 'MijnKlantportaal',
    pkg: 'passport-mijnklantportaal',
    className: 'MijnKlantportaalStrategy',
  },
  altdentifier: { label: 'AltDentifier', pkg: 'passport-altdentifier', className: 'AltDentifierStrategy' },
};

/**
 * What the CLI prints for the running providers: per provider, its seeded users and a
 * ready-to-paste strategy construction with the client id, secret and URLs. `appOrigin` is
 * where the user's app is assumed to run, for the example `callbackURL`.
 */
export function describeForHumans(providers: readonly SandboxEndpoints[], appOrigin = 'http://localhost:3000'): string {
  const lines = [
    'passport-nl-sandbox: four local OAuth2 providers. The client ids and secrets below are public sandbox values.',
    'Any http(s)://localhost or 127.0.0.1 callback URL is accepted.',
  ];
  for (const provider of providers) {
    const { label, pkg, className } = STRATEGIES[provider.name];
    const options = { ...strategyOptions(provider), callbackURL: `${appOrigin}/auth/${provider.name}/callback` };
    lines.push('', `${label} at ${provider.origin}`);
    lines.push(`  users: ${provider.users.map((user) => `${user.name} (${user.id})`).join(', ')}`);
    lines.push(`  const { Strategy: ${className} } = require('${pkg}');`);
    lines.push(`  passport.use(new ${className}({`);
    for (const [key, value] of Object.entries(options)) lines.push(`    ${key}: ${JSON.stringify(value)},`);
    lines.push('  }, verify));');
  }
  lines.push('', 'Ctrl+C to stop.');
  return lines.join('\n');
}

/** The same as one JSON object for scripts: `{ "<provider>": { origin, users, options } }`. */
export function describeAsJson(providers: readonly SandboxEndpoints[]): string {
  return JSON.stringify(
    Object.fromEntries(
      providers.map((provider) => [
        provider.name,
        { origin: provider.origin, users: provider.users, options: strategyOptions(provider) },
      ]),
    ),
  );
}
