import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiKeyConflictError, generateApiKey, TenantNotFoundError, type TenantRepository } from "../tenant";

/** What every TenantRepository does, run against each adapter so they cannot drift. */
export function describeTenantRepositoryContract(name: string, fresh: () => Promise<TenantRepository>): void {
  describe(`TenantRepository contract: ${name}`, () => {
    let tenants: TenantRepository;
    beforeAll(async () => {
      tenants = await fresh();
    });

    describe("tenants", () => {
      it("are created with a ten_ id and read back", async () => {
        const tenant = await tenants.createTenant({ name: "Acme" });
        expect(tenant.id).toMatch(/^ten_[0-9A-Z]{26}$/);
        expect(await tenants.getTenant(tenant.id)).toEqual(tenant);
        expect(await tenants.getTenant("ten_missing")).toBeNull();
      });

      it("are ensured idempotently, keeping the first name and creation time", async () => {
        const first = await tenants.ensureTenant({ id: `local-${randomUUID()}`, name: "Local development" });
        const again = await tenants.ensureTenant({ id: first.id, name: "Renamed" });
        expect(again).toEqual(first);
      });
    });

    describe("API keys", () => {
      it("are random pxp_ keys of 32 bytes", () => {
        const key = generateApiKey();
        expect(key).toMatch(/^pxp_[A-Za-z0-9_-]{43}$/);
        expect(generateApiKey()).not.toBe(key);
      });

      it("authenticate as their tenant with their admin flag", async () => {
        const tenant = await tenants.createTenant({ name: "Keys" });
        const plain = await tenants.createApiKey(tenant.id, { admin: false });
        const admin = await tenants.createApiKey(tenant.id, { admin: true });
        expect(await tenants.authenticate(plain.key)).toEqual({ tenantId: tenant.id, admin: false });
        expect(await tenants.authenticate(admin.key)).toEqual({ tenantId: tenant.id, admin: true });
      });

      it("refuse unknown, altered, empty and oversized keys", async () => {
        const tenant = await tenants.createTenant({ name: "Refusals" });
        const { key } = await tenants.createApiKey(tenant.id, { admin: true });
        expect(await tenants.authenticate(generateApiKey())).toBeNull();
        expect(await tenants.authenticate(`${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBeNull();
        expect(await tenants.authenticate("")).toBeNull();
        expect(await tenants.authenticate(key.repeat(10))).toBeNull();
      });

      it("cannot be issued for a tenant that does not exist", async () => {
        await expect(tenants.createApiKey("ten_nobody", { admin: false })).rejects.toBeInstanceOf(
          TenantNotFoundError,
        );
      });

      it("can be ensured from a configured plaintext, idempotently, tenant included", async () => {
        await tenants.ensureApiKey("dev", "dev-key-from-env", { admin: true });
        await tenants.ensureApiKey("dev", "dev-key-from-env", { admin: true });
        expect(await tenants.authenticate("dev-key-from-env")).toEqual({ tenantId: "dev", admin: true });
        expect(await tenants.getTenant("dev")).toMatchObject({ id: "dev" });

        await tenants.ensureApiKey("dev", "dev-key-from-env", { admin: false });
        expect(await tenants.authenticate("dev-key-from-env")).toEqual({ tenantId: "dev", admin: false });
      });

      it("are never moved to another tenant by ensureApiKey", async () => {
        await tenants.ensureApiKey("owner", "shared-secret-key", { admin: false });
        await expect(
          tenants.ensureApiKey("intruder", "shared-secret-key", { admin: true }),
        ).rejects.toBeInstanceOf(ApiKeyConflictError);
        expect(await tenants.authenticate("shared-secret-key")).toEqual({ tenantId: "owner", admin: false });
      });
    });
  });
}
