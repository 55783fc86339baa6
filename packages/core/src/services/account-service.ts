import type { PixverseApi } from "../pipeline";
import type { Balance } from "../pixverse";

/** The PixVerse account behind pixpipe (admin only at the API). */
export class AccountService {
  constructor(private readonly deps: { pixverse: Pick<PixverseApi, "getBalance"> }) {}

  balance(): Promise<Balance> {
    return this.deps.pixverse.getBalance();
  }
}
