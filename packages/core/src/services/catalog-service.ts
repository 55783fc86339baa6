import type { Clock, PixverseApi } from "../pipeline";

export type CatalogKind = "templates" | "restyles" | "voices";

export interface CatalogQuery {
  /** PixVerse's template type: 1 video templates (effect jobs), 2 image templates. */
  type?: 1 | 2;
  page?: number;
  pageSize?: number;
}

export interface CatalogServiceDeps {
  pixverse: Pick<PixverseApi, "listTemplates" | "listRestyles" | "listTtsSpeakers">;
  clock: Clock;
  ttlMs?: number;
}

/** PixVerse's catalogues (effect templates, restyle presets, lip-sync voices), cached briefly. */
export class CatalogService {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(private readonly deps: CatalogServiceDeps) {}

  /** They change rarely; each Lambda instance keeps them for a few minutes. */
  catalog(kind: CatalogKind, query: CatalogQuery = {}): Promise<unknown> {
    const now = this.deps.clock.now().getTime();
    const cacheKey = `${kind}:${JSON.stringify(query)}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expires > now) return cached.value;
    const { pixverse } = this.deps;
    const value =
      kind === "templates"
        ? pixverse.listTemplates(query)
        : kind === "restyles"
          ? pixverse.listRestyles(query)
          : pixverse.listTtsSpeakers(query);
    this.cache.set(cacheKey, { expires: now + (this.deps.ttlMs ?? 5 * 60_000), value });
    value.catch(() => this.cache.delete(cacheKey));
    return value;
  }
}
