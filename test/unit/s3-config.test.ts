import pluginConfig, { s3ConfigSchema } from '../../src/plugins/client-portal/server/src/config';

const SECRET = 'very-secret-key-0b7f';
const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET };

/** The messages a setting is refused with (each names its variable). */
const problems = (raw: Record<string, string>) => {
  const result = s3ConfigSchema.safeParse(raw);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('S3 document storage settings (PORTAL_S3_*)', () => {
  it('keeps documents on local disk when no S3 variable is set', () => {
    expect(s3ConfigSchema.parse({})).toBeUndefined();
    expect(
      s3ConfigSchema.parse({ bucket: '', endpoint: '', region: '', accessKeyId: '', secretAccessKey: '' })
    ).toBeUndefined();
  });

  it('takes a bucket without an endpoint as AWS, in us-east-1 unless a region is given', () => {
    expect(s3ConfigSchema.parse({ bucket: 'agency-docs', ...keys })).toEqual({
      bucket: 'agency-docs',
      endpoint: undefined,
      region: 'us-east-1',
      ...keys,
    });
    expect(s3ConfigSchema.parse({ bucket: 'agency-docs', region: 'eu-central-1', ...keys })?.region).toBe(
      'eu-central-1'
    );
  });

  it('takes a self-hosted endpoint, trimming the environment strings', () => {
    expect(
      s3ConfigSchema.parse({
        bucket: ' agency-docs ',
        endpoint: ' http://minio.internal:9000 ',
        region: 'garage',
        accessKeyId: ' id ',
        secretAccessKey: ' secret ',
      })
    ).toEqual({
      bucket: 'agency-docs',
      endpoint: 'http://minio.internal:9000',
      region: 'garage',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
  });

  it.each([
    ['an endpoint without a scheme', { endpoint: 'minio.internal:9000' }, 'endpoint: PORTAL_S3_ENDPOINT must be an'],
    [
      'an endpoint that is not http(s)',
      { endpoint: 'ftp://files.internal' },
      'endpoint: PORTAL_S3_ENDPOINT must be an',
    ],
    ['a URL as the bucket', { bucket: 's3://agency-docs' }, 'bucket: PORTAL_S3_BUCKET must be a bucket name'],
    ['a bucket name that is too short', { bucket: 'ab' }, 'bucket: PORTAL_S3_BUCKET must be a bucket name'],
    ['a region with spaces', { region: 'EU West' }, 'region: PORTAL_S3_REGION must be a region name'],
    ['no access key', { accessKeyId: '' }, 'accessKeyId: PORTAL_S3_ACCESS_KEY_ID is required'],
    ['no secret', { secretAccessKey: ' ' }, 'secretAccessKey: PORTAL_S3_SECRET_ACCESS_KEY is required'],
  ])('refuses %s, naming the variable', (_label, change, message) => {
    const found = problems({ bucket: 'agency-docs', endpoint: 'https://s3.example.com', ...keys, ...change });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('refuses S3 variables without a bucket instead of silently keeping files on one disk', () => {
    const found = problems({ endpoint: 'https://s3.example.com', ...keys });
    expect(found).toHaveLength(3);
    for (const variable of ['PORTAL_S3_ENDPOINT', 'PORTAL_S3_ACCESS_KEY_ID', 'PORTAL_S3_SECRET_ACCESS_KEY']) {
      expect(found.join('\n')).toContain(`${variable} is set but PORTAL_S3_BUCKET is not`);
    }
  });

  it('stops the boot with the message, and never repeats the secret', () => {
    const refusal = (() => {
      try {
        pluginConfig.validator({ s3: { bucket: 'agency-docs', endpoint: 'not a url', ...keys } });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toContain('s3.endpoint: PORTAL_S3_ENDPOINT must be an http:// or https:// URL');
    expect(refusal).not.toContain(SECRET);
    expect(() => pluginConfig.validator({ s3: { bucket: 'agency-docs' } })).toThrow(
      's3.accessKeyId: PORTAL_S3_ACCESS_KEY_ID is required when PORTAL_S3_BUCKET is set'
    );
  });
});
