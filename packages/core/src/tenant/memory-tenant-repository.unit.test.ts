import { describeTenantRepositoryContract } from "../test-support/tenant-repository-contract";
import { InMemoryTenantRepository } from "./memory-tenant-repository";

describeTenantRepositoryContract("in memory", async () => new InMemoryTenantRepository());
