import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * S3 client for S3-compatible servers: the endpoint comes from AWS_ENDPOINT_URL_S3 (the SDK reads it
 * itself), path-style addressing, and checksums only where required (s3rver-like servers store
 * streamed uploads wrongly otherwise).
 */
const s3 = new S3Client({
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

/** Writes an object (the bucket is the template's DataBucket: the Manager creates it). */
export async function putObject(bucket, key, body, contentType) {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
  );
}

/** The object's text and content type, or `undefined` when the bucket or key does not exist. */
export async function getObject(bucket, key) {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: await object.Body.transformToString(), contentType: object.ContentType };
  } catch (error) {
    if (error.name === 'NoSuchKey' || error.name === 'NoSuchBucket') return undefined;
    throw error;
  }
}
