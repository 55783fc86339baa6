import type { CompanionItem, HeldSlots } from "../job";
import { type ItemKey, itemKeys } from "../table";

// Generation slots as plain rules (invariant 6): what is held, which slot a job may take, and the
// companion writes that take and give back a job's slots with its own write.

/** How many generations may be in flight: pixpipe-wide, and for the tenant when it has a limit. */
export interface SlotLimits {
  global: number;
  tenant?: number;
}

/** Who holds which slot, and which tenants may have jobs waiting, as one read of the SLOTS partition shows. */
export interface SlotBoard {
  global: ReadonlySet<number>;
  tenants: ReadonlyMap<string, ReadonlySet<number>>;
  /** Tenants whose waiting marker is present, with when it was last put (ISO-8601). */
  waiting: ReadonlyMap<string, string>;
}

/** What a job would wait for instead of a slot. */
export type SlotShortage = "capacity" | "tenant_limit";

const GLOBAL = /^global#(\d+)$/;
const TENANT = /^tenant#(.+)#(\d+)$/;
const WAITING = /^waiting#(.+)$/;

/** Reads the SLOTS partition's items into a board. */
export function readSlotBoard(items: readonly { key: ItemKey; item: Record<string, unknown> }[]): SlotBoard {
  const global = new Set<number>();
  const tenants = new Map<string, Set<number>>();
  const waiting = new Map<string, string>();
  for (const { key, item } of items) {
    const globalSlot = GLOBAL.exec(key.sk);
    const tenantSlot = TENANT.exec(key.sk);
    const marker = WAITING.exec(key.sk);
    if (globalSlot) global.add(Number(globalSlot[1]));
    else if (tenantSlot) {
      const held = tenants.get(tenantSlot[1]!) ?? new Set<number>();
      held.add(Number(tenantSlot[2]));
      tenants.set(tenantSlot[1]!, held);
    } else if (marker) waiting.set(marker[1]!, String(item.at ?? ""));
  }
  return { global, tenants, waiting };
}

export function emptySlotBoard(): SlotBoard {
  return { global: new Set(), tenants: new Map(), waiting: new Map() };
}

/** Generations in flight: pixpipe-wide, or for one tenant. */
export function slotsInUse(board: SlotBoard, tenantId?: string): number {
  return tenantId === undefined ? board.global.size : (board.tenants.get(tenantId)?.size ?? 0);
}

function freeIndexes(held: ReadonlySet<number> | undefined, limit: number): number[] {
  const free: number[] = [];
  for (let index = 0; index < limit; index++) if (!held?.has(index)) free.push(index);
  return free;
}

/**
 * The slots a job of `tenantId` may take, chosen at random among the free ones (so that concurrent
 * takers rarely collide), or what it has to wait for. The board may be stale: the conditional put of
 * the chosen items is what decides.
 */
export function chooseSlots(
  board: SlotBoard,
  tenantId: string,
  limits: SlotLimits,
  random: () => number = Math.random,
): HeldSlots | SlotShortage {
  const pick = (free: number[]) => free[Math.floor(random() * free.length)]!;
  const global = freeIndexes(board.global, limits.global);
  if (global.length === 0) return "capacity";
  // A tenant slot is taken even without a limit (out of the global count's range), so each tenant's
  // generations in flight are always counted exactly: by the limit and by the scheduler's fair order.
  const tenant = freeIndexes(board.tenants.get(tenantId), limits.tenant ?? limits.global);
  if (tenant.length === 0) return limits.tenant === undefined ? "capacity" : "tenant_limit";
  return { global: pick(global), tenant: pick(tenant) };
}

export function slotKeys(tenantId: string, slots: HeldSlots): ItemKey[] {
  return [
    itemKeys.globalSlot(slots.global),
    ...(slots.tenant === undefined ? [] : [itemKeys.tenantSlot(tenantId, slots.tenant)]),
  ];
}

/** The companion items that take a job's slots: each must be free (a conditional put). */
export function slotClaims(
  job: { id: string; tenantId: string },
  slots: HeldSlots,
  since: string,
): CompanionItem[] {
  return slotKeys(job.tenantId, slots).map((key) => ({ key, item: { jobId: job.id, since } }));
}

/** The board after a job took `slots` (so one round can hand out several without reading again). */
export function withTaken(board: SlotBoard, tenantId: string, slots: HeldSlots): SlotBoard {
  const global = new Set(board.global).add(slots.global);
  const tenants = new Map(board.tenants);
  if (slots.tenant !== undefined)
    tenants.set(tenantId, new Set(board.tenants.get(tenantId)).add(slots.tenant));
  return { ...board, global, tenants };
}
