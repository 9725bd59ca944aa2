import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { bodyText, httpMethod, json } from '../../lib/http.mjs';

// The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB, which the SDK reads itself.
const dynamodb = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(dynamodb);
const table = process.env.TABLE_NAME;

/** Creates the table on first use (nothing provisions it on-prem); safe when two calls race. */
async function createTable() {
  try {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30 }, { TableName: table });
}

async function withTable(operation) {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await createTable();
    return operation();
  }
}

/** PUT /items/{id} stores the JSON body; GET /items/{id} reads it back (HTTP API, payload 2.0). */
export const handler = async (event) => {
  const id = event.pathParameters?.id;
  if (httpMethod(event) === 'PUT') {
    const item = { ...JSON.parse(bodyText(event) || '{}'), id };
    await withTable(() => documents.send(new PutCommand({ TableName: table, Item: item })));
    return json(201, item);
  }
  const { Item } = await withTable(() =>
    documents.send(new GetCommand({ TableName: table, Key: { id } })),
  );
  return Item ? json(200, Item) : json(404, { message: `no item ${id}` });
};
