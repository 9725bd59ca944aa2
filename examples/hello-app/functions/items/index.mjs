import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { bodyText, httpMethod, json } from '../../lib/http.mjs';

// The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB, which the SDK reads itself.
const dynamodb = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(dynamodb);
// The table is the template's ItemsTable: the Manager creates it, as CloudFormation would.
const table = process.env.TABLE_NAME;

/** PUT /items/{id} stores the JSON body; GET /items/{id} reads it back (HTTP API, payload 2.0). */
export const handler = async (event) => {
  const id = event.pathParameters?.id;
  if (httpMethod(event) === 'PUT') {
    const item = { ...JSON.parse(bodyText(event) || '{}'), id };
    await documents.send(new PutCommand({ TableName: table, Item: item }));
    return json(201, item);
  }
  const { Item } = await documents.send(new GetCommand({ TableName: table, Key: { id } }));
  return Item ? json(200, Item) : json(404, { message: `no item ${id}` });
};
