import type { Clock, PixverseApi } from "../pipeline";
import type { SpeakerType } from "../pixverse";

export type CatalogKind = "templates" | "restyles" | "voices";

export interface CatalogQuery {
  /** PixVerse's template type: 1 video templates (effect jobs), 2 image templates. */
  type?: 1 | 2;
  /** Voices only: PixVerse's own voices, the account's custom voices, or both (PixVerse's default). */
  speakerType?: SpeakerType;
  page?: number;
  pageSize?: number;
}

export interface CatalogServiceDeps {
  pixverse: Pick<PixverseApi, "listTemplates" | "listRestyles" | "listTtsSpeakers">;
  clock: Clock;
  ttlMs?: number;
}

/** The ids one catalogue knows, as read in full. */
type KnownIds = Promise<ReadonlySet<string>>;

/** Pages read when a catalogue is read in full to check an id (PixVerse's largest page is 100). */
const ID_PAGES = 20;
const ID_PAGE_SIZE = 100;

/** PixVerse's catalogues (effect templates, restyle presets, lip-sync voices), cached briefly. */
export class CatalogService {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();
  private readonly known = new Map<CatalogKind, { expires: number; ids: KnownIds }>();

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

  /**
   * Whether PixVerse's catalogue knows an id, from the cached list; on a miss the list is read again
   * once, so a new id is never refused for a stale cache. Undefined when PixVerse cannot say now (the
   * caller lets the job through: PixVerse's own refusal then fails it).
   */
  async knows(kind: CatalogKind, id: string): Promise<boolean | undefined> {
    try {
      if ((await this.ids(kind, false)).has(id)) return true;
      return (await this.ids(kind, true)).has(id);
    } catch {
      return undefined;
    }
  }

  private ids(kind: CatalogKind, fresh: boolean): KnownIds {
    const now = this.deps.clock.now().getTime();
    const cached = this.known.get(kind);
    if (cached && !fresh && cached.expires > now) return cached.ids;
    const ids = this.readIds(kind);
    this.known.set(kind, { expires: now + (this.deps.ttlMs ?? 5 * 60_000), ids });
    ids.catch(() => this.known.delete(kind));
    return ids;
  }

  private async readIds(kind: CatalogKind): Promise<ReadonlySet<string>> {
    const lists: ((page: number) => Promise<string[]>)[] =
      kind === "templates"
        ? // Video templates (effect jobs) and image templates (image_template jobs) are two lists.
          ([1, 2] as const).map(
            (type) => async (page) =>
              (await this.deps.pixverse.listTemplates({ page, pageSize: ID_PAGE_SIZE, type })).templates.map(
                (t) => t.templateId,
              ),
          )
        : kind === "restyles"
          ? [
              async (page) =>
                (await this.deps.pixverse.listRestyles({ page, pageSize: ID_PAGE_SIZE })).restyles.map(
                  (r) => r.restyleId,
                ),
            ]
          : [
              async (page) =>
                (await this.deps.pixverse.listTtsSpeakers({ page, pageSize: ID_PAGE_SIZE })).speakers.map(
                  (s) => s.speakerId,
                ),
            ];
    const ids = new Set<string>();
    for (const list of lists) {
      for (let page = 1; page <= ID_PAGES; page++) {
        const found = await list(page);
        for (const id of found) ids.add(String(id));
        if (found.length < ID_PAGE_SIZE) break;
      }
    }
    return ids;
  }
}
