import { Readable } from 'stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { errors } from '@strapi/utils';
import type { S3Config } from '../config';
import { attachment, SIGNED_URL_SECONDS, storedName, type FileStorage, type StoredFile } from './storage';

/**
 * A private S3-compatible bucket (docs/operations.md#documents-storage), through the AWS SDK v3 itself rather than
 * `@strapi/provider-upload-aws-s3`: that provider can upload, delete and sign, but has no way to
 * read an object back, and downloads must stream through the access check, so a second client of
 * our own would be needed anyway. One small client keeps write, read, delete and links together.
 *
 * Objects are written without an ACL, so they take the bucket's (private) default; a file row
 * records its bucket and key, so it is found again from any instance, and after a bucket change.
 */
export const createS3Storage = (config: S3Config): FileStorage => {
  const client = new S3Client({
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // Self-hosted servers expect http://host/bucket/key, not a bucket subdomain.
          forcePathStyle: true,
          // Many predate the SDK's default CRC checksums (and their aws-chunked uploads).
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
  const location = (file: StoredFile) => ({
    Bucket: String(file.provider_metadata?.bucket ?? config.bucket),
    Key: String(file.provider_metadata?.key ?? storedName(file)),
  });

  return {
    async write(file: StoredFile) {
      const target = { Bucket: config.bucket, Key: storedName(file) };
      // lib-storage streams a body of unknown length (multipart past 5 MB); PutObject needs the length first.
      await new Upload({
        client,
        params: { ...target, Body: file.stream ?? file.buffer ?? Buffer.alloc(0), ContentType: file.mime ?? undefined },
      }).done();
      file.url = `s3://${target.Bucket}/${target.Key}`;
      file.provider_metadata = { bucket: target.Bucket, key: target.Key };
    },

    async remove(file: StoredFile) {
      await client.send(new DeleteObjectCommand(location(file)));
    },

    async read(file: StoredFile) {
      try {
        const object = await client.send(new GetObjectCommand(location(file)));
        if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
        return { stream: object.Body, size: object.ContentLength };
      } catch (error) {
        if (error instanceof NoSuchKey) throw new errors.NotFoundError('Not Found');
        throw error;
      }
    },

    link(file: StoredFile, now: number) {
      const command = new GetObjectCommand({
        ...location(file),
        ResponseContentDisposition: attachment(file.name ?? storedName(file)),
      });
      return getSignedUrl(client, command, { expiresIn: SIGNED_URL_SECONDS, signingDate: new Date(now) });
    },
  };
};

/** Files written to S3 say so on their row (and on each of their formats). */
export const isInS3 = (file: StoredFile) => typeof file.provider_metadata?.bucket === 'string';
