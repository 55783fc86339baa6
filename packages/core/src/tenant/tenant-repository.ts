import { createHash, randomBytes } from "node:crypto";
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

export const API_KEY_PREFIX = "pxp_";
/** Longer presented keys are not looked up at all. */
const MAX_API_KEY_LENGTH = 256;

export const tenantSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.iso.datetime(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** Who an API key speaks for. */
export interface ApiKeyIdentity {
  tenantId: string;
  admin: boolean;
}

/** A newly issued key: the plaintext exists only in this value; the table keeps its SHA-256. */
export interface IssuedApiKey extends ApiKeyIdentity {
  key: string;
  createdAt: string;
}

const apiKeyItemSchema = z.object({ tenantId: z.string(), admin: z.boolean() });

export class TenantNotFoundError extends Error {
  override readonly name = "TenantNotFoundError";
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} does not exist`);
  }
}

/** ensureApiKey with a key that already belongs to another tenant. */
export class ApiKeyConflictError extends Error {
  override readonly name = "ApiKeyConflictError";
  constructor() {
    super("this API key already belongs to another tenant");
  }
}

export interface TenantRepository {
  createTenant(input: { name: string }): Promise<Tenant>;
  /** Creates the tenant with this id unless it exists; returns it either way. */
  ensureTenant(input: { id: string; name: string }): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | null>;
  /** Issues a new random key for an existing tenant; the plaintext is returned once, never stored. */
  createApiKey(tenantId: string, options: { admin: boolean }): Promise<IssuedApiKey>;
  /**
   * Makes a chosen plaintext key (the local runtime's PIXPIPE_API_KEY) valid for the tenant,
   * creating the tenant if needed. Idempotent; the admin flag is set to the given value.
   */
  ensureApiKey(tenantId: string, plaintextKey: string, options: { admin: boolean }): Promise<void>;
  /** The tenant and admin flag of a presented key, or null for an unknown key. */
  authenticate(plaintextKey: string): Promise<ApiKeyIdentity | null>;
}

/**
 * Keys are looked up by their SHA-256, so no comparison against a stored secret happens in pixpipe
 * and no constant-time compare is needed: timing can at most tell an attacker something about the
 * hash of a guess, and a SHA-256 (of 256 random bits) cannot be turned back into a key.
 */
export function hashApiKey(plaintextKey: string): string {
  return createHash("sha256").update(plaintextKey, "utf8").digest("hex");
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

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
    if (plaintextKey.length === 0 || plaintextKey.length > MAX_API_KEY_LENGTH || /\s/.test(plaintextKey)) {
      throw new RangeError(`an API key is 1 to ${MAX_API_KEY_LENGTH} characters without whitespace`);
    }
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
    if (plaintextKey.length === 0 || plaintextKey.length > MAX_API_KEY_LENGTH) return null;
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
