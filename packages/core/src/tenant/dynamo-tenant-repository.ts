import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { GSI, indexKeys, itemKeys, TABLE_KEYS } from "../table";
import {
  type ApiKey,
  type ApiKeyRecord,
  type ApiKeyScope,
  apiKeySchema,
  assertChosenApiKey,
  generateApiKey,
  hashApiKey,
  type IssuedApiKey,
  isPlausibleApiKey,
  tenantOfApiKey,
} from "./api-key";
import {
  ApiKeyConflictError,
  TenantExistsError,
  TenantNotFoundError,
  TenantWriteConflictError,
} from "./errors";
import type { TenantRepository } from "./repository";
import {
  type ApiKeyCheck,
  applyTenantPatch,
  assertTenantPageLimit,
  checkApiKey,
  decodeTenantCursor,
  encodeTenantCursor,
  ensuredApiKey,
  type NewApiKeyInput,
  newApiKey,
  newTenant,
  planKeyRotation,
  rotateWebhookSecrets,
  staleBefore,
  toApiKey,
} from "./rules";
import { type NewTenantInput, type Tenant, type TenantPage, type TenantPatch, tenantSchema } from "./tenant";

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Attempts of a read-modify-write of a tenant before it gives up to concurrent writers. */
const TENANT_WRITE_ATTEMPTS = 5;
/** Attempts of a BatchGet whose keys DynamoDB left unprocessed (throttling). */
const BATCH_GET_ATTEMPTS = 4;

const versionSchema = z.object({ version: z.number().int().nonnegative() });

const tenantItem = (tenant: Tenant, version: number): Item => ({
  ...itemKeys.tenant(tenant.id),
  ...indexKeys.tenantList(tenant.id),
  ...tenant,
  version,
});

// A key's expiry is the table's TTL attribute (epoch seconds): DynamoDB deletes expired keys itself,
// days later; until then they are listed and refused as expired.
const apiKeyItemSchema = apiKeySchema.omit({ lastUsedAt: true, expiresAt: true }).extend({
  pk: z.string().regex(/^APIKEY#[0-9a-f]{64}$/),
  lastUsedAt: z.iso.datetime().optional(),
  [TABLE_KEYS.ttl]: z.number().int().optional(),
});

function apiKeyItem({ hash, lastUsedAt, expiresAt, ...key }: ApiKeyRecord): Item {
  return {
    ...itemKeys.apiKey(hash),
    ...indexKeys.apiKeyList(key.tenantId, key.id),
    ...key,
    ...(lastUsedAt !== null ? { lastUsedAt } : {}),
    ...(expiresAt !== null ? { [TABLE_KEYS.ttl]: Date.parse(expiresAt) / 1000 } : {}),
  };
}

function apiKeyRecord(item: Item): ApiKeyRecord {
  const { pk, lastUsedAt, [TABLE_KEYS.ttl]: expiresAt, ...key } = apiKeyItemSchema.parse(item);
  return {
    ...key,
    hash: pk.slice("APIKEY#".length),
    lastUsedAt: lastUsedAt ?? null,
    expiresAt: expiresAt !== undefined ? new Date(expiresAt * 1000).toISOString() : null,
  };
}

/** A key item this pixpipe can read; null for one of an older shape (it is refused as unknown). */
const readableApiKey = (item: Item | undefined): ApiKeyRecord | null =>
  item && apiKeyItemSchema.safeParse(item).success ? apiKeyRecord(item) : null;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Tenants and API keys in the pixpipe table (TENANT# and APIKEY# items, listed through byTenant). */
export class DynamoTenantRepository implements TenantRepository {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createTenant(input: NewTenantInput, now = new Date()): Promise<Tenant> {
    const tenant = newTenant(input, now);
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: tenantItem(tenant, 1),
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new TenantExistsError(tenant.id);
      throw error;
    }
    return tenant;
  }

  async ensureTenant(input: { id: string; name: string }, now = new Date()): Promise<Tenant> {
    // Whatever the item lacks is taken from a new tenant: a missing one is created whole.
    const fresh = tenantItem(newTenant(input, now), 1);
    const names = Object.keys(fresh).filter((name) => name !== "pk" && name !== "sk");
    const { Attributes } = await this.dynamo.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: itemKeys.tenant(input.id),
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = if_not_exists(#a${i}, :a${i})`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:a${i}`, fresh[name]])),
        ReturnValues: "ALL_NEW",
      }),
    );
    return tenantSchema.parse(Attributes);
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const item = await this.getItem(itemKeys.tenant(id));
    return item ? tenantSchema.parse(item) : null;
  }

  async listTenants(page: { limit: number; cursor?: string | null }): Promise<TenantPage> {
    assertTenantPageLimit(page.limit);
    const after = page.cursor ? decodeTenantCursor(page.cursor) : undefined;
    const { partitionKey, sortKey } = GSI.byTenant;
    // One more than asked: whether it comes back tells if there is a next page.
    const { Items = [] } = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byTenant.name,
        KeyConditionExpression: `#pk = :pk${after === undefined ? "" : " AND #sk > :after"}`,
        ExpressionAttributeNames: { "#pk": partitionKey, ...(after === undefined ? {} : { "#sk": sortKey }) },
        ExpressionAttributeValues: {
          ":pk": indexKeys.tenantList("")[partitionKey],
          ...(after === undefined ? {} : { ":after": after }),
        },
        Limit: page.limit + 1,
      }),
    );
    const tenants = Items.slice(0, page.limit).map((item) => tenantSchema.parse(item));
    const more = Items.length > page.limit;
    return { tenants, nextCursor: more ? encodeTenantCursor(tenants.at(-1)!.id) : null };
  }

  updateTenant(id: string, patch: TenantPatch, now = new Date()): Promise<Tenant | null> {
    return this.rewriteTenant(id, (tenant) => applyTenantPatch(tenant, patch, now));
  }

  rotateWebhookSecret(
    id: string,
    options: { overlapSeconds: number },
    now = new Date(),
  ): Promise<Tenant | null> {
    return this.rewriteTenant(id, (tenant) => ({
      ...tenant,
      webhookSecrets: rotateWebhookSecrets(tenant.webhookSecrets, now, options.overlapSeconds),
      updatedAt: now.toISOString(),
    }));
  }

  async createApiKey(tenantId: string, input: NewApiKeyInput, now = new Date()): Promise<IssuedApiKey> {
    const { record, issued } = newApiKey(tenantId, generateApiKey(tenantId), input, now);
    const tenantExists = {
      ConditionCheck: {
        TableName: this.tableName,
        Key: itemKeys.tenant(tenantId),
        ConditionExpression: "attribute_exists(pk)",
      },
    };
    if (!(await this.putNewKey(tenantExists, record))) throw new TenantNotFoundError(tenantId);
    return issued;
  }

  async ensureApiKey(
    tenantId: string,
    plaintextKey: string,
    options: { scopes: readonly ApiKeyScope[]; label?: string },
  ): Promise<void> {
    assertChosenApiKey(tenantId, plaintextKey);
    const now = new Date();
    await this.ensureTenant({ id: tenantId, name: tenantId }, now);
    const key = itemKeys.apiKey(hashApiKey(plaintextKey));
    const found = await this.getItem(key);
    if (found && found.tenantId !== tenantId) throw new ApiKeyConflictError();
    // An item of an older pixpipe (no id or scopes: the local dev key kept under .pixpipe/) is
    // replaced by a whole new record.
    const existing = readableApiKey(found);
    const record = ensuredApiKey(existing, tenantId, plaintextKey, options, now);
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.tableName,
          Item: apiKeyItem(record),
          ConditionExpression:
            "attribute_not_exists(pk) OR (tenantId = :tenantId AND (id = :id OR attribute_not_exists(id)))",
          ExpressionAttributeValues: { ":tenantId": tenantId, ":id": record.id },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // A concurrent ensure wrote it first: fine for the same tenant, a conflict for another.
      const winner = await this.getItem(key);
      if (winner?.tenantId !== tenantId) throw new ApiKeyConflictError();
    }
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    const keys: ApiKey[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI.byTenant.name,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": GSI.byTenant.partitionKey },
          ExpressionAttributeValues: { ":pk": indexKeys.apiKeyList(tenantId, "")[GSI.byTenant.partitionKey] },
          ExclusiveStartKey,
        }),
      );
      keys.push(...(page.Items ?? []).map((item) => toApiKey(apiKeyRecord(item))));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return keys;
  }

  async revokeApiKey(tenantId: string, keyId: string): Promise<boolean> {
    const key = await this.findApiKey(tenantId, keyId);
    if (!key) return false;
    try {
      await this.dynamo.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: itemKeys.apiKey(key.hash),
          ConditionExpression: "id = :id",
          ExpressionAttributeValues: { ":id": keyId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async rotateApiKey(
    tenantId: string,
    keyId: string,
    options: { overlapSeconds: number },
    now = new Date(),
  ): Promise<{ issued: IssuedApiKey; previous: ApiKey } | null> {
    const old = await this.findApiKey(tenantId, keyId);
    if (!old) return null;
    const { record, issued, previous } = planKeyRotation(
      old,
      generateApiKey(tenantId),
      options.overlapSeconds,
      now,
    );
    const oldKeyExpires = {
      Update: {
        TableName: this.tableName,
        Key: itemKeys.apiKey(old.hash),
        UpdateExpression: "SET #expiresAt = :expiresAt",
        ConditionExpression: "id = :id",
        ExpressionAttributeNames: { "#expiresAt": TABLE_KEYS.ttl },
        ExpressionAttributeValues: { ":expiresAt": apiKeyItem(previous)[TABLE_KEYS.ttl], ":id": keyId },
      },
    };
    // False: the old key was revoked meanwhile.
    if (!(await this.putNewKey(oldKeyExpires, record))) return null;
    return { issued, previous: toApiKey(previous) };
  }

  async authenticate(plaintextKey: string, now = new Date()): Promise<ApiKeyCheck> {
    if (!isPlausibleApiKey(plaintextKey)) return { ok: false, reason: "invalid" };
    const keyOfKey = itemKeys.apiKey(hashApiKey(plaintextKey));
    const namedTenant = tenantOfApiKey(plaintextKey);
    if (namedTenant !== undefined) {
      // The key names its tenant: both items in one round trip.
      const items = await this.batchGet([keyOfKey, itemKeys.tenant(namedTenant)]);
      const found = items.find((item) => item.pk === keyOfKey.pk);
      const tenant = items.find((item) => item.pk !== keyOfKey.pk);
      return checkApiKey(readableApiKey(found), tenant ? tenantSchema.parse(tenant) : null, now);
    }
    // A key an operator chose: its item says whose it is, then the tenant is read.
    const record = readableApiKey(await this.getItem(keyOfKey));
    if (!record) return { ok: false, reason: "invalid" };
    return checkApiKey(record, await this.getTenant(record.tenantId), now);
  }

  async recordApiKeyUse(plaintextKey: string, now = new Date()): Promise<void> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: itemKeys.apiKey(hashApiKey(plaintextKey)),
          UpdateExpression: "SET lastUsedAt = :now",
          // At most one write a minute per key, whichever process wins.
          ConditionExpression:
            "attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt <= :staleBefore)",
          ExpressionAttributeValues: { ":now": now.toISOString(), ":staleBefore": staleBefore(now) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Puts a new key in one transaction with `guard`; false when the guard's condition failed. */
  private async putNewKey(guard: TransactItem, record: ApiKeyRecord): Promise<boolean> {
    const put = {
      Put: {
        TableName: this.tableName,
        Item: apiKeyItem(record),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: [guard, put] }));
      return true;
    } catch (error) {
      const guardFailed =
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed";
      if (guardFailed) return false;
      throw error;
    }
  }

  private async getItem(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const { Item } = await this.dynamo.send(
      // Strongly consistent: a key issued or revoked a moment ago counts at once.
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private async batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Item[] = keys;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > BATCH_GET_ATTEMPTS) throw new Error("DynamoDB left keys unprocessed after retries");
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const { Responses, UnprocessedKeys } = await this.dynamo.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      items.push(...(Responses?.[this.tableName] ?? []));
      pending = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }

  /**
   * A key by id: its index entry (eventually consistent) says where it is, the item itself is then
   * read strongly consistent.
   */
  private async findApiKey(tenantId: string, keyId: string): Promise<ApiKeyRecord | null> {
    const { partitionKey, sortKey } = GSI.byTenant;
    const entry = indexKeys.apiKeyList(tenantId, keyId);
    const { Items = [] } = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI.byTenant.name,
        KeyConditionExpression: "#pk = :pk AND #sk = :sk",
        ExpressionAttributeNames: { "#pk": partitionKey, "#sk": sortKey },
        ExpressionAttributeValues: { ":pk": entry[partitionKey], ":sk": entry[sortKey] },
      }),
    );
    const hash = Items[0] ? apiKeyRecord(Items[0]).hash : undefined;
    const item = hash ? await this.getItem(itemKeys.apiKey(hash)) : undefined;
    return item ? apiKeyRecord(item) : null;
  }

  /** Read, change, write back if nobody wrote in between (the item's version); retried a few times. */
  private async rewriteTenant(id: string, change: (tenant: Tenant) => Tenant): Promise<Tenant | null> {
    for (let attempt = 0; attempt < TENANT_WRITE_ATTEMPTS; attempt++) {
      const item = await this.getItem(itemKeys.tenant(id));
      if (!item) return null;
      const { version } = versionSchema.parse(item);
      const changed = change(tenantSchema.parse(item));
      try {
        await this.dynamo.send(
          new PutCommand({
            TableName: this.tableName,
            Item: tenantItem(changed, version + 1),
            ConditionExpression: "version = :version",
            ExpressionAttributeValues: { ":version": version },
          }),
        );
        return changed;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new TenantWriteConflictError(id);
  }
}
