import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ApiKeyConflictError,
  ApiKeyExpiredError,
  generateApiKey,
  InvalidTenantCursorError,
  signingSecrets,
  TenantExistsError,
  TenantNotFoundError,
  type TenantRepository,
} from "../tenant";

const T0 = new Date("2026-03-01T12:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const uniqueId = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

/**
 * What every TenantRepository does, run against each adapter so they cannot drift. `fresh` gives an
 * empty repository (a new table for DynamoDB): most tests share one, listing all tenants needs its own.
 */
export function describeTenantRepositoryContract(name: string, fresh: () => Promise<TenantRepository>): void {
  describe(`TenantRepository contract: ${name}`, () => {
    let tenants: TenantRepository;
    beforeAll(async () => {
      tenants = await fresh();
    });

    describe("tenants", () => {
      it("are created active with a ten_ id, no limits and a webhook secret, and read back", async () => {
        const tenant = await tenants.createTenant({ name: "Acme" }, T0);
        expect(tenant).toEqual({
          id: expect.stringMatching(/^ten_[0-9A-Z]{26}$/),
          name: "Acme",
          status: "active",
          limits: {},
          createdAt: T0.toISOString(),
          updatedAt: T0.toISOString(),
          webhookSecrets: {
            current: { secret: expect.stringMatching(/^whsec_/), createdAt: T0.toISOString() },
          },
        });
        expect(await tenants.getTenant(tenant.id)).toEqual(tenant);
        expect(await tenants.getTenant("ten_missing")).toBeNull();
      });

      it("take a chosen id and limits, and refuse a taken id", async () => {
        const id = uniqueId("acme");
        const limits = { maxInFlight: 2, creditsPerDay: 500 };
        expect(await tenants.createTenant({ id, name: "Acme", limits }, T0)).toMatchObject({ id, limits });
        await expect(tenants.createTenant({ id, name: "Again" }, T0)).rejects.toBeInstanceOf(
          TenantExistsError,
        );
        expect((await tenants.getTenant(id))?.name).toBe("Acme");
      });

      it("are ensured idempotently, keeping the first name, time and secret", async () => {
        const first = await tenants.ensureTenant({ id: uniqueId("local"), name: "Local development" }, T0);
        expect(first).toMatchObject({ name: "Local development", status: "active", limits: {} });
        const again = await tenants.ensureTenant({ id: first.id, name: "Renamed" }, at(60));
        expect(again).toEqual(first);
      });

      it("are patched as JSON Merge Patch: absent fields stay, null removes a limit", async () => {
        const { id } = await tenants.createTenant(
          { name: "Patch", limits: { maxInFlight: 3, creditsPerDay: 9 } },
          T0,
        );
        const renamed = await tenants.updateTenant(
          id,
          { name: "Patched", limits: { creditsPerDay: null } },
          at(5),
        );
        expect(renamed).toMatchObject({ name: "Patched", status: "active", limits: { maxInFlight: 3 } });
        expect(renamed?.limits).not.toHaveProperty("creditsPerDay");
        expect(renamed?.updatedAt).toBe(at(5).toISOString());
        const disabled = await tenants.updateTenant(
          id,
          { status: "disabled", limits: { creditsPerMonth: 100 } },
          at(6),
        );
        expect(disabled).toMatchObject({
          name: "Patched",
          status: "disabled",
          limits: { maxInFlight: 3, creditsPerMonth: 100 },
        });
        expect(await tenants.getTenant(id)).toEqual(disabled);
        expect(await tenants.updateTenant("ten_missing", { name: "x" })).toBeNull();
      });

      it("apply concurrent patches of different fields without losing one", async () => {
        const { id } = await tenants.createTenant({ name: "Race" }, T0);
        await Promise.all([
          tenants.updateTenant(id, { limits: { maxInFlight: 1 } }, at(1)),
          tenants.updateTenant(id, { limits: { creditsPerDay: 2 } }, at(1)),
          tenants.updateTenant(id, { name: "Raced" }, at(1)),
        ]);
        expect(await tenants.getTenant(id)).toMatchObject({
          name: "Raced",
          limits: { maxInFlight: 1, creditsPerDay: 2 },
        });
      });

      it("refuse a patch that breaks the limits' rules, and change nothing", async () => {
        const { id } = await tenants.createTenant({ name: "Strict", limits: { maxInFlight: 1 } }, T0);
        await expect(tenants.updateTenant(id, { limits: { maxInFlight: 0 } })).rejects.toThrow();
        expect((await tenants.getTenant(id))?.limits).toEqual({ maxInFlight: 1 });
      });

      it("are listed by id, a page at a time, and refuse a forged cursor", async () => {
        const own = await fresh();
        const ids = ["t-a", "t-b", "t-c", "t-d", "t-e"];
        for (const id of [...ids].reverse()) await own.createTenant({ id, name: id }, T0);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await own.listTenants({ limit: 2, cursor });
          expect(page.tenants.length).toBeLessThanOrEqual(2);
          seen.push(...page.tenants.map((tenant) => tenant.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(ids);
        const all = await own.listTenants({ limit: 5 });
        expect(all.nextCursor).toBeNull();
        expect(all.tenants[0]).toEqual(await own.getTenant("t-a"));
        await expect(own.listTenants({ limit: 2, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(
          InvalidTenantCursorError,
        );
      });
    });

    describe("webhook signing secrets", () => {
      it("rotate with an overlap in which both sign, then only the new one", async () => {
        const tenant = await tenants.createTenant({ name: "Hooks" }, T0);
        const old = tenant.webhookSecrets.current.secret;
        const rotated = await tenants.rotateWebhookSecret(tenant.id, { overlapSeconds: 3600 }, at(10));
        const secret = rotated?.webhookSecrets.current.secret;
        expect(secret).toMatch(/^whsec_/);
        expect(secret).not.toBe(old);
        expect(rotated?.webhookSecrets.previous).toEqual({ secret: old, expiresAt: at(3610).toISOString() });
        expect(await tenants.getTenant(tenant.id)).toEqual(rotated);
        expect(signingSecrets(rotated!, at(3609))).toEqual([secret, old]);
        expect(signingSecrets(rotated!, at(3610))).toEqual([secret]);
      });

      it("rotate without overlap, and not for an unknown tenant", async () => {
        const tenant = await tenants.createTenant({ name: "Now" }, T0);
        const rotated = await tenants.rotateWebhookSecret(tenant.id, { overlapSeconds: 0 }, at(1));
        expect(rotated?.webhookSecrets.previous).toBeUndefined();
        expect(signingSecrets(rotated!, at(1))).toEqual([rotated?.webhookSecrets.current.secret]);
        expect(await tenants.rotateWebhookSecret("ten_missing", { overlapSeconds: 0 })).toBeNull();
      });
    });

    describe("API keys", () => {
      it("are issued as pp_live_ secrets naming their tenant, listed without the secret", async () => {
        const tenant = await tenants.createTenant({ name: "Keys" }, T0);
        const issued = await tenants.createApiKey(tenant.id, { label: "ci", scopes: ["jobs:write"] }, T0);
        expect(issued).toEqual({
          id: expect.stringMatching(/^key_[0-9A-Z]{26}$/),
          tenantId: tenant.id,
          prefix: issued.secret.slice(0, 14),
          label: "ci",
          scopes: ["jobs:write", "jobs:read"],
          createdAt: T0.toISOString(),
          lastUsedAt: null,
          expiresAt: null,
          secret: expect.stringMatching(new RegExp(`^pp_live_[A-Za-z0-9_-]{43}\\.${tenant.id}$`)),
        });
        const { secret: _secret, ...listed } = issued;
        const second = await tenants.createApiKey(tenant.id, { label: "admin", scopes: ["admin"] }, at(1));
        expect(await tenants.listApiKeys(tenant.id)).toEqual([
          listed,
          expect.objectContaining({ id: second.id }),
        ]);
        expect(JSON.stringify(await tenants.listApiKeys(tenant.id))).not.toContain(issued.secret);
        expect(await tenants.listApiKeys("ten_nobody")).toEqual([]);
      });

      it("authenticate as their tenant with their scopes, and the tenant's limits as read with them", async () => {
        const tenant = await tenants.createTenant({ name: "Auth", limits: { maxInFlight: 3 } }, T0);
        const reader = await tenants.createApiKey(tenant.id, { label: "r", scopes: ["jobs:read"] }, T0);
        expect(await tenants.authenticate(reader.secret, at(1))).toEqual({
          ok: true,
          key: expect.objectContaining({ id: reader.id, tenantId: tenant.id, scopes: ["jobs:read"] }),
          limits: { maxInFlight: 3 },
        });
      });

      it("refuse unknown, altered, re-addressed, empty and oversized keys", async () => {
        const tenant = await tenants.createTenant({ name: "Refusals" }, T0);
        const other = await tenants.createTenant({ name: "Other" }, T0);
        const { secret } = await tenants.createApiKey(tenant.id, { label: "k", scopes: ["admin"] }, T0);
        const refused = { ok: false, reason: "invalid" };
        expect(await tenants.authenticate(generateApiKey(tenant.id), T0)).toEqual(refused);
        const altered = `${secret.slice(0, 10)}${secret[10] === "A" ? "B" : "A"}${secret.slice(11)}`;
        expect(await tenants.authenticate(altered, T0)).toEqual(refused);
        expect(await tenants.authenticate(secret.replace(tenant.id, other.id), T0)).toEqual(refused);
        expect(await tenants.authenticate("", T0)).toEqual(refused);
        expect(await tenants.authenticate(secret.repeat(10), T0)).toEqual(refused);
      });

      it("are refused at once when revoked, and only once revoked", async () => {
        const tenant = await tenants.createTenant({ name: "Revoke" }, T0);
        const kept = await tenants.createApiKey(tenant.id, { label: "kept", scopes: ["jobs:read"] }, T0);
        const gone = await tenants.createApiKey(tenant.id, { label: "gone", scopes: ["jobs:read"] }, T0);
        expect(await tenants.revokeApiKey(tenant.id, gone.id)).toBe(true);
        expect(await tenants.authenticate(gone.secret, T0)).toEqual({ ok: false, reason: "invalid" });
        expect((await tenants.authenticate(kept.secret, T0)).ok).toBe(true);
        expect((await tenants.listApiKeys(tenant.id)).map((key) => key.id)).toEqual([kept.id]);
        expect(await tenants.revokeApiKey(tenant.id, gone.id)).toBe(false);
        const other = await tenants.createTenant({ name: "Not yours" }, T0);
        expect(await tenants.revokeApiKey(other.id, kept.id)).toBe(false);
        expect((await tenants.authenticate(kept.secret, T0)).ok).toBe(true);
      });

      it("expire at their expiry", async () => {
        const tenant = await tenants.createTenant({ name: "Expiry" }, T0);
        const key = await tenants.createApiKey(
          tenant.id,
          { label: "temp", scopes: ["jobs:read"], expiresAt: at(60.5) },
          T0,
        );
        expect(key.expiresAt).toBe(at(60).toISOString());
        expect((await tenants.authenticate(key.secret, at(59))).ok).toBe(true);
        expect(await tenants.authenticate(key.secret, at(60))).toEqual({ ok: false, reason: "expired" });
      });

      it("rotate: the old secret works until the chosen expiry, the new one from now on", async () => {
        const tenant = await tenants.createTenant({ name: "Rotate" }, T0);
        const old = await tenants.createApiKey(tenant.id, { label: "server", scopes: ["jobs:write"] }, T0);
        const rotated = await tenants.rotateApiKey(tenant.id, old.id, { overlapSeconds: 3600 }, at(10));
        expect(rotated?.previous).toMatchObject({ id: old.id, expiresAt: at(3610).toISOString() });
        expect(rotated?.issued).toMatchObject({
          label: "server",
          scopes: ["jobs:write", "jobs:read"],
          expiresAt: null,
        });
        expect(rotated?.issued.id).not.toBe(old.id);
        const newSecret = rotated!.issued.secret;
        expect((await tenants.authenticate(old.secret, at(3609))).ok).toBe(true);
        expect(await tenants.authenticate(old.secret, at(3610))).toEqual({ ok: false, reason: "expired" });
        expect((await tenants.authenticate(newSecret, at(99_999))).ok).toBe(true);
        expect(await tenants.listApiKeys(tenant.id)).toEqual([
          expect.objectContaining({ id: old.id, expiresAt: at(3610).toISOString() }),
          expect.objectContaining({ id: rotated?.issued.id, expiresAt: null }),
        ]);
      });

      it("rotate without extending a key's life, never an expired key, nor an unknown one", async () => {
        const tenant = await tenants.createTenant({ name: "Rotate limits" }, T0);
        const key = await tenants.createApiKey(
          tenant.id,
          { label: "k", scopes: ["jobs:read"], expiresAt: at(100) },
          T0,
        );
        const rotated = await tenants.rotateApiKey(tenant.id, key.id, { overlapSeconds: 86_400 }, at(10));
        expect(rotated?.previous.expiresAt).toBe(at(100).toISOString());
        await expect(
          tenants.rotateApiKey(tenant.id, key.id, { overlapSeconds: 60 }, at(100)),
        ).rejects.toBeInstanceOf(ApiKeyExpiredError);
        expect(
          await tenants.rotateApiKey(tenant.id, "key_01J9Z3Q4N8X0C2M7V5B6K1D3EF", { overlapSeconds: 0 }),
        ).toBeNull();
      });

      it("are refused as tenant_disabled while their tenant is disabled", async () => {
        const tenant = await tenants.createTenant({ name: "Disabled" }, T0);
        const { secret } = await tenants.createApiKey(tenant.id, { label: "k", scopes: ["admin"] }, T0);
        await tenants.updateTenant(tenant.id, { status: "disabled" }, T0);
        expect(await tenants.authenticate(secret, T0)).toEqual({ ok: false, reason: "tenant_disabled" });
        await tenants.updateTenant(tenant.id, { status: "active" }, T0);
        expect((await tenants.authenticate(secret, T0)).ok).toBe(true);
      });

      it("record their last use at most once a minute", async () => {
        const tenant = await tenants.createTenant({ name: "Used" }, T0);
        const { id, secret } = await tenants.createApiKey(
          tenant.id,
          { label: "k", scopes: ["jobs:read"] },
          T0,
        );
        const lastUsed = async () =>
          (await tenants.listApiKeys(tenant.id)).find((key) => key.id === id)?.lastUsedAt;
        await tenants.recordApiKeyUse(secret, at(1));
        expect(await lastUsed()).toBe(at(1).toISOString());
        await tenants.recordApiKeyUse(secret, at(59));
        expect(await lastUsed()).toBe(at(1).toISOString());
        await tenants.recordApiKeyUse(secret, at(61));
        expect(await lastUsed()).toBe(at(61).toISOString());
        const check = await tenants.authenticate(secret, at(62));
        expect(check.ok && check.key.lastUsedAt).toBe(at(61).toISOString());
        await tenants.recordApiKeyUse(generateApiKey(tenant.id), at(120)); // unknown: nothing to record
      });

      it("cannot be issued for a tenant that does not exist", async () => {
        await expect(
          tenants.createApiKey("ten_nobody", { label: "k", scopes: ["jobs:read"] }),
        ).rejects.toBeInstanceOf(TenantNotFoundError);
      });

      it("can be ensured from a configured plaintext, idempotently, tenant included", async () => {
        const tenantId = uniqueId("dev");
        await tenants.ensureApiKey(tenantId, "dev-key-from-env", { scopes: ["admin", "jobs:write"] });
        await tenants.ensureApiKey(tenantId, "dev-key-from-env", { scopes: ["admin", "jobs:write"] });
        const check = await tenants.authenticate("dev-key-from-env");
        expect(check).toEqual({
          ok: true,
          limits: {},
          key: expect.objectContaining({
            tenantId,
            scopes: ["admin", "jobs:write", "jobs:read"],
            label: "configured key",
            prefix: "dev-",
          }),
        });
        expect(await tenants.getTenant(tenantId)).toMatchObject({ id: tenantId, status: "active" });
        const keys = await tenants.listApiKeys(tenantId);
        expect(keys).toHaveLength(1);

        await tenants.ensureApiKey(tenantId, "dev-key-from-env", { scopes: ["jobs:read"], label: "dev" });
        expect(await tenants.listApiKeys(tenantId)).toEqual([
          { ...keys[0], scopes: ["jobs:read"], label: "dev" },
        ]);
      });

      it("are never moved to another tenant by ensureApiKey", async () => {
        const owner = uniqueId("owner");
        await tenants.ensureApiKey(owner, "shared-secret-key-1", { scopes: ["jobs:read"] });
        await expect(
          tenants.ensureApiKey(uniqueId("intruder"), "shared-secret-key-1", { scopes: ["admin"] }),
        ).rejects.toBeInstanceOf(ApiKeyConflictError);
        const check = await tenants.authenticate("shared-secret-key-1");
        expect(check.ok && check.key).toMatchObject({ tenantId: owner, scopes: ["jobs:read"] });
        await expect(
          tenants.ensureApiKey(owner, generateApiKey("someone-else"), { scopes: ["admin"] }),
        ).rejects.toThrow(RangeError);
      });
    });
  });
}
