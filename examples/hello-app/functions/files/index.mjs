import { json, bodyText, httpMethod } from '../../lib/http.mjs';
import { getObject, putObject } from '../../lib/s3.mjs';

const bucket = process.env.DATA_BUCKET;

/** PUT /files/{key} stores the body in S3; GET /files/{key} reads it back (REST API, payload 1.0). */
export const handler = async (event) => {
  const key = event.pathParameters?.key;
  if (httpMethod(event) === 'PUT') {
    const body = bodyText(event);
    await putObject(bucket, key, body, event.headers?.['content-type'] ?? 'text/plain');
    return json(201, { bucket, key, size: Buffer.byteLength(body) });
  }
  const object = await getObject(bucket, key);
  if (!object) return json(404, { message: `no object ${key} in ${bucket}` });
  return {
    statusCode: 200,
    headers: { 'content-type': object.contentType ?? 'text/plain' },
    body: object.body,
  };
};
