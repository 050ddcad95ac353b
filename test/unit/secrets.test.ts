import { assertProductionSecrets, InsecureSecretError, SECRET_VARIABLES } from '../../src/env/secrets';

const safe = Object.fromEntries(SECRET_VARIABLES.map((name) => [name, `${name.toLowerCase()}-0123456789abcdef`]));

describe('production secrets', () => {
  it('accepts real values in production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', ...safe })).not.toThrow();
  });

  it('ignores placeholders outside production', () => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'development', APP_KEYS: 'change-me-1' })).not.toThrow();
  });

  it.each(SECRET_VARIABLES)('refuses a missing %s in production and names it', (name) => {
    const env = { NODE_ENV: 'production', ...safe, [name]: undefined };
    expect(() => assertProductionSecrets(env)).toThrow(new InsecureSecretError(name));
    expect(() => assertProductionSecrets(env)).toThrow(`Set ${name} to a long random value`);
  });

  it.each(SECRET_VARIABLES)('refuses the .env.example placeholder for %s', (name) => {
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', ...safe, [name]: 'change-me' })).toThrow(name);
  });

  it('refuses APP_KEYS when one of several keys is a placeholder or empty', () => {
    expect(() =>
      assertProductionSecrets({ NODE_ENV: 'production', ...safe, APP_KEYS: 'abcdefgh,change-me-2' })
    ).toThrow('APP_KEYS');
    expect(() => assertProductionSecrets({ NODE_ENV: 'production', ...safe, APP_KEYS: 'abcdefgh,' })).toThrow(
      'APP_KEYS'
    );
  });
});
