import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { z } from "zod";
import { itemKeys } from "../table";
import {
  ApiKeyConflictError,
  type ApiKeyIdentity,
  type IssuedApiKey,
  type Tenant,
  TenantNotFoundError,
  type TenantRepository,
  tenantSchema,
} from "./repository";
import { assertChosenApiKey, generateApiKey, hashApiKey, isPlausibleApiKey } from "./rules";

const apiKeyItemSchema = z.object({ tenantId: z.string(), admin: z.boolean() });

/** Tenants and API keys in the pixpipe table (TENANT# and APIKEY# items). */
export class DynamoTenantRepository implements TenantRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createTenant(input: { name: string }): Promise<Tenant> {
    const tenant: Tenant = { id: `ten_${ulid()}`, name: input.name, createdAt: new Date().toISOString() };
    await this.dynamo.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...itemKeys.tenant(tenant.id), ...tenant },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return tenant;
  }

  async ensureTenant(input: { id: string; name: string }): Promise<Tenant> {
    const { Attributes } = await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKeys.tenant(input.id),
        UpdateExpression:
          "SET id = :id, #name = if_not_exists(#name, :name), createdAt = if_not_exists(createdAt, :now)",
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: { ":id": input.id, ":name": input.name, ":now": new Date().toISOString() },
        ReturnValues: "ALL_NEW",
      }),
    );
    return tenantSchema.parse(Attributes);
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const { Item } = await this.dynamo.send(
      new GetCommand({ TableName: this.tableName, Key: itemKeys.tenant(id), ConsistentRead: true }),
    );
    return Item ? tenantSchema.parse(Item) : null;
  }

  async createApiKey(tenantId: string, options: { admin: boolean }): Promise<IssuedApiKey> {
    const key = generateApiKey();
    const createdAt = new Date().toISOString();
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: itemKeys.tenant(tenantId),
                ConditionExpression: "attribute_exists(pk)",
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...itemKeys.apiKey(hashApiKey(key)), tenantId, admin: options.admin, createdAt },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed"
      ) {
        throw new TenantNotFoundError(tenantId);
      }
      throw error;
    }
    return { key, tenantId, admin: options.admin, createdAt };
  }

  async ensureApiKey(tenantId: string, plaintextKey: string, options: { admin: boolean }): Promise<void> {
    assertChosenApiKey(plaintextKey);
    await this.ensureTenant({ id: tenantId, name: tenantId });
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeys.apiKey(hashApiKey(plaintextKey)),
          UpdateExpression:
            "SET tenantId = :tenantId, admin = :admin, createdAt = if_not_exists(createdAt, :now)",
          ConditionExpression: "attribute_not_exists(pk) OR tenantId = :tenantId",
          ExpressionAttributeValues: {
            ":tenantId": tenantId,
            ":admin": options.admin,
            ":now": new Date().toISOString(),
          },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ApiKeyConflictError();
      throw error;
    }
  }

  async authenticate(plaintextKey: string): Promise<ApiKeyIdentity | null> {
    if (!isPlausibleApiKey(plaintextKey)) return null;
    const { Item } = await this.dynamo.send(
      new GetCommand({
        TableName: this.tableName,
        Key: itemKeys.apiKey(hashApiKey(plaintextKey)),
        // A key issued a moment ago must work at once.
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    const { tenantId, admin } = apiKeyItemSchema.parse(Item);
    return { tenantId, admin };
  }
}
